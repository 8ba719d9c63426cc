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
from tests.e2e.test_ui_operations_e2e import run_in_qt_loop, until
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
            # The OCR frame is a picture in the case, not an address.
            await until(lambda: panel.picture.isVisible(), timeout=20)
            assert not panel.picture.pixmap().isNull()
            assert "http" not in panel.evidence.toPlainText()
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


def test_s_saves_the_tiles_picture_as_evidence_in_the_real_window(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    """`make_cctv` once built the wall without its evidence sink: S saved nothing."""
    from console.cameras.evidence_record import AUDIT_ACTION
    from console.store.office import evidence_rows
    from console.store.schema import connect
    from ui.app import connect_cctv, make_cctv

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    seen: dict[str, object] = {}
    db = tmp_path / "demo.sqlite"

    async def body() -> None:
        args = argparse.Namespace(command="demo", seed=7, speed=SPEED, anomaly_rate=0.0,
                                  scenario=None, db=db)
        source = DemoSource(args)
        display = DisplayState(await source.prepare())
        wall = make_cctv(display.layout_body)
        assert wall is not None
        connect_cctv(wall, display)
        window = MainWindow(display, AlertAnnouncer(tmp_path), Translations(tmp_path),
                            settings(tmp_path), cctv=wall)
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        window.show()
        await source.start(display)
        try:
            _attach_officers(window, display, source)
            await until(lambda: any(r.rule == "CONTAINER_NUMBER_INVALID"
                                    for r in display.alerts.rows()), timeout=60)
            row = next(r for r in display.alerts.rows() if r.rule == "CONTAINER_NUMBER_INVALID")
            assert window.queue.select_alert(row.alert_id)
            window.go_to_alert(row.alert_id)
            event = display.dossiers.event(row.event_id)
            assert event is not None and event.body.ocr is not None  # type: ignore[union-attr]
            named = event.body.ocr.images[0].camera_id  # type: ignore[union-attr]
            # The camera that took the OCR frame is first on the wall, then the nearest ones.
            shown = wall.shown_ids()  # type: ignore[attr-defined]
            assert shown[0] == named and len([c for c in shown if c]) > 1, shown
            await until(lambda: wall.current_tile() is not None, timeout=30)  # type: ignore[attr-defined]
            tile = wall.current_tile()  # type: ignore[attr-defined]
            assert tile.camera_id is not None
            tile.setFocus()
            qtbot.keyClick(tile, Qt.Key.Key_S)
            seen["status"] = window.statusBar().currentMessage()
            seen["camera"] = tile.camera_id
            case = window.operations.case
            seen["picture"] = case.picture if case is not None else None
            seen["alert_id"] = row.alert_id
        finally:
            wall.shutdown()  # type: ignore[attr-defined]
            window.close()
            await source.stop()

    run_in_qt_loop(app, body)
    assert "saved" in str(seen["status"]) and str(seen["camera"]) in str(seen["status"])
    assert seen["picture"] is not None and Path(str(seen["picture"])).is_file()
    conn = connect(db)
    try:
        (record,) = evidence_rows.records(conn, alert_id=str(seen["alert_id"]))
        assert (record.camera_id, record.officer, record.station) == (seen["camera"], "demo",
                                                                       "DEMO")
        assert evidence_rows.verify(conn, record)
        audited = conn.execute("SELECT count(*) FROM audit_entries WHERE action = ?",
                               (AUDIT_ACTION,)).fetchone()[0]
        assert audited == 1
    finally:
        conn.close()
