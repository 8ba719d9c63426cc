"""The SQLite event store: one file holding everything the feeds delivered.

Writes are whole `WriteBatch`es, each committed in one `BEGIN IMMEDIATE`
transaction with raw multi-row inserts (`console.store.bulk`; sqlite-utils
costs about twice as much, and `executemany` stalls beside a busy thread),
so a feed cursor is durable exactly when the events below it are.
`(feed, id)` is unique and events are inserted with `INSERT OR IGNORE`, so a
replayed or re-sent event is stored once; `write` reports how many were new.
Every sqlite3 error becomes a `StoreError` in plain words; the transaction is
rolled back so the same connection works again once the cause (a full disk,
another program's lock) is gone, and nothing committed before is touched.

Reads order events by application order (the row id) and compare times as
UTC microseconds, so `+08:00` and `Z` times sort together correctly.  A store
object is used by one thread at a time: the `StoreWriter` thread for writes,
and any reader opens its own (possibly `readonly`) store on the same file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import orjson

from console.model import Snapshot
from console.store import failures
from console.store.base import (
    FeedCursor,
    PermanentGap,
    QuarantineEntry,
    StoredEvent,
    StoreError,
    WriteBatch,
)
from console.store.bulk import insert_rows
from console.store.rows import (
    EVENT_COLUMNS,
    decode_snapshot,
    encode_snapshot,
    event_row,
)
from console.store.schema import (
    DEFAULT_BUSY_TIMEOUT_MS,
    EVENTS_COMPONENT,
    Migration,
    component_version,
    connect,
    migrate,
)
from console.store.tables import EVENTS_MIGRATIONS
from console.timefmt import now_rfc3339, utc_micros

QUARANTINE_RAW_LIMIT = 1024 * 1024 + 1
_FETCH = 1000

_INSERT_EVENTS = f"INSERT OR IGNORE INTO events ({', '.join(EVENT_COLUMNS)})"
_EVENT_SELECT = (
    "SELECT feed, epoch, seq, id, kind, time, source, body, corrects, received_at FROM events"
)


class SqliteEventStore:
    """`EventStore` on one SQLite file (see the module docstring for the contract)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = os.fspath(path)
        self.readonly = readonly
        self._busy_timeout_s = busy_timeout_ms / 1000
        self._conn = connect(self.path, readonly=readonly, busy_timeout_ms=busy_timeout_ms)
        self._last_commit = now_rfc3339()
        try:
            if readonly:
                self._check_version()
            else:
                migrate(self._conn, EVENTS_COMPONENT, EVENTS_MIGRATIONS)
        except BaseException:
            self._conn.close()
            raise

    def _check_version(self) -> None:
        """A read-only store can migrate nothing: it needs exactly the schema this code knows."""
        try:
            version = component_version(self._conn, EVENTS_COMPONENT)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        if version != len(EVENTS_MIGRATIONS):
            raise StoreError(
                "schema",
                f"the database {self.path} is at events schema version {version} and this "
                f"program reads version {len(EVENTS_MIGRATIONS)}; open it once for writing "
                "with this program (or use the program that wrote it)",
            )

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for other areas' tables (use it on the owning thread only)."""
        return self._conn

    @property
    def last_commit(self) -> str:
        """When this store last committed (or was opened): what a failure message cites."""
        return self._last_commit

    def migrate(self, component: str, migrations: Sequence[Migration]) -> int:
        """Bring another area's tables (`component`) up to date in this database."""
        return migrate(self._conn, component, migrations)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One `BEGIN IMMEDIATE` transaction; committed on success, rolled back on error.

        sqlite3 errors inside (or at commit) become `StoreError`; anything
        else is re-raised unchanged after the rollback.
        """
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            yield self._conn
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise self._error(exc) from exc
        except BaseException:
            self._rollback()
            raise
        self._last_commit = now_rfc3339()

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the failed transaction was already rolled back by SQLite

    def _error(self, exc: sqlite3.Error) -> StoreError:
        return failures.translate(
            exc, self.path, since=self._last_commit, busy_timeout_s=self._busy_timeout_s
        )

    def write(self, batch: WriteBatch) -> int:
        return self.write_many([batch])[0]

    def write_many(self, batches: Sequence[WriteBatch]) -> list[int]:
        """Commit several batches in ONE transaction; how many events of each were new."""
        counts: list[int] = []
        with self.transaction() as conn:
            for batch in batches:
                counts.append(self._write_one(conn, batch))
        return counts

    def _write_one(self, conn: sqlite3.Connection, batch: WriteBatch) -> int:
        received_at = batch.received_at or now_rfc3339()
        new = 0
        if batch.events:
            rows = [event_row(e, received_at) for e in batch.events]
            new = insert_rows(conn, _INSERT_EVENTS, len(EVENT_COLUMNS), rows)
        if batch.quarantine:
            conn.executemany(
                "INSERT INTO quarantine (feed, received_at, code, reason, raw, seq, epoch) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (q.feed, q.received_at, q.code, q.reason, bytes(q.raw[:QUARANTINE_RAW_LIMIT]),
                     q.seq, q.epoch)
                    for q in batch.quarantine
                ],
            )
        if batch.gaps:
            conn.executemany(
                "INSERT OR IGNORE INTO permanent_gaps (feed, epoch, from_seq, to_seq, recorded_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(g.feed, g.epoch, g.from_seq, g.to_seq, g.recorded_at) for g in batch.gaps],
            )
        if batch.cursors:
            conn.executemany(
                "INSERT INTO feed_cursors (feed, epoch, last_seq, updated_at, role) "
                "VALUES (?1, ?2, ?3, ?4, coalesce(?5, 'terminal')) "
                "ON CONFLICT (feed) DO UPDATE SET epoch = excluded.epoch, "
                "last_seq = excluded.last_seq, updated_at = excluded.updated_at, "
                "role = coalesce(?5, feed_cursors.role)",
                [(c.feed, c.epoch, c.last_seq, received_at, c.role) for c in batch.cursors],
            )
        roles = {c.feed: c.role for c in batch.cursors if c.role is not None}
        for key, snapshot in batch.snapshots:
            self._put_snapshot(conn, key, snapshot, received_at, roles.get(key))
        return new

    def _put_snapshot(
        self, conn: sqlite3.Connection, key: str, snapshot: Snapshot, stored_at: str,
        role: str | None,
    ) -> None:
        """Store a snapshot with its feed's role (given, else the one stored with the cursor)."""
        conn.execute(
            "INSERT INTO snapshots (feed, epoch, seq, time, stored_at, containers, data, role) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, "
            "(SELECT role FROM feed_cursors WHERE feed = ?1), 'terminal'))",
            (key, snapshot.epoch, snapshot.seq, snapshot.time, stored_at,
             len(snapshot.containers), encode_snapshot(snapshot), role),
        )
        # Every snapshot is kept: it is the state the feed delivered (evidence for the
        # review's replay), and one is about 1 MB compressed for a full yard.

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[Any]:
        try:
            cur = self._conn.execute(sql, params)
            try:
                while rows := cur.fetchmany(_FETCH):
                    yield from rows
            finally:
                cur.close()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def cursor(self, feed: str) -> FeedCursor | None:
        rows = self._query(
            "SELECT feed, epoch, last_seq, role FROM feed_cursors WHERE feed = ?", (feed,))
        return FeedCursor(*rows[0]) if rows else None

    def feed_role(self, feed: str) -> str | None:
        rows = self._query("SELECT role FROM feed_cursors WHERE feed = ?", (feed,))
        return str(rows[0][0]) if rows else None

    def events(
        self,
        *,
        container: str | None = None,
        since: str | None = None,
        until: str | None = None,
        feed: str | None = None,
        kinds: Sequence[str] | None = None,
        before: tuple[str, str] | None = None,
    ) -> Iterator[StoredEvent]:
        """Events in application order; `since` inclusive, `until` exclusive (any offsets);
        `before` = (feed, id): only those applied before that event, if it is stored."""
        where: list[str] = []
        params: list[Any] = []
        if container is not None:
            where.append("container = ?")
            params.append(container)
        for bound, op in ((since, ">="), (until, "<")):
            if bound is not None:
                micros = utc_micros(bound)
                if micros is None:
                    raise ValueError(f"{bound!r} is not an RFC 3339 time")
                where.append(f"time_us {op} ?")
                params.append(micros)
        if feed is not None:
            where.append("feed = ?")
            params.append(feed)
        if kinds is not None:
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            params.extend(kinds)
        if before is not None:
            where.append("n < COALESCE((SELECT n FROM events WHERE feed = ? AND id = ?), ?)")
            params.extend((before[0], before[1], 1 << 62))
        sql = _EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY n"
        for feed_, epoch, seq, id_, kind, time, source, body, corrects, received in self._stream(
            sql, params
        ):
            try:
                fields = orjson.loads(body)
            except orjson.JSONDecodeError:
                raise failures.corrupt(self.path, f"event {id_!r} has an unreadable body") from None
            yield StoredEvent(
                feed_, epoch, seq, id_, kind, time, source, fields, corrects, received
            )

    def quarantine(self, *, feed: str | None = None) -> Iterator[QuarantineEntry]:
        sql = "SELECT feed, received_at, code, reason, raw, seq, epoch FROM quarantine"
        params: tuple[str, ...] = ()
        if feed is not None:
            sql += " WHERE feed = ?"
            params = (feed,)
        for f, received, code, reason, raw, seq, epoch in self._stream(sql + " ORDER BY n", params):
            yield QuarantineEntry(f, received, code, reason, bytes(raw), seq, epoch)

    def gaps(self, *, feed: str | None = None) -> Iterator[PermanentGap]:
        sql = "SELECT feed, epoch, from_seq, to_seq, recorded_at FROM permanent_gaps"
        params: tuple[str, ...] = ()
        if feed is not None:
            sql += " WHERE feed = ?"
            params = (feed,)
        for row in self._stream(sql + " ORDER BY n", params):
            yield PermanentGap(*row)

    def latest_snapshot(self, feed: str) -> Snapshot | None:
        rows = self._query(
            "SELECT data FROM snapshots WHERE feed = ? ORDER BY n DESC LIMIT 1", (feed,)
        )
        return decode_snapshot(rows[0][0]) if rows else None

    def event_count(self) -> int:
        return int(self._query("SELECT count(*) FROM events")[0][0])

    def close(self) -> None:
        self._conn.close()


