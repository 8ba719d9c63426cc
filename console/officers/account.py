"""An officer's account as the console knows it, and what seals it (no storage here).

`account_digest` is the digest of what decides a permission (name, role,
enabled, password hash, display name) that every account change records in
its audit entry; `SEALING` the entries that record it.  The accounts' table,
sign-in and the seal check are kept by the officer-side store
(`console.store.office.accounts`, `console.store.office.seals`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from console.audit.entries import canonical_json
from console.officers.permissions import Role

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MIN_PASSWORD_LENGTH = 8

class AccountError(Exception):
    """A refused account change (bad name, short password, unknown or existing user)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SignInRefused(Exception):
    """Sign-in refused; `reason` is what the person at the console reads (English).

    `code` names the reason for a window that says it in the officer's language
    (`wrong_password`, `tampered`, `cooling_down`, `disabled`, `role_changed`,
    `nobody_signed_in`); `params` holds the figures the words need
    (`failures`, and `until`, the RFC 3339 end of a cool-down).
    """

    def __init__(self, reason: str, code: str = "", **params: str | int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    role: Role
    display_name: str | None
    enabled: bool
    failed_attempts: int
    failed_total: int
    last_failed_at: str | None
    last_sign_in_at: str | None
    created_at: str


# The account entries that record the digest of the row as they left it.
SEALING = ("user.add", "user.passwd", "user.enable", "user.disable", "user.rehash",
           "user.restore", "user.sealed")


def account_digest(name: str, role: str, enabled: bool, password_hash: str,
                   display_name: str | None) -> str:
    """The digest that seals an account's row in the audit trail."""
    return hashlib.sha256(canonical_json({
        "name": name, "role": role, "enabled": bool(enabled), "password_hash": password_hash,
        "display_name": display_name}).encode("utf-8")).hexdigest()
