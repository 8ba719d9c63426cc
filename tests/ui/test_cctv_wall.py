"""The wall follows the officer's place, keeps pinned tiles, and enlarges on a double-click.

These tests use cameras without streams (nothing to decode) and check the
choice of cameras; `test_cctv_live.py` checks the pictures from real streams.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.cameras.registry import CameraRegistry
from console.model import DeviceReport, Position
from ui.cctv.wall import CameraWall


def cam(cid: str, x: float, y: float, heading: float, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "x": x, "y": y, "heading_deg": heading, "fov_deg": 90,
            "range_m": 150} | extra


# An alert at (500, 500): N looks south from 60 m, E looks west from 100 m,
# FAR looks south-west from 141 m, AWAY is 20 m off but looks away.
LAYOUT: dict[str, Any] = {
    "cameras": [
        cam("FAR", 600, 600, 225),
        cam("AWAY", 520, 500, 0),
        cam("E", 600, 500, 180),
        cam("N", 500, 560, 270),
        cam("QUAY-1", 100, 30, 90),
        cam("QUAY-2", 300, 30, 90),
    ],
    "zones": [{"id": "Q1", "kind": "quay", "polygon": [[0, 0], [400, 0], [400, 60], [0, 60]]}],
    "fence": [{"id": "F-N-07", "points": [[450, 500], [550, 500]]}],
    "blocks": [{"id": "A03", "x": 500, "y": 480, "angle_deg": 90, "bays": 10, "rows": 4,
                "slot_length_m": 6.5, "slot_width_m": 2.9}],
}


@pytest.fixture
def wall(qtbot: QtBot) -> Iterator[CameraWall]:
    w = CameraWall(CameraRegistry.from_layout(LAYOUT), layout=LAYOUT, tiles=4)
    qtbot.addWidget(w)
    w.resize(800, 500)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert w.shutdown()


def test_selecting_an_alert_fills_the_wall_nearest_first(wall: CameraWall, qtbot: QtBot) -> None:
    with qtbot.waitSignal(wall.camerasShown) as shown:
        assert wall.follow_point(500, 500) == ["N", "E", "FAR"]
    assert shown.args == [["N", "E", "FAR", None]]
    assert [t.status_text() for t in wall.tiles[:4]][3] == "no camera"


def test_a_pinned_tile_stays_when_the_next_alert_is_followed(wall: CameraWall) -> None:
    wall.show_cameras(["QUAY-2"])
    wall.tiles[0].set_pinned(True)
    wall.follow_point(500, 500)
    assert wall.shown_ids() == ["QUAY-2", "N", "E", "FAR"]
    wall.show_cameras(["N", "QUAY-2", "E"])  # QUAY-2 is not shown twice
    assert wall.shown_ids() == ["QUAY-2", "N", "E", None]


def test_no_camera_for_a_place_says_so_and_keeps_the_wall(
    wall: CameraWall, qtbot: QtBot
) -> None:
    wall.show_cameras(["E"])
    with qtbot.waitSignal(wall.message) as said:
        assert wall.follow_point(1400, 900) == []
    assert "no camera sees" in said.args[0]
    assert wall.shown_ids()[0] == "E"


def test_follow_a_container_slot_and_a_fence_segment(wall: CameraWall) -> None:
    # Slot A03 bay 4 row 1: about (498.6, 502.8); N, E and FAR see it.
    assert wall.follow_position(Position("slot", block="A03", bay=4, row=1, tier=1)) == [
        "N", "E", "FAR"]
    wall.show_cameras([])
    assert wall.follow_fence_segment("F-N-07") == ["N", "E", "FAR"]
    assert wall.follow_position(Position("vehicle", vehicle_id="SC1"), {"SC1": (105, 60)}) == [
        "QUAY-1"]


def test_pick_cameras_by_id_or_area(wall: CameraWall, qtbot: QtBot) -> None:
    qtbot.keyClicks(wall._picker, "E, N")
    qtbot.keyClick(wall._picker, Qt.Key.Key_Return)
    assert wall.shown_ids() == ["E", "N", None, None]
    wall._picker.clear()
    qtbot.keyClicks(wall._picker, "Q1")
    qtbot.keyClick(wall._picker, Qt.Key.Key_Return)
    assert wall.shown_ids() == ["QUAY-1", "QUAY-2", None, None]
    with qtbot.waitSignal(wall.message) as said:
        wall.show_cameras(["NOPE", "E"])
    assert "NOPE" in said.args[0]
    assert wall.shown_ids()[0] == "E"


def test_a_camera_without_a_stream_reads_no_signal_with_the_reason(wall: CameraWall) -> None:
    wall.show_cameras(["E"])
    tile = wall.tiles[0]
    tile.poll()
    assert tile.status_text().startswith("NO SIGNAL since ")
    assert tile.status().error == "the layout gives this camera no stream"
    assert not tile.grab().isNull()


def test_typing_s_in_the_picker_types_it_and_takes_no_snapshot(
    wall: CameraWall, qtbot: QtBot
) -> None:
    said: list[str] = []
    wall.message.connect(said.append)
    wall._picker.setFocus()
    qtbot.keyClicks(wall._picker, "Q1 S")
    assert wall._picker.text() == "Q1 S"
    assert said == []


def test_tile_counts_and_hidden_tiles(wall: CameraWall) -> None:
    for n in (1, 9, 16, 4):
        wall.set_tile_count(n)
        assert len(wall.visible_tiles()) == n
        assert sum(t.isVisible() for t in wall.tiles) == n
    with pytest.raises(ValueError, match="1, 4, 9 or 16"):
        wall.set_tile_count(5)


def test_double_click_enlarges_on_the_main_stream_and_restores(
    qtbot: QtBot,
) -> None:
    layout = {"cameras": [cam("C1", 0, 0, 0, stream="rtsp://127.0.0.1:9/main",
                              substream="http://127.0.0.1:9/sub.mjpg"),
                          cam("C2", 0, 0, 0)]}
    wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout)
    qtbot.addWidget(wall)
    wall.show()
    try:
        wall.show_cameras(["C1", "C2"])
        first = wall.tiles[0]
        assert first.feed is not None and first.feed.url == "http://127.0.0.1:9/sub.mjpg"
        qtbot.mouseDClick(first, Qt.MouseButton.LeftButton)
        assert wall.visible_tiles() == [first]
        assert first.feed.url == "rtsp://127.0.0.1:9/main"
        assert not wall.tiles[1].isVisible() and not wall.tiles[1].feed.active  # type: ignore[union-attr]
        qtbot.mouseDClick(first, Qt.MouseButton.LeftButton)
        assert len(wall.visible_tiles()) == 4
        assert first.feed.url == "http://127.0.0.1:9/sub.mjpg"
    finally:
        assert wall.shutdown()


def test_device_events_reach_the_tile(wall: CameraWall) -> None:
    wall.show_cameras(["E"])
    wall.apply_device(DeviceReport("E", "down", "camera"))
    assert wall.registry.state("E") == "down"
    assert wall.tiles[0]._device_state == "down"


def test_snapshot_without_a_live_picture_says_so(wall: CameraWall, qtbot: QtBot) -> None:
    wall.show_cameras(["E"])
    with qtbot.waitSignal(wall.message) as said:
        qtbot.keyClick(wall, Qt.Key.Key_S)
    assert "no live picture" in said.args[0]


def test_an_empty_wall_shows_the_gates_cameras_when_the_layout_arrives(qtbot: QtBot) -> None:
    """The demo's wall stayed black ("no camera") until the first alert was selected."""
    gate = {"id": "G1", "kind": "gate", "polygon": [[580, 480], [620, 480], [620, 620],
                                                    [580, 620]]}
    layout = LAYOUT | {"zones": [*LAYOUT["zones"], gate]}
    w = CameraWall(CameraRegistry(), tiles=4)  # the window opens before the layout is known
    qtbot.addWidget(w)
    w.show()
    assert w.shown_ids() == [None] * 4
    w.set_layout(layout, CameraRegistry.from_layout(layout))
    assert w.shown_ids() == ["FAR", "E", "AWAY", "N"]  # the gate's (FAR, E) first
    w.show_cameras(["QUAY-1"])
    w.set_layout(layout, CameraRegistry.from_layout(layout))  # a new layout keeps the choice
    assert w.shown_ids() == ["QUAY-1", None, None, None]
    assert w.shutdown()
