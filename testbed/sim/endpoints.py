"""The simulator's two feeds as the gateway sees them (`testbed.gateway.server.FeedEndpoint`).

The terminal feed (`/terminal`) carries equipment, position, fence and
device events and owns the layout and the corrections; the clearance feed
(`/clearance`) carries the customs decisions.  Both read the feed clock from
the simulation, so heartbeats and snapshots carry simulated time.

Corrections follow what a terminal accepts: only equipment events still in
the retained window, only the fields an officer can see to be wrong, and a
container number only when it passes ISO 6346.  On acceptance the corrected
event is appended as a new numbered event with `corrects` set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console.model import EquipmentEvent, replace
from console.protocol import iso6346
from console.protocol.messages import Correction
from testbed.gateway.feedlog import FeedLog
from testbed.sim.emission import equipment_body

if TYPE_CHECKING:
    from testbed.sim.traffic import TrafficModel

CORRECTION_SHAPE = "dcsa-2.2"  # the terminal's correction service writes T&T 2.2
CORRECTABLE: dict[str, str] = {
    "equipmentReference": "equipment_reference",
    "ISOEquipmentCode": "iso_code",
    "emptyIndicatorCode": "empty",
    "grossWeightKg": "gross_weight_kg",
    "tareWeightKg": "tare_weight_kg",
    "truckPlate": "truck_plate",
}


class SimFeed:
    """One feed of the simulator; `corrections` is `rules`, `accept` or `reject` (tests)."""

    def __init__(
        self,
        model: TrafficModel,
        log: FeedLog,
        *,
        heartbeat_s: float,
        layout: dict[str, Any] | None,
        layout_version: str | None,
    ) -> None:
        self.model = model
        self.log = log
        self.heartbeat_s = heartbeat_s
        self.layout_version = layout_version
        self._layout = layout
        self.corrections = "rules"
        self._replaced: dict[str, int] = {}

    def snapshot(self) -> dict[str, Any]:
        if self.log.role == "clearance":
            return self.model.clearance_snapshot()
        return self.model.terminal_snapshot()

    def layout(self) -> dict[str, Any] | None:
        return self._layout

    def now(self) -> str:
        return self.model.clock.stamp(self.model.now)

    def correct(self, c: Correction) -> dict[str, Any]:
        if self.log.role != "terminal":
            return _rejected("the clearance feed takes no corrections")
        if self.corrections == "reject":
            return _rejected("corrections are refused by the terminal (rehearsal)")
        envelope = self.log.event(c.event_id)
        if envelope is None:
            return _rejected(f"event {c.event_id} is unknown or no longer retained")
        if envelope["kind"] != "equipment":
            return _rejected(f"only equipment events can be corrected, not {envelope['kind']}")
        known = self.model.records.get(c.event_id)
        if known is None:
            return _rejected(f"event {c.event_id} has no record at the terminal")
        record = known[0]
        changes: dict[str, Any] = {}
        for key, value in c.changes.items():
            attr = CORRECTABLE.get(key)
            if attr is None:
                return _rejected(f"field {key!r} cannot be corrected")
            changes[attr] = value
        if self.corrections == "rules":
            problem = _check(changes)
            if problem is not None:
                return _rejected(problem)
        k = self._replaced.get(c.event_id, 0) + 1
        self._replaced[c.event_id] = k
        replacement_id = f"{c.event_id}#{k}"
        corrected = replace(record, event_id=replacement_id, shape=CORRECTION_SHAPE, **changes)
        self.model.records[replacement_id] = (corrected, CORRECTION_SHAPE)
        self.log.append(
            "equipment",
            equipment_body(corrected, CORRECTION_SHAPE),
            time=envelope["time"],
            source=envelope.get("source"),
            id=replacement_id,
            corrects=c.event_id,
        )
        return {"status": "accepted", "replacement_id": replacement_id}


def _check(changes: dict[str, Any]) -> str | None:
    ref = changes.get("equipment_reference")
    if ref is not None and (not isinstance(ref, str) or not iso6346.is_valid(ref)):
        return f"{ref!r} is not a valid ISO 6346 container number"
    empty = changes.get("empty")
    if empty is not None and empty not in ("EMPTY", "LADEN"):
        return "emptyIndicatorCode must be EMPTY or LADEN"
    iso = changes.get("iso_code")
    if iso is not None and (not isinstance(iso, str) or len(iso) != 4):
        return "ISOEquipmentCode must be a 4-character size-type"
    for key in ("gross_weight_kg", "tare_weight_kg"):
        w = changes.get(key)
        if w is not None and (
            isinstance(w, bool) or not isinstance(w, int | float) or not 0 < w < 60000
        ):
            return f"{key} must be a weight in kg"
    return None


def _rejected(reason: str) -> dict[str, Any]:
    return {"status": "rejected", "reason": reason}


def record_of(model: TrafficModel, event_id: str) -> EquipmentEvent | None:
    known = model.records.get(event_id)
    return known[0] if known else None
