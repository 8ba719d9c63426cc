"""The history window's item model and its background query lanes."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.history.cancel import Cancellation
from console.history.table import Table
from ui.history.query_runner import QueryRunner
from ui.history.record_model import RecordTableModel


def test_record_model_shows_any_table_and_sorts(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = RecordTableModel()
    qtmodeltester.check(model, force_py=True)
    model.set_table(Table("alerts", ("alert_id", "severity", "delay_s"),
                          [("A2", "high", 200), ("A1", "critical", None), ("A3", "low", 60)],
                          ["A2", "A1", "A3"]))
    assert model.rowCount() == 3 and model.columnCount() == 3
    assert model.headerData(2, Qt.Orientation.Horizontal) == "delay s"
    assert model.data(model.index(1, 2)) == ""
    model.sort(0)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["A1", "A2", "A3"]
    assert model.key(0) == "A1"
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [model.key(r) for r in range(3)] == ["A2", "A3", "A1"]
    model.set_table(Table("empty", ()))
    assert model.rowCount() == 0


def _slow(started: threading.Event) -> Any:
    def work(cancel: Cancellation, progress: Any) -> str:
        started.set()
        while True:
            cancel.raise_if_cancelled()
            progress(0.5)
            time.sleep(0.01)

    return work


def test_a_new_query_cancels_the_previous_one_in_its_lane(qtbot: QtBot) -> None:
    runner = QueryRunner()
    results: list[tuple[str, int, object]] = []
    runner.finished.connect(lambda lane, ticket, r: results.append((lane, ticket, r)))
    started = threading.Event()
    first = runner.submit("search", _slow(started))
    assert started.wait(5)
    second = runner.submit("search", lambda c, p: "second answer")
    with qtbot.waitSignal(runner.finished, timeout=5000):
        pass
    assert results == [("search", second, "second answer")]
    assert first != second and not runner.busy("search")
    runner.shutdown()


def test_lanes_run_side_by_side_and_errors_are_reported(qtbot: QtBot) -> None:
    runner = QueryRunner()
    started = threading.Event()
    runner.submit("replay", _slow(started))
    assert started.wait(5)
    with qtbot.waitSignal(runner.finished, timeout=5000) as done:
        runner.submit("kpis", lambda c, p: 42)
    assert done.args[0] == "kpis" and done.args[2] == 42
    assert runner.busy("replay")

    def broken(cancel: Cancellation, progress: Any) -> None:
        raise ValueError("the database is locked")

    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.submit("story", broken)
    assert failed.args[2] == "the database is locked"
    runner.cancel("replay")
    runner.shutdown()
    assert not runner.busy("replay")
