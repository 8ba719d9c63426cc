"""The audit trail: every action and its effect, appended, chained, never changed.

Each entry is hashed (sha256) over the canonical JSON of its fields and the
hash of the entry before it, so that changing, removing or inserting an entry
anywhere breaks the chain from that entry on (`verify`).  SQLite triggers
refuse UPDATE and DELETE on the table, and refuse an INSERT whose `prev_hash`
is not the current head, so the console itself cannot rewrite history; the
chain is what catches someone who edits the file with other tools.

With write access to the file an attacker can drop the triggers and recompute
every hash with this (public) algorithm, or cut entries off the end.  So on a
workstation with a station key (`console.audit.station_key`) each entry's
hash is also signed (Ed25519), and the head of the trail is kept, signed,
outside the database (`console.audit.anchor`); `verify` with the station's
key fails on an entry that is not signed by it, on a trail shorter than its
anchor, and on a trail whose entry at the anchor's count is not the one that
was signed.  `VerifyResult.count` and `head` are also what a shift report
writes down, to catch the same on a copy that has no anchor.

Writes use `BEGIN IMMEDIATE` (see field-notes: a read-then-write transaction
in WAL otherwise fails with SQLITE_BUSY_SNAPSHOT).  `append` joins a
transaction the caller already holds on the same connection, so an action's
effect and its audit entry can commit together (`write_transaction`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from console.audit.anchor import (
    Anchor,
    Head,
    anchor_path,
    anchor_signed_by,
    entry_message,
    read_anchor,
)
from console.audit.entries import (
    GENESIS_HASH,
    Acting,
    AuditEntry,
    VerifyResult,
    canonical_json,
    entry_from_row,
    utc_now,
    verify_rows,
)
from console.audit.station_key import StationKey, StationVerifier
from console.store.base import StoreError
from console.store.failures import translate
from console.store.office.audit_anchor import (
    advance_anchor,
    check_head,
    committed_head,
)
from console.store.schema import component_version, connect, database_path, migrate
from console.timefmt import rfc3339

log = logging.getLogger("console.audit")

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
    # 2: the station's Ed25519 signature of each entry's hash (none where no key was set up)
    """
    CREATE TABLE audit_signatures (
        seq INTEGER PRIMARY KEY REFERENCES audit_entries(seq),
        signature TEXT NOT NULL
    );
    CREATE TRIGGER audit_signatures_no_update BEFORE UPDATE ON audit_signatures
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: a signature cannot be changed');
    END;
    CREATE TRIGGER audit_signatures_no_delete BEFORE DELETE ON audit_signatures
    BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: a signature cannot be deleted');
    END;
    """,
)


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
_SELECT = (f"SELECT {', '.join('e.' + c for c in _COLUMNS.split(', '))}, s.signature "
           "FROM audit_entries e LEFT JOIN audit_signatures s USING (seq)")
# A trail read without migrating it (`create=False`) may predate signatures.
_SELECT_UNSIGNED = (f"SELECT {', '.join('e.' + c for c in _COLUMNS.split(', '))}, NULL "
                    "FROM audit_entries e")


class AuditTrail:
    """The append-only, hash-chained record of what officers and the console did.

    With a `signer` (the station key) every entry is signed and, after each
    commit, the trail's head is written to the anchor beside the key.
    """

    def __init__(self, conn: sqlite3.Connection, *, now: Callable[[], datetime] = utc_now,
                 create: bool = True, signer: StationKey | None = None) -> None:
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
        self._signer = signer
        self._signatures = component_version(conn, "audit") >= 2
        self._select = _SELECT if self._signatures else _SELECT_UNSIGNED
        self.anchor_broken = False  # set when an append found the anchor not extended

    @classmethod
    def open(cls, path: str | Path, *, now: Callable[[], datetime] = utc_now,
             create: bool = True, signer: StationKey | None = None) -> AuditTrail:
        if not create and not Path(path).is_file():
            raise StoreError("io", f"there is no database at {path}")
        return cls(connect(path), now=now, create=create, signer=signer)

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    @property
    def signer(self) -> StationKey | None:
        return self._signer

    def append(self, actor: str, station: str, action: str, target: str | None,
               details: dict[str, Any] | None = None) -> AuditEntry:
        """Record one action and its effect; durable when this returns."""
        if not actor or not station or not action:
            raise ValueError("an audit entry needs an actor, a station and an action")
        clean = json.loads(canonical_json(details or {}))
        try:
            entry = self._append(actor, station, action, target, clean)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            path = database_path(self._conn) or ":memory:"
            raise translate(exc, path, since=f"the audit entry '{action}'",
                            busy_timeout_s=5.0) from exc
        if not self._conn.in_transaction:
            self.advance_anchor()
        return entry

    def _append(self, actor: str, station: str, action: str, target: str | None,
                clean: dict[str, Any]) -> AuditEntry:
        with write_transaction(self._conn):
            last = self._conn.execute(
                "SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
            draft = AuditEntry(seq, rfc3339(self._now()), actor, station, action, target,
                               clean, prev, "")
            digest = draft.expected_hash()
            signature = (self._signer.sign(entry_message(digest))
                         if self._signer is not None else None)
            entry = AuditEntry(seq, draft.at, actor, station, action, target, clean, prev,
                               digest, signature)
            self._conn.execute(
                f"INSERT INTO audit_entries ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.seq, entry.at, actor, station, action, target, canonical_json(clean),
                 prev, entry.hash),
            )
            if signature is not None:
                self._conn.execute("INSERT INTO audit_signatures (seq, signature) VALUES (?, ?)",
                                   (seq, signature))
        return entry

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """`write_transaction` on this trail's connection; the anchor follows the commit."""
        outermost = not self._conn.in_transaction
        with write_transaction(self._conn):
            yield
        if outermost:
            self.advance_anchor()

    def advance_anchor(self) -> None:
        """Write the committed head to the anchor (callers of `write_transaction` call this
        after their commit; `append` outside a transaction does it itself)."""
        path = database_path(self._conn)
        if self._signer is None or self._signer.folder is None or not path:
            return
        if not advance_anchor(self._signer, self._conn, Path(path)):
            if not self.anchor_broken:
                log.error("the audit trail of %s no longer extends its signed anchor: entries "
                          "were removed or rewritten; run `yard-console history audit --verify`",
                          path)
            self.anchor_broken = True

    def quick_problem(self) -> str | None:
        """A cheap check (no walk of the chain) that no entry was removed and, with the
        station key, that the trail still reaches its signed anchor; plain words or None."""
        count, last = self._conn.execute(
            "SELECT count(*), coalesce(max(seq), 0) FROM audit_entries").fetchone()
        if count != last:
            return (f"{last - count} audit entries were removed from the database (entry "
                    f"numbers run to {last}, {count} remain)")
        key, path = self._signer, database_path(self._conn)
        if key is None or key.folder is None or not path:
            return None
        try:
            anchor = read_anchor(key.folder, Path(path))
        except ValueError as exc:
            return str(exc)
        if anchor is None:
            return None
        return check_head(self._conn, count, Head(anchor.count, anchor.head),
                          "the signed anchor")

    def _first_signed(self) -> int:
        """Without an anchor: entries before the first signed one predate the station key
        (an upgraded database); every entry from the first signed one on must be signed."""
        row = (self._conn.execute("SELECT min(seq) FROM audit_signatures").fetchone()
               if self._signatures else None)
        return int(row[0]) if row and row[0] is not None else 1 << 62

    def signed_count(self) -> int:
        """How many entries carry a signature (of any key)."""
        if not self._signatures:
            return 0
        return int(self._conn.execute("SELECT count(*) FROM audit_signatures").fetchone()[0])

    def head(self) -> Head:
        """How many entries the trail holds and the hash of the last one."""
        return committed_head(self._conn)

    def record(self, actor: Acting, action: str, target: str | None,
               details: dict[str, Any] | None = None) -> AuditEntry:
        """`append` for a signed-in actor (`Session.authorize` returns one)."""
        return self.append(actor.officer, actor.station, action, target, details)

    def entries(self, *, target: str | None = None, action_prefix: str | None = None,
                after_seq: int = 0) -> Iterator[AuditEntry]:
        """Entries in the order they were written, optionally about one target or action kind."""
        sql = f"{self._select} WHERE e.seq > ?"
        args: list[Any] = [after_seq]
        if target is not None:
            sql += " AND e.target = ?"
            args.append(target)
        if action_prefix is not None:
            sql += " AND substr(e.action, 1, ?) = ?"
            args += [len(action_prefix), action_prefix]
        for row in self._conn.execute(sql + " ORDER BY e.seq", args):
            yield entry_from_row(row)

    def latest(self, target: str, actions: Sequence[str]) -> AuditEntry | None:
        """The last entry about `target` whose action is one of `actions`."""
        marks = ", ".join("?" * len(actions))
        row = self._conn.execute(
            f"{self._select} WHERE e.target = ? AND e.action IN ({marks}) "
            "ORDER BY e.seq DESC LIMIT 1", (target, *actions)).fetchone()
        return None if row is None else entry_from_row(row)

    def verify(self, verifier: StationVerifier | None = None, *,
               expect: Head | None = None) -> VerifyResult:
        """Walk the whole chain; stop at the first entry that does not hold.

        With the station's `verifier` every entry from the anchor's
        `signed_from` (without an anchor: from the first signed entry) must
        carry its signature, and the trail must reach the anchor kept beside the key.
        `expect` (count and head written down elsewhere) is checked the same way.
        """
        anchor: Anchor | None = None
        path = database_path(self._conn)
        if verifier is not None and verifier.folder is not None and path:
            try:
                anchor = read_anchor(verifier.folder, Path(path))
            except ValueError as exc:
                return VerifyResult(False, 0, GENESIS_HASH, None, str(exc), verifier.fingerprint)
            if anchor is not None and not anchor_signed_by(anchor, verifier):
                return VerifyResult(False, 0, GENESIS_HASH, None,
                                    f"the anchor {anchor_path(verifier.folder, Path(path))} is "
                                    "not signed by this station's key: it was replaced",
                                    verifier.fingerprint)
        rows = self._conn.execute(f"{self._select} ORDER BY e.seq")
        result = verify_rows(rows, verifier, signed_from=anchor.signed_from if anchor
                             else self._first_signed())
        if anchor is not None:
            result = replace(result, anchor=Head(anchor.count, anchor.head))
        if not result.ok:
            return result
        for head, source in ((anchor and Head(anchor.count, anchor.head), "the signed anchor"),
                             (expect, "the expected head")):
            problem = head and check_head(self._conn, result.count, head, source)
            if problem:
                return replace(result, ok=False, problem=problem,
                               broken_seq=min(result.count + 1, head.count) if head else None)
        return result


def read_head(conn: sqlite3.Connection) -> Head | None:
    """The trail's length and head, read without changing the file; None without a trail."""
    try:
        return AuditTrail(conn, create=False).head()
    except (StoreError, sqlite3.Error):
        return None


