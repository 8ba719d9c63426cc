"""`SqliteHistoryStore`: the review's `HistoryStore` on the console's SQLite file.

Every SQL statement the review runs is here.  Reads go through the indexes
the events component (`console.store.tables`) and the review component
(`console.store.history.schema`) create: the container and time indexes, the
partial facts and vehicle-and-time indexes, `review_terms`; the statements
that depend on one name it (`INDEXED BY`) so that a planner's whim never
turns a seek into a scan of ten million rows.  Each write is one
`BEGIN IMMEDIATE` transaction: the live writer waits a few milliseconds at
most.  A store object is used by one thread at a time; open one per thread.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from functools import partial
from typing import Any

import orjson

from console.audit.anchor import Head
from console.history.cancel import Cancellation
from console.history.records import (
    AlertHead,
    AlertLife,
    AlertQuery,
    ChangeRecord,
    ChangeStamp,
    Checkpoint,
    EventRow,
    PositionMark,
    SnapshotHead,
    StoryEvent,
    TermRow,
    TermSource,
)
from console.model import Snapshot
from console.store.bulk import insert_rows
from console.store.history.cancel import interruptible
from console.store.history.schema import ensure_review_tables, has_table
from console.store.rows import decode_snapshot
from console.store.schema import connect
from console.timefmt import now_rfc3339

_ROW = ("SELECT n, feed, epoch, seq, id, kind, time, source, body, corrects, time_us, "
        "container, vehicle_id FROM events")
_STORY = ("SELECT n, time, kind, event_type, container, vehicle_id, feed, id, corrects, "
          "body FROM events")
_ALERT = ("SELECT alert_id, raised_at, rule, severity, subject, state, cleared, "
          "resolution, cause, event_id, detail FROM alerts")
_CHUNK = 500
_row = partial(tuple.__new__, EventRow)
_term_source = partial(tuple.__new__, TermSource)


def _rows(found: Sequence[Any]) -> list[EventRow]:
    return list(map(_row, found))


def _story(found: Sequence[Any]) -> list[StoryEvent]:
    return [StoryEvent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], orjson.loads(r[9]))
            for r in found]


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None


class SqliteHistoryStore:
    """`HistoryStore` on one SQLite connection (see `console.history.store`)."""

    def __init__(self, conn: sqlite3.Connection, *, owns: bool = True) -> None:
        self._conn = conn
        self._owns = owns

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection (for the store's own helpers and tests, on the owning thread)."""
        return self._conn

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, params).fetchone()

    # ------------------------------------------------------------ review tables
    def prepare(self) -> int:
        return ensure_review_tables(self._conn)

    def interruptible(self, cancel: Cancellation) -> AbstractContextManager[None]:
        return interruptible(self._conn, cancel)

    # ---------------------------------------------------------------- events
    def last_row(self) -> int:
        return int(self._one("SELECT coalesce(max(n), 0) FROM events")[0])

    def time_range(self) -> tuple[int, int] | None:
        row = self._one("SELECT min(time_us), max(time_us) FROM events")
        if row is None or row[0] is None:
            return None
        return int(row[0]), int(row[1])

    def rows(self, after_n: int, upto_n: int) -> list[EventRow]:
        return _rows(self._conn.execute(
            f"{_ROW} WHERE n > ? AND n <= ? ORDER BY n", (after_n, upto_n)).fetchall())

    def rows_before(self, after_n: int, before_us: int) -> list[EventRow]:
        return _rows(self._conn.execute(
            f"{_ROW} WHERE n > ? AND time_us < ? ORDER BY n", (after_n, before_us)).fetchall())

    def facts_after(self, after_n: int, from_us: int, before_us: int) -> list[EventRow]:
        found = _rows(self._conn.execute(
            f"{_ROW} INDEXED BY review_events_facts "
            "WHERE kind != 'position' AND time_us >= ? AND time_us < ? AND n > ?",
            (from_us, before_us, after_n)).fetchall())
        found.sort(key=lambda r: r.n)
        return found

    def latest_position(self, vehicle_id: str, before_us: int) -> EventRow | None:
        row = self._one(
            f"{_ROW} INDEXED BY review_events_vehicle_time "
            "WHERE kind = 'position' AND vehicle_id = ? AND time_us < ? "
            "ORDER BY time_us DESC, n DESC LIMIT 1", (vehicle_id, before_us))
        return _row(row) if row is not None else None

    def row_of(self, feed: str, event_id: str) -> int | None:
        row = self._one("SELECT n FROM events WHERE feed = ? AND id = ?", (feed, event_id))
        return int(row[0]) if row is not None else None

    def latest_time_upto(self, n: int) -> int | None:
        return _int(self._one("SELECT max(time_us) FROM events WHERE n <= ?", (n,))[0])

    def earliest_time_after(self, n: int) -> int | None:
        return _int(self._one("SELECT min(time_us) FROM events NOT INDEXED WHERE n > ?",
                              (n,))[0])

    # ------------------------------------------------------------- snapshots
    def snapshot_heads(self) -> list[SnapshotHead]:
        columns = {r[1] for r in self._conn.execute("PRAGMA table_info(snapshots)")}
        # A database the console has not opened since event store version 4 has no role
        # column yet (the review may open it read-only): its heads read as terminal ones.
        role = "role" if "role" in columns else "'terminal'"
        return [SnapshotHead(*r) for r in self._conn.execute(
            f"SELECT n, feed, epoch, seq, time, {role} FROM snapshots ORDER BY n")]

    def first_row_after_snapshot(
        self, head: SnapshotHead, near: tuple[int, int] | None = None
    ) -> int | None:
        sql = "SELECT min(n) FROM events WHERE feed = ? AND epoch = ? AND seq > ?"
        params: tuple[Any, ...] = (head.feed, head.epoch, head.seq)
        if near is not None:
            sql += " AND time_us >= ? AND time_us < ?"
            params += near
        return _int(self._one(sql, params)[0])

    def snapshot(self, n: int) -> Snapshot | None:
        row = self._one("SELECT data FROM snapshots WHERE n = ?", (n,))
        return decode_snapshot(row[0]) if row is not None else None

    # --------------------------------------------------------- checkpoints
    def _checkpoint(self, where: str, params: Sequence[Any]) -> Checkpoint | None:
        row = self._one(
            f"SELECT n, max_time_us, tail_min_us, tail_end_n FROM replay_checkpoints {where}",
            params)
        return Checkpoint(*row) if row is not None else None

    def checkpoint_before(self, at_us: int) -> Checkpoint | None:
        return self._checkpoint(
            "WHERE max_time_us < ? ORDER BY max_time_us DESC, n DESC LIMIT 1", (at_us,))

    def checkpoint_upto(self, n: int) -> Checkpoint | None:
        return self._checkpoint("WHERE n <= ? ORDER BY n DESC LIMIT 1", (n,))

    def latest_checkpoint(self) -> Checkpoint | None:
        return self._checkpoint("ORDER BY n DESC LIMIT 1", ())

    def checkpoint_frame(self, n: int) -> bytes:
        row = self._one("SELECT data FROM replay_checkpoints WHERE n = ?", (n,))
        if row is None:
            raise KeyError(n)
        return bytes(row[0])

    def earliest_tail_from(self, n: int, before_us: int) -> int | None:
        return _int(self._one(
            "SELECT min(tail_min_us) FROM replay_checkpoints WHERE n >= ? AND tail_min_us < ?",
            (n, before_us))[0])

    def write_checkpoint(
        self, n: int, max_time_us: int, containers: int, frame: bytes,
        previous: int | None, previous_tail_min_us: int | None,
    ) -> None:
        with self._transaction() as conn:
            if previous is not None:
                conn.execute(
                    "UPDATE replay_checkpoints SET tail_min_us = ?, tail_end_n = ? WHERE n = ?",
                    (previous_tail_min_us, n, previous))
            conn.execute(
                "INSERT OR REPLACE INTO replay_checkpoints "
                "(n, max_time_us, created_at, containers, data) VALUES (?, ?, ?, ?, ?)",
                (n, max_time_us, now_rfc3339(), containers, frame))

    def vehicles(self) -> set[str]:
        return {str(r[0]) for r in self._conn.execute("SELECT vehicle_id FROM review_vehicles")}

    def vehicles_first_seen_after(self, n: int) -> list[str]:
        return [str(r[0]) for r in self._conn.execute(
            "SELECT vehicle_id FROM review_vehicles WHERE first_n > ?", (n,))]

    def add_vehicles(self, vehicle_ids: Sequence[str], first_n: int) -> None:
        with self._transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO review_vehicles (vehicle_id, first_n) VALUES (?, ?)",
                [(vid, first_n) for vid in vehicle_ids])

    # ------------------------------------------------- terms and retention
    def job_progress(self, job: str) -> int | None:
        return _int((self._one("SELECT last_n FROM review_progress WHERE job = ?", (job,))
                     or (None,))[0])

    def term_sources(self, after_n: int, upto_n: int) -> list[TermSource]:
        return list(map(_term_source, self._conn.execute(
            "SELECT n, kind, body, container, time_us FROM events "
            "WHERE n > ? AND n <= ? AND kind IN ('equipment', 'clearance')",
            (after_n, upto_n)).fetchall()))

    def add_terms(self, terms: Sequence[TermRow], job: str, upto_n: int) -> int:
        with self._transaction() as conn:
            added = insert_rows(  # not executemany: it stalls beside a busy thread
                conn, "INSERT OR IGNORE INTO review_terms (term, field, container, time_us, n)",
                5, terms)
            self._progress(conn, job, upto_n)
        return added

    def thin_positions(self, from_us: int, before_us: int, bucket_us: int, job: str) -> int:
        evidence = ("AND id NOT IN (SELECT event_id FROM alerts WHERE event_id IS NOT NULL)"
                    if has_table(self._conn, "alerts") else "")
        with self._transaction() as conn:
            cur = conn.execute(
                "DELETE FROM events WHERE n IN ("
                " SELECT n FROM events INDEXED BY review_events_vehicle_time"
                " WHERE kind = 'position' AND vehicle_id IS NOT NULL"
                " AND time_us >= :lo AND time_us < :hi"
                " AND n NOT IN (SELECT min(n) FROM events INDEXED BY review_events_vehicle_time"
                "   WHERE kind = 'position' AND vehicle_id IS NOT NULL"
                "   AND time_us >= :lo AND time_us < :hi"
                "   GROUP BY vehicle_id, time_us / :bucket)"
                f" {evidence})",
                {"lo": from_us, "hi": before_us, "bucket": bucket_us})
            removed = max(0, cur.rowcount)
            self._progress(conn, job, before_us)
        return removed

    @staticmethod
    def _progress(conn: sqlite3.Connection, job: str, value: int) -> None:
        conn.execute(
            "INSERT INTO review_progress (job, last_n) VALUES (?, ?) "
            "ON CONFLICT (job) DO UPDATE SET last_n = excluded.last_n", (job, value))

    # ------------------------------------------------ containers and alerts
    def story_facts(self, container: str) -> list[StoryEvent]:
        return _story(self._conn.execute(
            f"{_STORY} WHERE container = ? AND kind != 'position' ORDER BY n",
            (container,)).fetchall())

    def story_positions(self, container: str) -> list[PositionMark]:
        return [PositionMark(*r) for r in self._conn.execute(
            "SELECT n, vehicle_id, time FROM events WHERE container = ? AND kind = 'position' "
            "ORDER BY n", (container,)).fetchall()]

    def container_terms(self, container: str) -> list[tuple[str, str]]:
        if not has_table(self._conn, "review_terms"):
            return []
        return [(f, t) for f, t in self._conn.execute(
            "SELECT DISTINCT field, term FROM review_terms WHERE container = ? "
            "ORDER BY field, term", (container,))]

    def facts_window(self, since_us: int, until_us: int, limit: int) -> list[StoryEvent]:
        found = _story(self._conn.execute(
            f"{_STORY} INDEXED BY review_events_facts WHERE kind != 'position' "
            "AND time_us >= ? AND time_us < ? LIMIT ?", (since_us, until_us, limit)).fetchall())
        found.sort(key=lambda e: e.n)
        return found

    def containers_from(self, prefix: str, limit: int) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT container FROM events WHERE container >= ? AND container < ? "
            "LIMIT ?", (prefix, prefix + "\uffff", limit))]

    def containers_named_by(self, term: str, limit: int) -> list[str]:
        if not has_table(self._conn, "review_terms"):
            return []
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT container FROM review_terms WHERE term = ? LIMIT ?", (term, limit))]

    def has_alerts(self) -> bool:
        return has_table(self._conn, "alerts")

    def _alerts(self, where: str, params: Sequence[Any]) -> list[AlertLife]:
        """Alerts matching `where` (SQL on the alerts table), each with its changes."""
        if not self.has_alerts():
            return []
        out = [AlertLife(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9],
                         orjson.loads(r[10]))
               for r in self._conn.execute(f"{_ALERT} {where}", params).fetchall()]
        by_id = {a.alert_id: a for a in out}
        ids = list(by_id)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            for alert_id, at, action, who, station, state, why in self._conn.execute(
                "SELECT alert_id, at, action, who, station, state, why FROM alert_changes "
                f"WHERE alert_id IN ({','.join('?' * len(chunk))}) ORDER BY n", chunk,
            ):
                by_id[alert_id].changes.append(
                    ChangeRecord(alert_id, at, action, who, station, state, why))
        return out

    def alerts_about(self, subject: str) -> list[AlertLife]:
        return self._alerts("WHERE subject = ? ORDER BY raised_s, alert_id", (subject,))

    def alerts_of_events(self, event_ids: Sequence[str]) -> list[AlertLife]:
        out: list[AlertLife] = []
        ids = list(event_ids)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            out.extend(self._alerts(f"WHERE event_id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def alerts_raised(self, since_s: float, until_s: float) -> list[AlertLife]:
        return self._alerts("WHERE raised_s >= ? AND raised_s < ? ORDER BY raised_s",
                            (since_s, until_s))

    def search_alerts(self, q: AlertQuery, subjects: Sequence[str]) -> list[AlertLife]:
        terms: list[str] = []
        params: list[Any] = []
        for sql, value in (("raised_s >= ?", q.since_s), ("raised_s < ?", q.until_s),
                           ("rule = ?", q.rule), ("severity = ?", q.severity),
                           ("state = ?", q.state)):
            if value is not None:
                terms.append(sql)
                params.append(value)
        if q.officer:
            terms.append("alert_id IN (SELECT alert_id FROM alert_changes WHERE who = ?)")
            params.append(q.officer)
        if q.text and q.text.strip():
            t = q.text.strip()
            marks = ",".join("?" * len(subjects))
            terms.append(
                f"(subject IN ({marks}) OR alert_id IN (SELECT alert_id FROM alert_changes "
                "WHERE why LIKE ?) OR cause LIKE ?)")
            params.extend(subjects)
            params.extend([f"%{t}%", f"%{t}%"])
        where = ("WHERE " + " AND ".join(terms)) if terms else ""
        return self._alerts(f"{where} ORDER BY raised_s, alert_id LIMIT ?", [*params, q.limit])

    def alert_heads(self) -> list[AlertHead]:
        if not has_table(self._conn, "alert_changes"):
            return []
        return [AlertHead(*r) for r in self._conn.execute(
            "SELECT alert_id, rule, severity, subject, raised_at FROM alerts")]

    def change_stamps(self) -> Iterator[ChangeStamp]:
        if not has_table(self._conn, "alert_changes"):
            return
        for r in self._conn.execute(
                "SELECT alert_id, action, at, state FROM alert_changes ORDER BY n"):
            yield ChangeStamp(*r)

    def audit_head(self) -> Head | None:
        from console.store.office.audit_trail import read_head  # the audit area reads its own table

        return read_head(self._conn)

    # ------------------------------------------------------------- plumbing
    def _transaction(self) -> _Transaction:
        return _Transaction(self._conn)

    def close(self) -> None:
        if self._owns:
            self._conn.close()


class _Transaction:
    """`BEGIN IMMEDIATE` … `COMMIT`, rolled back when the block raises."""

    __slots__ = ("_conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self._conn.execute("BEGIN IMMEDIATE")
        return self._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        elif self._conn.in_transaction:
            self._conn.execute("ROLLBACK")


def open_history(
    db: str | os.PathLike[str], *, readonly: bool = False
) -> SqliteHistoryStore:
    """The review's store on the console database at `db` (`StoreError` when unusable)."""
    return SqliteHistoryStore(connect(db, readonly=readonly))
