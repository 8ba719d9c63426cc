"""The terminal layout (feed-protocol section 7) as the map draws it.

The layout arrives as a JSON body; `TerminalLayout.from_dict` keeps only what
the map needs and turns each block into an affine frame, so that the map can
go from world metres to (bay, row) and back without trigonometry at paint
time.  World coordinates are metres, `x` east and `y` north; bay 1 / row 1 is
the slot nearest the block's (`x`, `y`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Block:
    id: str
    x: float
    y: float
    angle_deg: float
    bays: int
    rows: int
    tiers: int
    slot_length_m: float
    slot_width_m: float

    def slot_centre(self, bay: int, row: int) -> tuple[float, float]:
        """World centre of slot (bay, row), both counted from 1."""
        return self.local_to_world((bay - 0.5) * self.slot_length_m,
                                   (row - 0.5) * self.slot_width_m)

    def local_to_world(self, u: float, v: float) -> tuple[float, float]:
        a = math.radians(self.angle_deg)
        c, s = math.cos(a), math.sin(a)
        return (self.x + u * c - v * s, self.y + u * s + v * c)

    def world_to_slot(self, x: float, y: float) -> tuple[int, int] | None:
        """The (bay, row) under a world point, or None outside the block."""
        a = math.radians(self.angle_deg)
        c, s = math.cos(a), math.sin(a)
        dx, dy = x - self.x, y - self.y
        u, v = dx * c + dy * s, -dx * s + dy * c
        bay, row = int(u // self.slot_length_m) + 1, int(v // self.slot_width_m) + 1
        if 1 <= bay <= self.bays and 1 <= row <= self.rows:
            return bay, row
        return None

    def corners(self) -> list[tuple[float, float]]:
        lu, lv = self.bays * self.slot_length_m, self.rows * self.slot_width_m
        return [self.local_to_world(u, v) for u, v in ((0, 0), (lu, 0), (lu, lv), (0, lv))]


@dataclass(frozen=True, slots=True)
class Berth:
    id: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    kind: str
    polygon: tuple[tuple[float, float], ...]

    def centre(self) -> tuple[float, float]:
        n = max(1, len(self.polygon))
        return (sum(p[0] for p in self.polygon) / n, sum(p[1] for p in self.polygon) / n)


@dataclass(frozen=True, slots=True)
class FenceSegment:
    id: str
    points: tuple[tuple[float, float], ...]

    def centre(self) -> tuple[float, float]:
        n = max(1, len(self.points))
        return (sum(p[0] for p in self.points) / n, sum(p[1] for p in self.points) / n)


@dataclass(frozen=True, slots=True)
class PointFeature:
    """A lane, a camera or a crane: something with an id and a place."""

    id: str
    kind: str
    x: float
    y: float


@dataclass(slots=True)
class TerminalLayout:
    terminal: str
    name: str
    width_m: float
    height_m: float
    blocks: list[Block] = field(default_factory=list)
    berths: list[Berth] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)
    fence: list[FenceSegment] = field(default_factory=list)
    lanes: list[PointFeature] = field(default_factory=list)
    cameras: list[PointFeature] = field(default_factory=list)
    cranes: list[PointFeature] = field(default_factory=list)

    @property
    def slot_count(self) -> int:
        return sum(b.bays * b.rows * b.tiers for b in self.blocks)

    def block(self, block_id: str) -> Block | None:
        for b in self.blocks:
            if b.id == block_id:
                return b
        return None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TerminalLayout:
        berths = [
            Berth(str(b["id"]), float(b["x1"]), float(b["y1"]), float(b["x2"]), float(b["y2"]))
            for b in d.get("berths", [])
        ]
        layout = cls(
            terminal=str(d.get("terminal", "")),
            name=str(d.get("name", "")),
            width_m=float(d.get("width_m", 1000)),
            height_m=float(d.get("height_m", 1000)),
            blocks=[
                Block(
                    str(b["id"]), float(b["x"]), float(b["y"]), float(b.get("angle_deg", 0)),
                    int(b["bays"]), int(b["rows"]), int(b.get("tiers", 1)),
                    float(b.get("slot_length_m", 6.5)), float(b.get("slot_width_m", 2.9)),
                )
                for b in d.get("blocks", [])
            ],
            berths=berths,
            zones=[
                Zone(str(z["id"]), str(z.get("kind", "yard")),
                     tuple((float(p[0]), float(p[1])) for p in z.get("polygon", [])))
                for z in d.get("zones", [])
            ],
            fence=[
                FenceSegment(str(f["id"]), tuple((float(p[0]), float(p[1])) for p in f["points"]))
                for f in d.get("fence", [])
            ],
            lanes=[PointFeature(str(ln["id"]), "lane", float(ln["x"]), float(ln["y"]))
                   for ln in d.get("lanes", [])],
            cameras=[PointFeature(str(c["id"]), "camera", float(c["x"]), float(c["y"]))
                     for c in d.get("cameras", []) if "x" in c and "y" in c],
        )
        layout.cranes = _place_cranes(d.get("cranes", []), berths, layout.blocks)
        return layout


def _place_cranes(
    cranes: list[dict[str, Any]], berths: list[Berth], blocks: list[Block]
) -> list[PointFeature]:
    """Spread quay cranes evenly along their berth and park yard cranes at their block's end.

    The layout gives a crane's berth or block but no coordinate; the map moves
    a crane when an event reports it working a slot.
    """
    by_berth: dict[str, list[dict[str, Any]]] = {}
    placed: list[PointFeature] = []
    for c in cranes:
        by_berth.setdefault(str(c.get("berth", "")), []).append(c)
    berth_index = {b.id: b for b in berths}
    block_index = {b.id: b for b in blocks}
    for berth_id, group in by_berth.items():
        berth = berth_index.get(berth_id)
        for i, c in enumerate(group):
            kind = str(c.get("type", "sts"))
            if "x" in c and "y" in c:
                x, y = float(c["x"]), float(c["y"])
            elif berth is not None:
                t = (i + 1) / (len(group) + 1)
                x = berth.x1 + (berth.x2 - berth.x1) * t
                y = berth.y1 + (berth.y2 - berth.y1) * t
            elif (blk := block_index.get(str(c.get("block", "")))) is not None:
                x, y = blk.local_to_world(0, blk.rows * blk.slot_width_m / 2)
            else:
                continue
            placed.append(PointFeature(str(c["id"]), kind, x, y))
    return placed
