"""The camera wall in Traditional Chinese: no English an officer would read.

Walks every visible widget of the wall (`tests.support.english_walk`) and the
words each tile writes over its picture, in every state a tile can be in:
no camera, connecting, NO SIGNAL, device down.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.cameras.registry import CameraRegistry
from console.model import DeviceReport
from tests.support.english_walk import english_in, english_words
from ui.cctv.wall import CameraWall
from ui.i18n import Translations


@pytest.fixture
def zh_wall(qtbot: QtBot, tmp_path: Path) -> Iterator[CameraWall]:
    translations = Translations(tmp_path)
    translations.set_language("zh_TW")
    layout = {"cameras": [
        {"id": "CAM-A", "x": 0, "y": 0, "heading_deg": 90, "fov_deg": 90, "range_m": 200,
         "substream": "http://127.0.0.1:9/none.mjpg"},
        {"id": "CAM-B", "x": 10, "y": 0, "heading_deg": 90, "fov_deg": 90, "range_m": 200,
         "substream": "http://127.0.0.1:9/none.mjpg"}]}
    wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout)
    qtbot.addWidget(wall)
    wall.resize(900, 600)
    wall.show()
    qtbot.waitExposed(wall)
    yield wall
    wall.shutdown()
    translations.set_language("en")
    qtbot.wait(10)


def test_the_wall_and_its_tiles_write_no_english_in_zh_tw(zh_wall: CameraWall,
                                                          qtbot: QtBot) -> None:
    wall = zh_wall
    said: list[str] = []
    wall.message.connect(said.append)
    assert wall.show_cameras(["CAM-A", "CAM-B"]) == ["CAM-A", "CAM-B"]
    wall.apply_device(DeviceReport("CAM-B", "down", "camera"))
    wall.follow_point(5000, 5000)  # no camera there: said in words
    wall.snapshot()  # nothing live to save: said in words
    qtbot.waitUntil(lambda: wall.tiles[0].status_text() != "", timeout=2000)
    assert english_in(wall) == []
    words = [t.status_text() for t in wall.tiles[:4]]
    words += [" ".join(t.caption(t.width())) for t in wall.tiles[:4]]
    assert "設備故障" in words and "無攝影機" in words
    assert [w for w in words + said if english_words(w)] == []
