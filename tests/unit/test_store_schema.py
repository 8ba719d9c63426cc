"""Versioned schema per component: fresh databases, upgrades, refusing newer ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from console.store.base import StoreError
from console.store.schema import (
    EVENTS_COMPONENT,
    component_version,
    connect,
    database_path,
    migrate,
    split_statements,
)
from console.store.sqlite import SqliteEventStore
from console.store.tables import EVENTS_MIGRATIONS
from tests.unit.test_store_support import FEED, batch, equipment_event


def _versions(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return conn.execute(
        "SELECT component, version FROM schema_migrations ORDER BY component, version"
    ).fetchall()


def test_fresh_database_gets_every_events_migration(tmp_path: Path) -> None:
    store = SqliteEventStore(tmp_path / "events.db")
    try:
        conn = store.connection
        current = len(EVENTS_MIGRATIONS)
        assert component_version(conn, EVENTS_COMPONENT) == current
        assert conn.execute("PRAGMA user_version").fetchone()[0] == current
        assert _versions(conn) == [("events", v) for v in range(1, current + 1)]
        applied_at = conn.execute("SELECT applied_at FROM schema_migrations").fetchone()[0]
        assert applied_at.endswith("+00:00")
    finally:
        store.close()
    again = SqliteEventStore(tmp_path / "events.db")  # reopening applies nothing twice
    try:
        assert _versions(again.connection) == [("events", v) for v in range(1, current + 1)]
    finally:
        again.close()


def test_upgrade_from_v1_keeps_the_events(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    conn = connect(path)
    assert migrate(conn, EVENTS_COMPONENT, EVENTS_MIGRATIONS[:1]) == 1
    conn.execute(
        "INSERT INTO events (feed, epoch, seq, id, kind, time, time_us, body, received_at, "
        "container) VALUES ('KHH-T7', 'e', 1, 'old-1', 'equipment', "
        "'2026-11-01T08:00:00+08:00', 1793491200000000, '{\"equipment_reference\": "
        "\"EGHU9012346\"}', '2026-11-01T08:00:01+08:00', 'EGHU9012346')"
    )
    conn.close()

    store = SqliteEventStore(path)
    try:
        assert component_version(store.connection, EVENTS_COMPONENT) == len(EVENTS_MIGRATIONS)
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == len(
            EVENTS_MIGRATIONS)
        old = list(store.events(container="EGHU9012346"))
        assert [e.id for e in old] == ["old-1"]
        assert old[0].body == {"equipment_reference": "EGHU9012346"}
        assert store.write(batch([equipment_event(2)])) == 1  # v2 and v3 tables work
        assert store.cursor(FEED) is not None
    finally:
        store.close()


def test_a_newer_database_is_refused_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    SqliteEventStore(path).close()
    conn = connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES ('events', 99, '2030-01-01T00:00:00Z')")
    conn.close()
    with pytest.raises(StoreError) as caught:
        SqliteEventStore(path)
    assert caught.value.kind == "schema"
    assert "newer version of Yard Console" in caught.value.message
    assert str(path) in caught.value.message
    with pytest.raises(StoreError) as read_only:
        SqliteEventStore(path, readonly=True)
    assert read_only.value.kind == "schema"


def test_components_are_versioned_independently(tmp_path: Path) -> None:
    conn = connect(tmp_path / "console.db")
    seen: list[int] = []

    def backfill(c: sqlite3.Connection) -> None:
        seen.append(c.execute("SELECT count(*) FROM alerts").fetchone()[0])
        c.execute("UPDATE alerts SET note = 'none'")

    alerts = [
        "CREATE TABLE alerts (id INTEGER PRIMARY KEY, code TEXT NOT NULL);"
        "INSERT INTO alerts (code) VALUES ('UNKNOWN_AT_GATE');",
        "ALTER TABLE alerts ADD COLUMN note TEXT",
        backfill,
    ]
    assert migrate(conn, "alerts", alerts[:2]) == 2
    assert migrate(conn, "audit", ["CREATE TABLE audit (n INTEGER PRIMARY KEY)"]) == 1
    assert migrate(conn, "alerts", alerts) == 3
    assert seen == [1]
    assert conn.execute("SELECT note FROM alerts").fetchall() == [("none",)]
    assert component_version(conn, "alerts") == 3
    assert component_version(conn, "audit") == 1
    assert component_version(conn, "users") == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0  # only events sets it
    assert database_path(conn) == str(tmp_path / "console.db")
    conn.close()


def test_a_failing_migration_applies_nothing_of_itself(tmp_path: Path) -> None:
    conn = connect(tmp_path / "console.db")
    steps = [
        "CREATE TABLE a (x INTEGER)",
        "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1)",
    ]
    with pytest.raises(StoreError):
        migrate(conn, "demo", steps)
    assert component_version(conn, "demo") == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert "a" in tables and "b" not in tables
    assert not conn.in_transaction
    conn.close()


def test_split_statements_keeps_triggers_whole() -> None:
    script = """
        CREATE TABLE t (x INTEGER);
        CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN
            UPDATE t SET x = x + 1 WHERE rowid = new.rowid;
            SELECT 1;
        END;
        INSERT INTO t VALUES (';')
    """
    parts = list(split_statements(script))
    assert len(parts) == 3
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")
    assert parts[2] == "INSERT INTO t VALUES (';')"
