"""A feed's role is stored with its cursor and snapshots (events schema 4), not guessed.

Databases of the old schema (versions 1-3) get the role guessed once, by the
migration, from what they hold; from then on the role the gateway's welcome
announced is what the store keeps and hands back.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from console.model import Clearance, Snapshot
from console.store.base import FeedCursor, WriteBatch
from console.store.rows import encode_snapshot
from console.store.schema import EVENTS_COMPONENT, component_version, connect, migrate
from console.store.sqlite import SqliteEventStore
from console.store.tables import EVENTS_MIGRATIONS
from console.yard.history import state_at
from tests.unit.test_store_support import (
    EPOCH,
    FEED,
    clearance_event,
    container_no,
    equipment_event,
    snapshot,
)

OLD_VERSION = 3
AT = "2026-11-28T20:00:00.000+08:00"


def _old_database(path: Path) -> None:
    """A database exactly as the schema-3 console left it (its own SQL, its own columns)."""
    conn = connect(path)
    try:
        migrate(conn, EVENTS_COMPONENT, EVENTS_MIGRATIONS[:OLD_VERSION])
        assert component_version(conn, EVENTS_COMPONENT) == OLD_VERSION
        cursor_sql = ("INSERT INTO feed_cursors (feed, epoch, last_seq, updated_at) "
                      "VALUES (?, ?, ?, ?)")
        snap_sql = ("INSERT INTO snapshots (feed, epoch, seq, time, stored_at, containers, data) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)")
        conn.execute("BEGIN")
        terminal = snapshot(5, containers=3)
        conn.execute(snap_sql, (FEED, EPOCH, 5, terminal.time, AT, 4, encode_snapshot(terminal)))
        conn.execute(cursor_sql, (FEED, EPOCH, 5, AT))
        only_clearances = Snapshot("KHH-CUS", "c1", 2, AT,
                                   clearances=[Clearance(container_no(1), "hold")])
        conn.execute(snap_sql, ("KHH-CUS", "c1", 2, AT, AT, 0, encode_snapshot(only_clearances)))
        conn.execute(cursor_sql, ("KHH-CUS", "c1", 2, AT))
        # A clearance feed without a snapshot, whose first event is a clearance.
        ev = clearance_event(1, container_no(2))
        conn.execute(
            "INSERT INTO events (feed, epoch, seq, id, kind, time, body, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ("KHH-CUS2", "c2", 1, "KHH-CUS2:1", "clearance", ev.time, "{}", AT))
        conn.execute(cursor_sql, ("KHH-CUS2", "c2", 1, AT))
        # A terminal feed with neither: taken for a terminal feed.
        conn.execute(cursor_sql, ("KHH-T8", "e8", 0, AT))
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_an_old_database_migrates_with_the_role_guessed_once(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _old_database(db)
    store = SqliteEventStore(db)
    try:
        conn = store.connection
        assert component_version(conn, EVENTS_COMPONENT) == len(EVENTS_MIGRATIONS) == 4
        assert {f: store.feed_role(f) for f in (FEED, "KHH-CUS", "KHH-CUS2", "KHH-T8")} == {
            FEED: "terminal", "KHH-CUS": "clearance", "KHH-CUS2": "clearance",
            "KHH-T8": "terminal"}
        assert conn.execute("SELECT feed, role FROM snapshots ORDER BY n").fetchall() == [
            (FEED, "terminal"), ("KHH-CUS", "clearance")]
        assert store.cursor(FEED) == FeedCursor(FEED, EPOCH, 5)
        assert store.cursor("KHH-CUS").role == "clearance"  # type: ignore[union-attr]
        assert store.feed_role("never-seen") is None
    finally:
        store.close()
    # Opening again migrates nothing and guesses nothing.
    again = SqliteEventStore(db)
    try:
        versions = again.connection.execute(
            "SELECT count(*) FROM schema_migrations WHERE component = 'events'").fetchone()[0]
        assert versions == 4 and again.feed_role("KHH-CUS") == "clearance"
    finally:
        again.close()


def test_the_store_keeps_the_role_the_welcome_announced(tmp_path: Path) -> None:
    store = SqliteEventStore(tmp_path / "new.db")
    try:
        empty = Snapshot("KHH-CUS", "c1", 0, AT)  # a clearance feed with nothing held yet
        store.write(WriteBatch([], [], [], [("KHH-CUS", empty)],
                               [FeedCursor("KHH-CUS", "c1", 0, "clearance")]))
        assert store.feed_role("KHH-CUS") == "clearance"
        # A later cursor without a role (not told) keeps the stored one.
        store.write(WriteBatch([], [], [], [], [FeedCursor("KHH-CUS", "c1", 1)]))
        assert store.feed_role("KHH-CUS") == "clearance"
        assert store.connection.execute(
            "SELECT role FROM snapshots WHERE feed = 'KHH-CUS'").fetchone() == ("clearance",)
        try:
            store.connection.execute("UPDATE feed_cursors SET role = 'gate'")
            raise AssertionError("a role outside terminal/clearance was stored")
        except sqlite3.IntegrityError:
            pass
    finally:
        store.close()


def test_an_empty_clearance_snapshot_does_not_empty_the_yard(tmp_path: Path) -> None:
    """The old guess took a clearance feed's empty snapshot for a terminal's and, applied
    after the terminal's, wiped every container from the rebuilt yard."""
    store = SqliteEventStore(tmp_path / "yard.db")
    try:
        store.write(WriteBatch([], [], [], [(FEED, snapshot(5, containers=3))],
                               [FeedCursor(FEED, EPOCH, 5, "terminal")]))
        store.write(WriteBatch([], [], [], [("KHH-CUS", Snapshot("KHH-CUS", "c1", 0,
                                                                  "2026-11-28T20:00:00+08:00"))],
                               [FeedCursor("KHH-CUS", "c1", 0, "clearance")]))
        store.write(WriteBatch([equipment_event(6)], [], [], [], [FeedCursor(FEED, EPOCH, 6)]))
        yard = state_at(store, "2026-11-28T21:00:00+08:00", feeds=[FEED, "KHH-CUS"])
        assert container_no(0) in yard.containers and len(yard.containers) >= 4
    finally:
        store.close()


