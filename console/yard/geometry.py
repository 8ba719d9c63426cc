"""Plane geometry on the terminal grid (metres, x east, y north).

Zones are polygons and yard blocks are rotated rectangles.  `AreaIndex` buckets
every area by the grid cells its bounding box touches, so that locating a
vehicle costs one dictionary look-up and a test against the few areas of that
cell: hundreds of vehicles at 1 Hz stay far below a millisecond a second.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]


def point_in_polygon(x: float, y: float, polygon: Sequence[Point]) -> bool:
    """Even-odd test; a point exactly on an edge may fall either way."""
    inside = False
    n = len(polygon)
    j = n - 1
    for i in range(n):
        xi, yi = polygon[i]
        xj, yj = polygon[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def block_corners(
    x: float, y: float, angle_deg: float, length_m: float, width_m: float
) -> tuple[Point, Point, Point, Point]:
    """Corners of a block whose bays run along `angle_deg` and whose rows run to its left."""
    a = math.radians(angle_deg)
    ux, uy = math.cos(a), math.sin(a)
    lx, ly = -uy, ux
    return (
        (x, y),
        (x + ux * length_m, y + uy * length_m),
        (x + ux * length_m + lx * width_m, y + uy * length_m + ly * width_m),
        (x + lx * width_m, y + ly * width_m),
    )


@dataclass(frozen=True, slots=True)
class Area:
    """A named polygon of a kind: a layout zone, or a yard block (kind `block`)."""

    id: str
    kind: str
    polygon: tuple[Point, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return min(xs), min(ys), max(xs), max(ys)


class AreaIndex:
    """Which areas contain a point, through a uniform grid of `cell_m` cells."""

    def __init__(self, areas: Sequence[Area], cell_m: float = 50.0) -> None:
        self.cell_m = cell_m
        self.areas = tuple(areas)
        self._cells: dict[tuple[int, int], list[Area]] = {}
        for area in self.areas:
            x0, y0, x1, y1 = area.bounds()
            for cx in range(math.floor(x0 / cell_m), math.floor(x1 / cell_m) + 1):
                for cy in range(math.floor(y0 / cell_m), math.floor(y1 / cell_m) + 1):
                    self._cells.setdefault((cx, cy), []).append(area)

    def areas_at(self, x: float, y: float) -> tuple[Area, ...]:
        """Every area containing (x, y), in layout order."""
        candidates = self._cells.get((math.floor(x / self.cell_m), math.floor(y / self.cell_m)))
        if not candidates:
            return ()
        return tuple(a for a in candidates if point_in_polygon(x, y, a.polygon))