class OnDemandReader:
    """An `EventReader` on the file at `path`: a read-only `SqliteEventStore`, opened at the
    first read (most consoles never need one), closed by its owner.

    Opened at start-up instead, a read-only connection kept open beside the writers made the
    officer-side writer's commits invisible to other processes in the headless console
    (`tests/e2e/test_e2e_station_and_accounts.py`); opened when first needed it is as before.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._store: SqliteEventStore | None = None
        self._closed = False

    @property
    def opened(self) -> bool:
        return self._store is not None

    def events(
        self,
        *,
        container: str | None = None,
        since: str | None = None,
        until: str | None = None,
        feed: str | None = None,
        kinds: Sequence[str] | None = None,
        before: tuple[str, str] | None = None,
    ) -> Iterator[StoredEvent]:
        if self._closed:
            raise StoreError("io", f"the reader of {self.path} is closed")
        if self._store is None:
            self._store = SqliteEventStore(self.path, readonly=True)
        # Read to the end at once: a half-read iterator would keep a read transaction open
        # beside the writers for as long as its caller holds it (a recall reads one
        # container's events: a short list).
        return iter(list(self._store.events(container=container, since=since, until=until,
                                            feed=feed, kinds=kinds, before=before)))

    def close(self) -> None:
        self._closed = True
        if self._store is not None:
            self._store.close()
            self._store = None
