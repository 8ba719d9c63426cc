"""The audit trail: every action and its effect, appended, chained, never changed.

Each entry is hashed (sha256) over the canonical JSON of its fields and the
hash of the entry before it, so that changing, removing or inserting an entry
anywhere breaks the chain from that entry on (`verify`).  SQLite triggers
refuse UPDATE and DELETE on the table, and refuse an INSERT whose `prev_hash`
is not the current head, so the console itself cannot rewrite history; the
chain is what catches someone who edits the file with other tools.

Limit: cutting entries off the *end* leaves a shorter chain that still
verifies.  `VerifyResult.head` (count and last hash) is what to write down
elsewhere (a shift report) to catch that too.

Writes use `BEGIN IMMEDIATE` (see field-notes: a read-then-write transaction
in WAL otherwise fails with SQLITE_BUSY_SNAPSHOT).  `append` joins a
transaction the caller already holds on the same connection, so an action's
effect and its audit entry can commit together (`write_transaction`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from console.store.base import StoreError
from console.store.failures import translate
from console.store.schema import component_version, connect, database_path, migrate

GENESIS_HASH = "0" * 64

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE audit_entries (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        station TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    );
    CREATE INDEX audit_entries_target ON audit_entries(target, seq);
    CREATE INDEX audit_entries_action ON audit_entries(action, seq);
    CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be changed');
    END;
    CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be deleted');
    END;
    CREATE TRIGGER audit_entries_chained BEFORE INSERT ON audit_entries
    WHEN NEW.seq != 1 + coalesce((SELECT max(seq) FROM audit_entries), 0)
      OR NEW.prev_hash != coalesce(
            (SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1), '""" + GENESIS_HASH + """')
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: an entry must follow the last one');
    END;
    """,
)


