"""The one-step panel, the sign-in and the lock, on the real console parts (no feeds).

`build_console` gives the real supervisor, desk, accounts and audit trail on a
SQLite file; alerts are raised by feeding the supervisor events as the engine
would.  What is checked is what an officer notices: which actions are
offered, what Enter does, what a refusal says, that a locked console acts on
nothing and offers the unlock dialog, and how the panel looks in both
languages (screenshots saved under the test's folder).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.composition import ConsoleParts, build_console
from console.model import Clearance, OcrReading, Seal
from tests.ui_conftest_helpers import clearance, equipment, settings, small_layout
from ui.alerts.announcer import AlertAnnouncer
from ui.display import DisplayState
from ui.i18n import Translations
from ui.mainwindow import MainWindow
from ui.operations.attach import attach_desk
from ui.operations.case import build_case
from ui.operations.panel import DWELL_S

PASSWORD = "correct horse 7"
SIGN_IN_WAIT_MS = 15_000  # argon2 on the session's worker thread, on a loaded machine
GOOD = "EGHU9012345"
MISREAD = "EGHU9O12345"
SHOTS = Path(os.environ.get("YARD_SHOTS", "")) if os.environ.get("YARD_SHOTS") else None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Console:
    window: MainWindow
    display: DisplayState
    parts: ConsoleParts
    clock: Clock

    def feed(self, *events: Any, role: str = "terminal") -> None:
        for ev in events:
            self.display.on_events("T", [ev])
            alerts = self.parts.supervisor.apply("T", role, ev)
            self.display.on_yard_changes(self.parts.supervisor.take_yard_changes())  # as the engine
            self.display.on_alerts(alerts)

    def alert(self, rule: str) -> str:
        return next(r.alert_id for r in self.display.alerts.rows() if r.rule == rule)

    def select(self, alert_id: str) -> None:
        """Select the alert, then read the case for the dwell Enter needs (issue 14)."""
        assert self.window.queue.select_alert(alert_id)
        self.window.go_to_alert(alert_id)
        self.clock.now += DWELL_S


@pytest.fixture
def console(qtbot: QtBot, tmp_path: Path) -> Iterator[Console]:
    db = tmp_path / "console.db"
    parts = build_console(db, [])
    for name, role in (("A123", "officer"), ("S900", "supervisor")):
        parts.accounts.add(name, role, PASSWORD, by="test", station="TEST")
    display = DisplayState(small_layout())
    parts.engine.observers.append(display)  # as EngineSource does: desk changes reach the window
    window = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path),
                        settings(tmp_path))
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    clock = Clock()
    attach_desk(window, display, parts, station="WS-07", db=db, clock=clock)
    yield Console(window, display, parts, clock)
    window.translations.set_language("en")
    window.close()
    qtbot.wait(10)  # language change events are posted: deliver them before the database closes
    parts.close()


def sign_in(qtbot: QtBot, c: Console, name: str = "A123") -> None:
    dialog = c.window.sign_in_dialog
    assert dialog is not None
    if not dialog.isVisible():
        c.window.ask_sign_in()
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=SIGN_IN_WAIT_MS)
    assert not dialog.isVisible(), dialog.problem.text()


def misread(c: Console) -> str:
    ev = equipment(MISREAD, "GTIN", lane_id="G1-OUT-01",
                   ocr=OcrReading(MISREAD, 0.93))
    c.feed(clearance(GOOD, "released"), role="clearance")
    c.feed(ev)
    return c.alert("CONTAINER_NUMBER_INVALID")


def test_before_sign_in_alerts_are_visible_and_actions_are_not(qtbot: QtBot,
                                                               console: Console) -> None:
    c = console
    dialog = c.window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()  # asked for at start
    dialog.reject()
    alert_id = misread(c)
    assert alert_id in c.window.queue.visible_alert_ids()
    c.select(alert_id)
    panel = c.window.operations
    assert "Not signed in" in panel.who.text()
    assert not panel.accept_button.isEnabled() and panel.sign_in_button.isVisible()
    qtbot.keyClick(panel.proposals, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Sign in" in panel.outcome.text()


def test_wrong_password_is_refused_in_words(qtbot: QtBot, console: Console) -> None:
    dialog = console.window.sign_in_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "A123")
    qtbot.keyClicks(dialog.password, "not the password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.waiting and dialog.waiting_line.text() == "Signing in…"
    assert dialog.password.isReadOnly()
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=SIGN_IN_WAIT_MS)
    assert dialog.isVisible() and dialog.waiting_line.isHidden()
    assert dialog.problem.text() == "unknown name or wrong password"
    assert dialog.password.text() == ""


def test_officer_may_not_reopen_and_is_told_why(qtbot: QtBot, console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    alert_id = misread(c)
    c.select(alert_id)
    panel = c.window.operations
    false_alarm = [i for i in range(panel.proposals.count())
                   if "false alarm" in panel.proposals.item(i).text()]
    panel.proposals.setCurrentRow(false_alarm[0])
    qtbot.keyClick(panel.proposals, Qt.Key.Key_Return)
    assert c.parts.supervisor.book.get(alert_id).state == "resolved"  # type: ignore[union-attr]
    assert not panel.reopen_button.isEnabled()
    assert panel.reopen_button.toolTip() == "Only a supervisor may reopen an alert"
    panel.reopen()  # as if the button were forced: the desk refuses in words
    assert panel.outcome.text() == ("Not done: a officer may not reopen a resolved alert; "
                                    "this needs the role of supervisor")
    assert c.parts.supervisor.book.get(alert_id).state == "resolved"  # type: ignore[union-attr]
    assert c.window.officers is not None
    c.window.officers.sign_out()
    sign_in(qtbot, c, "S900")
    assert panel.reopen_button.isEnabled()
    qtbot.mouseClick(panel.reopen_button, Qt.MouseButton.LeftButton)
    assert c.parts.supervisor.book.get(alert_id).state == "unacknowledged"  # type: ignore[union-attr]


def test_idle_lock_disables_actions_and_unlock_restores_them(qtbot: QtBot,
                                                             console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    fence_ev = equipment(MISREAD, "GTIN")
    c.feed(fence_ev)
    alert_id = c.alert("CONTAINER_NUMBER_INVALID")
    c.select(alert_id)
    panel, officers = c.window.operations, c.window.officers
    assert officers is not None and panel.accept_button.isEnabled()
    c.clock.now += officers.idle_limit_s + 1
    officers.check_idle()
    assert officers.locked and not panel.accept_button.isEnabled()
    assert not panel.escalate_button.isEnabled()
    assert "Locked (A123)" in panel.who.text()
    unlock = c.window.unlock_dialog
    assert unlock is not None and unlock.isVisible()
    assert alert_id in c.window.queue.visible_alert_ids()  # still visible while locked
    qtbot.keyClicks(unlock.password, "wrong password")
    qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    assert unlock.waiting and unlock.waiting_line.text() == "Checking the password…"
    qtbot.waitUntil(lambda: not unlock.waiting, timeout=SIGN_IN_WAIT_MS)
    assert unlock.isVisible() and unlock.problem.text() == "unknown name or wrong password"
    qtbot.keyClicks(unlock.password, PASSWORD)
    qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not unlock.waiting, timeout=SIGN_IN_WAIT_MS)
    assert not unlock.isVisible() and not officers.locked
    assert panel.accept_button.isEnabled()
    actions = [e.action for e in c.parts.audit.entries()]
    assert "session.lock" in actions and "session.unlock" in actions


def test_enter_escalates_a_gate_out_with_officer_and_station(qtbot: QtBot,
                                                             console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    c.feed(equipment(GOOD, "GTOT", empty="LADEN"))  # no clearance at all: gate-out rule
    alert_id = c.alert("GATE_OUT_WITHOUT_RELEASE")
    c.select(alert_id)
    panel = c.window.operations
    assert panel.proposals.item(0).text() == "Escalate to a supervisor"
    assert "no clearance at all" in panel.evidence.toPlainText()
    c.window.focus_operations()
    qtbot.keyClick(panel.proposals, Qt.Key.Key_Return)
    alert = c.parts.supervisor.book.get(alert_id)
    assert alert is not None and alert.state == "escalated"
    entry = [e for e in c.parts.audit.entries() if e.action == "alert.escalate"][-1]
    assert entry.actor == "A123" and entry.station == "WS-07" and entry.target == alert_id
    assert panel.outcome.text() == "Escalated."
    # Officers do not see escalations: the row leaves the queue, the panel moves on.
    assert alert_id not in c.window.queue.visible_alert_ids()
    assert panel.case is None or panel.case.alert_id != alert_id


def test_cases_per_family_propose_what_the_evidence_supports() -> None:
    @dataclass
    class Row:
        alert_id: str
        rule: str
        subject: str
        state: str = "unacknowledged"
        event_id: str | None = "e1"

    from console.yard.state import YardState

    yard = YardState()
    yard.clearances.record(1, None, Clearance(GOOD, "released",
                                              customs_seals=("TW1234567",)))
    ev = equipment(MISREAD, "GTIN", ocr=OcrReading(MISREAD, 0.6)).body
    case = build_case(Row("a", "OCR_LOW_CONFIDENCE", MISREAD), ev, yard)
    assert case.candidates == [GOOD] and case.proposals[0].changes == {
        "equipmentReference": GOOD}
    seal_ev = equipment(GOOD, "GTOT", seals=(Seal("TW1234S67", "CUS", "BLT"),)).body
    seal = build_case(Row("b", "SEAL_MISMATCH", GOOD), seal_ev, yard)
    assert seal.missing_seals == ["TW1234567"]
    assert seal.proposals[0].changes == {"seals": [
        {"sealNumber": "TW1234567", "sealSource": "CUS", "sealType": "BLT"}]}
    far = equipment(GOOD, "GTOT", seals=(Seal("XX0000000", "CUS"),)).body
    assert build_case(Row("c", "SEAL_MISMATCH", GOOD), far, yard).proposals[0].resolution \
        == "confirmed_violation"
    other = build_case(Row("d", "FENCE_INTRUSION", "F-N-01", event_id=None), None, yard)
    assert other.proposals[0].action == "acknowledge"


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_panel_screenshot_in_both_languages(qtbot: QtBot, console: Console, tmp_path: Path,
                                            lang: str) -> None:
    c = console
    sign_in(qtbot, c)
    c.select(misread(c))
    c.window.translations.set_language(lang)
    panel = c.window.operations
    expected = {"en": "Accept (Enter)", "zh_TW": "採用（Enter）"}[lang]
    qtbot.waitUntil(lambda: panel.accept_button.text() == expected, timeout=3000)
    panel.resize(520, 640)
    shot = panel.grab().toImage()
    out = (SHOTS or tmp_path) / f"operations-panel-{lang}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    assert shot.save(str(out))
    img = QImage(str(out))
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7)
               for y in range(0, img.height(), 7)}
    assert len(colours) > 20
    assert GOOD in panel.proposals.item(0).text()


def test_keyboard_input_keeps_the_session_open(qtbot: QtBot, console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    officers = c.window.officers
    assert officers is not None
    c.clock.now += officers.idle_limit_s - 1
    qtbot.keyClick(c.window.queue.table, Qt.Key.Key_Down)
    c.clock.now += 2
    officers.check_idle()
    assert not officers.locked
    qtbot.waitUntil(lambda: QApplication.activeWindow() is c.window, timeout=2000)
    qtbot.keyClick(c.window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert officers.locked  # locked by hand (Ctrl+Shift+L) when stepping away
    assert c.window.unlock_dialog is not None and c.window.unlock_dialog.isVisible()


def test_a_console_without_accounts_says_how_to_make_one(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    parts = build_console(db, [])
    display = DisplayState(small_layout())
    window = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path),
                        settings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    try:
        attach_desk(window, display, parts, station="WS-07", db=db)
        dialog = window.sign_in_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.name_label.text() == "Officer name" and dialog.name_label.isVisible()
        assert dialog.problem.text() == (
            "No officer account exists on this console. An installer creates one with: "
            f"yard-console users add NAME --role officer --db {db}")
    finally:
        window.close()
        parts.close()


def test_only_a_supervisor_sees_escalated_alerts_in_the_queue(qtbot: QtBot,
                                                              console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    c.feed(equipment(GOOD, "GTOT", empty="LADEN"))
    alert_id = c.alert("GATE_OUT_WITHOUT_RELEASE")
    c.select(alert_id)
    qtbot.keyClick(c.window.operations.proposals, Qt.Key.Key_Return)  # escalate (proposed)
    assert alert_id not in c.window.queue.visible_alert_ids()
    assert c.window.officers is not None
    c.window.officers.sign_out()
    sign_in(qtbot, c, "S900")
    assert alert_id in c.window.queue.visible_alert_ids()
    c.select(alert_id)
    panel = c.window.operations
    assert panel.accept_button.isEnabled()  # the supervisor decides: resolve


def test_an_evidence_snapshot_of_the_alert_is_shown_in_the_panel(qtbot: QtBot,
                                                                  console: Console,
                                                                  tmp_path: Path) -> None:
    import numpy as np

    from console.cameras.slot import Frame
    from console.store.office import evidence_rows
    from console.store.schema import connect

    c = console
    sign_in(qtbot, c)
    alert_id = misread(c)
    image = np.zeros((180, 320, 3), dtype=np.uint8)
    image[40:140, 60:260] = (0, 200, 255)  # a lane camera's frame, in miniature
    conn = connect(tmp_path / "console.db")
    try:
        record = evidence_rows.take(conn, Frame(image, 0.0, 1_764_360_000.0, 1), "CAM-G1-IN-01",
                                    alert_id=alert_id, officer="A123", station="WS-07")
    finally:
        conn.close()
    c.select(alert_id)
    panel = c.window.operations
    assert panel.case is not None and panel.case.picture is not None
    assert panel.case.picture.endswith(record.path)
    assert panel.picture.isVisibleTo(panel) and not panel.picture.pixmap().isNull()
    assert "no snapshot of that moment" not in panel.evidence.toPlainText()


def test_the_demo_banner_names_its_password_and_leaves_with_the_demo_officer(
        qtbot: QtBot, tmp_path: Path) -> None:
    """A locked demo unlocks with the printed password; after another officer signs in, the
    banner no longer says "demo account, signed in automatically"."""
    db = tmp_path / "demo.db"
    parts = build_console(db, [])
    parts.accounts.add("A123", "officer", PASSWORD, by="test", station="TEST")
    display = DisplayState(small_layout())
    window = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path),
                        settings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    try:
        officers = attach_desk(window, display, parts, station="DEMO", db=db, demo=True)
        assert officers.busy  # the demo officer is made and signed in off the UI thread
        qtbot.waitUntil(lambda: officers.signed_in, timeout=SIGN_IN_WAIT_MS)
        panel = window.operations
        panel.refresh()
        assert panel.who.text().startswith("DEMO account, automatically signed in: demo")
        assert panel.who.text().endswith("password: demo-officer")
        officers.lock()
        assert officers.locked
        with qtbot.waitSignal(officers.attempt_finished, timeout=SIGN_IN_WAIT_MS) as done:
            assert officers.unlock("demo-officer")
        assert done.args == [None] and not officers.locked
        officers.sign_out()
        with qtbot.waitSignal(officers.attempt_finished, timeout=SIGN_IN_WAIT_MS) as done:
            assert officers.sign_in("A123", PASSWORD)
        assert done.args == [None]
        panel.refresh()
        assert panel.who.text() == "A123 (officer) at station DEMO"
    finally:
        window.close()
        qtbot.wait(10)
        parts.close()


def test_the_case_shows_its_evidence_in_the_panel(qtbot: QtBot, console: Console) -> None:
    """Check-digit reasoning, seals side by side, weights, the clearance in force at the event,
    times in the terminal's zone (a feed writing UTC is shown at +08:00)."""
    c = console
    sign_in(qtbot, c)
    c.feed(clearance(GOOD, "pending", status_time="2026-11-28T11:58:00Z",
                     declaration_no="AA15000001", customs_seals=("TW1234567",)),
           role="clearance")
    c.feed(equipment(MISREAD, "GTIN", lane_id="G1-IN-01", ocr=OcrReading(MISREAD, 0.93)))
    c.select(c.alert("CONTAINER_NUMBER_INVALID"))
    text = c.window.operations.evidence.toPlainText()
    assert "check digit computed from EGHU9O1234" not in text  # O is not a digit: format
    assert "EGHU9O12345 is not written as a container number" in text
    assert "2026-11-28 20:00:00" in text  # the event's own +08:00
    c.feed(equipment(GOOD, "GTOT", lane_id="G2-OUT-01", seals=(Seal("TW7654321", "CUS", "BLT"),)))
    c.select(c.alert("SEAL_MISMATCH"))
    text = c.window.operations.evidence.toPlainText()
    assert "TW1234567" in text and "MISSING" in text and "not a customs seal" in text
    # The decision written in UTC (11:58Z) is shown in the terminal's zone.
    assert "Clearance at the event" in text and "pending since 2026-11-28 19:58:00" in text
    assert "11:58" not in text
    heavy = "MSKU7788991"
    c.feed(equipment(heavy, "GTIN", lane_id="G1-IN-02", empty="EMPTY",
                     gross_weight_kg=12_000.0, tare_weight_kg=3_800.0, iso_code="45G1"))
    c.select(c.alert("EMPTY_WEIGHT_MISMATCH"))
    text = c.window.operations.evidence.toPlainText()
    assert "12,000 kg" in text and "3,800 kg" in text and "8,200 kg" in text
    assert "no clearance at that moment" in text
    c.window.translations.set_language("zh_TW")
    qtbot.wait(10)
    c.select(c.alert("EMPTY_WEIGHT_MISMATCH"))
    text = c.window.operations.evidence.toPlainText()
    assert "實測總重" in text and "空櫃" in text and "Measured" not in text


def test_the_panel_and_its_case_write_no_english_in_zh_tw(qtbot: QtBot,
                                                           console: Console) -> None:
    from tests.support.english_walk import english_in

    c = console
    sign_in(qtbot, c)
    c.window.translations.set_language("zh_TW")
    qtbot.wait(10)
    c.select(misread(c))
    assert english_in(c.window.operations) == []
    c.feed(clearance("MSKU7788991", "pending", customs_seals=("TW1234567",)), role="clearance")
    c.feed(equipment("MSKU7788991", "GTOT", lane_id="G2-OUT-01", empty="LADEN",
                     seals=(Seal("TW7654321", "CUS", "BLT"),)))
    for rule in ("SEAL_MISMATCH", "GATE_OUT_WITHOUT_RELEASE"):
        c.select(c.alert(rule))
        assert english_in(c.window.operations) == [], rule
    c.feed(equipment("TGHU1234567", "GTIN", lane_id="G1-IN-02", empty="EMPTY",
                     gross_weight_kg=12_000.0, tare_weight_kg=3_800.0))
    c.select(c.alert("EMPTY_WEIGHT_MISMATCH"))
    assert english_in(c.window.operations) == []
