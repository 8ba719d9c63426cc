"""An account's seal: its row checked against the audit trail before its role is trusted.

Every account change records, in its audit entry (`details.account`), the
digest of what decides a permission: name, role, enabled, password hash and
display name.  `AccountSeals.problem(name)` compares the row with the last
such entry about it, and checks that entry's hash and (with the station
key) its signature.  So a direct `UPDATE officer_accounts SET role =
'supervisor'` makes the account unusable, with the reason in words, until an
installer restores it; an entry forged to match needs the station key.

Before that, `AuditTrail.quick_problem` checks without walking the chain that
no entry was removed and that the trail still reaches its signed anchor:
otherwise an account could be put back to an earlier recorded state by
deleting the entries after it, and no account is trusted until the database
is restored.

Without a station key only the hash chain protects the entry: someone who
also forges a matching, rehashed entry is caught only by a station key.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from console.audit.anchor import entry_message, read_anchor
from console.audit.entries import AuditEntry
from console.audit.station_key import StationVerifier
from console.officers.account import SEALING, account_digest
from console.officers.permissions import Role
from console.store.office.audit_trail import AuditTrail
from console.store.schema import database_path


class AccountSeals:
    """Checks `officer_accounts` rows against their last sealing audit entry."""

    def __init__(self, conn: sqlite3.Connection, audit: AuditTrail,
                 verifier: StationVerifier | None) -> None:
        self._conn = conn
        self._audit = audit
        self._verifier = verifier

    def _row(self, name: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._conn.execute(
            "SELECT role, enabled, password_hash, display_name FROM officer_accounts "
            "WHERE name = ?", (name,)).fetchone()
        return row

    def digest_of(self, name: str) -> str:
        """The digest of the row as it is now (to record with a change just made)."""
        row = self._row(name)
        assert row is not None
        return account_digest(name, row[0], bool(row[1]), row[2], row[3])

    def problem(self, name: str) -> str | None:
        """Why the row of `name` cannot be trusted, in words; None when it matches its seal."""
        row = self._row(name)
        if row is None:
            return None
        found = account_digest(name, row[0], bool(row[1]), row[2], row[3])
        changed = (f"the account record of {name!r} was changed outside the console "
                   f"(it now says role {row[0]}, {'enabled' if row[1] else 'disabled'})")
        broken = self._audit.quick_problem()
        if broken is not None:
            return (f"the account record of {name!r} cannot be trusted: {broken}; restore the "
                    "database from a backup, then run `yard-console history audit --verify`")
        entry = self._audit.latest(name, SEALING)
        if entry is None:
            return f"{changed}: the audit trail never recorded it"
        if entry.expected_hash() != entry.hash:
            return f"{changed}: the audit entry {entry.seq} that records it was rewritten"
        if not self._signed_well(entry):
            return (f"{changed}: the audit entry {entry.seq} that records it is not signed by "
                    "this station's key")
        if entry.details.get("account") != found:
            return f"{changed}: it differs from audit entry {entry.seq} ({entry.action})"
        return None

    def problems(self) -> list[str]:
        """Every account whose row cannot be trusted (for `history audit --verify`)."""
        names = [r[0] for r in self._conn.execute("SELECT name FROM officer_accounts "
                                                  "ORDER BY name")]
        return [p for p in map(self.problem, names) if p is not None]

    def _signed_well(self, entry: AuditEntry) -> bool:
        """Signed by the station key; or unsigned from before this trail was first signed."""
        key = self._verifier
        if key is None:
            return True
        if entry.signature is not None:
            return key.valid(entry.signature, entry_message(entry.hash))
        path = database_path(self._conn)
        try:
            anchor = read_anchor(key.folder, Path(path)) if key.folder and path else None
        except ValueError:
            return False
        return anchor is None or entry.seq < anchor.signed_from

    def recorded_state(self, name: str) -> dict[str, Any] | None:
        """Role, enabled and display name as the audit trail last recorded them."""
        state: dict[str, Any] | None = None
        for e in self._audit.entries(target=name, action_prefix="user."):
            if e.action in ("user.add", "user.restore", "user.sealed"):
                state = {"role": e.details.get("role"), "enabled": e.details.get("enabled", True),
                         "display_name": e.details.get("display_name")}
            elif state is not None and e.action in ("user.enable", "user.disable"):
                state["enabled"] = e.action == "user.enable"
        if state is None or state["role"] not in [r.value for r in Role]:
            return None
        return state