def canonical_json(value: Any) -> str:
    """The one text form that hashes are computed over (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def utc_now() -> datetime:
    return datetime.now(UTC)


def rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class Acting(Protocol):
    """Anything that names who acts and from where (`console.officers.Actor`)."""

    @property
    def officer(self) -> str: ...

    @property
    def station(self) -> str: ...


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # RFC 3339, console clock
    actor: str  # officer id, "system", or "os:<user>" for command-line administration
    station: str
    action: str  # e.g. "alert.ack", "user.add", "session.sign_in"
    target: str | None  # what the action was about: an alert id, a user name, a request id
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        """The fields the hash covers, with the previous hash."""
        return {
            "seq": self.seq, "at": self.at, "actor": self.actor, "station": self.station,
            "action": self.action, "target": self.target, "details": self.details,
            "prev": self.prev_hash,
        }

    def expected_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.content()).encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {**self.content(), "hash": self.hash}


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int  # entries checked (up to and including the first broken one)
    head: str  # hash of the last entry that verified (GENESIS_HASH for none)
    broken_seq: int | None = None
    problem: str | None = None  # plain words, naming the first broken entry


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block in a `BEGIN IMMEDIATE` transaction, or in the caller's open one."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


_COLUMNS = "seq, at, actor, station, action, target, details, prev_hash, hash"


class AuditTrail:
    """The append-only, hash-chained record of what officers and the console did."""

    def __init__(self, conn: sqlite3.Connection, *, now: Callable[[], datetime] = utc_now,
                 create: bool = True) -> None:
        """Use the trail in `conn`, creating its table unless `create` is False.

        With `create=False` (reading tools: `history audit`) a database without
        an audit trail raises `StoreError("schema", …)` instead of gaining one.
        """
        if create:
            migrate(conn, "audit", MIGRATIONS)
        elif component_version(conn, "audit") == 0:
            raise StoreError("schema", f"{database_path(conn) or 'this database'} holds no "
                             "audit trail")
        self._conn = conn
        self._now = now

    @classmethod
    def open(cls, path: str | Path, *, now: Callable[[], datetime] = utc_now,
             create: bool = True) -> AuditTrail:
        if not create and not Path(path).is_file():
            raise StoreError("io", f"there is no database at {path}")
        return cls(connect(path), now=now, create=create)

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def append(self, actor: str, station: str, action: str, target: str | None,
               details: dict[str, Any] | None = None) -> AuditEntry:
        """Record one action and its effect; durable when this returns."""
        if not actor or not station or not action:
            raise ValueError("an audit entry needs an actor, a station and an action")
        clean = json.loads(canonical_json(details or {}))
        try:
            return self._append(actor, station, action, target, clean)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            path = database_path(self._conn) or ":memory:"
            raise translate(exc, path, since=f"the audit entry '{action}'",
                            busy_timeout_s=5.0) from exc

    def _append(self, actor: str, station: str, action: str, target: str | None,
                clean: dict[str, Any]) -> AuditEntry:
        with write_transaction(self._conn):
            last = self._conn.execute(
                "SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
            draft = AuditEntry(seq, rfc3339(self._now()), actor, station, action, target,
                               clean, prev, "")
            entry = AuditEntry(seq, draft.at, actor, station, action, target, clean, prev,
                               draft.expected_hash())
            self._conn.execute(
                f"INSERT INTO audit_entries ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.seq, entry.at, actor, station, action, target, canonical_json(clean),
                 prev, entry.hash),
            )
        return entry

    def record(self, actor: Acting, action: str, target: str | None,
               details: dict[str, Any] | None = None) -> AuditEntry:
        """`append` for a signed-in actor (`Session.authorize` returns one)."""
        return self.append(actor.officer, actor.station, action, target, details)

    def entries(self, *, target: str | None = None, action_prefix: str | None = None,
                after_seq: int = 0) -> Iterator[AuditEntry]:
        """Entries in the order they were written, optionally about one target or action kind."""
        sql = f"SELECT {_COLUMNS} FROM audit_entries WHERE seq > ?"
        args: list[Any] = [after_seq]
        if target is not None:
            sql += " AND target = ?"
            args.append(target)
        if action_prefix is not None:
            sql += " AND substr(action, 1, ?) = ?"
            args += [len(action_prefix), action_prefix]
        for row in self._conn.execute(sql + " ORDER BY seq", args):
            yield _entry(row)

    def verify(self) -> VerifyResult:
        """Walk the whole chain; stop at the first entry that does not hold."""
        return verify_rows(self._conn.execute(f"SELECT {_COLUMNS} FROM audit_entries ORDER BY seq"))


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    details = json.loads(row[6])
    if not isinstance(details, dict):
        raise ValueError("details are not a JSON object")
    return AuditEntry(row[0], row[1], row[2], row[3], row[4], row[5], details, row[7], row[8])


def verify_rows(rows: Iterator[tuple[Any, ...]] | sqlite3.Cursor) -> VerifyResult:
    """Check a chain given as table rows in seq order (see `AuditTrail.verify`)."""
    prev, count = GENESIS_HASH, 0
    for row in rows:
        count += 1
        seq = row[0]
        name = f"entry {seq} ({row[4]} by {row[2]} at {row[1]})"
        problem = None
        if seq != count:
            problem = (f"entry {count} is missing (the next one found is {seq}): "
                       "entries were removed")
            seq = count
        elif row[7] != prev:
            problem = (f"{name} does not follow the entry before it: the chain was cut or "
                       "re-ordered, or the entry before it was rewritten")
        else:
            try:
                entry = _entry(row)
                intact = entry.expected_hash() == entry.hash
            except (ValueError, RecursionError):
                problem = f"{name} has unreadable details: it was changed after it was written"
            else:
                if not intact:
                    problem = f"{name} does not match its hash: it was changed after it was written"
        if problem is not None:
            return VerifyResult(False, count, prev, seq, problem)
        prev = row[8]
    return VerifyResult(True, count, prev)
