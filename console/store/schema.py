"""Opening a console database, and its versioned schema.

Each area of the console that keeps tables (events, alerts, audit, users)
owns a *component*: an ordered list of migrations, where migration *k*
brings that component from version *k-1* to *k*.  `migrate` applies the ones
a database has not seen yet, each in its own `BEGIN IMMEDIATE` transaction
together with its row in `schema_migrations`, so a crash or a second process
migrating at the same moment can never apply one twice or half.  A database
written by a newer program (a component version above what the code knows) is
refused rather than guessed at.  The events component's version is mirrored
in `PRAGMA user_version` for tools that only look there.

`connect` opens a file with the settings every connection here relies on:
WAL (readers never block the writer), `synchronous=NORMAL` (a `kill -9` loses
nothing committed; a power cut may lose the last commits but never corrupts),
a busy timeout, foreign keys, and autocommit mode so transactions are always
explicit.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from console.store import failures
from console.store.base import StoreError
from console.timefmt import rfc3339

Migration = str | Callable[[sqlite3.Connection], None]

EVENTS_COMPONENT = "events"
DEFAULT_BUSY_TIMEOUT_MS = 5000

_SQLITE_MAGIC = b"SQLite format 3\x00"

_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    component  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    applied_at TEXT    NOT NULL,
    PRIMARY KEY (component, version)
)
"""


def connect(
    path: str | os.PathLike[str],
    *,
    readonly: bool = False,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
) -> sqlite3.Connection:
    """Open the database at `path` (created if missing, unless `readonly`).

    Raises `StoreError` with kind `corrupt` when the file is not a SQLite
    database or its schema cannot be read, `readonly`/`io` when it cannot be
    opened.  The connection may be used from another thread than the one that
    opened it, but only by one thread at a time (the store writer guarantees
    that for writes).
    """
    name = os.fspath(path)
    _check_header(name)
    try:
        if readonly:
            uri = f"file:{quote(os.path.abspath(name))}?mode=ro"
            conn = sqlite3.connect(
                uri, uri=True, isolation_level=None, check_same_thread=False,
                timeout=busy_timeout_ms / 1000,
            )
        else:
            conn = sqlite3.connect(
                name, isolation_level=None, check_same_thread=False,
                timeout=busy_timeout_ms / 1000,
            )
    except sqlite3.Error as exc:
        raise failures.translate(
            exc, name, since="opening", busy_timeout_s=busy_timeout_ms / 1000
        ) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise failures.translate(
            exc, name, since="opening", busy_timeout_s=busy_timeout_ms / 1000
        ) from exc
    return conn


def _check_header(path: str) -> None:
    """Refuse, before SQLite sees it, a non-empty file that does not start like a database."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError("io", f"{path} is a folder, not a database file") from None
    except OSError as exc:
        raise StoreError("io", f"the database {path} cannot be read ({exc.strerror})") from exc
    if head and head != _SQLITE_MAGIC:
        raise failures.corrupt(path, "it is not a SQLite database file")


def database_path(conn: sqlite3.Connection) -> str:
    """The file behind a connection's main database (empty for an in-memory one)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return str(file)
    return ""


def component_version(conn: sqlite3.Connection, component: str) -> int:
    """The schema version of one component (0 when it has never been migrated)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if exists is None:
        return 0
    row = conn.execute(
        "SELECT max(version) FROM schema_migrations WHERE component = ?", (component,)
    ).fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, component: str, migrations: Sequence[Migration]) -> int:
    """Bring `component` up to `len(migrations)`; return that version.

    A string migration is SQL (several statements allowed, no transaction
    control); a callable gets the connection inside the open transaction.
    Raises `StoreError("schema", ...)` if the database is newer than the code.
    """
    path = database_path(conn) or ":memory:"
    known = len(migrations)
    try:
        version = component_version(conn, component)
        _refuse_newer(path, component, version, known)
        while version < known:
            version = _apply_next(conn, component, migrations, path)
    except sqlite3.Error as exc:
        raise failures.translate(exc, path, since="start-up", busy_timeout_s=_busy_s(conn)) from exc
    return version


def _apply_next(
    conn: sqlite3.Connection, component: str, migrations: Sequence[Migration], path: str
) -> int:
    """Apply the next missing migration in one transaction; return the version reached."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(_MIGRATIONS_TABLE)
        version = component_version(conn, component)
        _refuse_newer(path, component, version, len(migrations))
        if version < len(migrations):
            step = migrations[version]
            if callable(step):
                step(conn)
            else:
                for statement in split_statements(step):
                    conn.execute(statement)
            version += 1
            conn.execute(
                "INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)",
                (component, version, rfc3339(datetime.now(UTC), timespec="seconds")),
            )
            if component == EVENTS_COMPONENT:
                conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return version


def _refuse_newer(path: str, component: str, version: int, known: int) -> None:
    if version > known:
        raise StoreError(
            "schema",
            f"the database {path} was written by a newer version of Yard Console "
            f"(its {component} data is at schema version {version}; this program knows "
            f"up to {known}); use the newer program, or another data folder",
        )


def _busy_s(conn: sqlite3.Connection) -> float:
    row = conn.execute("PRAGMA busy_timeout").fetchone()
    return int(row[0]) / 1000 if row else 0.0


def split_statements(script: str) -> Iterator[str]:
    """The complete SQL statements of a script, in order (triggers kept whole)."""
    pending = ""
    pieces = script.split(";")
    for i, piece in enumerate(pieces):
        pending += piece if i == len(pieces) - 1 else piece + ";"
        if pending.strip() and sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()
