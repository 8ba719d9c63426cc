"""The console window as a whole: wiring, docks that come back, language at run time, help."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar
from pytestqt.qtbot import QtBot

from console.feed.status import FeedStatus
from tests.support.core_yard import FedDisplay
from tests.ui_conftest_helpers import (
    alert,
    clearance,
    drop,
    equipment,
    fence,
    number,
    position,
    settings,
    small_layout,
)
from ui.alerts.announcer import AlertAnnouncer
from ui.display import DisplayState
from ui.i18n import Translations
from ui.mainwindow import FRAME_M, MainWindow
from ui.theme import apply_theme


def make_window(qtbot: QtBot, tmp_path: Path, display: DisplayState | None = None
                ) -> MainWindow:
    display = display or FedDisplay(small_layout())
    w = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path), settings(tmp_path))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    w = make_window(qtbot, tmp_path)
    yield w
    w.translations.set_language("en")
    w.close()


def test_every_dock_and_toolbar_is_named_and_the_layout_comes_back(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    w = make_window(qtbot, tmp_path)
    docks = w.findChildren(QDockWidget)
    bars = w.findChildren(QToolBar)
    assert {d.objectName() for d in docks} == {"alertsDock", "inspectorDock", "healthDock",
                                               "cctvDock", "legendDock"}
    assert all(b.objectName() for b in bars) and len(bars) == 2
    w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, w.docks["alertsDock"])
    w.docks["legendDock"].hide()
    w.actions_by_name["actionMute"].setChecked(True)
    w.close()
    again = make_window(qtbot, tmp_path)
    assert again.dockWidgetArea(again.docks["alertsDock"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.docks["legendDock"].isHidden()
    assert again.announcer.muted
    assert (tmp_path / "window.ini").exists()
    again.close()


def test_an_alert_reaches_the_queue_and_the_map_and_selecting_it_centres_the_map(
        window: MainWindow, qtbot: QtBot) -> None:
    ref = number(700)
    d = window.display
    d.on_events("T", [drop(ref, "B01", 5, 3), clearance(ref, "hold")])
    d.on_alerts([alert("g1", "critical", "GATE_OUT_UNDER_HOLD", subject=ref)])
    assert window.queue.visible_alert_ids() == ["g1"]
    where = d.picture.layout.block("B01").slot_centre(5, 3)
    assert [(m.alert_id, m.x, m.y) for m in window.map.markers] == [("g1", *where)]
    assert window.banner.isVisible() and window.banner.alert_id == "g1"
    window.queue.table.setFocus()
    window.queue.select_alert("g1")
    assert (window.map.cx, window.map.cy) == pytest.approx(where)
    # Framed with its surroundings (issue 14: it used to zoom in until no context remained).
    m = window.map
    assert min(m.width(), m.height()) / m.scale == pytest.approx(FRAME_M)
    assert m.highlight == pytest.approx(where)
    assert window.inspector.subject == ("alert", "g1")
    assert "GATE_OUT_UNDER_HOLD" in window.inspector.text()
    assert not window.banner.isVisible()


def test_fence_alerts_point_at_the_segment_and_vehicles_follow_their_reports(
        window: MainWindow) -> None:
    d = window.display
    d.on_events("T", [fence("F-N-02", "alarm"), position("SC09", 100, 50)])
    d.on_alerts([alert("f1", "critical", "FENCE_INTRUSION", subject="F-N-02"),
                 alert("u1", "high", "UNSCHEDULED_STOP", subject="SC09")])
    markers = {m.alert_id: (m.x, m.y) for m in window.map.markers}
    assert markers["f1"] == (300.0, 300.0)
    d.on_events("T", [position("SC09", 140, 60)])
    window._tick()
    assert {m.alert_id: (m.x, m.y) for m in window.map.markers}["u1"] == (140, 60)


def test_a_gate_out_alert_points_at_the_lane_the_container_left_by(window: MainWindow) -> None:
    ref = number(702)
    d = window.display
    gate_out = equipment(ref, "GTOT", lane_id="G1-OUT-01")
    d.on_events("T", [drop(ref, "A01", 2, 2), gate_out])
    assert d.picture.container_point(ref) is None
    d.on_alerts([alert("g2", "critical", "GATE_OUT_WITHOUT_RELEASE", subject=ref,
                       event_id=gate_out.id)])
    assert [(m.x, m.y) for m in window.map.markers] == [(380.0, 200.0)]
    window.go_to_alert("g2")
    assert (window.map.cx, window.map.cy) == (380.0, 200.0)


def test_search_and_click_show_the_container(window: MainWindow, qtbot: QtBot) -> None:
    ref = number(701)
    window.display.on_events("T", [drop(ref, "A01", 9, 4)])
    window.search.edit.setText(ref)
    qtbot.keyClick(window.search.edit, Qt.Key.Key_Return)
    assert window.inspector.subject == ("container", ref)
    where = window.display.picture.layout.block("A01").slot_centre(9, 4)
    assert (window.map.cx, window.map.cy) == pytest.approx(where)
    window.inspector.show_placeholder()
    qtbot.mouseClick(window.map, Qt.MouseButton.LeftButton,
                     pos=window.map.to_screen(*where).toPoint())
    assert window.inspector.subject == ("container", ref)


def test_a_stale_feed_greys_the_map_and_says_so(window: MainWindow) -> None:
    status = FeedStatus(feed="t7", state="stale", url="ws://x/t", role="terminal",
                        detail="nothing heard for 15 s")
    window.display.on_feed_status(status)
    assert window.map.stale_layers >= {"vehicles", "containers"}
    assert window.display.picture.greyed
    assert "0 of 1" in window.feed_label.text()


def test_language_switches_at_run_time_and_back(window: MainWindow, qtbot: QtBot) -> None:
    window.display.on_alerts([alert("c1", "critical", "FENCE_INTRUSION", subject="F-N-01")])
    assert window.translations.set_language("zh_TW")
    qtbot.waitUntil(lambda: window.windowTitle() == "智慧櫃場監管台 — 海關監管", timeout=2000)
    assert window.docks["alertsDock"].windowTitle() == "警示"
    assert window.queue.proxy.index(0, 0).data() == "緊急"
    assert window.queue.search.placeholderText() == "依規則、對象或資料源篩選"
    assert "請在地圖上點選" in window.inspector.text()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.translations.language == "en"
    qtbot.waitUntil(lambda: window.windowTitle() == "Yard Console — customs supervision",
                    timeout=2000)
    assert window.queue.proxy.index(0, 0).data() == "CRITICAL"


def test_help_overlay_lists_the_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.overlay.isVisible()
    keys = dict(window.overlay.entries())
    assert keys["F1"] == "Keyboard shortcuts" and keys["Ctrl+F"] == "Find container"
    assert keys["F8"] == "Go to the announced alert" and "Home" in keys
    qtbot.keyClick(window.overlay, Qt.Key.Key_Escape)
    assert not window.overlay.isVisible()


def test_the_theme_picks_a_font_with_traditional_chinese_glyphs(qapp: QApplication) -> None:
    family = apply_theme(qapp)
    assert family == "Noto Sans CJK TC", "install Debian fonts-noto-cjk"
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "智慧櫃場監管台扣留放行")
    assert "QDockWidget" in qapp.styleSheet()
    assert qapp.palette().window().color().lightness() < 60


def test_the_cctv_wall_fills_its_dock_and_follows_the_selected_alert(qtbot: QtBot,
                                                                      tmp_path: Path) -> None:
    from ui.app import make_cctv

    layout = small_layout()
    layout["cameras"][0].update({"heading_deg": 225, "stream": "rtsp://127.0.0.1:9/main",
                                 "substream": "http://127.0.0.1:9/sub.mjpg"})
    display = FedDisplay(layout)
    wall = make_cctv(layout)
    assert wall is not None and wall.objectName() == "cameraWall"
    w = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path), settings(tmp_path),
                   cctv=wall)
    qtbot.addWidget(w)
    w.show()
    assert w.docks["cctvDock"].widget() is wall
    ref = number(703)
    display.on_events("T", [drop(ref, "A01", 3, 2)])
    display.on_alerts([alert("s1", "high", "SEAL_MISMATCH", subject=ref)])
    w.go_to_alert("s1")
    assert "CAM-1" in wall.shown_ids()
    w.close()


def test_an_alert_flood_keeps_the_window_responsive(window: MainWindow) -> None:
    """ISA-18.2 calls ten alerts in ten minutes a flood; two thousand at once must not
    freeze the map's markers or the once-a-second refresh."""
    import time

    d = window.display
    slots = [("A01", bay, row, tier) for bay in range(1, 11) for row in range(1, 5)
             for tier in range(1, 4)] + [("B01", bay, row, tier) for bay in range(1, 9)
                                         for row in range(1, 6) for tier in range(1, 5)]
    refs = [number(1000 + i) for i in range(len(slots))]
    d.on_events("T", [drop(ref, *slot) for ref, slot in zip(refs, slots, strict=True)])
    d.on_events("T", [position(f"SC{i:02d}", 10 + i, 20, carrying=number(5000 + i))
                      for i in range(200)])
    severities = ("critical", "high", "medium", "low")
    d.on_alerts([alert(f"f{i}", severities[i % 4], "CONTAINER_NUMBER_INVALID",
                       subject=refs[i % len(refs)] if i % 3 else number(5000 + i % 200))
                 for i in range(2000)])
    assert len(window.queue.visible_alert_ids()) == 2000
    started = time.perf_counter()
    window._tick()
    tick = time.perf_counter() - started
    assert len(window.map.markers) == 2000
    assert tick < 0.2, f"one refresh took {tick * 1000:.0f} ms"


def test_the_cctv_wall_takes_a_late_layout_and_device_states(qtbot: QtBot) -> None:
    """In `run` the layout comes from the gateway after start: the wall must follow it."""
    from console.model import DeviceReport
    from tests.ui_conftest_helpers import event
    from ui.app import connect_cctv, make_cctv

    display = FedDisplay()
    wall = make_cctv(display.layout_body)
    assert wall is not None
    qtbot.addWidget(wall)
    connect_cctv(wall, display)
    assert "CAM-1" not in wall.registry
    display.on_layout("T", small_layout())
    assert "CAM-1" in wall.registry
    display.on_events("T", [event(DeviceReport("CAM-1", "down", "camera", "no RTP"), "device")])
    assert wall.registry.state("CAM-1") == "down"
    wall.shutdown()
