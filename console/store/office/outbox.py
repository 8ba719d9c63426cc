"""The durable outbox of corrections sent to the terminal, in SQLite (feed protocol, section 6).

An officer's correction is written here before anything is sent, so that it
is never lost: not by a dropped connection, not by a console restart.  Each
row moves `queued → sent → accepted | rejected`; a final state never changes
again.  `request_id` is chosen once, when the correction is made, and every
resend uses it, so the gateway (which answers a repeated `request_id` with
its first answer) applies a correction at most once however often it is sent.

Times are wall-clock seconds (`time.time()`), because they must mean the
same after a restart.  `next_attempt_at` is when the sender should try again:
at once for a new row, `resend_after_s` after a send that got no answer,
`retry_s` after a send that failed because the link was down.

The outbox is synchronous and each call is one short transaction; use it from
one thread (the asyncio loop's, through `CorrectionSender`).  A write that
fails (disk full, database locked) raises `StoreError`: `enqueue` raising
means the correction was NOT stored and the officer must be told.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from console.corrections.request import CorrectionRequest, OutboxEntry, State
from console.store.failures import translate
from console.store.schema import connect, database_path, migrate

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE correction_outbox (
        request_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        changes TEXT NOT NULL,
        officer TEXT,
        station TEXT,
        alert_id TEXT,
        reason TEXT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'accepted', 'rejected')),
        created_at REAL NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        failed_sends INTEGER NOT NULL DEFAULT 0,
        last_attempt_at REAL,
        last_error TEXT,
        next_attempt_at REAL NOT NULL,
        answered_at REAL,
        replacement_id TEXT,
        rejection_reason TEXT
    );
    CREATE INDEX correction_outbox_due ON correction_outbox(state, next_attempt_at);
    CREATE INDEX correction_outbox_alert ON correction_outbox(alert_id);
    """,
)


_COLUMNS = ("request_id, event_id, changes, officer, station, alert_id, reason, state, "
            "created_at, attempts, failed_sends, last_attempt_at, last_error, next_attempt_at, "
            "answered_at, replacement_id, rejection_reason")


def _entry(r: tuple[Any, ...]) -> OutboxEntry:
    request = CorrectionRequest(r[1], json.loads(r[2]), r[3], r[4], r[5], r[6], r[0])
    return OutboxEntry(request, r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16])


class CorrectionOutbox:
    def __init__(self, conn: sqlite3.Connection) -> None:
        migrate(conn, "corrections", MIGRATIONS)
        self._conn = conn

    @classmethod
    def open(cls, path: str | Path) -> CorrectionOutbox:
        return cls(connect(path))

    def close(self) -> None:
        self._conn.close()

    def _write(self, sql: str, args: tuple[Any, ...]) -> int:
        """One statement, committed (or joining the caller's open transaction on this
        connection, as `SqliteOfficeStore` does); failures become a `StoreError` in words."""
        try:
            if self._conn.in_transaction:  # inside an office-store operation: commit with it
                return self._conn.execute(sql, args).rowcount
            with self._conn:
                return self._conn.execute(sql, args).rowcount
        except sqlite3.Error as exc:
            path = database_path(self._conn) or ":memory:"
            raise translate(exc, path, since="the last correction was saved",
                            busy_timeout_s=5.0) from exc

    def enqueue(self, request: CorrectionRequest, now: float) -> OutboxEntry:
        """Store a correction durably (idempotent on `request_id`); it is due at once."""
        if not request.changes:
            raise ValueError("a correction must change at least one field")
        changes = json.dumps(request.changes, sort_keys=True, allow_nan=False)
        self._write(
            "INSERT OR IGNORE INTO correction_outbox (request_id, event_id, changes, officer, "
            "station, alert_id, reason, state, created_at, next_attempt_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
            (request.request_id, request.event_id, changes, request.officer, request.station,
             request.alert_id, request.reason, now, now))
        stored = self.get(request.request_id)
        if stored is None or stored.request != request:
            raise ValueError(f"request id {request.request_id} is already used by another "
                             "correction")
        return stored

    def get(self, request_id: str) -> OutboxEntry | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM correction_outbox WHERE request_id = ?",
                                 (request_id,)).fetchone()
        return None if row is None else _entry(row)

    def entries(self, *, state: State | None = None, alert_id: str | None = None
                ) -> list[OutboxEntry]:
        sql = f"SELECT {_COLUMNS} FROM correction_outbox WHERE 1"
        args: list[str] = []
        if state is not None:
            sql, args = sql + " AND state = ?", [*args, state]
        if alert_id is not None:
            sql, args = sql + " AND alert_id = ?", [*args, alert_id]
        return [_entry(r) for r in self._conn.execute(sql + " ORDER BY created_at, rowid", args)]

    def pending(self) -> list[OutboxEntry]:
        """Corrections still waiting for the terminal's answer, oldest first."""
        return [e for e in self.entries() if not e.final]

    def due(self, now: float) -> list[OutboxEntry]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM correction_outbox WHERE state IN ('queued', 'sent') "
            "AND next_attempt_at <= ? ORDER BY created_at, rowid", (now,))
        return [_entry(r) for r in rows]

    def next_due_at(self) -> float | None:
        row = self._conn.execute("SELECT min(next_attempt_at) FROM correction_outbox "
                                 "WHERE state IN ('queued', 'sent')").fetchone()
        return None if row[0] is None else float(row[0])

    def make_all_due(self, now: float) -> int:
        """Make every pending correction due now (at start-up, after a reconnect)."""
        return self._write("UPDATE correction_outbox SET next_attempt_at = ? "
                           "WHERE state IN ('queued', 'sent')", (now,))

    def mark_sent(self, request_id: str, now: float, resend_after_s: float) -> bool:
        """The link took the message; wait `resend_after_s` for the answer."""
        return self._write(
            "UPDATE correction_outbox SET state = 'sent', attempts = attempts + 1, "
            "last_attempt_at = ?, last_error = NULL, next_attempt_at = ? "
            "WHERE request_id = ? AND state IN ('queued', 'sent')",
            (now, now + resend_after_s, request_id)) == 1

    def mark_send_failed(self, request_id: str, now: float, error: str, retry_s: float) -> bool:
        """The link refused the message (offline); the state stays as it was."""
        return self._write(
            "UPDATE correction_outbox SET failed_sends = failed_sends + 1, last_error = ?, "
            "next_attempt_at = ? WHERE request_id = ? AND state IN ('queued', 'sent')",
            (error, now + retry_s, request_id)) == 1

    def record_answer(self, request_id: str, accepted: bool, now: float, *,
                      replacement_id: str | None = None, reason: str | None = None
                      ) -> OutboxEntry | None:
        """Record the gateway's answer; None when the correction is unknown or already answered."""
        changed = self._write(
            "UPDATE correction_outbox SET state = ?, answered_at = ?, replacement_id = ?, "
            "rejection_reason = ? WHERE request_id = ? AND state IN ('queued', 'sent')",
            ("accepted" if accepted else "rejected", now, replacement_id,
             None if accepted else (reason or "rejected without a reason"), request_id))
        return self.get(request_id) if changed else None
