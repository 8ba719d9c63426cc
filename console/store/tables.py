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

EVENTS_MIGRATIONS: tuple[Migration, ...] = (EVENTS_V1, EVENTS_V2, EVENTS_V3)
