"""The writer thread: merging under load, order, calls, failures, low latency when idle."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.store.base import FeedCursor, StoreError, WriteBatch
from console.store.sqlite import SqliteEventStore
from console.store.writer import StoreWriter
from tests.unit.test_store_support import EPOCH, FEED, batch, equipment_event


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


@pytest.fixture
def committed() -> list[list[WriteBatch]]:
    return []


@pytest.fixture
def writer(db: Path, committed: list[list[WriteBatch]]) -> Iterator[StoreWriter[SqliteEventStore]]:
    w = StoreWriter(SqliteEventStore(db), max_events_per_commit=500, on_commit=committed.append)
    yield w
    assert w.close(timeout=10)


def _hold(writer: StoreWriter[SqliteEventStore]) -> threading.Event:
    """Keep the writer thread busy until the returned event is set (so work queues up)."""
    started, release = threading.Event(), threading.Event()

    def block(_store: SqliteEventStore) -> None:
        started.set()
        release.wait(10)

    writer.call(block)
    assert started.wait(10)
    return release


def test_queued_batches_are_merged_into_bounded_commits_in_order(
    writer: StoreWriter[SqliteEventStore], committed: list[list[WriteBatch]], db: Path
) -> None:
    release = _hold(writer)
    futures = [writer.submit(batch([equipment_event(s) for s in range(n * 100 + 1, n * 100 + 101)]))
               for n in range(12)]
    assert writer.queued_events == 1200
    release.set()
    assert [f.result(10) for f in futures] == [100] * 12
    assert [sum(len(b.events) for b in group) for group in committed] == [500, 500, 200]
    assert writer.commits == 3
    assert writer.queued_events == 0
    seqs = writer.call(lambda s: [e.seq for e in s.events()]).result(10)
    assert seqs == list(range(1, 1201))
    assert writer.call(lambda s: s.cursor(FEED)).result(10) == FeedCursor(FEED, EPOCH, 1200)


def test_a_batch_larger_than_the_bound_is_committed_alone_and_whole(
    writer: StoreWriter[SqliteEventStore], committed: list[list[WriteBatch]]
) -> None:
    release = _hold(writer)
    small = writer.submit(batch([equipment_event(1)]))
    large = writer.submit(batch([equipment_event(s) for s in range(2, 1502)]))
    release.set()
    assert (small.result(10), large.result(10)) == (1, 1500)
    assert [len(group) for group in committed] == [1, 1]


def test_calls_run_in_submission_order_between_batches(
    writer: StoreWriter[SqliteEventStore],
) -> None:
    release = _hold(writer)
    seen: list[int] = []
    first = writer.submit(batch([equipment_event(s) for s in range(1, 11)]))
    count = writer.call(lambda s: seen.append(s.event_count()) or s.event_count())
    second = writer.submit(batch([equipment_event(s) for s in range(11, 21)]))
    after = writer.call(lambda s: s.event_count())
    release.set()
    assert count.result(10) == 10  # saw the batch before it, not the one after
    assert (first.result(10), second.result(10), after.result(10)) == (10, 10, 20)
    assert seen == [10]


def test_a_failed_commit_fails_its_futures_and_the_writer_goes_on(
    writer: StoreWriter[SqliteEventStore], committed: list[list[WriteBatch]]
) -> None:
    assert writer.submit(batch([equipment_event(s) for s in range(1, 101)])).result(10) == 100
    pages = writer.call(
        lambda s: s.connection.execute("PRAGMA page_count").fetchone()[0]).result(10)
    writer.call(lambda s: s.connection.execute(f"PRAGMA max_page_count = {pages + 1}")).result(10)
    release = _hold(writer)
    doomed = [writer.submit(batch([equipment_event(s) for s in range(n, n + 100)]))
              for n in (101, 201)]
    release.set()
    errors = [f.exception(10) for f in doomed]
    assert all(isinstance(e, StoreError) and e.kind == "disk_full" for e in errors)
    assert errors[0] is errors[1]  # one transaction, one error
    assert len(committed) == 1
    writer.call(lambda s: s.connection.execute("PRAGMA max_page_count = 1073741823")).result(10)
    assert writer.submit(batch([equipment_event(s) for s in range(101, 201)])).result(10) == 100
    assert writer.call(lambda s: s.cursor(FEED)).result(10) == FeedCursor(FEED, EPOCH, 200)


def test_an_exception_in_a_call_is_returned_not_fatal(
    writer: StoreWriter[SqliteEventStore],
) -> None:
    def broken(_store: SqliteEventStore) -> None:
        raise KeyError("alert 17")

    with pytest.raises(KeyError, match="alert 17"):
        writer.call(broken).result(10)
    assert writer.submit(batch([equipment_event(1)])).result(10) == 1


def test_an_idle_writer_commits_a_lone_batch_at_once(tmp_path: Path) -> None:
    """No waiting for company: a lone batch costs what a direct write costs, plus < 10 ms."""
    direct = SqliteEventStore(tmp_path / "direct.db")
    writer = StoreWriter(SqliteEventStore(tmp_path / "events.db"))
    try:
        direct.write(batch([equipment_event(0)]))
        writer.submit(batch([equipment_event(0)])).result(10)  # warm up
        via_writer, straight = [], []
        for seq in range(1, 21):
            t0 = time.perf_counter()
            writer.submit(batch([equipment_event(seq)])).result(10)
            t1 = time.perf_counter()
            direct.write(batch([equipment_event(seq)]))
            via_writer.append(t1 - t0)
            straight.append(time.perf_counter() - t1)
        overhead = statistics.median(via_writer) - statistics.median(straight)
        assert overhead < 0.010
    finally:
        assert writer.close()
        direct.close()


def test_close_commits_what_is_queued_and_refuses_more(db: Path) -> None:
    writer = StoreWriter(SqliteEventStore(db))
    futures = [writer.submit(batch([equipment_event(s)])) for s in range(1, 301)]
    assert writer.close(timeout=30)
    assert all(f.done() and f.result() == 1 for f in futures)
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(batch([equipment_event(301)]))
    assert writer.close(timeout=1)  # closing twice is harmless
    reopened = SqliteEventStore(db)
    try:
        assert reopened.event_count() == 300
        assert reopened.cursor(FEED) == FeedCursor(FEED, EPOCH, 300)
    finally:
        reopened.close()


def test_a_failing_on_commit_does_not_fail_the_write(db: Path) -> None:
    def on_commit(_batches: list[WriteBatch]) -> None:
        raise RuntimeError("a listener's bug")

    writer = StoreWriter(SqliteEventStore(db), on_commit=on_commit)
    try:
        assert writer.submit(batch([equipment_event(1)])).result(10) == 1
    finally:
        assert writer.close()


def test_a_cancelled_submission_is_not_written(writer: StoreWriter[SqliteEventStore]) -> None:
    release = _hold(writer)
    dropped = writer.submit(batch([equipment_event(1)]))
    kept = writer.submit(batch([equipment_event(2)]))
    assert dropped.cancel()
    release.set()
    assert kept.result(10) == 1
    assert writer.call(lambda s: [e.seq for e in s.events()]).result(10) == [2]
