"""The officer-side store's accounts: the database steps on its writer, the hashing apart.

`WriterAccounts` wraps the store's `Accounts`, which lives on the writer's
connection and appends to the writer's audit trail: each read and write is a
job of the store's writer (`OfficeWriter`), in submission order with every
alert change, outbox row and evidence record, so the one chain of the audit
trail is written by one connection.  The argon2 hashing (about 0.3 s a hash)
needs no database: it runs on the calling thread, between the steps of a
sign-in (`Accounts.begin_verify`, `check_attempt`, `finish_verify`), so the
writer never waits for it.  A session's lock is recorded by a writer job too
(submitted, not waited for: an idle lock on the UI thread never blocks).
See `console.office.accounts`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future

from console.officers.account import Account
from console.officers.permissions import DEFAULT_IDLE_LIMIT_S, Role, Session
from console.store.office.accounts import Accounts
from console.store.office.writer import OfficeWriter

log = logging.getLogger("console.officers")


class WriterAccounts:
    """`OfficeAccounts` on the officer-side store's writer (see the module docstring)."""

    def __init__(self, accounts: Accounts, writer: OfficeWriter) -> None:
        self._inner = accounts
        self._writer = writer
        accounts.record_lock = self._record_lock

    # -- administration ------------------------------------------------------------
    def add(self, name: str, role: Role | str, password: str, *, by: str, station: str,
            display_name: str | None = None) -> Account:
        checked_role = Accounts.check_new(name, role)
        digest = self._inner.hash_password(password)  # here, not on the writer
        return self._writer.run(lambda: self._inner.add_hashed(
            name, checked_role, digest, by=by, station=station, display_name=display_name))

    def set_password(self, name: str, password: str, *, by: str, station: str) -> None:
        digest = self._inner.hash_password(password)
        self._writer.run(lambda: self._inner.set_password_hashed(name, digest, by=by,
                                                                 station=station))

    def set_enabled(self, name: str, enabled: bool, *, by: str, station: str) -> None:
        self._writer.run(lambda: self._inner.set_enabled(name, enabled, by=by, station=station))

    def get(self, name: str) -> Account:
        return self._writer.run(lambda: self._inner.get(name))

    def list(self) -> list[Account]:
        return self._writer.run(self._inner.list)

    def seal_problem(self, name: str) -> str | None:
        return self._writer.run(lambda: self._inner.seal_problem(name))

    # -- sign-in -----------------------------------------------------------------------
    def verify(self, name: str, password: str, *, station: str) -> Account:
        attempt = self._writer.run(lambda: self._inner.begin_verify(name, station))
        checked = self._inner.check_attempt(attempt, password)  # the hashing, on this thread
        return self._writer.run(lambda: self._inner.finish_verify(attempt, checked, password))

    def sign_in(self, name: str, password: str, station: str, *,
                idle_limit_s: float = DEFAULT_IDLE_LIMIT_S,
                clock: Callable[[], float] | None = None) -> Session:
        account = self.verify(name, password, station=station)
        return self._writer.run(lambda: self._inner.open_session(
            account, station, idle_limit_s=idle_limit_s, clock=clock))

    def unlock(self, session: Session, password: str) -> None:
        account = self.verify(session.officer, password, station=session.station)
        self._writer.run(lambda: self._inner.resume(session, account))

    def sign_out(self, session: Session) -> None:
        self._inner.sign_out(session)

    def _record_lock(self, session: Session) -> None:
        def logged(done: Future[None]) -> None:
            exc = done.exception()
            if exc is not None:
                log.error("the %s of %s at %s was not recorded: %s", session.lock_reason,
                          session.officer, session.station, exc)

        self._writer.submit(lambda: self._inner._record_lock(session)).add_done_callback(logged)