def test_the_review_folds_an_empty_clearance_snapshot_as_the_clearance_feeds(
        tmp_path: Path) -> None:
    """The review's fold read a snapshot's role from its contents too: an empty clearance
    snapshot counted as a terminal's and wiped the replayed yard.  It reads the stored
    role now."""
    from console.history.fold import SnapshotMarks, fold_rows
    from console.store.history import open_history
    from console.yard.state import YardState

    store = SqliteEventStore(tmp_path / "yard.db")
    try:
        store.write(WriteBatch([], [], [], [(FEED, snapshot(5, containers=3))],
                               [FeedCursor(FEED, EPOCH, 5, "terminal")]))
        store.write(WriteBatch([], [], [], [("KHH-CUS", Snapshot("KHH-CUS", "c1", 0,
                                                                  "2026-11-28T20:00:00+08:00"))],
                               [FeedCursor("KHH-CUS", "c1", 0, "clearance")]))
        store.write(WriteBatch([equipment_event(6)], [], [], [], [FeedCursor(FEED, EPOCH, 6)]))
        store.write(WriteBatch([clearance_event(1, container_no(1))],
                               [], [], [], [FeedCursor("KHH-CUS", "c1", 1)]))
    finally:
        store.close()
    history = open_history(tmp_path / "yard.db")
    try:
        marks = SnapshotMarks(history)
        assert sorted(m.role for m in marks.marks) == ["clearance", "terminal"]
        yard = YardState()
        fold_rows(yard, history.rows(0, history.last_row()), marks.marks, marks.load)
        assert container_no(0) in yard.containers and len(yard.containers) >= 4
    finally:
        history.close()
