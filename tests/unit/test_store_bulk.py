"""Multi-row inserts (`console.store.bulk`): each row once, any batch size, beside a busy thread."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from console.store.bulk import insert_rows

HEAD = "INSERT OR IGNORE INTO t (k, v, n)"


def _db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT, n INTEGER)")
    return conn


@pytest.mark.parametrize("count", [0, 1, 2, 3, 511, 512, 999, 1000, 1001, 2500])
def test_every_row_is_written_once_in_order_whatever_the_batch_size(
    tmp_path: Path, count: int
) -> None:
    conn = _db(tmp_path / "t.db")
    rows = [(f"k{i}", f"v{i}", i) for i in range(count)]
    assert insert_rows(conn, HEAD, 3, rows) == count
    assert conn.execute("SELECT k, v, n FROM t ORDER BY rowid").fetchall() == rows
    # again, with half of them new: only the new ones count
    more = rows[count // 2:] + [(f"x{i}", None, None) for i in range(count // 2)]
    assert insert_rows(conn, HEAD, 3, more) == count // 2
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == count + count // 2


def test_a_low_limit_on_bound_values_splits_statements_accordingly(tmp_path: Path) -> None:
    conn = _db(tmp_path / "t.db")
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 10)  # three rows of three per statement
    rows = [(f"k{i}", "v", i) for i in range(50)]
    assert insert_rows(conn, HEAD, 3, rows) == 50
    assert [r[0] for r in conn.execute("SELECT n FROM t ORDER BY rowid")] == list(range(50))


def test_inserting_beside_a_busy_python_thread_keeps_its_pace(tmp_path: Path) -> None:
    """`executemany` waits out the 5 ms switch interval per row here (about 170 rows/s)."""
    conn = _db(tmp_path / "t.db")
    rows = [(f"k{i}", "v" * 300, i) for i in range(20_000)]
    stop = threading.Event()

    def busy() -> None:
        n = 0
        while not stop.is_set():
            n += 1

    spinner = threading.Thread(target=busy)
    spinner.start()
    try:
        start = time.perf_counter()
        for i in range(0, len(rows), 2000):
            conn.execute("BEGIN IMMEDIATE")
            insert_rows(conn, HEAD, 3, rows[i:i + 2000])
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - start
    finally:
        stop.set()
        spinner.join()
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 20_000
    assert elapsed < 20, f"20,000 rows took {elapsed:.1f} s beside a busy thread"
