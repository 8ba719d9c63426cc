"""Ctrl+H in the console opens the supervisors' history window on the console's database."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore
from tests.ui.test_ui_mainwindow import make_window
from ui.app import _offer_history
from ui.history.window import HistoryWindow


def test_ctrl_h_opens_the_history_window_on_this_database(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    SqliteEventStore(db).close()  # a real, empty console database
    SqliteAlertStore(db).close()
    window = make_window(qtbot, tmp_path)
    _offer_history(window, window.display, db)
    action = window.actions_by_name["actionHistory"]
    assert action.shortcut().toString() == "Ctrl+H"
    assert action in window.toolbar.actions()
    action.trigger()
    histories = [w for w in window.findChildren(HistoryWindow) if w.isVisible()]
    assert len(histories) == 1
    assert histories[0].db == db
    for h in histories:
        h.close()
    window.close()
