"""`SqliteHistoryStore` reads back what the event store wrote: the same events, the same
feed events, the snapshots in place; a cancelled statement leaves the store usable."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.history.cancel import Cancellation, Cancelled
from console.history.records import SnapshotHead
from console.history.store import HistoryStore
from console.store.history import SqliteHistoryStore, open_history
from console.store.sqlite import SqliteEventStore
from tests.unit.test_store_support import (
    FEED,
    batch,
    clearance_event,
    container_no,
    equipment_event,
    position_event,
    snapshot,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "console.db"
    events = SqliteEventStore(path)
    try:
        first = batch([equipment_event(1), position_event(2, carrying=container_no(1)),
                       equipment_event(3)])
        first.snapshots.append((FEED, snapshot(2)))
        events.write(first)
        events.write(batch([clearance_event(4, container_no(1))], cursor=False))
        events.write(batch([position_event(5, vehicle="SC18", time="2026-11-28T20:02:00+08:00"),
                            equipment_event(6, container=container_no(1))]))
    finally:
        events.close()
    return path


@pytest.fixture
def store(db: Path) -> Iterator[SqliteHistoryStore]:
    s = open_history(db)
    s.prepare()
    yield s
    s.close()


def test_rows_turn_back_into_the_feed_events_the_event_store_reads(
    db: Path, store: SqliteHistoryStore
) -> None:
    events = SqliteEventStore(db, readonly=True)
    try:
        stored = list(events.events())
    finally:
        events.close()
    rows = store.rows(0, store.last_row())
    assert [r.n for r in rows] == list(range(1, len(stored) + 1))
    assert [r.stored().feed_event() for r in rows] == [s.feed_event() for s in stored]
    assert [r.body() for r in rows] == [s.body for s in stored]
    assert store.row_of(stored[3].feed, stored[3].id) == 4
    assert store.row_of(FEED, "no such event") is None


def test_search_columns_and_time_bounds(store: SqliteHistoryStore) -> None:
    first, last = store.time_range() or (0, 0)
    assert first < last
    assert [r.n for r in store.rows_before(0, last)] == [n for n in range(1, 7)
                                                         if n != 5]  # row 5 is the latest
    facts = store.facts_after(0, first, last + 1)
    assert [r.kind for r in facts] == ["equipment", "equipment", "clearance", "equipment"]
    latest = store.latest_position("SC18", last + 1)
    assert latest is not None and latest.n == 5 and latest.vehicle_id == "SC18"
    assert store.latest_position("SC18", last) is None
    assert [m.vehicle_id for m in store.story_positions(container_no(1))] == ["SC17"]
    assert [e.id for e in store.story_facts(container_no(1))] == [
        store.rows(0, 1)[0].id, store.rows(3, 4)[0].id, store.rows(5, 6)[0].id]


def test_a_snapshot_is_placed_before_the_first_row_after_it(store: SqliteHistoryStore) -> None:
    heads = store.snapshot_heads()
    assert heads == [SnapshotHead(1, FEED, heads[0].epoch, 2, "2026-11-28T20:00:00+08:00")]
    assert store.first_row_after_snapshot(heads[0]) == 3
    snap = store.snapshot(heads[0].n)
    assert snap is not None and len(snap.containers) == 51
    assert store.snapshot(99) is None


def test_checkpoints_vehicles_and_progress_are_written_atomically(
    store: SqliteHistoryStore,
) -> None:
    assert store.latest_checkpoint() is None and store.job_progress("terms") is None
    store.write_checkpoint(3, 1_000, 51, b"frame-3", None, None)
    store.write_checkpoint(6, 2_000, 52, b"frame-6", 3, 900)
    cp = store.checkpoint_upto(5)
    assert cp is not None and (cp.n, cp.tail_min_us, cp.tail_end_n) == (3, 900, 6)
    assert store.checkpoint_frame(6) == b"frame-6"
    with pytest.raises(KeyError):
        store.checkpoint_frame(4)
    assert store.earliest_tail_from(3, 1_000) == 900
    store.add_vehicles(["SC17", "SC18"], 2)
    store.add_vehicles(["SC18"], 6)  # known already: stays first seen at row 2
    assert store.vehicles() == {"SC17", "SC18"} and store.vehicles_first_seen_after(1) == [
        "SC17", "SC18"]
    assert store.add_terms([], "terms", 6) == 0 and store.job_progress("terms") == 6


def test_a_cancelled_statement_ends_in_cancelled_and_the_store_still_answers(
    store: SqliteHistoryStore,
) -> None:
    cancel = Cancellation()
    threading.Timer(0.2, cancel.cancel).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled), store.interruptible(cancel):
        store.connection.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT count(*) FROM n").fetchone()
    assert time.perf_counter() - started < 5
    assert store.last_row() == 6


def test_is_a_history_store(store: SqliteHistoryStore) -> None:
    typed: HistoryStore = store
    assert typed.has_alerts() is False and typed.alert_heads() == []
    assert list(typed.change_stamps()) == [] and typed.audit_head() is None
