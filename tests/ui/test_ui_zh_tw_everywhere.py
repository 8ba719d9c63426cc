"""Traditional Chinese everywhere (issue 14): the whole main window, the history window and
the shift report's PDF text write no English an officer would read.

The main window is the program's own (camera wall, feed-health table, legend,
queue, case, inspector, sign-in with its refusals and lockout), fed real feed
statuses and alerts; every dock tab is raised in turn so that nothing hidden
behind a tab escapes the walk (`tests.support.english_walk`).  The history
window runs on the synthetic month; the PDF is the one its button writes,
read back with pdftotext.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTabBar, QWidget
from pytestqt.qtbot import QtBot

from console.cameras.registry import CameraRegistry
from console.composition import build_console
from console.feed.status import FeedStatus
from console.model import DeviceReport, OcrReading
from testbed.sim.layout import load_layout
from testbed.synthetic_history import generate_store
from tests.conftest import require_tool
from tests.support.english_walk import english_in, english_words
from tests.ui_conftest_helpers import clearance, equipment, settings, small_layout
from ui.alerts.announcer import AlertAnnouncer
from ui.cctv.wall import CameraWall
from ui.display import DisplayState
from ui.history.window import HistoryWindow
from ui.i18n import Translations
from ui.mainwindow import MainWindow
from ui.operations.attach import attach_desk

PASSWORD = "correct horse 7"


def walk_every_tab(window: QWidget, qtbot: QtBot) -> list[tuple[str, str]]:
    """English under `window` with each tab of every tab bar (dock tabs too) raised in turn."""
    found = english_in(window)
    for bar in window.findChildren(QTabBar):
        if not bar.isVisibleTo(window):
            continue
        for i in range(bar.count()):
            bar.setCurrentIndex(i)
            qtbot.wait(5)
            found += english_in(window)
    return sorted(set(found))


@pytest.fixture
def zh_desk(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, DisplayState, object]]:
    db = tmp_path / "console.db"
    parts = build_console(db, [])
    parts.accounts.add("A123", "officer", PASSWORD, by="test", station="TEST")
    layout = small_layout()
    display = DisplayState(layout)
    parts.engine.observers.append(display)
    wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout)
    translations = Translations(tmp_path)
    window = MainWindow(display, AlertAnnouncer(tmp_path), translations, settings(tmp_path),
                        cctv=wall)
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    attach_desk(window, display, parts, station="WS-07", db=db, clock=lambda: 1000.0)
    translations.set_language("zh_TW")
    qtbot.wait(20)
    yield window, display, parts
    translations.set_language("en")
    window.close()
    qtbot.wait(10)
    parts.close()


def test_the_whole_main_window_writes_no_english_in_zh_tw(qtbot: QtBot, zh_desk: tuple) -> None:
    window, display, parts = zh_desk
    url = "wss://gw.example:8443/feed"
    for feed, role, state, detail in (
            ("T", "terminal", "connected", "waiting for a snapshot (first connection)"),
            ("C", "clearance", "disconnected", "the gateway did not answer within 10 s"),
            ("X", "terminal", "rejected",
             "credentials rejected (token missing, unknown or expired)"),
            ("G", "terminal", "gap", "events 10–12 are missing for good (the gateway no longer "
                                     "keeps them)")):
        display.on_feed_status(FeedStatus(feed, state, url, detail=detail, role=role))
    for ev in (clearance("EGHU9012345", "released"),
               equipment("EGHU9O12345", "GTIN", lane_id="G1-OUT-01",
                         ocr=OcrReading("EGHU9O12345", 0.93))):
        display.on_events("T", [ev])
        display.on_alerts(parts.supervisor.apply("T", "clearance" if ev.kind == "clearance"
                                                 else "terminal", ev))
    window.cctv.apply_device(DeviceReport("CAM-1", "down", "camera"))
    window.show_first_case()
    qtbot.wait(50)
    found = walk_every_tab(window, qtbot)
    # The sign-in dialog, refused (wrong password), then locked out after repeated failures.
    dialog = window.sign_in_dialog
    assert dialog is not None
    window.ask_sign_in()
    said = []
    for _ in range(6):
        dialog.name.setText("A123")
        dialog.password.setText("wrong")
        dialog.try_sign_in()
        said.append(dialog.waiting_line.text())  # the waiting state, while argon2 runs
        qtbot.waitUntil(lambda: not dialog.waiting, timeout=15_000)
        said.append(dialog.problem.text())
        found += english_in(dialog)
    dialog.name.setText("nobody")
    dialog.password.setText("wrong")
    dialog.try_sign_in()
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=15_000)
    said.append(dialog.problem.text())
    assert any("後再試" in s or "再試" in s for s in said), said
    assert [s for s in said if english_words(s)] == []
    assert sorted(set(found)) == []


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("month") / "console.db"
    generate_store(db, 20_000, seed=3)
    return db


def test_the_history_window_and_its_pdf_write_no_english_in_zh_tw(
        qtbot: QtBot, month: Path, tmp_path: Path) -> None:
    translations = Translations(tmp_path)
    translations.set_language("zh_TW")
    try:
        w = HistoryWindow(month, load_layout(), checkpoint_every_s=86_400.0)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(lambda: w.alerts.rowCount() > 0 and w.kpis.report is not None,
                        timeout=60_000)
        busy = ("search", "kpis", "story", "export", "replay")
        w.alerts_view.selectRow(0)
        qtbot.waitUntil(lambda: not any(w.runner.busy(x) for x in busy), timeout=60_000)
        found = walk_every_tab(w, qtbot)
        qtbot.waitUntil(lambda: not any(w.runner.busy(x) for x in busy), timeout=60_000)
        found = sorted(set(found + walk_every_tab(w, qtbot)))
        pdf = tmp_path / "shift.pdf"
        w.export_report(pdf)
        qtbot.waitUntil(lambda: pdf.exists() and not w.runner.busy("export"), timeout=60_000)
        text = subprocess.run([require_tool("pdftotext"), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        # Officers' comments are shown as they wrote them (the synthetic month's are English).
        conn = sqlite3.connect(month)
        comments = {why for (why,) in conn.execute(
            "SELECT DISTINCT why FROM alert_changes WHERE why IS NOT NULL")}
        conn.close()
        assert comments, "the month holds officers' comments: the walk must meet them"
        found = [(name, text) for name, text in found if text not in comments]
        lines = text.splitlines()
        for comment in sorted(comments, key=len, reverse=True):
            lines = [line.replace(comment, "") for line in lines]
        english = [line for line in lines if english_words(line)]
        assert found == []
        assert english == []
        assert "班別報告" in text and re.search(r"第\s*1\s*頁", text) and "出閘" in text
        assert not re.search(r"\d\d:\d\d(:\d\d)?(\.\d+)?Z", text)  # times in the terminal's zone
        w.close()
    finally:
        translations.set_language("en")
        qtbot.wait(10)


def test_every_sentence_of_the_shift_report_is_in_the_catalogue() -> None:
    """The core writes the report through `ReportWords.text`; each literal it passes is listed
    for lupdate in ui.history.report_words and so translated (the PDF test then reads it)."""
    import ast

    from console.history import pdf
    from ui.history.report_words import SENTENCES

    root = Path(__file__).resolve().parents[2] / "console" / "history"
    used = {pdf.PRODUCT, pdf.DEFAULT_TITLE, *pdf.SECTIONS}
    for name in ("pdf.py", "pdf_charts.py", "report.py"):
        for node in ast.walk(ast.parse((root / name).read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "text" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                used.add(node.args[0].value)
    assert len(used) > 50
    assert used - set(SENTENCES) == set()
