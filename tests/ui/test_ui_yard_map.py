"""The yard map widget, through what an officer sees and does: pixels, clicks, keys, tooltips."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from console.layout import parse_layout
from tests.support.core_yard import FedPicture
from tests.ui_conftest_helpers import clearance, drop, fence, number, position, small_layout
from ui.yard import cellcolours as cc
from ui.yard.map_widget import AlertMarker, YardMap


@pytest.fixture
def yard_map(qtbot: QtBot) -> YardMap:
    pic = FedPicture(parse_layout(small_layout()))
    m = YardMap(pic)
    qtbot.addWidget(m)
    m.resize(800, 600)
    m.show()
    qtbot.waitExposed(m)
    m.fit_all()
    return m


def pixel(m: YardMap, x: float, y: float) -> QColor:
    img: QImage = m.grab().toImage()
    p = m.to_screen(x, y)
    dpr = img.devicePixelRatio()
    return img.pixelColor(int(p.x() * dpr), int(p.y() * dpr))


def lut_colour(code: int, height: int = 1, empty: bool = False) -> QColor:
    return QColor(*cc.swatch(code, empty=empty, height=height))


@pytest.mark.parametrize(("block", "bay", "row"), [("A01", 3, 2), ("B01", 6, 4), ("B01", 1, 1)])
def test_a_hold_container_shows_in_its_slot_on_screen(yard_map: YardMap, block: str, bay: int,
                                                      row: int) -> None:
    ref = number(100 + bay * 10 + row)
    yard_map.centre_on(*yard_map.picture.layout.block(block).slot_centre(bay, row), 12.0)
    yard_map.picture.apply_events([drop(ref, block, bay, row), clearance(ref, "hold")])
    x, y = yard_map.picture.layout.block(block).slot_centre(bay, row)
    assert pixel(yard_map, x, y) == lut_colour(cc.HOLD)
    neighbour = yard_map.picture.layout.block(block).slot_centre(bay + (1 if bay < 5 else -1), row)
    assert pixel(yard_map, *neighbour) == lut_colour(cc.NO_CONTAINER, height=0)


def test_clicking_a_slot_names_its_top_container(yard_map: YardMap, qtbot: QtBot) -> None:
    low, top = number(201), number(202)
    yard_map.picture.apply_events([drop(low, "A01", 4, 3, 1), drop(top, "A01", 4, 3, 2)])
    yard_map.centre_on(*yard_map.picture.layout.block("A01").slot_centre(4, 3), 10.0)
    where = yard_map.to_screen(*yard_map.picture.layout.block("A01").slot_centre(4, 3)).toPoint()
    with qtbot.waitSignal(yard_map.container_clicked, timeout=2000) as sig:
        qtbot.mouseClick(yard_map, Qt.MouseButton.LeftButton, pos=where)
    assert sig.args == [top]
    text = yard_map.tooltip_text(QPointF(where))
    assert text is not None and low in text and top in text and "A01" in text


def test_clicking_a_vehicle_names_it(yard_map: YardMap, qtbot: QtBot) -> None:
    yard_map.picture.apply_events([position("SC07", 200, 60, carrying=number(300))])
    where = yard_map.to_screen(200, 60).toPoint()
    with qtbot.waitSignal(yard_map.vehicle_clicked, timeout=2000) as sig:
        qtbot.mouseClick(yard_map, Qt.MouseButton.LeftButton, pos=where)
    assert sig.args == ["SC07"]


def test_dragging_pans_and_does_not_click(yard_map: YardMap, qtbot: QtBot) -> None:
    before = (yard_map.cx, yard_map.cy)
    clicks: list[str] = []
    yard_map.container_clicked.connect(clicks.append)
    qtbot.mousePress(yard_map, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    qtbot.mouseMove(yard_map, QPoint(360, 330))
    qtbot.mouseRelease(yard_map, Qt.MouseButton.LeftButton, pos=QPoint(360, 330))
    dx, dy = yard_map.cx - before[0], yard_map.cy - before[1]
    assert dx == pytest.approx(-60 / yard_map.scale) and dy == pytest.approx(30 / yard_map.scale)
    assert clicks == []


def test_keys_zoom_pan_and_home_fits(yard_map: YardMap, qtbot: QtBot) -> None:
    fitted = yard_map.scale
    qtbot.keyClick(yard_map, Qt.Key.Key_Plus)
    assert yard_map.scale == pytest.approx(fitted * 1.5)
    cx = yard_map.cx
    qtbot.keyClick(yard_map, Qt.Key.Key_Right)
    assert yard_map.cx > cx
    qtbot.keyClick(yard_map, Qt.Key.Key_Home)
    assert yard_map.scale == pytest.approx(fitted)


def test_zooming_keeps_the_point_under_the_cursor(yard_map: YardMap) -> None:
    anchor = QPointF(200, 150)
    before = yard_map.to_world(anchor)
    yard_map.zoom_at(3.0, anchor)
    after = yard_map.to_world(anchor)
    assert after == pytest.approx(before)


def test_a_stale_feed_greys_the_containers(yard_map: YardMap) -> None:
    ref = number(400)
    yard_map.picture.apply_events([drop(ref, "A01", 2, 2), clearance(ref, "hold")])
    yard_map.centre_on(*yard_map.picture.layout.block("A01").slot_centre(2, 2), 10.0)
    x, y = yard_map.picture.layout.block("A01").slot_centre(2, 2)
    assert pixel(yard_map, x, y) == lut_colour(cc.HOLD)
    yard_map.set_stale_layers({"containers", "vehicles"})
    grey = pixel(yard_map, x, y)
    assert grey.red() == grey.green() == grey.blue()
    yard_map.set_stale_layers(set())
    assert pixel(yard_map, x, y) == lut_colour(cc.HOLD)


def test_layer_toggle_hides_containers(yard_map: YardMap) -> None:
    ref = number(401)
    yard_map.picture.apply_events([drop(ref, "A01", 2, 2), clearance(ref, "hold")])
    x, y = yard_map.picture.layout.block("A01").slot_centre(2, 2)
    yard_map.set_layer_visible("containers", False)
    assert pixel(yard_map, x, y) != lut_colour(cc.HOLD)
    yard_map.set_layer_visible("containers", True)
    assert pixel(yard_map, x, y) == lut_colour(cc.HOLD)


def test_alert_markers_and_fence_alarms_are_drawn(yard_map: YardMap) -> None:
    yard_map.set_markers([AlertMarker("a1", "critical", 120, 200)])
    img = yard_map.grab().toImage()
    c = yard_map.to_screen(120, 200)
    ring = [img.pixelColor(int(c.x() + dx), int(c.y() + dy))
            for dx, dy in ((-7, 0), (7, 0), (0, -7), (0, 7))]
    assert all(px.red() > 200 and px.green() < 100 for px in ring)
    inner = [img.pixelColor(int(c.x() + dx), int(c.y() + dy))
             for dx in range(-3, 4) for dy in range(-6, 7)]
    assert any(px.red() > 200 and px.green() > 200 for px in inner)  # the "!" of a critical
    yard_map.picture.apply_events([fence("F-N-01", "alarm")])
    yard_map.update()
    seg = pixel(yard_map, 100, 300)
    assert seg.red() > 200 and seg.green() < 100


def test_painting_records_event_to_pixel_latency(yard_map: YardMap) -> None:
    yard_map.latencies.clear()
    yard_map.picture.apply_events([drop(number(402), "A01", 1, 1)])
    yard_map.repaint()
    assert len(yard_map.latencies) == 1 and 0 <= yard_map.latencies[0] < 5
    assert yard_map.picture.pending_stamps == []


def test_hovering_a_slot_shows_its_stack(yard_map: YardMap, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QToolTip

    ref = number(403)
    yard_map.picture.apply_events([drop(ref, "B01", 2, 2), clearance(ref, "inspect")])
    yard_map.centre_on(*yard_map.picture.layout.block("B01").slot_centre(2, 2), 10.0)
    where = yard_map.to_screen(*yard_map.picture.layout.block("B01").slot_centre(2, 2))
    qtbot.mouseMove(yard_map, where.toPoint())
    qtbot.waitUntil(lambda: ref in QToolTip.text(), timeout=2000)
    assert "inspect" in QToolTip.text() and "B01" in QToolTip.text()
    QToolTip.hideText()
