"""The officer's desk (issue 14): layout presets per screen, and one keyboard path with dwell.

Layouts are checked as an officer would see them: at 1920×1080, 1280×720 and
1366×768 no two docks overlap, everything is inside the window, the queue has
room for at least eight rows and the comment field and the Accept button are
on screen; a layout saved on a large screen is not restored onto a small one;
with two screens the map and the camera wall go to the second.  The keyboard
path runs on the real console parts (desk, audit trail, SQLite file): Enter in
the queue accepts only after the dwell, an acknowledged alert never proposes
Acknowledge, a burst of Enters handles nothing unread, a group of repeats is
acknowledged with one comment as one audited action per alert, and the F1
list and the README's key table are the same list.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.operations.desk import OperationRefused, Refusal
from tests.support.core_yard import FedDisplay
from tests.ui.test_ui_operations_panel import Console, console, misread, sign_in
from tests.ui_conftest_helpers import alert, equipment, fence, position, settings, small_layout
from ui import desk_layout
from ui.alerts.announcer import AlertAnnouncer
from ui.i18n import Translations
from ui.mainwindow import MainWindow
from ui.operations.panel import DWELL_S
from ui.theme import apply_theme

__all__ = ["console"]  # the fixture, shared with the panel tests

README = Path(__file__).resolve().parents[2] / "README.md"


def window_on(qtbot: QtBot, tmp_path: Path, screens: list[QRect]) -> MainWindow:
    """The window as the program shows it (its theme and font), on these screens."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)
    w = MainWindow(FedDisplay(small_layout()), AlertAnnouncer(tmp_path), Translations(tmp_path),
                   settings(tmp_path))
    qtbot.addWidget(w)
    w.screens_available = lambda: screens
    w.restore_layout()
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)
    return w


def rect_in_window(w: MainWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(w, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize(("width", "height", "preset"), [(1920, 1080, "wide"),
                                                          (1280, 720, "compact"),
                                                          (1366, 768, "compact")])
def test_each_screen_size_gets_a_desk_where_nothing_overlaps(qtbot: QtBot, tmp_path: Path,
                                                             width: int, height: int,
                                                             preset: str) -> None:
    w = window_on(qtbot, tmp_path, [QRect(0, 0, width, height)])
    assert w.desk_preset == preset
    assert w.width() <= width and w.height() <= height
    shown = desk_layout.docks_shown(w)
    names = {d.objectName() for d in shown}
    assert {"alertsDock", "inspectorDock", "cctvDock"} <= names
    assert not {"legendDock", "healthDock"} & names  # tabs behind the camera wall
    inside = w.rect()
    rects = {d.objectName(): QRect(d.geometry()) for d in shown}
    rects["map"] = rect_in_window(w, w.map)
    for name, r in rects.items():
        assert inside.contains(r), (name, r, inside)
    items = list(rects.items())
    for i, (a, ra) in enumerate(items):
        for b, rb in items[i + 1:]:
            assert not ra.intersects(rb), (a, ra, b, rb)
    assert w.queue.rows_shown() >= desk_layout.MIN_QUEUE_ROWS
    panel = w.operations
    for part in (panel.comment, panel.accept_button, panel.proposals):
        r = rect_in_window(w, part)
        assert part.isVisible(), part.objectName()
        assert rects["inspectorDock"].contains(r), part.objectName()
    for part in (panel.comment, panel.accept_button):
        assert part.height() >= part.sizeHint().height(), part.objectName()
    assert panel.proposals.viewport().height() >= 3 * panel.proposals.fontMetrics().height()
    # The queue and the case are the centre: more of the desk than the map.
    queue_case = rects["alertsDock"].width() * (rects["alertsDock"].height()
                                                + rects["inspectorDock"].height())
    assert queue_case >= rects["map"].width() * rects["map"].height()
    w.close()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720), (1366, 768)])
