"""In the window, end to end: an OCR misread at a gate is corrected in one step.

The real console (`EngineSource`: SQLite file, engine, desk, correction
sender) runs inside the window's Qt loop (qasync, as `yard-console run`
does) against the in-process test gateway on loopback websockets.  The
officer signs in through the dialog, selects the alert in the queue with the
keyboard, reads the case for the dwell and presses Enter once in the queue to
accept the proposed correction (issue 14: it used to take Enter to reach the
panel and Enter again).  The gateway accepts, the corrected event
arrives, the alert is resolved and the audit chain verifies; with a gateway
that rejects, the terminal's reason is shown in the panel.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.deadline import within
from console.store.office.accounts import Accounts
from console.store.office.audit_trail import AuditTrail
from console.store.schema import connect
from tests.support import bodies
from tests.support.gateway import TestGateway, running_gateway
from tests.ui_conftest_helpers import settings
from tests.unit.test_feed_client import TOKEN, feed
from ui.alerts.announcer import AlertAnnouncer
from ui.app import EngineSource, _attach_officers
from ui.display import DisplayState
from ui.i18n import Translations
from ui.mainwindow import MainWindow
from ui.operations.panel import DWELL_S

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "correct horse 7"
GOOD = "EGHU9012345"
MISREAD = "EGHU9O12345"


async def until(pred: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


def run_in_qt_loop(app: QApplication, body: Callable[[], Awaitable[None]]) -> None:
    app.setQuitOnLastWindowClosed(False)  # the coroutine ends the loop, as in ui.app
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(within(body(), 90))


def add_officer(db: Path, name: str = "A123", role: str = "officer") -> None:
    accounts = Accounts.open(db)
    try:
        accounts.add(name, role, PASSWORD, by="test", station="TEST")
    finally:
        accounts.close()


def misread_at_gate() -> dict[str, Any]:
    body = bodies.equipment(MISREAD, "GTIN", event_id="gate-1", time=bodies.rfc3339(),
                            lane_id="G1-IN-01")
    body["terminal"]["ocr"] = {"equipmentReference": MISREAD, "confidence": 0.93}
    return body


async def sign_in_through_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "A123")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    await until(lambda: not dialog.waiting)  # argon2, off the UI thread: the loop runs on
    assert not dialog.isVisible()
    assert window.officers is not None and window.officers.signed_in


@contextlib.asynccontextmanager
async def signed_in_console(qtbot: QtBot, tmp_path: Path, db: Path, terminal: TestGateway,
                            clearance: TestGateway
                            ) -> AsyncIterator[tuple[MainWindow, DisplayState, EngineSource]]:
    """The real console on the two gateways, in the window, officer A123 signed in."""
    async with running_gateway({"/terminal": terminal, "/clearance": clearance},
                               tokens={TOKEN: None}) as server:
        feeds = [feed(server.url("/terminal"), station="WS-07"),
                 feed(server.url("/clearance"), station="WS-07")]
        source = EngineSource(db, feeds, {feeds[0].key: "terminal",
                                          feeds[1].key: "clearance"})
        display = DisplayState()
        window = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path),
                            settings(tmp_path))
        qtbot.addWidget(window)
        window.show()
        await source.start(display)
        try:
            _attach_officers(window, display, source)
            await sign_in_through_dialog(qtbot, window)
            yield window, display, source
        finally:
            window.close()
            await source.stop()


def one_step_scenario(qtbot: QtBot, tmp_path: Path, *, reject: bool) -> dict[str, Any]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    db = tmp_path / "console.db"
    add_officer(db)
    seen: dict[str, Any] = {}

    async def body() -> None:
        terminal = TestGateway("KHH-T7", "terminal", containers=5, heartbeat_s=1.0)
        clearance = TestGateway("KHH-C", "clearance", containers=5, heartbeat_s=1.0)
        clearance.add_event("clearance", bodies.clearance(GOOD, "released",
                                                          time=bodies.rfc3339()))
        if reject:
            terminal.corrections = "reject"
            terminal.reject_reason = "container already left the lane"
        async with signed_in_console(qtbot, tmp_path, db, terminal, clearance) as (
                window, display, source):
            await until(lambda: source.parts.supervisor.yard.clearances.current(GOOD)
                        is not None)
            sent = terminal.add_event("equipment", misread_at_gate(), source="G1-IN-01")
            await until(lambda: any(r.rule == "CONTAINER_NUMBER_INVALID"
                                    for r in display.alerts.rows()))
            row = next(r for r in display.alerts.rows()
                       if r.rule == "CONTAINER_NUMBER_INVALID")
            assert row.event_id == sent["id"]
            # Keyboard only: focus the queue, pick the alert, read, Enter.
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
            qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
            assert window.focusWidget() is window.queue.table
            qtbot.keyClick(window.queue.table, Qt.Key.Key_Home)
            assert window.queue.current_alert_id() == row.alert_id
            panel = window.operations
            assert panel.case is not None and panel.case.candidates == [GOOD]
            assert GOOD in panel.proposals.currentItem().text()
            seen["evidence"] = panel.evidence.toPlainText()
            await until(lambda: panel.dwell() >= DWELL_S)  # the officer reads the case
            pressed = time.monotonic()
            qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
            assert window.focusWidget() is window.queue.table
            seen["after_send"] = panel.outcome.text()
            if reject:
                await until(lambda: "rejected" in panel.outcome.text())
            else:
                await until(lambda: row.state == "resolved")
                seen["enter_to_resolved_s"] = time.monotonic() - pressed
                await until(lambda: any(
                    e.corrects == sent["id"] for e in display.dossiers.events(GOOD)))
            seen["outcome"] = panel.outcome.text()
            seen["state"] = row.state
            seen["history"] = [(h["action"], h["who"], h["station"]) for h in row.history]
            seen["corrections"] = [c.changes for c in terminal.corrections_seen]
            seen["accept_enabled"] = panel.accept_button.isEnabled()

    run_in_qt_loop(app, body)
    conn = connect(db)
    try:
        trail = AuditTrail(conn)
        seen["verify"] = trail.verify()
        seen["actions"] = [e.action for e in trail.entries()]
    finally:
        conn.close()
    return seen


def test_misread_corrected_in_one_step_from_the_panel(qtbot: QtBot, tmp_path: Path) -> None:
    seen = one_step_scenario(qtbot, tmp_path, reject=False)
    assert MISREAD in seen["evidence"] and GOOD in seen["evidence"]
    assert "waiting for its answer" in seen["after_send"]
    assert seen["corrections"] == [{"equipmentReference": GOOD}]
    assert seen["state"] == "resolved"
    assert seen["enter_to_resolved_s"] < 10  # the gateway answers within 10 s (protocol 6)
    assert "accepted" in seen["outcome"]
    assert seen["accept_enabled"] is False  # nothing more to do on a resolved alert
    assert seen["verify"]
    assert "session.sign_in" in seen["actions"] and "alert.correct" in seen["actions"]


def test_rejected_correction_shows_the_terminals_reason(qtbot: QtBot, tmp_path: Path) -> None:
    seen = one_step_scenario(qtbot, tmp_path, reject=True)
    assert "container already left the lane" in seen["outcome"]
    assert seen["state"] == "acknowledged"  # left for the officer to decide
    assert seen["accept_enabled"] is True
    assert seen["verify"]
