"""Audit entries and how a chain of them is checked: no storage here.

An entry is hashed (SHA-256) over the canonical JSON of its fields and the
hash of the entry before it (`AuditEntry.expected_hash`); `verify_rows` walks
a chain given as rows in `seq` order and stops at the first entry that does
not hold, naming it in words.  The table that keeps them, its triggers and
the signing are in `console.store.office.audit_trail`; docs/audit-trail.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from console.audit.anchor import Head, entry_message
from console.audit.station_key import StationVerifier

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """The one text form that hashes are computed over (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def utc_now() -> datetime:
    return datetime.now(UTC)


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
    signature: str | None = None  # hex Ed25519 signature of `entry_message(hash)`

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
        return {**self.content(), "hash": self.hash, "signature": self.signature}


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int  # entries checked (up to and including the first broken one)
    head: str  # hash of the last entry that verified (GENESIS_HASH for none)
    broken_seq: int | None = None
    problem: str | None = None  # plain words, naming the first broken entry
    key: str | None = None  # fingerprint of the station key the signatures were checked with
    signed: int = 0  # entries whose signature by that key verified
    anchor: Head | None = None  # the signed head kept outside the database, if one was found


def entry_from_row(row: tuple[Any, ...]) -> AuditEntry:
    details = json.loads(row[6])
    if not isinstance(details, dict):
        raise ValueError("details are not a JSON object")
    return AuditEntry(row[0], row[1], row[2], row[3], row[4], row[5], details, row[7], row[8],
                      row[9] if len(row) > 9 else None)


def verify_rows(rows: Iterable[tuple[Any, ...]],
                verifier: StationVerifier | None = None, *, signed_from: int = 1
                ) -> VerifyResult:
    """Check a chain given as table rows in seq order (see `AuditTrail.verify`)."""
    prev, count, signed = GENESIS_HASH, 0, 0
    key = verifier.fingerprint if verifier is not None else None
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
                entry = entry_from_row(row)
                intact = entry.expected_hash() == entry.hash
            except (ValueError, RecursionError):
                problem = f"{name} has unreadable details: it was changed after it was written"
            else:
                if not intact:
                    problem = f"{name} does not match its hash: it was changed after it was written"
                elif verifier is not None and seq >= signed_from:
                    if not entry.signature:
                        problem = (f"{name} is not signed with the station key: it was "
                                   "rewritten, or written without the key")
                    elif not verifier.valid(entry.signature, entry_message(entry.hash)):
                        problem = (f"{name} is not signed by this station's key ({key}): it "
                                   "was rewritten and re-signed, or comes from another station")
                    else:
                        signed += 1
        if problem is not None:
            return VerifyResult(False, count, prev, seq, problem, key, signed)
        prev = row[8]
    return VerifyResult(True, count, prev, key=key, signed=signed)
