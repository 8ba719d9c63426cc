"""The simplest event table anyone would write: the baseline of `yard-console bench ingest`.

One table `(id, seq, body)`, WAL, `synchronous=NORMAL`, `executemany` and a
commit per batch: what the console's store (`console.store.sqlite`) is
measured against, in the same run.  Not used by the console itself.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence


class NaiveEventTable:
    def __init__(self, db: str | os.PathLike[str]) -> None:
        self._conn = sqlite3.connect(db)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("CREATE TABLE events (id TEXT PRIMARY KEY, seq INTEGER, body TEXT)")

    def add(self, rows: Sequence[tuple[str, int, str]]) -> None:
        """(id, seq, body JSON) rows, committed together."""
        self._conn.executemany("INSERT OR IGNORE INTO events VALUES (?, ?, ?)", rows)
        self._conn.commit()

    def close(self) -> None:
        self._conn.close()
