"""The terminal layout (docs/protocol.md, "Layout") as one typed, validated object.

`console.layout.parse.parse_layout` reads a `layout` message body once into a
`Layout`; the yard (locating vehicles), the cameras (registry, follow rule),
the map, the simulator's checks and the review all take that object.
Grid: metres, `x` east, `y` north; angles counter-clockwise from east.
Bay 1 / row 1 is the slot nearest the block's (`x`, `y`); rows count to the
left of the bay direction.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from console.layout.geometry import Point, block_corners

ZONE_KINDS = ("quay", "yard", "road", "gate", "transfer", "restricted", "inspection")


@dataclass(frozen=True, slots=True)
class Block:
    """One yard block: `bays` × `rows` slots of `tiers`, its bays running along `angle_deg`."""

    id: str
    x: float
    y: float
    angle_deg: float
    bays: int
    rows: int
    tiers: int
    slot_length_m: float
    slot_width_m: float

    @property
    def length_m(self) -> float:
        return self.bays * self.slot_length_m

    @property
    def width_m(self) -> float:
        return self.rows * self.slot_width_m

    def local_to_world(self, u: float, v: float) -> Point:
        """World point `u` metres along the bays and `v` across the rows from (x, y)."""
        a = math.radians(self.angle_deg)
        c, s = math.cos(a), math.sin(a)
        return (self.x + u * c - v * s, self.y + u * s + v * c)

    def slot_centre(self, bay: int, row: int) -> Point:
        """World centre of slot (bay, row), both counted from 1."""
        return self.local_to_world((bay - 0.5) * self.slot_length_m,
                                   (row - 0.5) * self.slot_width_m)

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

    def corners(self) -> tuple[Point, Point, Point, Point]:
        """The footprint: (x, y), along the bays, the far corner, across the rows."""
        return block_corners(self.x, self.y, self.angle_deg, self.length_m, self.width_m)


@dataclass(frozen=True, slots=True)
class Berth:
    id: str
    x1: float
    y1: float
    x2: float
    y2: float

    def centre(self) -> Point:
        return ((self.x1 + self.x2) / 2.0, (self.y1 + self.y2) / 2.0)


def _mean(points: tuple[Point, ...]) -> Point:
    n = max(1, len(points))
    return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)


@dataclass(frozen=True, slots=True)
class Zone:
    """An area of a kind (`ZONE_KINDS`), a polygon of at least three corners."""

    id: str
    kind: str
    polygon: tuple[Point, ...]

    def centre(self) -> Point:
        """The mean of the corners (where the map puts the zone's label and its alerts)."""
        return _mean(self.polygon)


@dataclass(frozen=True, slots=True)
class FenceSegment:
    id: str
    points: tuple[Point, ...]

    def centre(self) -> Point:
        """The mean of the points (where the map puts the segment's alerts)."""
        return _mean(self.points)

    def midpoint(self) -> Point:
        """The point halfway along the segment by length (where the cameras look)."""
        pts = self.points
        lengths = [math.dist(a, b) for a, b in itertools.pairwise(pts)]
        half = sum(lengths) / 2.0
        for (a, b), length in zip(itertools.pairwise(pts), lengths, strict=True):
            if half <= length and length > 0:
                t = half / length
                return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
            half -= length
        return pts[-1]


@dataclass(frozen=True, slots=True)
class Lane:
    """A gate lane; `direction` is `in` or `out` as the layout says (may be empty)."""

    id: str
    x: float
    y: float
    direction: str = ""


@dataclass(frozen=True, slots=True)
class Crane:
    """A crane placed on the grid: where the layout says, else along its berth or at its block.

    The layout gives a quay crane's berth or a yard crane's block and seldom a
    coordinate; the map moves a crane when an event reports it working a slot.
    """

    id: str
    kind: str
    x: float
    y: float
    berth: str | None = None
    block: str | None = None


@dataclass(frozen=True, slots=True)
class Camera:
    """One fixed camera on the terminal grid (metres, x east, y north).

    `heading_deg` is the direction of the optical axis, counter-clockwise from
    east like every angle of the layout; `fov_deg` the full horizontal angle;
    `range_m` how far it usefully sees.  `stream` is the main (full
    resolution) stream, `substream` the small one the tiles use; either may be
    missing, in which case the other serves for both.
    """

    id: str
    x: float
    y: float
    heading_deg: float
    fov_deg: float
    range_m: float
    stream: str | None = None
    substream: str | None = None

    def tile_url(self) -> str | None:
        """The stream a small tile decodes: the sub stream when there is one."""
        return self.substream or self.stream

    def enlarged_url(self) -> str | None:
        """The stream an enlarged tile decodes: the main stream when there is one."""
        return self.stream or self.substream


@dataclass(frozen=True, slots=True, eq=False)
class Layout:
    """One terminal's layout, read once from a `layout` body (see `parse_layout`).

    Parts the body leaves out are empty: a layout without zones and blocks
    locates nothing, which is how supervision goes on before the gateway sends
    one.  `body` is the body as received (for the camera overrides of a
    workstation and for whoever must send it on).
    """

    terminal: str = ""
    name: str = ""
    version: str | None = None
    width_m: float = 1000.0
    height_m: float = 1000.0
    blocks: tuple[Block, ...] = ()
    berths: tuple[Berth, ...] = ()
    zones: tuple[Zone, ...] = ()
    fence: tuple[FenceSegment, ...] = ()
    lanes: tuple[Lane, ...] = ()
    cameras: tuple[Camera, ...] = ()
    cranes: tuple[Crane, ...] = ()
    body: Mapping[str, Any] = field(default_factory=dict)
    _index: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for key, items in (("blocks", self.blocks), ("berths", self.berths),
                           ("zones", self.zones), ("fence", self.fence),
                           ("lanes", self.lanes), ("cameras", self.cameras),
                           ("cranes", self.cranes)):
            for item in items:
                self._index.setdefault((key, item.id), item)

    def __eq__(self, other: object) -> bool:
        """Two layouts are equal when their bodies are (the body is the fact)."""
        return isinstance(other, Layout) and dict(self.body) == dict(other.body)

    __hash__ = None  # type: ignore[assignment]

    @property
    def slot_count(self) -> int:
        return sum(b.bays * b.rows * b.tiers for b in self.blocks)

    @property
    def known(self) -> bool:
        """Whether any place can be judged: the layout has zones or blocks."""
        return bool(self.zones or self.blocks)

    def block(self, block_id: str) -> Block | None:
        found: Block | None = self._index.get(("blocks", block_id))
        return found

    def zone(self, zone_id: str) -> Zone | None:
        found: Zone | None = self._index.get(("zones", zone_id))
        return found

    def berth(self, berth_id: str) -> Berth | None:
        found: Berth | None = self._index.get(("berths", berth_id))
        return found

    def lane(self, lane_id: str) -> Lane | None:
        found: Lane | None = self._index.get(("lanes", lane_id))
        return found

    def fence_segment(self, segment_id: str) -> FenceSegment | None:
        found: FenceSegment | None = self._index.get(("fence", segment_id))
        return found

    def camera(self, camera_id: str) -> Camera | None:
        found: Camera | None = self._index.get(("cameras", camera_id))
        return found

    # -- places (what the follow rule and the map point at) --------------------------

    def slot_point(self, block_id: str, bay: int, row: int) -> Point | None:
        """Centre of one slot's footprint, or None when the layout has no such block."""
        block = self.block(block_id)
        return None if block is None else block.slot_centre(bay, row)

    def area_polygon(self, area_id: str) -> tuple[Point, ...] | None:
        """The polygon of a zone, or the footprint of a block, named by id."""
        zone = self.zone(area_id)
        if zone is not None:
            return zone.polygon
        block = self.block(area_id)
        return None if block is None else block.corners()


EMPTY = Layout()
