"""One container's life in the yard, folded from its history.

A container's current record is a pure fold of its snapshot base and its
`ACT` equipment events in the order they were applied.  That is what makes a
correction cheap and exact: the corrected event takes the original's place in
the history and the record is folded again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from console.model import ContainerState, EquipmentEvent, OcrReading, Position

STAGES = (
    "on_vessel", "discharged", "on_vehicle", "in_slot", "gated_in", "gated_out", "loaded",
)

# The stage an event type puts a container in; other types change no stage.
_STAGE_OF = {
    "DISC": "discharged", "PICK": "on_vehicle", "DROP": "in_slot",
    "GTIN": "gated_in", "GTOT": "gated_out", "LOAD": "loaded",
}


@dataclass(slots=True)
class ContainerRecord:
    """What the console knows about one container now.

    `seals` maps each seal source (`CUS`, `CAR`, ... or `?` when none was
    given) to its seal numbers; `disc_customs_seals` keeps the `CUS` seals seen
    at discharge, which the gate must find again.  `history` holds
    `(apply_no, event_id, event)` in application order; in the live yard only
    the latest events (`console.yard.retention`), the older ones folded into
    `floor`, the record as it stood after them.
    """

    equipment_reference: str
    stage: str = "on_vessel"
    position: Position | None = None
    iso_code: str | None = None
    empty: str | None = None
    gross_weight_kg: float | None = None
    tare_weight_kg: float | None = None
    seals: dict[str, frozenset[str]] = field(default_factory=dict)
    disc_customs_seals: frozenset[str] = frozenset()
    ocr: OcrReading | None = None
    last_event_id: str | None = None
    last_event_time: str | None = None
    discharged_at: str | None = None
    seen_in_yard: bool = False  # discharged, gated in or stored at any time
    base: ContainerState | None = None
    history: list[tuple[int, str, EquipmentEvent]] = field(default_factory=list)
    floor: ContainerRecord | None = None

    def all_seal_numbers(self) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for numbers in self.seals.values():
            out |= numbers
        return out

    def vehicle_id(self) -> str | None:
        p = self.position
        return p.vehicle_id if p is not None and p.kind == "vehicle" else None


def from_base(base: ContainerState) -> ContainerRecord:
    """A record as a snapshot states it: a slot position means it is stored in the yard."""
    rec = ContainerRecord(base.equipment_reference, base=base)
    _reset_to_base(rec)
    return rec


_FOLDED = (
    "stage", "position", "iso_code", "empty", "gross_weight_kg", "tare_weight_kg", "seals",
    "disc_customs_seals", "ocr", "last_event_id", "last_event_time", "discharged_at",
    "seen_in_yard",
)


def _reset_to_base(rec: ContainerRecord) -> None:
    if rec.floor is not None:
        for name in _FOLDED:
            setattr(rec, name, getattr(rec.floor, name))
        return
    base = rec.base
    rec.stage = "on_vessel"
    rec.position = None
    rec.iso_code = rec.empty = None
    rec.gross_weight_kg = rec.tare_weight_kg = None
    rec.seals = {}
    rec.disc_customs_seals = frozenset()
    rec.ocr = None
    rec.last_event_id = rec.last_event_time = rec.discharged_at = None
    rec.seen_in_yard = False
    if base is None:
        return
    rec.iso_code = base.iso_code
    rec.empty = base.empty
    rec.position = base.position
    rec.last_event_id = base.last_event_id
    kind = base.position.kind if base.position is not None else None
    rec.stage = {"slot": "in_slot", "vehicle": "on_vehicle", "lane": "gated_in",
                 "berth": "discharged"}.get(kind or "", "in_slot")
    rec.seen_in_yard = True


def fold_event(rec: ContainerRecord, ev: EquipmentEvent, event_id: str) -> None:
    """Apply one ACT equipment event to the record."""
    stage = _STAGE_OF.get(ev.event_type)
    if stage is not None:
        rec.stage = stage
    if ev.event_type in ("DISC", "GTIN", "DROP"):
        rec.seen_in_yard = True
    if ev.event_type == "DISC":
        rec.discharged_at = ev.event_time
    rec.position = _position_after(ev, rec.position)
    if ev.event_type == "PICK" or (ev.event_type == "DISC" and ev.vehicle_id):
        if rec.position is None or rec.position.kind != "vehicle":
            rec.position = Position("vehicle", vehicle_id=ev.vehicle_id)
        if ev.event_type == "DISC":
            rec.stage = "on_vehicle"
    if ev.iso_code:
        rec.iso_code = ev.iso_code
    if ev.empty:
        rec.empty = ev.empty
    if ev.gross_weight_kg is not None:
        rec.gross_weight_kg = ev.gross_weight_kg
    if ev.tare_weight_kg is not None:
        rec.tare_weight_kg = ev.tare_weight_kg
    if ev.ocr is not None:
        rec.ocr = ev.ocr
    _fold_seals(rec, ev)
    rec.last_event_id = event_id
    rec.last_event_time = ev.event_time


def _position_after(ev: EquipmentEvent, before: Position | None) -> Position | None:
    if ev.position is not None:
        return ev.position
    if ev.event_type in ("GTOT", "LOAD"):
        return None
    if ev.event_type == "GTIN" and ev.lane_id:
        return Position("lane", lane_id=ev.lane_id)
    if ev.event_type == "DISC" and ev.crane_id:
        return Position("berth", crane_id=ev.crane_id)
    return before


def _fold_seals(rec: ContainerRecord, ev: EquipmentEvent) -> None:
    if ev.event_type == "RMVD":
        removed = ev.seal_numbers()
        rec.seals = {src: nums - removed for src, nums in rec.seals.items() if nums - removed}
        return
    if not ev.seals:
        return
    by_source: dict[str, set[str]] = {}
    for seal in ev.seals:
        by_source.setdefault(seal.source or "?", set()).add(seal.number)
    if ev.event_type == "RSEA":
        rec.seals = {src: frozenset(nums) for src, nums in by_source.items()}
    else:
        for src, nums in by_source.items():
            rec.seals[src] = rec.seals.get(src, frozenset()) | nums
    if ev.event_type == "DISC" and "CUS" in by_source:
        rec.disc_customs_seals = rec.disc_customs_seals | frozenset(by_source["CUS"])


def refold(rec: ContainerRecord) -> None:
    """Recompute the record from its base and history (after a correction)."""
    _reset_to_base(rec)
    for _, event_id, ev in rec.history:
        fold_event(rec, ev, event_id)


def trim_history(
    rec: ContainerRecord, keep: int
) -> list[tuple[int, str, EquipmentEvent]]:
    """Fold all but the last `keep` events into the record's floor; return those events.

    The record itself does not change: a fold of the floor and the kept events is
    the fold of the base and every event.
    """
    excess = len(rec.history) - keep
    if excess <= 0:
        return []
    old, rec.history = rec.history[:excess], rec.history[excess:]
    floor = ContainerRecord(rec.equipment_reference, base=rec.base, floor=rec.floor)
    _reset_to_base(floor)
    for _, event_id, ev in old:
        fold_event(floor, ev, event_id)
    floor.floor = floor.base = None
    rec.floor = floor
    return old


def record_before(rec: ContainerRecord, apply_no: int) -> ContainerRecord:
    """The record as it stood just before application number `apply_no` (from its floor)."""
    earlier = ContainerRecord(rec.equipment_reference, base=rec.base, floor=rec.floor)
    _reset_to_base(earlier)
    for n, event_id, ev in rec.history:
        if n < apply_no:
            fold_event(earlier, ev, event_id)
    return earlier
