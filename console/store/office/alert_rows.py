"""Alerts in SQLite: the `alerts` and `alert_changes` tables and `SqliteAlertStore`.

Alert changes are rare (a few a minute even in a flood), so each one is
written synchronously in its own small transaction: when `record` returns,
the change survives a crash.  The tables only grow: `alerts` holds each
alert as it stands now, `alert_changes` every change ever made, and triggers
refuse any `DELETE`.  `write_changes` writes inside a caller's transaction
(the office store's one transaction per officer action).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from console.alerts.model import OPEN_STATES, Alert, AlertChange, alert_from_dict, alert_to_dict
from console.store import failures
from console.store.schema import connect, migrate
from console.timefmt import try_parse_time

COMPONENT = "alerts"

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE alerts (
        alert_id      TEXT PRIMARY KEY,
        rule          TEXT NOT NULL,
        severity      TEXT NOT NULL,
        subject       TEXT NOT NULL,
        cause         TEXT NOT NULL,
        feed          TEXT NOT NULL,
        event_id      TEXT,
        raised_at     TEXT NOT NULL,
        raised_s      REAL,
        state         TEXT NOT NULL,
        cleared       INTEGER NOT NULL,
        resolution    TEXT,
        shelved_until REAL,
        group_id      TEXT NOT NULL,
        repeats       INTEGER NOT NULL,
        changed_at    TEXT NOT NULL,
        detail        TEXT NOT NULL
    );
    CREATE INDEX alerts_open ON alerts (state) WHERE state != 'resolved';
    CREATE INDEX alerts_rule_subject ON alerts (rule, subject);
    CREATE INDEX alerts_event ON alerts (event_id);
    CREATE INDEX alerts_raised ON alerts (raised_s);
    CREATE TABLE alert_changes (
        n        INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id TEXT NOT NULL REFERENCES alerts (alert_id),
        action   TEXT NOT NULL,
        at       TEXT NOT NULL,
        who      TEXT NOT NULL,
        station  TEXT,
        why      TEXT,
        state    TEXT NOT NULL,
        cleared  INTEGER NOT NULL,
        alert    TEXT NOT NULL
    );
    CREATE INDEX alert_changes_alert ON alert_changes (alert_id, n);
    CREATE TRIGGER alerts_never_deleted BEFORE DELETE ON alerts
    BEGIN SELECT RAISE(ABORT, 'alerts are never deleted'); END;
    CREATE TRIGGER alert_changes_never_deleted BEFORE DELETE ON alert_changes
    BEGIN SELECT RAISE(ABORT, 'alert changes are never deleted'); END;
    CREATE TRIGGER alert_changes_never_updated BEFORE UPDATE ON alert_changes
    BEGIN SELECT RAISE(ABORT, 'alert changes are never rewritten'); END;
    """,
)


_COLUMNS = (
    "alert_id, rule, severity, subject, cause, feed, event_id, raised_at, raised_s, state, "
    "cleared, resolution, shelved_until, group_id, repeats, changed_at, detail"
)



class SqliteAlertStore:
    """`AlertStore` in a console database (the events database, or a file of its own)."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = os.fspath(path)
        self._conn = connect(self.path, readonly=readonly)
        if not readonly:
            migrate(self._conn, COMPONENT, MIGRATIONS)

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def record(self, changes: Sequence[AlertChange]) -> None:
        if not changes:
            return
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                write_changes(conn, changes)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise failures.translate(
                exc, self.path, since="the last alert change", busy_timeout_s=5.0
            ) from exc

    def _rows(self, where: str, params: Sequence[Any]) -> Iterator[Alert]:
        cur = self._conn.execute(
            f"SELECT {_COLUMNS} FROM alerts {where} ORDER BY raised_s, alert_id", params
        )
        for row in cur:
            yield _alert_from_row(row)

    def get(self, alert_id: str) -> Alert | None:
        return next(self._rows("WHERE alert_id = ?", (alert_id,)), None)

    def open_alerts(self) -> list[Alert]:
        marks = ",".join("?" * len(OPEN_STATES))
        return list(self._rows(f"WHERE state IN ({marks})", OPEN_STATES))

    def alerts(
        self, *, since: float | None = None, until: float | None = None,
        rule: str | None = None, state: str | None = None,
    ) -> Iterator[Alert]:
        terms: list[str] = []
        params: list[Any] = []
        for term, value in (("raised_s >= ?", since), ("raised_s < ?", until),
                            ("rule = ?", rule), ("state = ?", state)):
            if value is not None:
                terms.append(term)
                params.append(value)
        return self._rows("WHERE " + " AND ".join(terms) if terms else "", params)

    def changes(self, alert_id: str | None = None) -> Iterator[AlertChange]:
        sql = "SELECT action, at, who, station, why, alert FROM alert_changes"
        params: tuple[Any, ...] = ()
        if alert_id is not None:
            sql += " WHERE alert_id = ?"
            params = (alert_id,)
        for action, at, who, station, why, alert in self._conn.execute(sql + " ORDER BY n", params):
            yield AlertChange(alert_from_dict(json.loads(alert)), action, who, station, why, at)

    def close(self) -> None:
        self._conn.close()


def write_changes(conn: sqlite3.Connection, changes: Sequence[AlertChange]) -> None:
    """Write the alerts as `changes` leave them and append the changes, inside the caller's
    open transaction on `conn` (`SqliteAlertStore.record`, `SqliteOfficeStore`)."""
    for ch in changes:
        a = ch.alert
        conn.execute(
            f"INSERT OR REPLACE INTO alerts ({_COLUMNS}) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (a.alert_id, a.rule, a.severity, a.subject, a.cause, a.feed, a.event_id,
             a.raised_at, try_parse_time(a.raised_at), a.state, int(a.cleared),
             a.resolution, a.shelved_until, a.group_id, a.repeats, a.changed_at,
             json.dumps(a.detail, sort_keys=True)),
        )
        conn.execute(
            "INSERT INTO alert_changes (alert_id, action, at, who, station, why, "
            "state, cleared, alert) VALUES (?,?,?,?,?,?,?,?,?)",
            (a.alert_id, ch.action, ch.at, ch.who, ch.station, ch.why, a.state,
             int(a.cleared), json.dumps(alert_to_dict(a), sort_keys=True)),
        )


def _alert_from_row(row: Sequence[Any]) -> Alert:
    (alert_id, rule, severity, subject, cause, feed, event_id, raised_at, _raised_s, state,
     cleared, resolution, shelved_until, group_id, repeats, changed_at, detail) = row
    return Alert(
        alert_id=alert_id, rule=rule, severity=severity, subject=subject, cause=cause,
        feed=feed, event_id=event_id, raised_at=raised_at, state=state, cleared=bool(cleared),
        resolution=resolution, shelved_until=shelved_until, group_id=group_id,
        repeats=repeats, changed_at=changed_at, detail=json.loads(detail),
    )
