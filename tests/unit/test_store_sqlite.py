"""The SQLite event store on real files: idempotency, atomic cursors, reads, indexes."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.model import FeedEvent
from console.store.base import (
    EventStore,
    FeedCursor,
    PermanentGap,
    QuarantineEntry,
    StoreError,
    WriteBatch,
)
from console.store.sqlite import SqliteEventStore
from tests.unit.test_store_support import (
    EPOCH,
    FEED,
    batch,
    clearance_event,
    equipment_event,
    position_event,
    snapshot,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteEventStore]:
    s = SqliteEventStore(tmp_path / "events.db")
    yield s
    s.close()


def test_is_an_event_store(store: SqliteEventStore) -> None:
    typed: EventStore = store
    assert typed.event_count() == 0
    assert typed.cursor(FEED) is None
    assert typed.latest_snapshot(FEED) is None


def test_same_event_twice_is_stored_once(store: SqliteEventStore) -> None:
    events = [equipment_event(s) for s in range(1, 11)]
    assert store.write(batch(events)) == 10
    assert store.write(batch(events[3:7])) == 0
    # a replay after a reconnect: old events mixed with new ones, in another split
    replay = events[5:] + [equipment_event(s) for s in range(11, 14)]
    assert store.write(batch(replay[:4])) == 0
    assert store.write(batch(replay[4:])) == 3
    assert store.event_count() == 13
    ids = [e.id for e in store.events()]
    assert ids == [equipment_event(s).id for s in range(1, 14)]
    assert len(set(ids)) == 13


def test_duplicate_inside_one_batch_counts_once(store: SqliteEventStore) -> None:
    e = equipment_event(1)
    assert store.write(batch([e, e, equipment_event(2)])) == 2


def test_same_id_on_two_feeds_is_two_events(store: SqliteEventStore) -> None:
    a = equipment_event(1, feed="KHH-T7", event_id="X:1")
    b = equipment_event(1, feed="KHH-T6", event_id="X:1")
    assert store.write(batch([a])) + store.write(batch([b], feed="KHH-T6")) == 2


def test_body_reads_back_as_its_canonical_dict(store: SqliteEventStore) -> None:
    events = [equipment_event(1), position_event(2, carrying="EGHU9012346"),
              clearance_event(3, "EGHU9012346")]
    store.write(batch(events))
    stored = list(store.events())
    assert [s.body for s in stored] == [orjson.loads(orjson.dumps(e.body.to_dict()))
                                        for e in events]
    first = stored[0]
    assert (first.feed, first.epoch, first.seq, first.id, first.kind, first.source) == (
        FEED, EPOCH, 1, events[0].id, "equipment", "STS03")
    assert first.time == events[0].time
    assert first.received_at == "2026-11-28T20:01:04.000+08:00"
    assert first.corrects is None


def test_cursor_is_written_with_its_events(store: SqliteEventStore) -> None:
    store.write(batch([equipment_event(s) for s in range(1, 6)]))
    assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 5)
    store.write(batch([equipment_event(s) for s in range(6, 9)]))
    assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 8)
    store.write(WriteBatch([], [], [], [], [FeedCursor(FEED, "new-epoch", 0)]))
    assert store.cursor(FEED) == FeedCursor(FEED, "new-epoch", 0)


def test_a_failing_batch_leaves_neither_events_nor_cursor(store: SqliteEventStore) -> None:
    store.write(batch([equipment_event(s) for s in range(1, 4)]))
    bad = batch([equipment_event(4)])
    bad.cursors.append(FeedCursor(None, EPOCH, 4))  # type: ignore[arg-type]  # NOT NULL breaks
    with pytest.raises(StoreError):
        store.write(bad)
    assert store.event_count() == 3
    assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 3)
    assert store.write(batch([equipment_event(4)])) == 1
    assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 4)


def test_write_many_is_one_transaction_with_per_batch_counts(store: SqliteEventStore) -> None:
    b1 = batch([equipment_event(1), equipment_event(2)])
    b2 = batch([equipment_event(2), equipment_event(3)])
    assert store.write_many([b1, b2]) == [2, 1]
    assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 3)


def _seqs(events: object) -> list[int]:
    return [e.seq for e in events]  # type: ignore[attr-defined]


def test_filters_by_container_feed_and_kind(store: SqliteEventStore) -> None:
    ref = "EGHU9012346"
    events: list[FeedEvent] = [
        equipment_event(1, container=ref),
        equipment_event(2),
        position_event(3, carrying=ref),
        position_event(4),
        equipment_event(5, container=ref),
    ]
    store.write(batch(events))
    store.write(batch([clearance_event(6, ref)], feed="KHH-CUS", epoch="c1"))
    assert _seqs(store.events(container=ref)) == [1, 3, 5, 6]
    assert _seqs(store.events(container=ref, kinds=["equipment"])) == [1, 5]
    assert _seqs(store.events(container=ref, feed="KHH-CUS")) == [6]
    assert _seqs(store.events(kinds=["position", "clearance"])) == [3, 4, 6]
    assert _seqs(store.events(kinds=[])) == []
    assert _seqs(store.events(container="NOPE0000000")) == []


def test_time_window_compares_instants_across_offsets(store: SqliteEventStore) -> None:
    # seq order (application) differs from time order (sources' clocks differ)
    store.write(batch([
        equipment_event(1, time="2026-11-28T20:00:00+08:00"),  # 12:00:00Z
        equipment_event(2, time="2026-11-28T11:59:59.999Z"),
        equipment_event(3, time="2026-11-28T12:30:00+00:00"),
        equipment_event(4, time="2026-11-28T13:00:00+01:00"),  # 12:00:00Z
        equipment_event(5, time="2026-11-28T21:00:00+08:00"),  # 13:00:00Z
    ]))
    window = store.events(since="2026-11-28T12:00:00Z", until="2026-11-28T20:30:00+08:00")
    assert _seqs(window) == [1, 4]
    assert _seqs(store.events(since="2026-11-28T12:00:00.000+00:00")) == [1, 3, 4, 5]
    assert _seqs(store.events(until="2026-11-28T12:00:00Z")) == [2]
    with pytest.raises(ValueError, match="not an RFC 3339 time"):
        list(store.events(since="yesterday"))


def test_long_history_streams_in_order(store: SqliteEventStore) -> None:
    for start in range(1, 3001, 1000):
        store.write(batch([equipment_event(s) for s in range(start, start + 1000)]))
    seqs = _seqs(store.events())
    assert seqs == list(range(1, 3001))


def test_quarantine_and_gaps_round_trip(store: SqliteEventStore) -> None:
    hostile = b'{"type": "event", "seq": NaN, \xff\xfe' + b"[" * 100
    q = [
        QuarantineEntry(FEED, "2026-11-28T20:01:02+08:00", "bad_json", "NaN is not JSON",
                        hostile, 17, EPOCH),
        QuarantineEntry("KHH-CUS", "2026-11-28T20:01:03+08:00", "too_big", "over 1 MiB",
                        b"x" * (1024 * 1024 + 1)),
    ]
    gaps = [PermanentGap(FEED, EPOCH, 100, 120, "2026-11-28T20:05:00+08:00")]
    store.write(WriteBatch([], q, gaps, [], []))
    store.write(WriteBatch([], [], gaps, [], []))  # recorded again: still one gap
    assert list(store.quarantine()) == q
    assert list(store.quarantine(feed="KHH-CUS")) == q[1:]
    assert list(store.gaps()) == gaps
    assert list(store.gaps(feed="KHH-CUS")) == []


def test_latest_snapshot_round_trips_and_none_is_deleted(store: SqliteEventStore) -> None:
    for seq in range(10, 15):
        snap = snapshot(seq)
        store.write(WriteBatch([], [], [], [("ws://gw/khh-t7", snap)],
                               [FeedCursor("ws://gw/khh-t7", EPOCH, seq)]))
    assert store.latest_snapshot("ws://gw/khh-t7") == snap
    assert store.latest_snapshot("other") is None
    kept = store.connection.execute("SELECT count(*) FROM snapshots").fetchone()[0]
    assert kept == 5  # every snapshot stays: the review replays from the first one


def test_container_history_uses_an_index(store: SqliteEventStore) -> None:
    store.write(batch([equipment_event(s) for s in range(1, 50)]))
    plan = " ".join(
        str(row[-1]) for row in store.connection.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM events WHERE container = ? ORDER BY n",
            ("EGHU0000011",),
        )
    )
    assert "USING INDEX events_container" in plan
    assert "TEMP B-TREE" not in plan  # already in application order: no sort
    window = " ".join(
        str(row[-1]) for row in store.connection.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM events WHERE time_us >= ? AND time_us < ? "
            "ORDER BY n", (0, 1),
        )
    )
    assert "events_time" in window


def test_readonly_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    writer = SqliteEventStore(path)
    writer.write(batch([equipment_event(1)]))
    reader = SqliteEventStore(path, readonly=True)
    try:
        assert reader.event_count() == 1
        with pytest.raises(StoreError) as caught:
            reader.write(batch([equipment_event(2)]))
        assert caught.value.kind == "readonly"
        assert str(path) in caught.value.message
        writer.write(batch([equipment_event(2)]))
        assert reader.event_count() == 2  # sees the writer's commits (WAL)
    finally:
        reader.close()
        writer.close()


def test_readonly_store_on_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        SqliteEventStore(tmp_path / "missing.db", readonly=True)
    assert caught.value.kind == "io"
    assert "missing.db" in caught.value.message


def test_wal_and_normal_sync_are_in_force(store: SqliteEventStore) -> None:
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert isinstance(conn, sqlite3.Connection)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 40), st.integers(0, 15)), min_size=1, max_size=8))
def test_any_replay_pattern_stores_each_event_once_in_first_seen_order(
    slices: list[tuple[int, int]],
) -> None:
    """Batches of overlapping seq ranges (replays, re-sends) in any order."""
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteEventStore(Path(folder) / "events.db")
        try:
            first_seen: list[int] = []
            new = 0
            for start, length in slices:
                seqs = list(range(start, start + length))
                new += store.write(batch([equipment_event(s) for s in seqs], cursor=False))
                first_seen += [s for s in seqs if s not in first_seen]
            assert new == len(first_seen) == store.event_count()
            assert [e.seq for e in store.events()] == first_seen
        finally:
            store.close()
