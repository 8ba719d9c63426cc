"""The wall on real loopback streams: pictures painted, NO SIGNAL when a camera dies,
back to live when it returns, a snapshot saved as evidence with one key."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from console.cameras.evidence_record import EvidenceRecord
from console.cameras.loopback import FfmpegMjpegSource, GstRtspSource
from console.cameras.registry import CameraRegistry
from console.cameras.slot import Frame
from console.store.office import evidence_rows
from console.store.schema import connect
from tests.conftest import require_tool
from ui.cctv.tile import CameraTile
from ui.cctv.wall import CameraWall


def cam(cid: str, x: float, url: str, main: str | None = None) -> dict[str, Any]:
    return {"id": cid, "x": x, "y": 0, "heading_deg": 90, "fov_deg": 90, "range_m": 200,
            "substream": url, "stream": main}


def wait_until(qtbot: QtBot, check: Callable[[], bool], timeout_s: float) -> float:
    t0 = time.monotonic()
    qtbot.waitUntil(check, timeout=int(timeout_s * 1000))
    return time.monotonic() - t0


def picture_colour(tile: CameraTile) -> QColor:
    """A pixel inside the picture area, away from the caption and the state text."""
    img = tile.grab().toImage()
    return img.pixelColor(img.width() // 2, int(img.height() * 0.8))


@pytest.fixture
def sources() -> Iterator[list[FfmpegMjpegSource]]:
    require_tool("ffmpeg")
    srcs = [FfmpegMjpegSource() for _ in range(3)]
    for s in srcs:
        s.start()
    yield srcs
    for s in srcs:
        s.kill()


@pytest.mark.slow
def test_wall_follows_an_alert_shows_live_pictures_and_no_signal_when_a_camera_dies(
    qtbot: QtBot, sources: list[FfmpegMjpegSource], tmp_path: Path
) -> None:
    layout = {"cameras": [cam("CAM-A", 0, sources[0].url), cam("CAM-B", 30, sources[1].url),
                          cam("CAM-FAR", 400, sources[2].url)]}
    db = connect(tmp_path / "console.db")

    def save(frame: Frame, camera_id: str, alert_id: str | None) -> EvidenceRecord:
        return evidence_rows.take(db, frame, camera_id, alert_id=alert_id, officer="A123",
                                  station="WS-07")

    wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout, evidence=save)
    qtbot.addWidget(wall)
    wall.resize(960, 600)
    wall.show()
    qtbot.waitExposed(wall)
    try:
        assert wall.follow_point(10, 50) == ["CAM-A", "CAM-B"]  # CAM-FAR is out of range
        a, b = wall.tiles[0], wall.tiles[1]
        wait_until(qtbot, lambda: a.status_text() == "live" and b.status_text() == "live", 8)
        wait_until(qtbot, lambda: a.frames_painted > 10, 3)
        assert picture_colour(a) != QColor(Qt.GlobalColor.black)  # a picture, not a blank
        assert a.feed is not None and 12 <= a.feed.fps() <= 18

        wall.set_alert("AL-42")
        qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(wall.evidenceTaken) as taken:
            qtbot.keyClick(wall, Qt.Key.Key_S)
        rec = taken.args[0]
        assert (rec.camera_id, rec.alert_id, rec.width, rec.height) == ("CAM-B", "AL-42", 640, 360)
        saved = tmp_path / rec.path
        assert saved.parent == tmp_path / "evidence"
        assert hashlib.sha256(saved.read_bytes()).hexdigest() == rec.sha256
        assert evidence_rows.records(db, alert_id="AL-42") == [rec]

        sources[0].kill()
        down = wait_until(qtbot, lambda: a.status_text().startswith("NO SIGNAL since "), 5)
        assert down < 5
        assert a.shown_frame() is None  # the last picture is no longer painted as if live
        assert picture_colour(a) == QColor(Qt.GlobalColor.black)
        assert b.status_text() == "live"  # the other camera is unaffected
        sources[0].start()
        up = wait_until(qtbot, lambda: a.status_text() == "live", 5)
        assert up < 5
    finally:
        assert wall.shutdown()
        db.close()


@pytest.mark.slow
def test_a_tile_nobody_sees_decodes_nothing(
    qtbot: QtBot, sources: list[FfmpegMjpegSource]
) -> None:
    layout = {"cameras": [cam("CAM-A", 0, sources[0].url), cam("CAM-B", 30, sources[1].url)]}
    wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout, tiles=4)
    qtbot.addWidget(wall)
    wall.show()
    qtbot.waitExposed(wall)
    try:
        wall.show_cameras(["CAM-A", "CAM-B"])
        a, b = wall.tiles[0], wall.tiles[1]
        wait_until(qtbot, lambda: b.status_text() == "live", 8)
        wall.set_tile_count(1)  # CAM-B's tile leaves the wall
        assert b.feed is not None and not b.feed.active
        produced = b.feed.counters().produced
        qtbot.wait(500)
        assert b.feed.counters().produced == produced == 0
        assert a.feed is not None and a.feed.active
        wall.hide()  # the whole wall (its dock) hidden: nothing decodes
        assert not a.feed.active
    finally:
        assert wall.shutdown()


@pytest.mark.slow
def test_double_click_shows_the_main_rtsp_stream_and_back_to_the_sub_stream(
    qtbot: QtBot, sources: list[FfmpegMjpegSource]
) -> None:
    require_tool("gst-launch-1.0")
    with GstRtspSource(width=960, height=540) as main:
        layout = {"cameras": [cam("CAM-A", 0, sources[0].url, main=main.url)]}
        wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout, tiles=4)
        qtbot.addWidget(wall)
        wall.show()
        qtbot.waitExposed(wall)
        try:
            wall.show_cameras(["CAM-A"])
            tile = wall.tiles[0]
            wait_until(qtbot, lambda: tile.status_text() == "live", 8)
            frame = tile.shown_frame()
            assert frame is not None and frame.image.shape == (360, 640, 3)
            qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
            assert wall.visible_tiles() == [tile]
            wait_until(qtbot, lambda: tile.status_text() == "live"
                       and tile.shown_frame() is not None
                       and tile.shown_frame().image.shape == (540, 960, 3), 8)  # type: ignore[union-attr]
            sources[0].kill()  # ffmpeg -listen 1 served its one client; serve the next
            sources[0].start()
            qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
            assert len(wall.visible_tiles()) == 4
            wait_until(qtbot, lambda: tile.status_text() == "live"
                       and tile.shown_frame() is not None
                       and tile.shown_frame().image.shape == (360, 640, 3), 8)  # type: ignore[union-attr]
        finally:
            assert wall.shutdown()


@pytest.mark.slow
def test_a_device_down_is_never_called_live_and_the_caption_fits(
    qtbot: QtBot, sources: list[FfmpegMjpegSource]
) -> None:
    """Once seen: "live 10 fps" over the encoder's own NO SIGNAL card, "device down" and
    "live" at once, and a caption clipped in a narrow tile."""
    from console.model import DeviceReport

    layout = {"cameras": [cam("CAM-R17-DOWN-LONG-NAME", 0, sources[0].url)]}
    wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout, tiles=4)
    qtbot.addWidget(wall)
    wall.resize(960, 600)
    wall.show()
    qtbot.waitExposed(wall)
    try:
        wall.show_cameras(["CAM-R17-DOWN-LONG-NAME"])
        tile = wall.tiles[0]
        wait_until(qtbot, lambda: tile.status_text() == "live", 8)
        # the rate is said once two frames came (never "0 fps" beside "live")
        wait_until(qtbot, lambda: "fps" in tile.caption(tile.width())[1], 3)
        assert " 0 fps" not in tile.caption(tile.width())[1]
        wall.apply_device(DeviceReport("CAM-R17-DOWN-LONG-NAME", "down", "camera"))
        assert tile.status_text() == "device down" and not tile.honest_live()
        left, right = tile.caption(tile.width())
        assert right == "device down" and "live" not in left + right
        bright = picture_colour(tile)
        assert max(bright.red(), bright.green(), bright.blue()) < 140  # dimmed, not live
        fm = tile.fontMetrics()
        for width in (120, 200, 320):
            left, right = tile.caption(width)
            assert fm.horizontalAdvance(left) + fm.horizontalAdvance(right) <= width
            assert right.endswith("down")  # the state is never the part cut off
        wall.apply_device(DeviceReport("CAM-R17-DOWN-LONG-NAME", "up", "camera"))
        wait_until(qtbot, lambda: tile.status_text() == "live", 3)
    finally:
        assert wall.shutdown()


@pytest.mark.slow
def test_the_picture_fills_its_tile_and_the_enlarged_tile_shows_the_whole_frame(
    qtbot: QtBot, sources: list[FfmpegMjpegSource]
) -> None:
    """In a wide camera strip (1280×720 desk) a letterboxed picture took a third of its tile;
    now it covers the tile (its centre kept), and the double-click shows the whole frame."""
    layout = {"cameras": [cam("CAM-A", 0, sources[0].url)]}
    wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout, tiles=4)
    qtbot.addWidget(wall)
    wall.resize(1100, 330)
    wall.show()
    qtbot.waitExposed(wall)
    try:
        wall.show_cameras(["CAM-A"])
        a = wall.tiles[0]
        wait_until(qtbot, lambda: a.status_text() == "live" and a.frames_painted > 3, 8)
        assert a.width() > 3 * a.height()  # a strip tile, far wider than the 16:9 picture
        img = a.grab().toImage()
        y = int(img.height() * 0.8)
        for x in (int(img.width() * 0.15), img.width() // 2, int(img.width() * 0.85)):
            assert img.pixelColor(x, y) != QColor(Qt.GlobalColor.black), x  # letterboxed: black
        wall.toggle_enlarged(a)
        wait_until(qtbot, lambda: a.shown_frame() is not None, 8)
        qtbot.wait(200)
        img = a.grab().toImage()
        assert img.pixelColor(int(img.width() * 0.1), img.height() // 2) == QColor(
            Qt.GlobalColor.black)  # the whole 16:9 frame in a wide tile: bars either side
        assert img.pixelColor(img.width() // 2, img.height() // 2) != QColor(
            Qt.GlobalColor.black)
    finally:
        assert wall.shutdown()
