"""Plane geometry on the terminal grid (metres, x east, y north): the one point-in-polygon.

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


def point_in_polygon(x: float, y: float, polygon: Sequence[Sequence[float]]) -> bool:
    """Even-odd test; a point exactly on an edge may fall either way.

    The only point-in-polygon of the console (the yard, the cameras and the
    review use it); `bench geometry`-style timing is in tests/unit/test_layout_geometry.py.
    A polygon of fewer than three corners contains nothing.
    """
    inside = False
    n = len(polygon)
    if n < 3:
        return False
    xj, yj = polygon[n - 1][0], polygon[n - 1][1]
    for point in polygon:
        xi, yi = point[0], point[1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        xj, yj = xi, yi
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


def is_convex(polygon: Sequence[Point]) -> bool:
    sign = 0
    n = len(polygon)
    for i in range(n):
        (ax, ay), (bx, by), (cx, cy) = polygon[i], polygon[(i + 1) % n], polygon[(i + 2) % n]
        cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx)
        if cross != 0:
            if sign == 0:
                sign = 1 if cross > 0 else -1
            elif (cross > 0) != (sign > 0):
                return False
    return True


def _clear_of_edges(x: float, y: float, polygon: Sequence[Point], margin: float) -> bool:
    n = len(polygon)
    for i in range(n):
        (ax, ay), (bx, by) = polygon[i], polygon[(i + 1) % n]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length2))
        if math.hypot(x - ax - t * dx, y - ay - t * dy) <= margin:
            return False
    return True


class AreaIndex:
    """Which areas contain a point, through a uniform grid of `cell_m` cells.

    A cell lying wholly inside a convex area (its four corners strictly
    inside) needs no test for that area; a cell with no partial area at all
    answers from a precomputed tuple, so most look-ups cost one dictionary get.
    """

    def __init__(self, areas: Sequence[Area], cell_m: float = 50.0) -> None:
        self.cell_m = cell_m
        self.areas = tuple(areas)
        cells: dict[tuple[int, int], list[tuple[Area, bool]]] = {}
        for area in self.areas:
            convex = is_convex(area.polygon)
            x0, y0, x1, y1 = area.bounds()
            for cx in range(math.floor(x0 / cell_m), math.floor(x1 / cell_m) + 1):
                for cy in range(math.floor(y0 / cell_m), math.floor(y1 / cell_m) + 1):
                    whole = convex and all(
                        point_in_polygon(px, py, area.polygon)
                        and _clear_of_edges(px, py, area.polygon, 1e-6)
                        for px in (cx * cell_m, (cx + 1) * cell_m)
                        for py in (cy * cell_m, (cy + 1) * cell_m)
                    )
                    cells.setdefault((cx, cy), []).append((area, whole))
        self._fixed: dict[tuple[int, int], tuple[Area, ...]] = {}
        self._mixed: dict[tuple[int, int], tuple[tuple[Area, bool], ...]] = {}
        for key, items in cells.items():
            if all(whole for _, whole in items):
                self._fixed[key] = tuple(a for a, _ in items)
            else:
                self._mixed[key] = tuple(items)

    def whole_cells(self) -> dict[tuple[int, int], tuple[Area, ...]]:
        """Cells whose answer does not depend on where in the cell a point is."""
        return dict(self._fixed)

    def is_mixed(self, cell: tuple[int, int]) -> bool:
        """Whether some area covers only part of the cell (points in it need testing)."""
        return cell in self._mixed

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        return (math.floor(x / self.cell_m), math.floor(y / self.cell_m))

    def areas_at(self, x: float, y: float) -> tuple[Area, ...]:
        """Every area containing (x, y), in layout order."""
        key = (math.floor(x / self.cell_m), math.floor(y / self.cell_m))
        fixed = self._fixed.get(key)
        if fixed is not None:
            return fixed
        items = self._mixed.get(key)
        if items is None:
            return ()
        return tuple(a for a, whole in items if whole or point_in_polygon(x, y, a.polygon))
