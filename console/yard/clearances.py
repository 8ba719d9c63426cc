"""Clearance decisions per container, with their history.

Rules ask "what was the status at that moment", not "what is it now": the
gate-out rules judge the status in force when the gate-out was applied, also
when a correction makes them judge it again later.  Every decision is kept
with the console's application number, so that question is a bisection.

In the live yard (with a retention) the decisions about a container that is
not in the yard, and has had no decision for the retention's time, are let go
(`expire`), as a departed container is: a clearance feed announces decisions
about containers still at sea, and some never arrive at this terminal.
Decisions that came with the clearance feed's snapshot are not let go (the
next snapshot replaces them all, so they do not accumulate).  Should such a
container arrive after all, the yard reads its decisions back from the store
(`console.yard.recall`).
"""

from __future__ import annotations

import bisect
from collections.abc import Container
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
        # Containers not in the yard with decisions from events: ref -> feed time of the
        # latest, oldest first (so that `expire` looks only at the head).
        self._waiting: dict[str, float] = {}
        self.expired = 0  # records let go since start

    def record(self, apply_no: int, event_id: str | None, clearance: Clearance) -> None:
        rec = self.records.get(clearance.equipment_reference)
        if rec is None:
            rec = self.records[clearance.equipment_reference] = ClearanceRecord(
                clearance.equipment_reference
            )
        rec.history.append((apply_no, event_id, clearance))

    def waiting(self, ref: str, at: float) -> None:
        """A decision about `ref`, a container not in the yard, arrived at feed time `at`."""
        self._waiting.pop(ref, None)
        self._waiting[ref] = at

    def arrived(self, ref: str) -> None:
        """`ref` is in the yard now: its decisions stay as long as it does."""
        self._waiting.pop(ref, None)

    def expire(self, horizon: float, present: Container[str]) -> list[str]:
        """Let go of the decisions about containers not in the yard (not in `present`) whose
        latest decision is at or before feed time `horizon`; return their references."""
        gone: list[str] = []
        while self._waiting:
            ref, at = next(iter(self._waiting.items()))
            if at > horizon:
                break
            del self._waiting[ref]
            if ref not in present and self.records.pop(ref, None) is not None:
                gone.append(ref)
        self.expired += len(gone)
        return gone

    def forget(self, ref: str) -> None:
        self.records.pop(ref, None)
        self._waiting.pop(ref, None)

    def restore(self, ref: str, history: list[tuple[int, str | None, Clearance]]) -> None:
        """Put back a container's decisions read from the store (oldest first)."""
        if history:
            self.records[ref] = ClearanceRecord(ref, list(history))
        else:
            self.records.pop(ref, None)

    def current(self, ref: str) -> Clearance | None:
        rec = self.records.get(ref)
        return rec.current if rec is not None else None

    def at(self, ref: str, apply_no: int) -> Clearance | None:
        rec = self.records.get(ref)
        return rec.at(apply_no) if rec is not None else None

    def clear(self) -> None:
        self.records.clear()
        self._waiting.clear()
