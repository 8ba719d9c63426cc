"""`YardFrame`: what a replay shows of the yard at one moment, and how it is stored.

A frame keeps the facts a supervisor looks at (where each container is and
in which stage, every vehicle's last report, the clearance decision in force,
devices and fence segments), not the rules' working memory.  Two frames are
equal exactly when a supervisor could not tell the two yards apart, which is
how a replay is checked against the live console.

`encode_frame` / `decode_frame` are the checkpoint blob (zlib-compressed
JSON of flat lists); `yard_from_frame` turns a frame back into a `YardState`
that further events can be folded into.  Such a state has no event history,
so a retraction or correction of an event from before the frame cannot
replace that event and is applied as a new fact (the live console would have
replaced it; see the module `console.review.replay`).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson

from console.model import Clearance, DeviceReport, FenceReport, Position
from console.yard.containers import ContainerRecord
from console.yard.state import YardState
from console.yard.vehicles import VehicleRecord

PositionTuple = tuple[
    str, str | None, int | None, int | None, int | None, str | None, str | None, str | None,
    str | None,
]


class ContainerView(NamedTuple):
    """A container's stage and place; `position` is `Position`'s fields in order."""

    stage: str
    position: PositionTuple | None
    iso_code: str | None
    empty: str | None

    def place(self) -> Position | None:
        return Position(*self.position) if self.position is not None else None


class VehicleView(NamedTuple):
    x: float
    y: float
    heading: float | None
    speed: float
    carrying: str | None
    vehicle_type: str | None


class ClearanceView(NamedTuple):
    """The decision in force, as a supervisor reads it."""

    status: str
    status_time: str | None
    declaration_no: str | None
    bill_of_lading: str | None
    vessel_imo: str | None
    voyage: str | None

    @classmethod
    def of(cls, c: Clearance) -> ClearanceView:
        return cls(c.status, c.status_time, c.declaration_no, c.bill_of_lading, c.vessel_imo,
                   c.voyage)


def _position_tuple(p: Position | None) -> PositionTuple | None:
    if p is None:
        return None
    return (p.kind, p.block, p.bay, p.row, p.tier, p.berth, p.crane_id, p.vehicle_id, p.lane_id)


@dataclass(slots=True)
class YardFrame:
    """The yard at `at_us` (UTC microseconds; None for 'after every stored event')."""

    at_us: int | None
    containers: dict[str, ContainerView] = field(default_factory=dict)
    vehicles: dict[str, VehicleView] = field(default_factory=dict)
    clearances: dict[str, ClearanceView] = field(default_factory=dict)
    devices: dict[str, DeviceReport] = field(default_factory=dict)
    fences: dict[str, FenceReport] = field(default_factory=dict)

    def same_yard(self, other: YardFrame) -> bool:
        """Equal facts, whatever moment each frame was asked for."""
        return (
            self.containers == other.containers
            and self.vehicles == other.vehicles
            and self.clearances == other.clearances
            and self.devices == other.devices
            and self.fences == other.fences
        )

    def differences(self, other: YardFrame, limit: int = 5) -> list[str]:
        """A few human-readable differences (for test failures and logs)."""
        out: list[str] = []
        for name in ("containers", "vehicles", "clearances", "devices", "fences"):
            mine: Mapping[str, Any] = getattr(self, name)
            theirs: Mapping[str, Any] = getattr(other, name)
            for key in sorted(set(mine) | set(theirs)):
                if mine.get(key) != theirs.get(key):
                    out.append(f"{name}[{key}]: {mine.get(key)!r} != {theirs.get(key)!r}")
                    if len(out) >= limit:
                        return out
        return out


def frame_from_yard(yard: YardState, at_us: int | None = None) -> YardFrame:
    """The facts of a live or replayed `YardState`."""
    frame = YardFrame(at_us)
    frame.containers = {
        ref: ContainerView(rec.stage, _position_tuple(rec.position), rec.iso_code, rec.empty)
        for ref, rec in yard.containers.items()
    }
    frame.vehicles = {
        vid: VehicleView(v.x, v.y, v.heading, v.speed, v.carrying, v.vehicle_type)
        for vid, v in yard.vehicles.items()
    }
    frame.clearances = {
        ref: ClearanceView.of(rec.current) for ref, rec in yard.clearances.records.items()
    }
    frame.devices = dict(yard.devices)
    frame.fences = dict(yard.fences)
    return frame


def yard_from_frame(frame: YardFrame, layout: Mapping[str, Any] | None = None) -> YardState:
    """A `YardState` holding the frame's facts, ready to fold later events into."""
    yard = YardState(layout)
    for ref, c in frame.containers.items():
        position = c.place()
        rec = ContainerRecord(
            ref, stage=c.stage, position=position, iso_code=c.iso_code, empty=c.empty,
            seen_in_yard=c.stage != "on_vessel",
        )
        yard.containers[ref] = rec
        key = position.slot_key() if position is not None else None
        if key is not None:
            yard.slots[key] = ref
    for vid, v in frame.vehicles.items():
        yard.fleet.vehicles[vid] = VehicleRecord(
            vid, v.x, v.y, v.heading, v.speed, v.carrying, v.vehicle_type,
        )
        if v.carrying is not None:
            yard.fleet.carrier_of[v.carrying] = vid
    for ref, k in frame.clearances.items():
        yard.clearances.record(0, None, Clearance(ref, *k))
    yard.devices = dict(frame.devices)
    yard.fences = dict(frame.fences)
    return yard


def encode_frame(frame: YardFrame) -> bytes:
    """The checkpoint blob of a frame (flat lists: decoding 85k containers is one
    `orjson.loads` and a tuple per container)."""
    doc = {
        "at": frame.at_us,
        "c": [[ref, *c] for ref, c in frame.containers.items()],
        "v": [[vid, *v] for vid, v in frame.vehicles.items()],
        "k": [[ref, *k] for ref, k in frame.clearances.items()],
        "d": [d.to_dict() for d in frame.devices.values()],
        "f": [f.to_dict() for f in frame.fences.values()],
    }
    return zlib.compress(orjson.dumps(doc), 1)


def decode_frame(blob: bytes) -> YardFrame:
    """Read back what `encode_frame` wrote."""
    doc = orjson.loads(zlib.decompress(blob))
    frame = YardFrame(doc["at"])
    frame.containers = {
        ref: ContainerView(stage, tuple(pos) if pos is not None else None, iso, empty)
        for ref, stage, pos, iso, empty in doc["c"]
    }
    frame.vehicles = {v[0]: VehicleView(*v[1:]) for v in doc["v"]}
    frame.clearances = {k[0]: ClearanceView(*k[1:]) for k in doc["k"]}
    frame.devices = {d["device_id"]: DeviceReport.from_dict(d) for d in doc["d"]}
    frame.fences = {f["segment_id"]: FenceReport.from_dict(f) for f in doc["f"]}
    return frame
