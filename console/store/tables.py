"""The events component's tables, as the ordered migrations that create them.

Append a migration to change the schema; never edit one that has shipped
(`console.store.schema.migrate` records each version applied per database).

Search columns are copied out of the body at write time so that history
queries never parse JSON: `container` (equipment reference of equipment, IoT, reefer and
clearance events, `carrying` of position reports), `vehicle_id`,
`event_type` (equipment events only), and `time_us` (the event time in UTC
microseconds).  Indexes on mostly-empty columns are partial, which keeps the
300 position reports a second from paying for them.
"""

from __future__ import annotations

import sqlite3

from console.store.rows import decode_snapshot
from console.store.schema import Migration

EVENTS_V1 = """
CREATE TABLE events (
    n           INTEGER PRIMARY KEY,
    feed        TEXT    NOT NULL,
    epoch       TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    id          TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    time        TEXT    NOT NULL,
    time_us     INTEGER,
    source      TEXT,
    body        TEXT    NOT NULL,
    corrects    TEXT,
    received_at TEXT    NOT NULL,
    container   TEXT,
    vehicle_id  TEXT,
    event_type  TEXT,
    UNIQUE (feed, id)
);
CREATE INDEX events_container ON events (container) WHERE container IS NOT NULL;
CREATE INDEX events_time ON events (time_us);

CREATE TABLE feed_cursors (
    feed       TEXT    NOT NULL PRIMARY KEY,
    epoch      TEXT    NOT NULL,
    last_seq   INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE quarantine (
    n           INTEGER PRIMARY KEY,
    feed        TEXT    NOT NULL,
    received_at TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    raw         BLOB    NOT NULL,
    seq         INTEGER,
    epoch       TEXT
);
CREATE INDEX quarantine_feed ON quarantine (feed);

CREATE TABLE permanent_gaps (
    n           INTEGER PRIMARY KEY,
    feed        TEXT    NOT NULL,
    epoch       TEXT    NOT NULL,
    from_seq    INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (feed, epoch, from_seq, to_seq)
);
"""

EVENTS_V2 = """
CREATE TABLE snapshots (
    n          INTEGER PRIMARY KEY,
    feed       TEXT    NOT NULL,
    epoch      TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    time       TEXT,
    stored_at  TEXT    NOT NULL,
    containers INTEGER NOT NULL,
    data       BLOB    NOT NULL
);
CREATE INDEX snapshots_feed ON snapshots (feed, n);
"""

EVENTS_V3 = """
CREATE INDEX events_vehicle ON events (vehicle_id) WHERE vehicle_id IS NOT NULL;
CREATE INDEX events_type_time ON events (event_type, time_us) WHERE event_type IS NOT NULL;
"""

FEED_ROLES = ("terminal", "clearance")


def guess_role(conn: sqlite3.Connection, feed: str) -> str:
    """A feed's role as its stored data shows it: the guess `EVENTS_V4` applies once.

    Databases written before version 4 did not store the role the gateway
    announced.  A feed whose latest snapshot holds containers, vehicles or
    devices is a terminal feed; one whose snapshot holds only clearance
    decisions, or (without a snapshot) whose first event is a clearance, is a
    clearance feed; anything else is taken for a terminal feed.
    """
    row = conn.execute(
        "SELECT data FROM snapshots WHERE feed = ? ORDER BY n DESC LIMIT 1", (feed,)
    ).fetchone()
    if row is not None:
        snap = decode_snapshot(row[0])
        if snap.containers or snap.vehicles or snap.devices:
            return "terminal"
        if snap.clearances:
            return "clearance"
    first = conn.execute(
        "SELECT kind FROM events WHERE feed = ? ORDER BY n LIMIT 1", (feed,)
    ).fetchone()
    return "clearance" if first is not None and first[0] == "clearance" else "terminal"


def _events_v4(conn: sqlite3.Connection) -> None:
    """Each feed's role stored with its cursor and with each of its snapshots.

    The role is what the gateway's `welcome` said (`terminal` or `clearance`);
    rows that existed before get the role `guess_role` reads from their data,
    once, here.
    """
    check = "CHECK (role IN ('terminal', 'clearance'))"
    conn.execute(f"ALTER TABLE feed_cursors ADD COLUMN role TEXT NOT NULL DEFAULT 'terminal' "
                 f"{check}")
    conn.execute(f"ALTER TABLE snapshots ADD COLUMN role TEXT NOT NULL DEFAULT 'terminal' "
                 f"{check}")
    feeds = [r[0] for r in conn.execute(
        "SELECT feed FROM feed_cursors UNION SELECT feed FROM snapshots ORDER BY 1")]
    for feed in feeds:
        role = guess_role(conn, feed)
        conn.execute("UPDATE feed_cursors SET role = ? WHERE feed = ?", (role, feed))
        conn.execute("UPDATE snapshots SET role = ? WHERE feed = ?", (role, feed))


EVENTS_MIGRATIONS: tuple[Migration, ...] = (EVENTS_V1, EVENTS_V2, EVENTS_V3, _events_v4)
