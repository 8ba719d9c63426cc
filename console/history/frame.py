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
replaced it; see the module `console.history.replay`).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

import numpy as np
import orjson

from console.history.columns import Codes, PackedViews, from_bytes, join_texts, to_bytes
from console.layout import Layout
from console.model import Clearance, DeviceReport, FenceReport, Position
from console.yard.containers import ContainerRecord
from console.yard.state import YardState
from console.yard.vehicles import VehicleRecord

V = TypeVar("V")
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
    containers: Mapping[str, ContainerView] = field(default_factory=dict)
    vehicles: dict[str, VehicleView] = field(default_factory=dict)
    clearances: Mapping[str, ClearanceView] = field(default_factory=dict)
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


def yard_from_frame(
    frame: YardFrame, layout: Layout | Mapping[str, Any] | None = None
) -> YardState:
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


_STAGE_CODES = ("on_vessel", "discharged", "on_vehicle", "in_slot", "gated_in", "gated_out",
                "loaded")


def encode_frame(frame: YardFrame) -> bytes:
    """The checkpoint blob of a frame: containers and clearances column-packed
    (`console.history.columns`), the few vehicles, devices and fences as JSON."""
    stages, blocks, isos, empties, statuses = (
        Codes(list(_STAGE_CODES)), Codes(), Codes(), Codes(), Codes())
    refs = list(frame.containers)
    n = len(refs)
    stage = np.zeros(n, np.uint8)
    kind = np.zeros(n, np.uint8)
    block = np.zeros(n, np.uint16)
    brt = np.zeros((n, 3), np.int16)
    iso = np.zeros(n, np.uint16)
    empty = np.zeros(n, np.uint8)
    odd: dict[int, list[Any]] = {}
    for i, ref in enumerate(refs):
        c = frame.containers[ref]
        stage[i] = stages.code(c.stage)
        p = c.position
        if p is not None:
            if p[0] == "slot" and p[5:] == (None, None, None, None) and None not in p[1:5]:
                kind[i] = 1
                block[i] = blocks.code(p[1])
                brt[i] = (p[2] or 0, p[3] or 0, p[4] or 0)
            else:
                kind[i] = 2
                odd[i] = list(p)
        iso[i] = isos.code(c.iso_code)
        empty[i] = empties.code(c.empty)
    krefs = list(frame.clearances)
    status = np.array([statuses.code(frame.clearances[r].status) for r in krefs], np.uint8)
    texts = [join_texts([getattr(frame.clearances[r], f) for r in krefs])
             for f in ClearanceView._fields[1:]]
    header = {
        "at": frame.at_us, "n": n, "kn": len(krefs), "stages": stages.names,
        "blocks": blocks.names, "isos": isos.names, "empties": empties.names,
        "statuses": statuses.names, "odd": {str(i): p for i, p in odd.items()},
        "v": [[vid, *v] for vid, v in frame.vehicles.items()],
        "d": [d.to_dict() for d in frame.devices.values()],
        "f": [f.to_dict() for f in frame.fences.values()],
    }
    parts = [join_texts(list(refs)).encode(), to_bytes(stage), to_bytes(kind), to_bytes(block),
             to_bytes(brt), to_bytes(iso), to_bytes(empty), join_texts(list(krefs)).encode(),
             to_bytes(status), *(t.encode() for t in texts)]
    head = orjson.dumps({**header, "parts": [len(p) for p in parts]})
    return zlib.compress(len(head).to_bytes(4, "big") + head + b"".join(parts), 1)


def decode_frame(blob: bytes) -> YardFrame:
    """Read back what `encode_frame` wrote; container and clearance views are built
    only when asked for."""
    raw = zlib.decompress(blob)
    size = int.from_bytes(raw[:4], "big")
    h = orjson.loads(raw[4:4 + size])
    parts: list[bytes] = []
    at = 4 + size
    for length in h["parts"]:
        parts.append(raw[at:at + length])
        at += length
    n, kn = h["n"], h["kn"]
    refs = parts[0].decode().split("\n") if n else []
    stage = from_bytes(parts[1], np.uint8)
    kind = from_bytes(parts[2], np.uint8)
    block = from_bytes(parts[3], np.uint16)
    brt = from_bytes(parts[4], np.int16).reshape(-1, 3)
    iso = from_bytes(parts[5], np.uint16)
    empty = from_bytes(parts[6], np.uint8)
    stages, blocks, isos, empties = h["stages"], h["blocks"], h["isos"], h["empties"]
    odd = {int(i): tuple(p) for i, p in h["odd"].items()}

    def container(i: int) -> ContainerView:
        k = int(kind[i])
        pos: Any = None
        if k == 1:
            b, r, t = (int(v) for v in brt[i])
            pos = ("slot", blocks[int(block[i])], b, r, t, None, None, None, None)
        elif k == 2:
            pos = odd[i]
        return ContainerView(stages[int(stage[i])], pos, isos[int(iso[i])],
                             empties[int(empty[i])])

    krefs = parts[7].decode().split("\n") if kn else []
    status = from_bytes(parts[8], np.uint8)
    statuses = h["statuses"]
    columns = [p.decode().split("\n") if kn else [] for p in parts[9:]]

    def clearance(i: int) -> ClearanceView:
        return ClearanceView(statuses[int(status[i])],
                             *(None if c[i] == "\x00" else c[i] for c in columns))

    frame = YardFrame(h["at"])
    frame.containers = PackedViews(refs, container)
    frame.clearances = PackedViews(krefs, clearance)
    frame.vehicles = {v[0]: VehicleView(*v[1:]) for v in h["v"]}
    frame.devices = {d["device_id"]: DeviceReport.from_dict(d) for d in h["d"]}
    frame.fences = {f["segment_id"]: FenceReport.from_dict(f) for f in h["f"]}
    return frame


def overlay(base: Mapping[str, V], changed: Mapping[str, V], removed: set[str]
            ) -> Mapping[str, V]:
    """`base` with `changed` laid over it and `removed` taken out (columns are not copied)."""
    if isinstance(base, PackedViews):
        return base.with_changes(changed, removed)
    out = {k: v for k, v in base.items() if k not in removed}
    out.update(changed)
    return out
