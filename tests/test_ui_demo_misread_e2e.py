"""The demo's headline case, in the real window: a misread number corrected with one key.

`DemoSource` (the embedded simulator on loopback websockets, the real engine
and SQLite file, the demo officer) runs inside the window's Qt loop as
`yard-console demo` does.  Within its first minute the simulated gate records
a misread number whose right number is on the manifest; the one-step panel
must propose exactly that correction first, and one Enter (after the case has
been on screen for a moment) must get it accepted by the simulated terminal
and the alert resolved.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.protocol import iso6346
from tests.test_ui_operations_e2e import run_in_qt_loop, until
from tests.ui_conftest_helpers import settings
from ui.alerts.announcer import AlertAnnouncer
from ui.app import DemoSource, _attach_officers
from ui.display import DisplayState
from ui.i18n import Translations
from ui.mainwindow import MainWindow

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SPEED = 4.0


def test_the_demo_misread_is_corrected_with_one_key(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    seen: dict[str, object] = {}

    async def body() -> None:
        args = argparse.Namespace(command="demo", seed=7, speed=SPEED, anomaly_rate=0.0,
                                  scenario=None, db=tmp_path / "demo.sqlite")
        source = DemoSource(args)
        display = DisplayState(await source.prepare())
        window = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path),
                            settings(tmp_path))
        qtbot.addWidget(window)
        window.show()
        opened = time.monotonic()
        await source.start(display)
        try:
            _attach_officers(window, display, source)
            await until(lambda: any(r.rule == "CONTAINER_NUMBER_INVALID"
                                    for r in display.alerts.rows()), timeout=60)
            seen["sim_seconds"] = (time.monotonic() - opened) * SPEED
            row = next(r for r in display.alerts.rows() if r.rule == "CONTAINER_NUMBER_INVALID")
            assert window.queue.select_alert(row.alert_id)
            window.go_to_alert(row.alert_id)
            panel = window.operations
            case = panel.case
            assert case is not None and case.alert_id == row.alert_id
            assert not iso6346.is_valid(case.recorded or "")
            assert len(case.candidates) == 1 and iso6346.is_valid(case.candidates[0])
            first = case.proposals[0]
            assert (first.resolution, first.changes) == (
                "corrected", {"equipmentReference": case.candidates[0]})
            await asyncio.sleep(1.5)  # the case has been on screen (the accept dwell)
            qtbot.keyClick(panel.proposals, Qt.Key.Key_Return)
            await until(lambda: row.state == "resolved", timeout=30)
            good = case.candidates[0]
            await until(lambda: any(e.corrects == row.event_id
                                    for e in display.dossiers.events(good)), timeout=30)
            seen["history"] = [(h["action"], h["who"]) for h in row.history]
            seen["outcome"] = panel.outcome.text()
        finally:
            window.close()
            await source.stop()

    run_in_qt_loop(app, body)
    assert float(seen["sim_seconds"]) < 120  # type: ignore[arg-type]
    # One accept: acknowledged, commented with the correction, resolved, by the demo officer;
    # and the terminal's corrected event (checked above) replaced the misread one.
    assert seen["history"] == [("raise", "system"), ("acknowledge", "demo"),
                               ("comment", "demo"), ("resolve", "demo")], seen
