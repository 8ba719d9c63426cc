"""Feed health: states in words, rates, ages, and the map layers a stale feed greys."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.feed.status import FeedStatus
from tests.support.core_yard import FedDisplay
from tests.ui_conftest_helpers import position, small_layout
from ui.health.model import COLUMNS, FeedHealthModel
from ui.health.panel import FeedHealthPanel


class Clock:
    t = 1000.0

    def __call__(self) -> float:
        return self.t


def status(feed: str, state: str, role: str = "terminal", detail: str | None = None
           ) -> FeedStatus:
    return FeedStatus(feed=feed, state=state, url=f"ws://127.0.0.1:1/{feed}", detail=detail,
                      role=role, name=feed.upper())


def cell(model: FeedHealthModel, row: int, col: str) -> str:
    return str(model.index(row, COLUMNS.index(col)).data())


def test_states_reasons_rates_and_ages(qapp: object, qtmodeltester: ModelTester) -> None:
    clock = Clock()
    model = FeedHealthModel(clock)
    qtmodeltester.check(model, force_py=True)  # once: it then watches every change below
    model.apply_status(status("t7", "connected"))
    model.apply_status(status("cus", "rejected", role="clearance",
                              detail="credentials rejected (token unknown or expired)"))
    assert "connected" in cell(model, 0, "state")
    assert "rejected" in cell(model, 1, "state")
    assert cell(model, 1, "detail") == "credentials rejected (token unknown or expired)"
    assert model.index(1, COLUMNS.index("state")).data(Qt.ItemDataRole.ForegroundRole) is not None
    for _ in range(10):
        model.count_events("t7", 100)
        clock.t += 0.5
    model.tick()
    assert float(cell(model, 0, "rate")) == pytest.approx(200.0)
    assert cell(model, 0, "age") == "0 s ago"
    clock.t += 12
    model.tick()
    assert cell(model, 0, "age") == "12 s ago" and float(cell(model, 0, "rate")) == 0.0
    assert cell(model, 1, "age") == "—"
    assert model.summary() == (1, 2)


def test_a_stale_terminal_feed_greys_positions_and_a_stale_clearance_feed_the_containers(
        qapp: object) -> None:
    display = FedDisplay(small_layout())
    display.on_feed_status(status("t7", "connected"))
    display.on_feed_status(status("cus", "connected", role="clearance"))
    assert display.stale_layers() == set()
    display.on_feed_status(status("cus", "stale", role="clearance"))
    assert display.stale_layers() == {"containers"}
    display.on_feed_status(status("t7", "disconnected"))
    assert display.stale_layers() == {"containers", "vehicles", "cranes", "fence"}
    display.on_feed_status(status("t7", "resumed"))
    display.on_feed_status(status("cus", "connected", role="clearance"))
    assert display.stale_layers() == set()


def test_events_count_towards_the_feed_that_sent_them(qtbot: QtBot) -> None:
    display = FedDisplay(small_layout())
    panel = FeedHealthPanel(display.health)
    qtbot.addWidget(panel)
    display.on_feed_status(status("T", "connected"))
    with qtbot.waitSignal(display.picture_changed, timeout=1000):
        display.on_events("T", [position("SC01", 10, 10), position("SC02", 20, 20)])
    assert display.health.lines()[0].events == 2
    assert panel.table.model().rowCount() == 1


def test_a_large_snapshot_loads_in_steps_and_holds_later_events(qtbot: QtBot) -> None:
    """~20k containers fold in over several event-loop turns, never one long freeze;
    an event that arrives meanwhile is applied after the snapshot, not lost under it."""
    from console.model import Snapshot
    from tests.ui_conftest_helpers import clearance
    from ui.display import SNAPSHOT_CHUNK
    from ui.yard.synthetic import fill, layout_dict

    layout = layout_dict(block_cols=4, block_rows=3)
    boxes, clearances = fill(layout, 20_000)
    display = FedDisplay(layout)
    applied: list[bool] = []
    loading: list[bool] = []
    display.snapshot_applied.connect(lambda: applied.append(True))
    display.loading_changed.connect(loading.append)
    display.on_snapshot("T", Snapshot("T", "e1", 10, None, containers=boxes,
                                      clearances=clearances))
    assert display.loading and display.picture.container_count < 20_000
    first = boxes[0].equipment_reference
    display.on_events("C", [clearance(first, "hold")])
    display.on_events("C", [clearance(b.equipment_reference, "released")
                            for b in boxes[1:4001]])  # a merged batch, longer than a turn
    qtbot.waitUntil(lambda: not display.loading, timeout=20_000)
    assert applied == [True] and loading == [True, False]
    assert display.picture.container_count == 20_000
    assert display.picture.status[first] == "hold"
    assert display.picture.status[boxes[4000].equipment_reference] == "released"
    where = display.picture.where[first]
    from ui.yard import cellcolours as cc
    assert display.picture.rasters[where[0]].code[where[2] - 1, where[1] - 1] == cc.HOLD
    assert display.load_steps >= 20_000 // SNAPSHOT_CHUNK  # many short turns, not one long one


def test_no_automatic_collection_while_a_snapshot_folds_in() -> None:
    import gc

    from ui.app import collector_during_snapshots

    assert gc.isenabled()
    try:
        collector_during_snapshots(True)
        assert not gc.isenabled()
        collector_during_snapshots(False)
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


def test_no_automatic_collection_during_start_up_until_the_first_snapshot(
    qtbot: QtBot,
) -> None:
    """From the window's start the collector is off; the first snapshot's end of loading
    freezes and turns it on; a source that sends none has it on after the limit."""
    import gc

    from ui.app import collector_during_snapshots, collector_during_startup
    from ui.display import DisplayState

    display = DisplayState()
    display.loading_changed.connect(collector_during_snapshots)
    try:
        collector_during_startup(display, limit_s=60)
        assert not gc.isenabled()
        display.loading_changed.emit(True)
        display.loading_changed.emit(False)
        display.snapshot_applied.emit()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc.unfreeze()
        collector_during_startup(display, limit_s=0.05)  # no snapshot comes
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=5_000)
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_gateway_claiming_events_it_cannot_deliver_is_said_and_counted(
    qapp: object, tmp_path: object
) -> None:
    """The client's false-claim status, shown in the officer's language and kept counted."""
    from pathlib import Path

    from console.feed.status import CLAIM_WORDS
    from ui.i18n import Translations

    model = FeedHealthModel(Clock())
    lie = FeedStatus(feed="t7", state="resumed", url="ws://127.0.0.1:1/t7",
                     detail=f"{CLAIM_WORDS}: it announced event 1000100, ...",
                     extra={"false_claims": 2, "claimed_seq": 1000100})
    model.apply_status(lie)
    assert cell(model, 0, "detail") == "the gateway claims events it cannot deliver (2 times)"
    model.apply_status(status("t7", "gap", detail="events 5–6 are missing for good"))
    assert cell(model, 0, "detail") == (
        "events 5–6 are missing for good — the gateway claims events it cannot deliver (2 times)")
    tr = Translations(Path(str(tmp_path)))
    assert tr.set_language("zh_TW")
    try:
        model.apply_status(lie)
        assert cell(model, 0, "detail") == "閘道宣稱有它無法提供的事件（已 2 次）"
    finally:
        assert tr.set_language("en")
