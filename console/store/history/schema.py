"""The review component's own tables in the console database (SQLite).

The events, alerts and audit tables belong to their areas and are never
altered here.  The review adds:

- `replay_checkpoints`: the yard folded up to event row `n`, every few minutes
  of feed time, so that a replay seek folds a few thousand events instead of
  a month of them (see `console.history.checkpoints`);
- `review_terms`: the search terms found in event bodies (truck plate, vessel
  IMO, voyage, bill of lading, declaration number, document references),
  each with the container it names, filled incrementally by
  `console.history.terms` so that a search never parses JSON;
- `review_progress`: how far each incremental job has read the events table;
- indexes on `alert_changes (who)` for per-officer workload and on
  `alerts (subject)` for a container's or vehicle's alerts;
- two partial indexes on `events`: the facts (every kind but position
  reports) by time, and position reports by vehicle and time, so that a
  replay seek reads a few thousand rows, not the telemetry of hours;
- `review_vehicles`: every vehicle id seen, with the first row naming it.
"""

from __future__ import annotations

import sqlite3

from console.store.schema import EVENTS_COMPONENT, Migration, migrate
from console.store.tables import EVENTS_MIGRATIONS

COMPONENT = "review"

REVIEW_V1 = """
CREATE TABLE replay_checkpoints (
    n              INTEGER PRIMARY KEY,
    max_time_us    INTEGER NOT NULL,
    tail_min_us    INTEGER,
    tail_end_n     INTEGER,
    created_at     TEXT    NOT NULL,
    containers     INTEGER NOT NULL,
    data           BLOB    NOT NULL
);
CREATE INDEX replay_checkpoints_time ON replay_checkpoints (max_time_us);

CREATE TABLE review_terms (
    term      TEXT    NOT NULL,
    field     TEXT    NOT NULL,
    container TEXT    NOT NULL,
    time_us   INTEGER,
    n         INTEGER NOT NULL,
    UNIQUE (term, field, container)
);
CREATE INDEX review_terms_container ON review_terms (container);

CREATE TABLE review_progress (
    job    TEXT    NOT NULL PRIMARY KEY,
    last_n INTEGER NOT NULL
);
"""

REVIEW_V3 = """
CREATE INDEX IF NOT EXISTS review_events_facts ON events (time_us) WHERE kind != 'position';
CREATE INDEX IF NOT EXISTS review_events_vehicle_time ON events (vehicle_id, time_us)
    WHERE kind = 'position';
CREATE TABLE review_vehicles (
    vehicle_id TEXT    NOT NULL PRIMARY KEY,
    first_n    INTEGER NOT NULL
);
"""

REVIEW_V2 = """
CREATE INDEX IF NOT EXISTS review_alert_changes_who ON alert_changes (who, at);
"""


def _alert_changes_index(conn: sqlite3.Connection) -> None:
    """Index officers' changes, when the alerts area has created its tables."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'alert_changes'"
    ).fetchone()
    if exists is not None:
        conn.execute(REVIEW_V2.strip().rstrip(";"))
        conn.execute("CREATE INDEX IF NOT EXISTS review_alerts_subject ON alerts (subject)")


REVIEW_MIGRATIONS: tuple[Migration, ...] = (REVIEW_V1, _alert_changes_index, REVIEW_V3)


def ensure_review_tables(conn: sqlite3.Connection) -> int:
    """Create or update the review tables; return the component's schema version.

    The review indexes the events table, so that component is brought up to
    date first; the officers' index is (re)made here too when the alerts
    tables appeared after the review component was first migrated.
    """
    migrate(conn, EVENTS_COMPONENT, EVENTS_MIGRATIONS)
    version = migrate(conn, COMPONENT, REVIEW_MIGRATIONS)
    _alert_changes_index(conn)
    return version


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the database holds a table of that name (areas may be absent)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None