def test_every_toolbar_button_is_inside_the_window_in_both_languages(
        qtbot: QtBot, tmp_path: Path, width: int, height: int, lang: str) -> None:
    w = window_on(qtbot, tmp_path, [QRect(0, 0, width, height)])
    try:
        for language in ("zh_TW", "en", lang):  # a change of language re-fits the rows
            w.translations.set_language(language)
            qtbot.wait(30)
        cranes = w.actions_by_name["layer_cranes"].text()
        assert cranes == ("Cranes" if lang == "en" else "起重機")  # the words of `lang`
        shown: list[str] = []
        for bar in (w.toolbar, w.layer_bar):
            for act in bar.actions():
                if not act.isVisible():
                    continue
                button = bar.widgetForAction(act)
                assert button is not None and button.isVisible(), (act.text(), lang)
                assert w.rect().contains(rect_in_window(w, button)), (act.text(), lang)
                shown.append(act.objectName())
        layers = [a.objectName() for a in w.layer_actions]
        assert [a.objectName() for a in w.layer_menu.actions()] == layers
        if set(layers) <= set(shown):
            assert not w.layer_button.isVisible()
        else:  # folded into the drop-down: on screen, and it opens on every layer
            assert not set(layers) & set(shown)
            assert w.layer_button.isVisible() and w.layer_button.text() in (
                "Map layers", "地圖圖層")
        # where the words fit, the toggles stay one click away
        assert (set(layers) <= set(shown)) is (width >= 1920 or lang == "zh_TW")
    finally:
        w.translations.set_language("en")  # its translator is the application's


def test_a_layout_saved_on_a_large_screen_is_not_restored_onto_a_small_one(
        qtbot: QtBot, tmp_path: Path) -> None:
    big = window_on(qtbot, tmp_path, [QRect(0, 0, 1920, 1080)])
    big.resizeDocks([big.docks["alertsDock"]], [300], Qt.Orientation.Horizontal)
    big.close()
    same = window_on(qtbot, tmp_path, [QRect(0, 0, 1920, 1080)])
    assert same.size() == QSize(1920, 1080)  # same screen: the officer's layout comes back
    same.close()
    small = window_on(qtbot, tmp_path, [QRect(0, 0, 1280, 720)])
    assert small.desk_preset == "compact"
    assert small.width() <= 1280 and small.height() <= 720
    assert small.queue.rows_shown() >= desk_layout.MIN_QUEUE_ROWS
    small.close()


