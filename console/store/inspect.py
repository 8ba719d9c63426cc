"""Looking at a console database without changing it: what `yard-console doctor` asks.

`DatabaseInspection` opens the file read-only: the schema version of each
component and `PRAGMA quick_check`.  `probe_write` proves the file writable
with a `BEGIN IMMEDIATE` that is rolled back at once.  Nothing here creates,
migrates or repairs anything.  Failures are `StoreError`s (`open`: as
`connect` reports them) or, for reading and writing, the reasons below.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from console.store.base import StoreError
from console.store.schema import component_version, connect


class UnreadableDatabase(Exception):
    """The file opened, but reading it failed (`detail`: SQLite's own words)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class DatabaseInspection:
    """A read-only look at the database at `db` (`StoreError` when it cannot be opened)."""

    def __init__(self, db: str | os.PathLike[str]) -> None:
        self._conn = connect(db, readonly=True)

    def versions(self, components: Iterable[str]) -> dict[str, int]:
        """The schema version of each component (0 when never migrated)."""
        try:
            return {name: component_version(self._conn, name) for name in components}
        except sqlite3.Error as exc:
            raise UnreadableDatabase(str(exc)) from exc

    def quick_check(self, limit: int = 20) -> list[str]:
        """`PRAGMA quick_check`'s findings: `["ok"]` when no damage was found."""
        try:
            return [str(r[0]) for r in self._conn.execute(f"PRAGMA quick_check({int(limit)})")]
        except sqlite3.Error as exc:
            raise UnreadableDatabase(str(exc)) from exc

    def close(self) -> None:
        self._conn.close()


@dataclass(frozen=True, slots=True)
class WriteProbe:
    """Whether a write lock could be taken: `ok`, or `locked` (another writer held it past
    the timeout), or `failed` with SQLite's reason."""

    outcome: str
    detail: str = ""


def probe_write(db: str | os.PathLike[str], *, busy_timeout_ms: int = 3000) -> WriteProbe:
    """Take the write lock and give it back at once (`StoreError` when the file won't open)."""
    conn = connect(db, busy_timeout_ms=busy_timeout_ms)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return WriteProbe("locked", text)
        return WriteProbe("failed", text)
    finally:
        conn.close()
    return WriteProbe("ok")


__all__ = ["DatabaseInspection", "StoreError", "UnreadableDatabase", "WriteProbe",
           "probe_write"]
