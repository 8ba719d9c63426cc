"""Where on the grid a thing an alert speaks of is: a slot, a lane, a berth, a fence segment.

The follow rule needs a point; alerts name containers (whose position is a
yard slot, a berth, a vehicle or a lane), vehicles (whose position the caller
knows from telemetry) and fence segments.  This module turns the layout's
description (feed-protocol.md section 7) into points and areas.  Every
function returns None for a place the layout does not describe, so that the
wall can say "no camera for this place" rather than guess.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

from console.model import Position

Point = tuple[float, float]


def _find(layout: Mapping[str, Any], key: str, item_id: str) -> Mapping[str, Any] | None:
    for item in layout.get(key) or []:
        if isinstance(item, Mapping) and item.get("id") == item_id:
            return item
    return None


def _axes(block: Mapping[str, Any]) -> tuple[Point, Point]:
    """Unit vectors along the bays and along the rows (to the left of the bays)."""
    a = math.radians(float(block.get("angle_deg", 0.0)))
    return (math.cos(a), math.sin(a)), (-math.sin(a), math.cos(a))


def slot_point(layout: Mapping[str, Any], block_id: str, bay: int, row: int) -> Point | None:
    """Centre of one slot's footprint; bay 1 and row 1 start at the block's (x, y)."""
    block = _find(layout, "blocks", block_id)
    if block is None:
        return None
    (bx, by), (rx, ry) = _axes(block)
    along = (bay - 0.5) * float(block.get("slot_length_m", 6.5))
    across = (row - 0.5) * float(block.get("slot_width_m", 2.9))
    return (
        float(block["x"]) + along * bx + across * rx,
        float(block["y"]) + along * by + across * ry,
    )


def block_polygon(layout: Mapping[str, Any], block_id: str) -> list[Point] | None:
    """The block's footprint as four corners."""
    block = _find(layout, "blocks", block_id)
    if block is None:
        return None
    (bx, by), (rx, ry) = _axes(block)
    length = int(block.get("bays", 1)) * float(block.get("slot_length_m", 6.5))
    width = int(block.get("rows", 1)) * float(block.get("slot_width_m", 2.9))
    x0, y0 = float(block["x"]), float(block["y"])
    return [
        (x0, y0),
        (x0 + length * bx, y0 + length * by),
        (x0 + length * bx + width * rx, y0 + length * by + width * ry),
        (x0 + width * rx, y0 + width * ry),
    ]


def polyline_midpoint(points: Sequence[Sequence[float]]) -> Point | None:
    """The point halfway along a polyline (by length), e.g. the middle of a fence segment."""
    if not points:
        return None
    pts = [(float(p[0]), float(p[1])) for p in points]
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(pts)]
    half = sum(lengths) / 2.0
    for (a, b), length in zip(itertools.pairwise(pts), lengths, strict=True):
        if half <= length and length > 0:
            t = half / length
            return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
        half -= length
    return pts[-1]


def fence_point(layout: Mapping[str, Any], segment_id: str) -> Point | None:
    segment = _find(layout, "fence", segment_id)
    return None if segment is None else polyline_midpoint(segment.get("points") or [])


def lane_point(layout: Mapping[str, Any], lane_id: str) -> Point | None:
    lane = _find(layout, "lanes", lane_id)
    return None if lane is None else (float(lane["x"]), float(lane["y"]))


def berth_point(layout: Mapping[str, Any], berth_id: str) -> Point | None:
    berth = _find(layout, "berths", berth_id)
    if berth is None:
        return None
    return (
        (float(berth["x1"]) + float(berth["x2"])) / 2.0,
        (float(berth["y1"]) + float(berth["y2"])) / 2.0,
    )


def position_point(
    layout: Mapping[str, Any],
    position: Position,
    vehicles: Mapping[str, Point] | None = None,
) -> Point | None:
    """Where a container's position is; `vehicles` maps vehicle ids to their last x, y."""
    if position.kind == "slot" and position.block and position.bay and position.row:
        return slot_point(layout, position.block, position.bay, position.row)
    if position.kind == "lane" and position.lane_id:
        return lane_point(layout, position.lane_id)
    if position.kind == "berth" and position.berth:
        return berth_point(layout, position.berth)
    if position.kind == "vehicle" and position.vehicle_id and vehicles:
        return vehicles.get(position.vehicle_id)
    return None


def area_polygon(layout: Mapping[str, Any], area_id: str) -> list[Point] | None:
    """The polygon of a zone, or the footprint of a block, named by id."""
    zone = _find(layout, "zones", area_id)
    if zone is not None:
        return [(float(p[0]), float(p[1])) for p in zone.get("polygon") or []]
    return block_polygon(layout, area_id)
