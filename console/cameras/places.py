"""Where on the grid a thing an alert speaks of is: a slot, a lane, a berth, a fence segment.

The follow rule needs a point; alerts name containers (whose position is a
yard slot, a berth, a vehicle or a lane), vehicles (whose position the caller
knows from telemetry) and fence segments.  The places come from the one
`console.layout.Layout` (a body is read with `parse_layout`).  Every function
returns None for a place the layout does not describe, so that the wall can
say "no camera for this place" rather than guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from console.layout import FenceSegment, Layout, Point, as_layout
from console.model import Position

LayoutLike = Layout | Mapping[str, Any]


def slot_point(layout: LayoutLike, block_id: str, bay: int, row: int) -> Point | None:
    """Centre of one slot's footprint; bay 1 and row 1 start at the block's (x, y)."""
    return as_layout(layout).slot_point(block_id, bay, row)


def block_polygon(layout: LayoutLike, block_id: str) -> list[Point] | None:
    """The block's footprint as four corners."""
    block = as_layout(layout).block(block_id)
    return None if block is None else list(block.corners())


def polyline_midpoint(points: Sequence[Sequence[float]]) -> Point | None:
    """The point halfway along a polyline (by length), e.g. the middle of a fence segment."""
    if not points:
        return None
    return FenceSegment("", tuple((float(p[0]), float(p[1])) for p in points)).midpoint()


def fence_point(layout: LayoutLike, segment_id: str) -> Point | None:
    segment = as_layout(layout).fence_segment(segment_id)
    return None if segment is None else segment.midpoint()


def lane_point(layout: LayoutLike, lane_id: str) -> Point | None:
    lane = as_layout(layout).lane(lane_id)
    return None if lane is None else (lane.x, lane.y)


def berth_point(layout: LayoutLike, berth_id: str) -> Point | None:
    berth = as_layout(layout).berth(berth_id)
    return None if berth is None else berth.centre()


def position_point(
    layout: LayoutLike,
    position: Position,
    vehicles: Mapping[str, Point] | None = None,
) -> Point | None:
    """Where a container's position is; `vehicles` maps vehicle ids to their last x, y."""
    lay = as_layout(layout)
    if position.kind == "slot" and position.block and position.bay and position.row:
        return lay.slot_point(position.block, position.bay, position.row)
    if position.kind == "lane" and position.lane_id:
        return lane_point(lay, position.lane_id)
    if position.kind == "berth" and position.berth:
        return berth_point(lay, position.berth)
    if position.kind == "vehicle" and position.vehicle_id and vehicles:
        return vehicles.get(position.vehicle_id)
    return None


def area_polygon(layout: LayoutLike, area_id: str) -> list[Point] | None:
    """The polygon of a zone, or the footprint of a block, named by id."""
    polygon = as_layout(layout).area_polygon(area_id)
    return None if polygon is None else list(polygon)
