"""The anchor against the trail's table: the committed head, and moving the anchor to it.

See `console.audit.anchor` for what the anchor is; this is its database side.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import replace
from pathlib import Path

from console.audit.anchor import ANCHOR_DIR, Anchor, Head, anchor_path, locked, read_anchor
from console.audit.station_key import StationKey


def hash_at(conn: sqlite3.Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit_entries WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row[0])


def first_of_signed_run(conn: sqlite3.Connection) -> int:
    """The first entry of the unbroken run of signed entries that ends the trail."""
    row = conn.execute("SELECT max(e.seq) FROM audit_entries e LEFT JOIN audit_signatures s "
                       "USING (seq) WHERE s.seq IS NULL").fetchone()
    return int(row[0] or 0) + 1


def committed_head(conn: sqlite3.Connection) -> Head:
    """The trail's committed length and last hash (64 zeros for an empty trail)."""
    row = conn.execute("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(int(row[0]), str(row[1])) if row else Head(0, "0" * 64)


def advance_anchor(key: StationKey, conn: sqlite3.Connection, db: Path) -> bool:
    """Move the anchor of `db` to the committed head if that extends it; False if the trail
    broke it.  The head is read under the lock, so that two processes appending to one
    database never move the anchor backwards or mistake each other for a cut."""
    assert key.folder is not None
    folder = key.folder / ANCHOR_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    with locked(folder):
        now = committed_head(conn)
        try:
            old = read_anchor(key.folder, db)
        except ValueError:
            return False
        if old is not None:
            if old.count > now.count or (old.count and hash_at(conn, old.count) != old.head):
                return False
            if old.count == now.count:
                return True
            signed_from = old.signed_from
        else:
            signed_from = first_of_signed_run(conn)
        draft = Anchor(str(db.resolve()), now.count, now.head, signed_from, key.fingerprint)
        signed = replace(draft, signature=key.sign(draft.message()))
        path = anchor_path(key.folder, db)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({**signed.content(), "signature": signed.signature}),
                       encoding="utf-8")
        os.replace(tmp, path)
        return True


def check_head(conn: sqlite3.Connection, count: int, expected: Head, source: str) -> str | None:
    """Plain words when the trail (`count` entries) does not contain `expected`, else None."""
    if count < expected.count:
        return (f"the trail holds {count} entries but {source} records {expected.count}: "
                f"{expected.count - count} entries were removed from the end"
                + (" (the trail was emptied)" if count == 0 else ""))
    if expected.count and hash_at(conn, expected.count) != expected.head:
        return (f"entry {expected.count} is not the one {source} records (head "
                f"{expected.head[:16]}…): the trail was rewritten")
    return None