def test_two_screens_put_the_map_and_the_cameras_on_the_second(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    second = QRect(1280, 0, 1920, 1080)
    w = window_on(qtbot, tmp_path, [QRect(0, 0, 1280, 720), second])
    assert w.desk_preset == "two_screens"
    assert w.second_screen is not None and w.second_screen.isVisible()
    assert w.second_screen.size() == second.size()
    assert second.contains(w.second_screen.geometry().center())
    assert w.map.window() is w.second_screen and w.cctv.window() is w.second_screen
    assert w.queue.rows_shown() >= desk_layout.MIN_QUEUE_ROWS
    w.apply_desk_preset("compact")  # back to one screen: the map returns to the desk
    assert w.second_screen is None and w.map.window() is w
    w.close()


# -- the keyboard path ----------------------------------------------------------------

def queue_key(qtbot: QtBot, c: Console, key: Qt.Key) -> None:
    qtbot.keyClick(c.window.queue.table, key)


def test_enter_in_the_queue_accepts_only_after_the_case_was_on_screen(qtbot: QtBot,
                                                                       console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    alert_id = misread(c)
    w, panel = c.window, c.window.operations
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.queue.current_alert_id() == alert_id  # the queue took the focus: first alert
    assert panel.case is not None and panel.case.alert_id == alert_id
    for _ in range(4):  # a burst of Enters on a case nobody read does nothing
        queue_key(qtbot, c, Qt.Key.Key_Return)
    book = c.parts.supervisor.book
    assert book.get(alert_id).state == "unacknowledged"  # type: ignore[union-attr]
    assert panel.refused_early == 4 and "Read the case first" in panel.outcome.text()
    assert not [e for e in c.parts.audit.entries() if e.action.startswith("alert.")]
    c.clock.now += DWELL_S
    queue_key(qtbot, c, Qt.Key.Key_Return)
    assert [(a.alert_id, a.action) for a in panel.actions_taken] == [(alert_id, "resolve")]
    assert all(a.dwell_s >= DWELL_S for a in panel.actions_taken)
    queue_key(qtbot, c, Qt.Key.Key_Escape)
    assert w.queue.current_alert_id() is None and panel.case is None


def test_an_acknowledged_alert_never_proposes_acknowledge(qtbot: QtBot,
                                                          console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    c.feed(fence("F-N-01", "alarm"))
    alert_id = c.alert("FENCE_INTRUSION")
    c.select(alert_id)
    panel = c.window.operations
    assert panel.proposals.item(0).text().startswith("Acknowledge")
    c.window.queue.table.setFocus()
    queue_key(qtbot, c, Qt.Key.Key_Return)
    assert c.parts.supervisor.book.get(alert_id).state == "acknowledged"  # type: ignore[union-attr]
    texts = [panel.proposals.item(i).text() for i in range(panel.proposals.count())]
    assert texts and not any(t.startswith("Acknowledge") for t in texts)
    queue_key(qtbot, c, Qt.Key.Key_Return)  # at once again: the case changed, read it first
    assert c.parts.supervisor.book.get(alert_id).state == "acknowledged"  # type: ignore[union-attr]
    assert len(panel.actions_taken) == 1


def test_a_group_of_repeats_is_acknowledged_with_one_comment_one_entry_per_alert(
        qtbot: QtBot, console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    for state in ("alarm", "clear", "alarm", "clear", "alarm"):
        c.feed(fence("F-N-02", state))
    rows = [r for r in c.display.alerts.rows() if r.rule == "FENCE_INTRUSION"]
    heads = [r for r in rows if r.heads_group]
    assert len(rows) >= 2 and len(heads) == 1
    head = heads[0]
    c.select(head.alert_id)
    panel = c.window.operations
    qtbot.keyClicks(panel.comment, "wind on the north fence, checked on camera")
    qtbot.keyClick(panel.comment, Qt.Key.Key_Return)
    acks = [e for e in c.parts.audit.entries() if e.action == "alert.acknowledge"]
    assert sorted(e.target for e in acks) == sorted(r.alert_id for r in rows)
    assert {e.details.get("comment") for e in acks} == {
        "wind on the north fence, checked on camera"}
    book = c.parts.supervisor.book
    assert {book.get(r.alert_id).state for r in rows} == {"acknowledged"}  # type: ignore[union-attr]
    assert f"({len(rows)} alerts of the group)" in panel.outcome.text()


def test_a_refusal_is_said_in_the_officers_words(qtbot: QtBot, console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    alert_id = misread(c)
    c.select(alert_id)
    panel = c.window.operations
    text = panel._refusal_text(OperationRefused(
        f"acknowledged alert {alert_id} does not allow that", Refusal.STATE))
    assert "does not allow" not in text and "acknowledged" in text


# -- F1 and the README ----------------------------------------------------------------

def readme_keys() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- keys -->", 2)[1]
    rows = []
    for line in table.splitlines():
        m = re.match(r"\|\s*`([^`]+)`\s*\|\s*(.+?)\s*\|$", line.strip())
        if m:
            rows.append((m.group(1), m.group(2)))
    return rows


def test_f1_and_the_readme_key_table_are_the_keys_of_the_code(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    w = window_on(qtbot, tmp_path, [QRect(0, 0, 1920, 1080)])
    assert sorted(w.overlay.entries()) == sorted(readme_keys())
    w.close()


# -- the map and the status bar ---------------------------------------------------------

def test_the_selection_ring_follows_the_alerts_vehicle(qtbot: QtBot, tmp_path: Path) -> None:
    w = window_on(qtbot, tmp_path, [QRect(0, 0, 1920, 1080)])
    d = w.display
    d.on_events("T", [position("SC007", 120.0, 160.0, carrying="TSTU0000001")])
    d.on_alerts([alert("u1", "high", "UNSCHEDULED_STOP", subject="SC007")])
    assert w.queue.select_alert("u1")
    assert w.map.highlight == pytest.approx((120.0, 160.0))
    d.on_events("T", [position("SC007", 180.0, 175.0, carrying="TSTU0000001")])
    assert w.map.highlight == pytest.approx((180.0, 175.0))
    w.close()


def test_escalated_alerts_leave_the_officers_count_not_the_supervisors(
        qtbot: QtBot, console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    c.feed(equipment("EGHU9012345", "GTOT", empty="LADEN"))  # no clearance: gate-out rule
    alert_id = c.alert("GATE_OUT_WITHOUT_RELEASE")
    assert "CRITICAL 1" in c.window.alert_label.text()
    c.select(alert_id)
    c.window.queue.table.setFocus()
    qtbot.keyClick(c.window.queue.table, Qt.Key.Key_Return)  # escalate (proposed)
    assert c.parts.supervisor.book.get(alert_id).state == "escalated"  # type: ignore[union-attr]
    assert "CRITICAL 0" in c.window.alert_label.text()
    assert c.window.officers is not None
    c.window.officers.sign_out()
    sign_in(qtbot, c, "S900")
    assert "CRITICAL 1" in c.window.alert_label.text()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_case_evidence_has_room_to_be_read(qtbot: QtBot, tmp_path: Path, width: int,
                                               height: int) -> None:
    """At 1280×720 the evidence box once showed about two lines: the case was squeezed between
    two dock title bars, the queue's spare rows and the proposal list."""
    w = window_on(qtbot, tmp_path, [QRect(0, 0, width, height)])
    w.display.on_alerts([alert("a1", "critical", "GATE_OUT_WITHOUT_RELEASE")])
    assert w.queue.select_alert("a1")
    w.go_to_alert("a1")
    qtbot.wait(50)
    evidence = w.operations.evidence
    lines = evidence.viewport().height() / evidence.fontMetrics().lineSpacing()
    # At 1280×720 about 6.2 lines before the comment moved beside the buttons, 7.9 after.
    assert lines >= (7.5 if w.desk_preset == "compact" else 6), lines
    assert w.queue.rows_shown() >= desk_layout.MIN_QUEUE_ROWS
    w.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_the_camera_frame_stands_beside_the_evidence_not_under_it(
        qtbot: QtBot, tmp_path: Path, width: int, height: int) -> None:
    """Seen in the demo at 1920×1080: once the OCR camera frame arrived (360 px wide, under
    the evidence) the evidence box kept three lines of the case."""
    from PySide6.QtGui import QImage

    frame = tmp_path / "ocr.png"
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    assert image.save(str(frame))
    w = window_on(qtbot, tmp_path, [QRect(0, 0, width, height)])
    from ui.operations.case import AlertCase

    panel = w.operations
    panel.case_for = lambda alert_id: AlertCase(
        alert_id, "INVALID_CONTAINER_NUMBER", "container", "EGHU75748B9", "unacknowledged",
        "KHH-T7:1", recorded="EGHU75748B9", ocr_reading="EGHU75748B9", ocr_confidence=0.89,
        candidates=["EGHU7574889"], picture=str(frame))
    w.display.on_alerts([alert("a1", "critical", "GATE_OUT_WITHOUT_RELEASE")])
    assert w.queue.select_alert("a1")
    w.go_to_alert("a1")
    qtbot.wait(50)
    assert panel.picture.isVisible() and not panel.picture.pixmap().isNull()
    evidence, picture = panel.evidence, panel.picture
    assert picture.geometry().left() >= evidence.geometry().right()  # beside, not under
    assert picture.geometry().bottom() <= evidence.geometry().bottom() + 2
    lines = evidence.viewport().height() / evidence.fontMetrics().lineSpacing()
    assert lines >= (7.5 if w.desk_preset == "compact" else 6), lines
    assert evidence.width() >= 2 * picture.width()
    w.close()


def test_a_saved_two_screen_layout_comes_back_as_saved_when_both_screens_are_there(
        qtbot: QtBot, tmp_path: Path) -> None:
    """It was rebuilt from its preset: the officer's split of map and cameras and the width
    of the queue were lost at every start.  Screens as Qt reports them (virtual screens)."""
    two = [QRect(0, 0, 1920, 1080), QRect(1920, 0, 1920, 1080)]
    w = window_on(qtbot, tmp_path, two)
    assert w.desk_preset == "two_screens" and w.second_screen is not None
    w.second_screen.setSizes([500, 520])
    split = w.second_screen.sizes()
    w.resizeDocks([w.docks["alertsDock"], w.docks["inspectorDock"]], [300, 700],
                  Qt.Orientation.Vertical)
    qtbot.wait(20)
    queue_h = w.docks["alertsDock"].height()
    assert queue_h != int(0.54 * 1080)  # not what the preset gives
    w.close()
    again = window_on(qtbot, tmp_path, two)
    assert again.desk_preset == "two_screens" and again.second_screen is not None
    assert again.second_screen.isVisible() and two[1].contains(
        again.second_screen.geometry().center())
    assert again.second_screen.sizes() == split
    assert abs(again.docks["alertsDock"].height() - queue_h) <= 2
    assert again.map.window() is again.second_screen
    again.close()
    one = window_on(qtbot, tmp_path, two[:1])  # the second screen is gone: the preset
    assert one.desk_preset == "wide" and one.second_screen is None and one.map.window() is one
    one.close()


def test_the_comment_sits_beside_the_buttons_only_on_the_compact_desk(qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    w = window_on(qtbot, tmp_path, [QRect(0, 0, 1280, 720)])
    panel = w.operations
    assert w.desk_preset == "compact"
    comment, accept = rect_in_window(w, panel.comment), rect_in_window(w, panel.accept_button)
    assert comment.right() < accept.left() and abs(comment.center().y()
                                                    - accept.center().y()) < 4
    assert comment.width() >= accept.width()  # room to write a reason
    w.apply_desk_preset("wide")
    qtbot.wait(20)
    comment, accept = rect_in_window(w, panel.comment), rect_in_window(w, panel.accept_button)
    assert comment.bottom() < accept.top()  # a line of its own again
    w.close()
