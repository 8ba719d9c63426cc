"""`OfficeAccounts`: the officers' accounts as the officer-side store offers them.

Every read and write runs in the store (on its writer, its one connection, in
submission order with every other officer-side write); the password hashing,
the slow part, runs on the calling thread.  The calls block their caller: the
window calls them from a worker thread of its own (`ui.operations.officer_session`),
never from the UI thread.  The SQLite implementation is
`console.store.office.writer_accounts.WriterAccounts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from console.officers.account import Account
from console.officers.permissions import Role, Session


class OfficeAccounts(Protocol):
    def add(self, name: str, role: Role | str, password: str, *, by: str, station: str,
            display_name: str | None = None) -> Account:
        """A new account (`AccountError` when refused), audited in the same transaction."""

    def set_password(self, name: str, password: str, *, by: str, station: str) -> None: ...

    def set_enabled(self, name: str, enabled: bool, *, by: str, station: str) -> None: ...

    def get(self, name: str) -> Account: ...

    def list(self) -> list[Account]: ...

    def sign_in(self, name: str, password: str, station: str, *, idle_limit_s: float = ...,
                clock: Callable[[], float] | None = None) -> Session:
        """A session for this station, or `SignInRefused` (every attempt is audited)."""

    def unlock(self, session: Session, password: str) -> None:
        """Resume a locked session after its officer gave the password again."""

    def sign_out(self, session: Session) -> None:
        """End a session (audited; the entry is written by the store's writer)."""

    def seal_problem(self, name: str) -> str | None: ...
