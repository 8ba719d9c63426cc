"""The camera registry reads the layout strictly and tracks device health."""

from __future__ import annotations

from typing import Any

import pytest

from console.cameras.places import area_polygon, fence_point, position_point, slot_point
from console.cameras.registry import CameraRegistry
from console.layout import Camera, LayoutError, parse_layout
from console.model import DeviceReport, Position

LAYOUT: dict[str, Any] = {
    "cameras": [
        {"id": "CAM-R17-03", "x": 410, "y": 230, "heading_deg": 45, "fov_deg": 70,
         "range_m": 120, "stream": "rtsp://h/main", "substream": "http://h/sub.mjpg"},
        {"id": "CAM-G2-04", "x": 1400, "y": 500, "heading_deg": -90, "fov_deg": 90,
         "range_m": 60, "substream": "http://h/g2.mjpg"},
    ],
    "blocks": [{"id": "A03", "x": 300, "y": 200, "angle_deg": 90, "bays": 40, "rows": 10,
                "tiers": 5, "slot_length_m": 6.5, "slot_width_m": 2.9}],
    "fence": [{"id": "F-N-07", "points": [[0, 1000], [100, 1000], [100, 900]]}],
    "lanes": [{"id": "G2-OUT-04", "direction": "out", "x": 1400, "y": 520}],
    "zones": [{"id": "Q1", "kind": "quay", "polygon": [[0, 0], [400, 0], [400, 60], [0, 60]]}],
}


def test_cameras_read_from_the_layout_with_both_streams() -> None:
    cams = parse_layout(LAYOUT).cameras
    assert cams[0] == Camera("CAM-R17-03", 410, 230, 45, 70, 120,
                             "rtsp://h/main", "http://h/sub.mjpg")
    assert cams[0].tile_url() == "http://h/sub.mjpg"
    assert cams[0].enlarged_url() == "rtsp://h/main"
    assert cams[1].heading_deg == 270  # normalised
    assert cams[1].enlarged_url() == "http://h/g2.mjpg"  # no main stream: the sub serves


@pytest.mark.parametrize(
    ("patch", "words"),
    [
        ({"fov_deg": 0}, "fov_deg"),
        ({"range_m": -1}, "range_m"),
        ({"x": "410"}, "x must be a finite number"),
        ({"x": float("nan")}, "x must be a finite number"),
        ({"stream": 7}, "stream must be a URL"),
        ({"id": ""}, "no id"),
    ],
)
def test_bad_camera_fields_are_refused_with_the_field_named(
    patch: dict[str, Any], words: str
) -> None:
    bad = dict(LAYOUT["cameras"][0]) | patch
    with pytest.raises(LayoutError, match=words):
        parse_layout({"cameras": [bad]})


def test_duplicate_camera_ids_are_refused() -> None:
    with pytest.raises(LayoutError, match="twice"):
        parse_layout({"cameras": [LAYOUT["cameras"][0]] * 2})


def test_registry_tracks_device_events() -> None:
    reg = CameraRegistry.from_layout(LAYOUT)
    assert len(reg) == 2 and "CAM-G2-04" in reg
    assert reg.state("CAM-R17-03") == "unknown"
    assert reg.apply_device(DeviceReport("CAM-R17-03", "down", "camera", "no RTP for 10 s"))
    assert reg.state("CAM-R17-03") == "down"
    assert reg.detail("CAM-R17-03") == "no RTP for 10 s"
    assert not reg.apply_device(DeviceReport("STS03", "down", "sts"))
    assert reg.state("STS03") == "unknown"
    assert not reg.apply_device(DeviceReport("CAM-NEW", "degraded", "camera"))
    assert reg.state("CAM-NEW") == "degraded"  # kept for a later layout


def test_places_on_the_grid() -> None:
    # Block A03 counts bays north (90 degrees) from (300, 200); rows to the west.
    x, y = slot_point(LAYOUT, "A03", bay=1, row=1) or (0, 0)
    assert (x, y) == pytest.approx((300 - 1.45, 200 + 3.25))
    x, y = position_point(LAYOUT, Position("slot", block="A03", bay=12, row=4, tier=2)) or (0, 0)
    assert (x, y) == pytest.approx((300 - 3.5 * 2.9, 200 + 11.5 * 6.5))
    assert fence_point(LAYOUT, "F-N-07") == pytest.approx((100, 1000))
    assert position_point(LAYOUT, Position("lane", lane_id="G2-OUT-04")) == (1400, 520)
    assert position_point(LAYOUT, Position("vehicle", vehicle_id="SC17"),
                          {"SC17": (5.0, 6.0)}) == (5.0, 6.0)
    assert position_point(LAYOUT, Position("slot", block="ZZZ", bay=1, row=1)) is None
    assert area_polygon(LAYOUT, "Q1") == [(0, 0), (400, 0), (400, 60), (0, 60)]
    assert area_polygon(LAYOUT, "A03") is not None
