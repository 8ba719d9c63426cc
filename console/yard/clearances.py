"""Clearance decisions per container, with their history.

Rules ask "what was the status at that moment", not "what is it now": the
gate-out rules judge the status in force when the gate-out was applied, also
when a correction makes them judge it again later.  Every decision is kept
with the console's application number, so that question is a bisection.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from console.model import Clearance, Snapshot


@dataclass(slots=True)
class ClearanceRecord:
    """Every decision about one container, oldest first: `(apply_no, event_id, clearance)`."""

    equipment_reference: str
    history: list[tuple[int, str | None, Clearance]] = field(default_factory=list)

    @property
    def current(self) -> Clearance:
        return self.history[-1][2]

    def at(self, apply_no: int) -> Clearance | None:
        """The decision in force just before application number `apply_no`."""
        i = bisect.bisect_left([h[0] for h in self.history], apply_no)
        return self.history[i - 1][2] if i > 0 else None


def is_clearance_snapshot(snap: Snapshot) -> bool:
    """A snapshot of the clearance feed: customs decisions only (no yard state)."""
    return not (snap.containers or snap.vehicles or snap.devices) and bool(snap.clearances)


class ClearanceBook:
    """Every container's clearance decisions.

    `snapshot_in` says whether the clearance feed's snapshot has arrived: before it, a
    container without a decision is not known to be off the manifest, only not yet known
    (the window shows it neutral, not as "not on manifest").
    """

    def __init__(self) -> None:
        self.records: dict[str, ClearanceRecord] = {}
        self.snapshot_in = False

    def record(self, apply_no: int, event_id: str | None, clearance: Clearance) -> None:
        rec = self.records.get(clearance.equipment_reference)
        if rec is None:
            rec = self.records[clearance.equipment_reference] = ClearanceRecord(
                clearance.equipment_reference
            )
        rec.history.append((apply_no, event_id, clearance))

    def current(self, ref: str) -> Clearance | None:
        rec = self.records.get(ref)
        return rec.current if rec is not None else None

    def at(self, ref: str, apply_no: int) -> Clearance | None:
        rec = self.records.get(ref)
        return rec.at(apply_no) if rec is not None else None

    def clear(self) -> None:
        self.records.clear()
