"""The follow rule: which cameras see a place, nearest first.

A camera sees a point when the point lies inside its field-of-view sector:
within `range_m` of the camera and within `fov_deg / 2` of its heading (angles
counter-clockwise from east, as everywhere in the layout).  The wall shows the
cameras that see the place an alert speaks of, the nearest first, because the
nearest shows it largest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from console.layout import Camera, point_in_polygon

# Points exactly on the edge of a sector count as inside; floating error must not flip them.
_EDGE_EPS_DEG = 1e-9
_EDGE_EPS_M = 1e-9


def angle_difference(a_deg: float, b_deg: float) -> float:
    """The smallest absolute angle between two directions, in [0, 180]."""
    d = (a_deg - b_deg) % 360.0
    return min(d, 360.0 - d)


def bearing(camera: Camera, x: float, y: float) -> float:
    """Direction from the camera to the point, degrees counter-clockwise from east, [0, 360)."""
    return math.degrees(math.atan2(y - camera.y, x - camera.x)) % 360.0


def distance(camera: Camera, x: float, y: float) -> float:
    return math.hypot(x - camera.x, y - camera.y)


def covers(camera: Camera, x: float, y: float) -> bool:
    """True when the point is inside the camera's field-of-view sector and range."""
    d = distance(camera, x, y)
    if d > camera.range_m + _EDGE_EPS_M:
        return False
    if d <= _EDGE_EPS_M or camera.fov_deg >= 360.0:
        return True
    return angle_difference(bearing(camera, x, y), camera.heading_deg) <= (
        camera.fov_deg / 2.0 + _EDGE_EPS_DEG
    )


def cameras_covering(
    cameras: Iterable[Camera], x: float, y: float, limit: int | None = None
) -> list[Camera]:
    """The cameras that see (x, y), nearest first; ties keep layout order (stable)."""
    seeing = [c for c in cameras if covers(c, x, y)]
    seeing.sort(key=lambda c: distance(c, x, y))
    return seeing if limit is None else seeing[:limit]


def cameras_in_polygon(
    cameras: Iterable[Camera], polygon: Sequence[Sequence[float]]
) -> list[Camera]:
    """The cameras standing inside an area (a zone's polygon), in layout order."""
    return [c for c in cameras if point_in_polygon(c.x, c.y, polygon)]
