"""Bulk inserts as multi-row `INSERT … VALUES (…), (…), …` statements.

`executemany` gives up Python's global lock around every row it steps and
takes it back afterwards.  While another thread keeps the lock busy (the feed
decoding, the window painting), each of those take-backs waits for the
interpreter's switch interval (5 ms): measured here, a writer thread inserting
event rows with `executemany` fell from 71,000 rows/s to 170 rows/s beside one
busy Python thread.  One statement carrying up to 1,000 rows steps once for
all of them: 90,000 rows/s alone and 43,000 rows/s beside the same busy thread.

Statements are made for row counts 1, 2, 4, … 512 and the full chunk, so a
batch of any size uses a handful of statements that SQLite prepares once
(`sqlite3` caches them) instead of a new text per batch size.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

MAX_ROWS_PER_STATEMENT = 1000


def insert_rows(
    conn: sqlite3.Connection, head: str, width: int, rows: Sequence[Sequence[Any]]
) -> int:
    """Insert `rows` (each `width` values) with `head` (`INSERT … INTO t (cols)`); rows changed."""
    chunk = _chunk_rows(conn, width)
    changed = 0
    start, total = 0, len(rows)
    while start < total:
        left = total - start
        k = chunk if left >= chunk else 1 << (left.bit_length() - 1)
        part = rows[start:start + k]
        cur = conn.execute(_statement(head, width, k), list(chain.from_iterable(part)))
        changed += cur.rowcount
        start += k
    return changed


@lru_cache(maxsize=8)
def _chunk_rows_for(limit: int, width: int) -> int:
    return max(1, min(MAX_ROWS_PER_STATEMENT, limit // width))


def _chunk_rows(conn: sqlite3.Connection, width: int) -> int:
    """Rows per statement within SQLite's limit on bound values (32,766 since 3.32)."""
    return _chunk_rows_for(conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), width)


@lru_cache(maxsize=64)
def _statement(head: str, width: int, rows: int) -> str:
    one = "(" + ", ".join("?" * width) + ")"
    return f"{head} VALUES {', '.join([one] * rows)}"
