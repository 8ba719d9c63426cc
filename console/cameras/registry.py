"""The camera registry: every camera of the layout and the health its devices report.

The layout (`console.layout.Layout.cameras`, read once by
`console.layout.parse_layout`) says where each camera is, where it looks and
what it streams; `device` events (docs/protocol.md, telemetry) say whether it
is up.  The registry is the one place both meet, so that the wall, the doctor
and the follow rule agree about which cameras exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from console.layout import Camera, Layout, as_layout
from console.model import DeviceReport


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
    def from_layout(cls, layout: Layout | Mapping[str, Any]) -> CameraRegistry:
        """The registry of a layout's cameras (a body is read with `parse_layout`)."""
        return cls(as_layout(layout).cameras)

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
