"""When the environment fails: a full disk, another program's lock, a damaged file."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from console.store.base import FeedCursor, StoreError
from console.store.sqlite import SqliteEventStore
from tests.unit.test_store_support import EPOCH, FEED, batch, equipment_event

ROOT = Path(__file__).resolve().parents[2]


def test_full_disk_is_reported_and_nothing_committed_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    store = SqliteEventStore(path)
    try:
        assert store.write(batch([equipment_event(s) for s in range(1, 101)])) == 100
        conn = store.connection
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = batch([equipment_event(s) for s in range(101, 1101)])
        with pytest.raises(StoreError) as caught:
            store.write(big)
        err = caught.value
        assert err.kind == "disk_full"
        assert err.message.startswith(f"the disk holding {path} is full; nothing since ")
        assert store.last_commit in err.message
        # what was committed before is intact, and the cursor did not move
        assert store.event_count() == 100
        assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 100)
        with pytest.raises(StoreError):  # still full: fails again the same way
            store.write(big)
        conn.execute("PRAGMA max_page_count = 1073741823")  # space is freed
        assert store.write(big) == 1000
        assert store.event_count() == 1100
        assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 1100)
    finally:
        store.close()
    reopened = SqliteEventStore(path)
    try:
        assert [e.seq for e in reopened.events()] == list(range(1, 1101))
    finally:
        reopened.close()


LOCK_HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE feed_cursors SET last_seq = last_seq")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    print("released", flush=True)
    """
)


def test_a_lock_held_by_another_process_fails_clearly_then_clears(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    store = SqliteEventStore(path, busy_timeout_ms=300)
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert store.write(batch([equipment_event(1)])) == 1
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError) as caught:
            store.write(batch([equipment_event(2)]))
        assert caught.value.kind == "locked"
        assert str(path) in caught.value.message
        assert "locked by another program for more than 0.3 s" in caught.value.message
        assert store.event_count() == 1  # reading is never blocked in WAL
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        assert store.write(batch([equipment_event(2)])) == 1
        assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 2)
    finally:
        holder.kill()
        holder.wait(timeout=10)
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.stdout.close()
        store.close()


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    path.write_text("這不是資料庫 — notes someone saved under the wrong name\n" * 200)
    with pytest.raises(StoreError) as caught:
        SqliteEventStore(path)
    assert caught.value.kind == "corrupt"
    assert str(path) in caught.value.message
    assert "not a SQLite database" in caught.value.message
    assert path.read_text().startswith("這不是資料庫")  # left untouched


def _damage(path: Path, offset: int, length: int) -> None:
    noise = random.Random(offset).randbytes(length)
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(noise)


def _filled(path: Path) -> None:
    store = SqliteEventStore(path)
    for start in range(1, 2001, 500):
        store.write(batch([equipment_event(s) for s in range(start, start + 500)]))
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def test_a_damaged_schema_page_is_refused_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    _filled(path)
    _damage(path, 100, 3000)  # page 1 after the header: the table of tables
    with pytest.raises(StoreError) as caught:
        SqliteEventStore(path)
    assert caught.value.kind == "corrupt"
    assert str(path) in caught.value.message
    assert "damaged" in caught.value.message


def test_damaged_event_pages_are_reported_when_read(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    _filled(path)
    size = path.stat().st_size
    page = 4096
    for offset in range(4 * page, size - page, 2 * page):
        _damage(path, offset, page)
    with pytest.raises(StoreError) as caught:
        store = SqliteEventStore(path)
        try:
            list(store.events())
            store.write(batch([equipment_event(s) for s in range(3000, 3100)]))
        finally:
            store.close()
    assert caught.value.kind == "corrupt"
    assert str(path) in caught.value.message


def test_a_database_that_refuses_writes_is_reported_as_read_only(tmp_path: Path) -> None:
    """`query_only` makes SQLite answer SQLITE_READONLY, as a read-only file does for non-root."""
    path = tmp_path / "events.db"
    store = SqliteEventStore(path)
    try:
        store.write(batch([equipment_event(1)]))
        store.connection.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreError) as caught:
            store.write(batch([equipment_event(2)]))
        assert caught.value.kind == "readonly"
        assert f"the database {path} cannot be written" in caught.value.message
        store.connection.execute("PRAGMA query_only = OFF")
        assert store.write(batch([equipment_event(2)])) == 1
    finally:
        store.close()


def _mount_small_disk(where: Path, size: str) -> bool:
    """Mount a small tmpfs at `where` (needs root with mount rights; False when refused)."""
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, check=False)
    return done.returncode == 0


def test_a_really_full_disk_then_freed(tmp_path: Path) -> None:
    """The same as the max_page_count test, on a real 1 MiB filesystem that fills up."""
    disk = tmp_path / "disk"
    if not _mount_small_disk(disk, "1m"):
        pytest.skip("mounting a small tmpfs needs root with mount rights")
    try:
        path = disk / "events.db"
        store = SqliteEventStore(path)
        try:
            seq = 0
            with pytest.raises(StoreError) as caught:
                while seq < 100_000:
                    store.write(batch([equipment_event(s) for s in range(seq + 1, seq + 101)]))
                    seq += 100
            assert caught.value.kind == "disk_full"
            assert f"the disk holding {path} is full" in caught.value.message
            assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, seq)
            assert store.event_count() == seq
            subprocess.run(["mount", "-o", "remount,size=8m", str(disk)], check=True)
            assert store.write(batch([equipment_event(s) for s in range(seq + 1, seq + 101)]))
            assert [e.seq for e in store.events()] == list(range(1, seq + 101))
        finally:
            store.close()
    finally:
        subprocess.run(["umount", str(disk)], check=False)
