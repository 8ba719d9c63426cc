"""The history window on a stored month, through its public inputs and outputs.

The store is the benchmark's synthetic month at a small size (20,000 events,
a month of alerts with their changes), written by the real migrations.
"""

from __future__ import annotations

import csv
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from testbed.sim.layout import load_layout
from testbed.synthetic_history import generate_store
from tests.conftest import require_tool
from ui.alerts.rules import rule_title
from ui.history.window import HistoryWindow

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("month") / "console.db"
    generate_store(db, 20_000, seed=3)
    return db


@pytest.fixture
def window(month: Path, qtbot: QtBot, qtmodeltester: ModelTester) -> Iterator[HistoryWindow]:
    w = HistoryWindow(month, load_layout(), checkpoint_every_s=86_400.0)
    for model in (w.alerts, w.changes, w.story_events, w.story_alerts):
        qtmodeltester.check(model, force_py=True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.alerts.rowCount() > 0 and w.kpis.report is not None,
                    timeout=60_000)
    yield w
    w.close()


def _wait_idle(qtbot: QtBot, w: HistoryWindow) -> None:
    qtbot.waitUntil(lambda: not any(w.runner.busy(x) for x in
                                    ("search", "kpis", "story", "export", "replay")),
                    timeout=60_000)


def test_opens_on_the_last_eight_hours_with_alerts_and_kpis(window: HistoryWindow) -> None:
    span = window.until.dateTime().toSecsSinceEpoch() - window.since.dateTime().toSecsSinceEpoch()
    assert 8 * 3600 <= span <= 8 * 3600 + 2
    report = window.kpis.report
    assert report is not None and len(report.alerts) == window.alerts.rowCount()
    assert "alerts" in window.kpis.headline.text()
    assert window.changes.rowCount() >= 3
    assert [window.changes.data(window.changes.index(r, 2)) for r in range(3)] == [
        "raise", "acknowledge", "resolve"]


def test_filter_by_rule_and_officer(window: HistoryWindow, qtbot: QtBot) -> None:
    window.since.setDateTime(QDateTime.fromSecsSinceEpoch(0))
    window.rule.setCurrentIndex(window.rule.findData("SEAL_MISMATCH"))
    window.officer.setText("lin.hao")
    window.search.click()
    _wait_idle(qtbot, window)
    rules = {window.alerts.data(window.alerts.index(r, 2), Qt.ItemDataRole.UserRole)
             for r in range(window.alerts.rowCount())}
    assert rules == {"SEAL_MISMATCH"}  # the stored code; the cell shows the rule's title
    assert window.alerts.data(window.alerts.index(0, 2)) == rule_title("SEAL_MISMATCH")
    handlers = [window.alerts.data(window.alerts.index(r, 8))
                for r in range(window.alerts.rowCount())]
    assert all("lin.hao" in h for h in handlers)


def test_a_container_number_opens_its_story(window: HistoryWindow, month: Path,
                                            qtbot: QtBot) -> None:
    conn = sqlite3.connect(month)
    ref, count = conn.execute(
        "SELECT container, count(*) FROM events WHERE kind != 'position' AND container "
        "IS NOT NULL GROUP BY container ORDER BY count(*) DESC LIMIT 1").fetchone()
    conn.close()
    window.term.setText(ref.lower())
    window.search.click()
    _wait_idle(qtbot, window)
    assert window.story_title.text().startswith(ref)
    assert window.story_events.rowCount() == count


def test_replay_shows_the_yard_and_open_alerts_at_a_moment(window: HistoryWindow,
                                                           qtbot: QtBot) -> None:
    window.tabs.setCurrentIndex(2)
    panel = window.replay
    middle = panel.slider.maximum() // 2
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        panel.slider.setValue(middle)
    _wait_idle(qtbot, window)
    assert panel.map.picture.container_count > 100
    assert "containers" in panel.summary.text()
    assert panel.when.text().startswith("2026-")
    conn = sqlite3.connect(window.db)
    raised_s, subject = conn.execute(
        "SELECT raised_s, subject FROM alerts ORDER BY raised_s LIMIT 1 OFFSET 2000").fetchone()
    conn.close()
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        panel.seek_to(int(raised_s * 1_000_000) + 2_000_000)
    _wait_idle(qtbot, window)
    listed = [panel.alerts.item(i).text() for i in range(panel.alerts.count())]
    assert any(subject in text for text in listed)
    assert panel.map.markers, "the open alert's container is marked on the map"
    panel.speed.setCurrentIndex(panel.speed.findData(3600))
    before = panel.slider.value()
    panel.play.setChecked(True)
    assert panel.play.text() == "Pause"
    qtbot.waitUntil(lambda: panel.slider.value() >= before + 1800, timeout=5000)
    panel.play.setChecked(False)
    _wait_idle(qtbot, window)


def test_exports_csv_and_the_pdf_shift_report(window: HistoryWindow, qtbot: QtBot,
                                              tmp_path: Path) -> None:
    target = tmp_path / "alerts.csv"
    window.export_table(window.alerts.table, target)
    qtbot.waitUntil(lambda: "wrote" in window.message.text(), timeout=30_000)
    with target.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["alert_id", "raised_at", "rule"]
    assert len(rows) == window.alerts.rowCount() + 1
    pdf = tmp_path / "shift.pdf"
    window.message.setText("")
    window.export_report(pdf)
    qtbot.waitUntil(lambda: "pages" in window.message.text(), timeout=60_000)
    info = subprocess.run([require_tool("pdfinfo"), str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    assert "Pages:" in info


def test_cancel_stops_what_runs_and_the_window_stays_usable(window: HistoryWindow,
                                                            qtbot: QtBot) -> None:
    window.since.setDateTime(QDateTime.fromSecsSinceEpoch(0))
    window.search.click()
    window.cancel_all()
    assert not window.progress.isVisible()
    assert window.message.text() == "Cancelled."
    window.search.click()
    _wait_idle(qtbot, window)
    assert window.alerts.rowCount() > 100


def test_screenshot_of_each_tab(window: HistoryWindow, qtbot: QtBot, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        window.replay.slider.setValue(window.replay.slider.maximum() // 3)
    _wait_idle(qtbot, window)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(50)
        shot = window.grab()
        path = tmp_path / f"history-{i}.png"
        assert shot.save(str(path))
        assert path.stat().st_size > 10_000


def test_opens_saying_it_is_finding_the_period_and_closes_with_esc_and_ctrl_w(
        month: Path, qtbot: QtBot) -> None:
    """It once showed 2000-01-01 for a few seconds, and neither Esc nor Ctrl+W closed it."""
    from PySide6.QtCore import Qt

    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        w = HistoryWindow(month, load_layout(), checkpoint_every_s=86_400.0)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        shown = w.since.text()
        assert "2000" not in shown and ("finding the recorded period" in shown
                                        or w.since.dateTime().date().year() > 2000)
        _wait_idle(qtbot, w)
        assert w.since.dateTime().date().year() > 2000 and "finding" not in w.since.text()
        w.activateWindow()
        qtbot.waitUntil(lambda w=w: w.isActiveWindow(), timeout=3000)  # type: ignore[misc]
        qtbot.keyClick(w.alerts_view, key, modifier)
        assert not w.isVisible()
