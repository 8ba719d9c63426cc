"""The anchor: the trail's head, signed, kept outside the database file.

Signatures alone do not show that entries were cut off the end (every
remaining entry is still validly signed) or that the whole trail was emptied.
So after every signed append the console writes, beside the station key, the
number of entries and the hash of the last one, signed with the station key:
one small JSON file per database (named from the database's full path).
`history audit --verify` then fails when the database holds fewer entries
than the anchor, or a different entry at the anchor's position.

The anchor only moves forward: it is replaced only by a head that extends it
(the entry at the anchor's count still has the anchor's hash).  A trail that
was cut or rewritten leaves the anchor where it was, as evidence.

The same check works without an anchor file against figures written down
elsewhere, e.g. the `count` and `head` printed in a shift report
(`history audit --verify --expect COUNT:HEAD`).

This module is the file's side; reading the head from the database and
moving the anchor to it is `console.store.office.audit_anchor`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.audit.station_key import StationVerifier

ANCHOR_DIR = "anchors"
ENTRY_PREFIX = "yard-console audit entry "
ANCHOR_PREFIX = "yard-console audit anchor "


def entry_message(entry_hash: str) -> str:
    """What the station signs for one entry (its hash covers the entry and the one before)."""
    return ENTRY_PREFIX + entry_hash


@dataclass(frozen=True, slots=True)
class Head:
    """How long the trail is and how it ends: what a shift report writes down."""

    count: int
    head: str

    def describe(self) -> str:
        return f"{self.count} entries, head {self.head}"

    @staticmethod
    def parse(text: str) -> Head:
        """`COUNT:HEAD` as given to `--expect`."""
        count, sep, head = text.strip().partition(":")
        if not sep or not count.isdigit() or len(head) != 64:
            raise ValueError(f"{text!r} is not COUNT:HEAD (a number, ':', a 64-digit hash)")
        return Head(int(count), head.lower())


@dataclass(frozen=True, slots=True)
class Anchor:
    """The signed head of one database's trail (`signed_from`: first entry the key signed)."""

    db: str
    count: int
    head: str
    signed_from: int
    key: str  # fingerprint of the key that signed it
    signature: str = ""

    def content(self) -> dict[str, Any]:
        return {"db": self.db, "count": self.count, "head": self.head,
                "signed_from": self.signed_from, "key": self.key}

    def message(self) -> str:
        return ANCHOR_PREFIX + json.dumps(self.content(), sort_keys=True, separators=(",", ":"))


def anchor_path(folder: Path, db: Path) -> Path:
    """The anchor file for the database at `db`, in the key folder `folder`."""
    name = hashlib.sha256(str(db.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / ANCHOR_DIR / f"{name}.json"


def read_anchor(folder: Path, db: Path) -> Anchor | None:
    """The anchor of `db`, None when there is none; `ValueError` when it is unreadable."""
    path = anchor_path(folder, db)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ValueError(f"the anchor {path} cannot be read ({exc})") from None
    try:
        return Anchor(str(raw["db"]), int(raw["count"]), str(raw["head"]),
                      int(raw["signed_from"]), str(raw["key"]), str(raw["signature"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"the anchor {path} is not an anchor ({exc})") from None


def anchor_signed_by(anchor: Anchor, verifier: StationVerifier) -> bool:
    return verifier.valid(anchor.signature, anchor.message())


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Serialise anchor updates of several console processes (POSIX advisory lock)."""
    try:
        import fcntl
    except ImportError:  # Windows: one console per database there
        yield
        return
    with open(folder / ".lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
