"""Loading ready-made rows into a console database, fast: imports and the test bed.

`BulkLoader` writes rows already in the store's own column order (events as
`console.store.rows.EVENT_COLUMNS`, alerts and their changes as the alerts
area's tables hold them) with `executemany` in large transactions and
`synchronous = OFF` while it loads (see field-notes: 58k–171k rows/s), after
the real migrations of the events, review and given components, so that every
index a query uses is there.  It is for filling a new file (the history
benchmark's synthetic month, `testbed.synthetic_history`); the console itself
writes through `console.store.writer`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from console.model import Snapshot
from console.store.history.schema import ensure_review_tables
from console.store.rows import EVENT_COLUMNS, encode_snapshot
from console.store.schema import EVENTS_COMPONENT, Migration, connect, migrate
from console.store.tables import EVENTS_MIGRATIONS

_INSERT_EVENTS = (f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})")
ALERT_WIDTH = 17
CHANGE_COLUMNS = ("alert_id", "action", "at", "who", "station", "why", "state", "cleared",
                  "alert")


class BulkLoader:
    """Fills the database at `db` (see the module docstring); close it when done."""

    def __init__(
        self, db: str | os.PathLike[str],
        components: Sequence[tuple[str, Sequence[Migration]]] = (),
    ) -> None:
        self._conn = connect(db)
        try:
            migrate(self._conn, EVENTS_COMPONENT, EVENTS_MIGRATIONS)
            for name, migrations in components:
                migrate(self._conn, name, migrations)
            ensure_review_tables(self._conn)
            self._conn.execute("PRAGMA synchronous = OFF")
        except BaseException:
            self._conn.close()
            raise

    def add_snapshot(self, feed: str, snapshot: Snapshot, stored_at: str) -> None:
        self._conn.execute("BEGIN IMMEDIATE")
        self._conn.execute(
            "INSERT INTO snapshots (feed, epoch, seq, time, stored_at, containers, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (feed, snapshot.epoch, snapshot.seq, snapshot.time, stored_at,
             len(snapshot.containers), encode_snapshot(snapshot)))
        self._conn.execute("COMMIT")

    def add_events(self, rows: Sequence[Sequence[object]]) -> int:
        """Event rows (columns `EVENT_COLUMNS`) in one transaction; how many."""
        if not rows:
            return 0
        self._conn.execute("BEGIN IMMEDIATE")
        self._conn.executemany(_INSERT_EVENTS, rows)
        self._conn.execute("COMMIT")
        return len(rows)

    def add_alerts(
        self, alerts: Sequence[Sequence[object]], changes: Sequence[Sequence[object]]
    ) -> None:
        """Alert rows (all `ALERT_WIDTH` columns of the alerts table, in its order) and
        change rows (`CHANGE_COLUMNS`), in one transaction."""
        self._conn.execute("BEGIN IMMEDIATE")
        self._conn.executemany(
            f"INSERT INTO alerts VALUES ({','.join('?' * ALERT_WIDTH)})", alerts)
        self._conn.executemany(
            f"INSERT INTO alert_changes ({', '.join(CHANGE_COLUMNS)}) "
            f"VALUES ({','.join('?' * len(CHANGE_COLUMNS))})", changes)
        self._conn.execute("COMMIT")

    def time_range(self) -> tuple[int, int] | None:
        row = self._conn.execute("SELECT min(time_us), max(time_us) FROM events").fetchone()
        return (int(row[0]), int(row[1])) if row[0] is not None else None

    def close(self) -> None:
        """Back to `synchronous = NORMAL`, and release the file."""
        try:
            self._conn.execute("PRAGMA synchronous = NORMAL")
        finally:
            self._conn.close()
