"""The camera registry: every camera of the layout and the health its devices report.

The layout (feed-protocol.md section 7, `cameras`) says where each camera is,
where it looks and what it streams; `device` events (section 4) say whether it
is up.  The registry is the one place both meet, so that the wall, the doctor
and the follow rule agree about which cameras exist.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.model import DeviceReport
from console.protocol import strictjson


class LayoutError(ValueError):
    """The layout's `cameras` list cannot be read; the message names the camera and field."""


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


def _number(raw: Mapping[str, Any], key: str, cam_id: str, default: float | None = None) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LayoutError(f"camera {cam_id}: {key} must be a finite number, not {value!r}")
    return float(value)


def _url(raw: Mapping[str, Any], key: str, cam_id: str) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise LayoutError(f"camera {cam_id}: {key} must be a URL string, not {value!r}")
    return value


def camera_from_dict(raw: Mapping[str, Any]) -> Camera:
    """Read one entry of the layout's `cameras` list; raise `LayoutError` on a bad field."""
    cam_id = raw.get("id")
    if not isinstance(cam_id, str) or not cam_id:
        raise LayoutError(f"a camera has no id: {dict(raw)!r}")
    fov = _number(raw, "fov_deg", cam_id)
    rng = _number(raw, "range_m", cam_id)
    if not 0 < fov <= 360:
        raise LayoutError(f"camera {cam_id}: fov_deg must be in (0, 360], not {fov}")
    if rng <= 0:
        raise LayoutError(f"camera {cam_id}: range_m must be positive, not {rng}")
    return Camera(
        id=cam_id,
        x=_number(raw, "x", cam_id),
        y=_number(raw, "y", cam_id),
        heading_deg=_number(raw, "heading_deg", cam_id) % 360.0,
        fov_deg=fov,
        range_m=rng,
        stream=_url(raw, "stream", cam_id),
        substream=_url(raw, "substream", cam_id),
    )


def cameras_from_layout(layout: Mapping[str, Any]) -> list[Camera]:
    """The cameras of a layout body, in layout order; duplicate ids are refused."""
    raw = layout.get("cameras") or []
    if not isinstance(raw, list):
        raise LayoutError("the layout's cameras must be a list")
    cameras = [camera_from_dict(c) for c in raw if isinstance(c, Mapping)]
    if len(cameras) != len(raw):
        raise LayoutError("every entry of the layout's cameras must be an object")
    seen: set[str] = set()
    for cam in cameras:
        if cam.id in seen:
            raise LayoutError(f"camera {cam.id} appears twice in the layout")
        seen.add(cam.id)
    return cameras


class CameraRegistry:
    """The cameras of the current layout and their last reported device state.

    A camera no `device` event has spoken of yet is `unknown`.  Device events
    for ids the layout does not know are kept too: a layout update may bring
    the camera in later.
    """

    def __init__(self, cameras: Iterable[Camera] = ()) -> None:
        self._cameras: dict[str, Camera] = {}
        self._states: dict[str, str] = {}
        self._details: dict[str, str | None] = {}
        self.replace(cameras)

    @classmethod
    def from_layout(cls, layout: Mapping[str, Any]) -> CameraRegistry:
        return cls(cameras_from_layout(layout))

    def replace(self, cameras: Iterable[Camera]) -> None:
        """Take a new layout's cameras; device states already heard are kept."""
        self._cameras = {c.id: c for c in cameras}

    def apply_device(self, report: DeviceReport) -> bool:
        """Record a device event; return True when it concerns a camera of the layout."""
        if report.device_type not in (None, "camera"):
            return False
        self._states[report.device_id] = report.state
        self._details[report.device_id] = report.detail
        return report.device_id in self._cameras

    def state(self, camera_id: str) -> str:
        """`up`, `degraded`, `down` as last reported, or `unknown`."""
        return self._states.get(camera_id, "unknown")

    def detail(self, camera_id: str) -> str | None:
        return self._details.get(camera_id)

    def get(self, camera_id: str) -> Camera | None:
        return self._cameras.get(camera_id)

    def __contains__(self, camera_id: object) -> bool:
        return camera_id in self._cameras

    def __iter__(self) -> Iterator[Camera]:
        return iter(self._cameras.values())

    def __len__(self) -> int:
        return len(self._cameras)

    def ids(self) -> list[str]:
        return list(self._cameras)


def read_layout(path: Path) -> dict[str, Any]:
    """A layout body from a file holding the body itself or a whole `layout` message."""
    data = strictjson.loads(path.read_bytes())
    body = data.get("body") if isinstance(data, dict) else None
    if isinstance(data, dict) and data.get("type") == "layout" and isinstance(body, dict):
        data = body
    if not isinstance(data, dict):
        raise LayoutError(f"{path} does not hold a layout object")
    return data
