"""Local officer accounts: names, roles, password hashes, sign-in.

Passwords are kept only as argon2id hashes (argon2-cffi, salted per hash);
a hash made with weaker parameters is upgraded at the next sign-in.  A wrong
password is refused and counted on the account (`failed_attempts`, reset by a
good sign-in; `failed_total`, never reset); after `max_failures` wrong
passwords in a row the account refuses sign-in for `cooldown_s` seconds.
An unknown name and a wrong password get the same answer.  A disabled
account cannot sign in.

Every change and every sign-in, good or bad, is written to the audit trail
in the same transaction as its effect.

An account's row is *sealed* in the audit trail: every change records the
digest of what decides a permission (name, role, enabled, password hash,
display name) in its entry (`details.account`).  Sign-in and unlock check
that the row still matches the last `user.*` entry about it, and that this
entry is intact (and signed by the station key, where there is one), so a
direct `UPDATE officer_accounts SET role = 'supervisor'` is refused, with the
reason, and recorded as `user.tampered`.  `set_password` (an installer's
`users passwd`) restores a tampered account to its recorded role and state
with the new password (`user.restore`).  Command-line administration (the
installer at the machine, `yard-console users …`) is recorded with the
actor `os:<login name>` and the host name as station.

The password hashing (argon2, the slow part: about 0.3 s per hash) needs no
database, so it is kept apart from the reads and writes: a sign-in is
`begin_verify` (database), `check_attempt` (hashing only, any thread) and
`finish_verify` (database); an account change hashes first (`hash_password`)
and then writes (`add_hashed`, `set_password_hashed`).  The officer-side
store runs the database steps on its writer thread, on its one connection,
and the hashing on the caller's thread (`console.store.office.writer_accounts`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from console.audit.entries import utc_now
from console.audit.station_key import StationKey
from console.officers.account import (
    MIN_PASSWORD_LENGTH,
    NAME_PATTERN,
    Account,
    AccountError,
    SignInRefused,
)
from console.officers.permissions import DEFAULT_IDLE_LIMIT_S, Role, Session
from console.store.office.audit_trail import AuditTrail
from console.store.office.seals import AccountSeals
from console.store.schema import connect, migrate
from console.timefmt import parse_moment, rfc3339

log = logging.getLogger("console.officers")

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE officer_accounts (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'installer')),
        display_name TEXT,
        password_hash TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        failed_total INTEGER NOT NULL DEFAULT 0,
        last_failed_at TEXT,
        last_sign_in_at TEXT,
        created_at TEXT NOT NULL,
        changed_at TEXT NOT NULL
    );
    """,
    # 2: every existing account sealed in the audit trail (`Accounts._seal_existing`)
    "SELECT 1;",
)

_COLUMNS = ("name, role, display_name, enabled, failed_attempts, failed_total, "
            "last_failed_at, last_sign_in_at, created_at")


@dataclass(frozen=True, slots=True)
class Attempt:
    """What the first step of a sign-in read: the row's hash (None: no such name), when."""

    name: str
    station: str
    digest: str | None
    now: datetime


@dataclass(frozen=True, slots=True)
class Checked:
    """What the hashing step found: the password is right; the new hash, when one is due."""

    digest: str | None
    good: bool
    rehash: str | None


def _account(row: tuple[object, ...]) -> Account:
    return Account(str(row[0]), Role(str(row[1])), row[2] if row[2] is None else str(row[2]),
                   bool(row[3]), int(str(row[4])), int(str(row[5])),
                   None if row[6] is None else str(row[6]),
                   None if row[7] is None else str(row[7]), str(row[8]))


class Accounts:
    """The officers known to this console, kept in its SQLite database."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        audit: AuditTrail | None = None,
        hasher: PasswordHasher | None = None,
        now: Callable[[], datetime] = utc_now,
        max_failures: int = 5,
        cooldown_s: float = 60.0,
        signer: StationKey | None = None,
    ) -> None:
        self._conn = conn
        self._audit = audit if audit is not None else AuditTrail(conn, now=now, signer=signer)
        self._seals = AccountSeals(conn, self._audit, signer)
        migrate(conn, "officers", (MIGRATIONS[0], self._seal_existing))
        self._hasher = hasher or PasswordHasher()
        self._now = now
        self._max_failures = max_failures
        self._cooldown = timedelta(seconds=cooldown_s)
        self._dummy_hash: str | None = None  # made on first need: it costs one hashing
        # How a session's lock is recorded (the officer-side store sends it to its writer).
        self.record_lock: Callable[[Session], None] = self._record_lock

    @classmethod
    def open(cls, path: str | Path, *, hasher: PasswordHasher | None = None,
             now: Callable[[], datetime] = utc_now,
             signer: StationKey | None = None) -> Accounts:
        """Open the accounts (and the audit trail, signed by `signer`) in the file at `path`."""
        return cls(connect(path), hasher=hasher, now=now, signer=signer)

    @property
    def audit(self) -> AuditTrail:
        return self._audit

    def close(self) -> None:
        """Release the database connection (the audit trail shares it)."""
        self._conn.close()

    # ------------------------------------------------------------ administration

    def add(self, name: str, role: Role | str, password: str, *, by: str, station: str,
            display_name: str | None = None) -> Account:
        role = self.check_new(name, role)
        return self.add_hashed(name, role, self.hash_password(password), by=by,
                               station=station, display_name=display_name)

    @staticmethod
    def check_new(name: str, role: Role | str) -> Role:
        """The role of a new account named `name`, or `AccountError` (no database)."""
        if not NAME_PATTERN.match(name):
            raise AccountError("a user name is 1–64 letters, digits, '.', '_' or '-', "
                               "starting with a letter or digit")
        try:
            return Role(role)
        except ValueError:
            raise AccountError(f"unknown role {role!r}: use officer, supervisor or installer"
                               ) from None

    def add_hashed(self, name: str, role: Role, digest: str, *, by: str, station: str,
                   display_name: str | None = None) -> Account:
        """`add` once the password is hashed (`hash_password`): the database step."""
        at = rfc3339(self._now())
        with self._audit.transaction():
            try:
                self._conn.execute(
                    "INSERT INTO officer_accounts (name, role, display_name, password_hash, "
                    "created_at, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (name, role.value, display_name, digest, at, at))
            except sqlite3.IntegrityError:
                raise AccountError(f"a user named {name!r} already exists") from None
            self._audit.append(by, station, "user.add", name,
                               {"role": role.value, "display_name": display_name,
                                "account": self._seals.digest_of(name)})
        return self.get(name)

    def set_password(self, name: str, password: str, *, by: str, station: str) -> None:
        """Set a new password; also clears the count of wrong passwords in a row.

        On an account whose row was changed outside the console, the role,
        state and display name recorded in the audit trail are put back too
        (`user.restore`), so a new password never makes a forged role real.
        """
        self.set_password_hashed(name, self.hash_password(password), by=by, station=station)

    def set_password_hashed(self, name: str, digest: str, *, by: str, station: str) -> None:
        """`set_password` once the password is hashed: the database step."""
        with self._audit.transaction():
            self._require(name)
            problem = self.seal_problem(name)
            if problem is None:
                self._conn.execute(
                    "UPDATE officer_accounts SET password_hash = ?, failed_attempts = 0, "
                    "changed_at = ? WHERE name = ?", (digest, rfc3339(self._now()), name))
                self._audit.append(by, station, "user.passwd", name,
                                   {"account": self._seals.digest_of(name)})
                return
            recorded = self._seals.recorded_state(name)
            if recorded is None:
                raise AccountError(f"{problem}; no account {name!r} was ever recorded in the "
                                   "audit trail, so there is nothing to restore")
            self._conn.execute(
                "UPDATE officer_accounts SET role = ?, enabled = ?, display_name = ?, "
                "password_hash = ?, failed_attempts = 0, changed_at = ? WHERE name = ?",
                (recorded["role"], int(recorded["enabled"]), recorded["display_name"], digest,
                 rfc3339(self._now()), name))
            self._audit.append(by, station, "user.restore", name,
                               {"why": problem, "role": recorded["role"],
                                "enabled": recorded["enabled"],
                                "display_name": recorded["display_name"],
                                "account": self._seals.digest_of(name)})

    def set_enabled(self, name: str, enabled: bool, *, by: str, station: str) -> None:
        with self._audit.transaction():
            self._require(name)
            problem = self.seal_problem(name)
            if problem is not None:
                raise AccountError(f"{problem}; give it a new password with `users passwd "
                                   f"{name}` to restore its recorded role and state")
            self._conn.execute(
                "UPDATE officer_accounts SET enabled = ?, changed_at = ? WHERE name = ?",
                (int(enabled), rfc3339(self._now()), name))
            self._audit.append(by, station, "user.enable" if enabled else "user.disable",
                               name, {"account": self._seals.digest_of(name)})

    def get(self, name: str) -> Account:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM officer_accounts WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise AccountError(f"no user named {name!r}")
        return _account(row)

    def list(self) -> list[Account]:
        return [_account(r) for r in self._conn.execute(
            f"SELECT {_COLUMNS} FROM officer_accounts ORDER BY name")]

    # ------------------------------------------------------------------ sign-in

    def verify(self, name: str, password: str, *, station: str) -> Account:
        """Check a name and password, count a failure, or raise `SignInRefused`."""
        attempt = self.begin_verify(name, station)
        return self.finish_verify(attempt, self.check_attempt(attempt, password), password)

    def begin_verify(self, name: str, station: str) -> Attempt:
        """The first, database step of a sign-in: refuse a tampered or cooling-down account
        (audited), else read what the password is checked against."""
        row = self._conn.execute(
            "SELECT password_hash, failed_attempts, last_failed_at "
            "FROM officer_accounts WHERE name = ?", (name,)).fetchone()
        now = self._now()
        if row is None:
            return Attempt(name, station, None, now)
        digest, failures, last_failed = row
        problem = self.seal_problem(name)
        if problem is not None:
            log.error("sign-in of %s refused: %s", name, problem)
            self._audit.append(name, station, "user.tampered", name, {"why": problem})
            raise SignInRefused(f"{problem}. This account cannot sign in until an installer "
                                "restores it (users passwd)", "tampered")
        if failures >= self._max_failures and last_failed is not None:
            until = parse_moment(last_failed) + self._cooldown
            if now < until:
                self._audit.append(name, station, "session.refused", name,
                                   {"why": "cooling down", "failed_attempts": failures})
                raise SignInRefused(
                    f"{failures} wrong passwords in a row; try again after "
                    f"{until.astimezone().strftime('%H:%M:%S')}, or ask an installer",
                    "cooling_down", failures=failures, until=rfc3339(until))
        return Attempt(name, station, str(digest), now)

    def check_attempt(self, attempt: Attempt, password: str) -> Checked:
        """The hashing step (no database, any thread): an unknown name costs the same."""
        if attempt.digest is None:
            if self._dummy_hash is None:
                self._dummy_hash = self._hasher.hash("not a password of anyone")
            self._check(self._dummy_hash, password)
            return Checked(None, False, None)
        good = self._check(attempt.digest, password)
        rehash = (self._hasher.hash(password)
                  if good and self._hasher.check_needs_rehash(attempt.digest) else None)
        return Checked(attempt.digest, good, rehash)

    def finish_verify(self, attempt: Attempt, checked: Checked, password: str) -> Account:
        """The last, database step: count a wrong password, refuse a disabled account, or
        record the sign-in (and a stronger hash).  Should the password have changed since
        `begin_verify`, it is checked again against the new one here."""
        name, station, now = attempt.name, attempt.station, attempt.now
        row = self._conn.execute(
            "SELECT password_hash, enabled, failed_attempts FROM officer_accounts "
            "WHERE name = ?", (name,)).fetchone()
        if attempt.digest is None or row is None:
            self._audit.append(name[:64] or "?", station, "session.refused", name[:64],
                               {"why": "unknown name"})
            raise SignInRefused("unknown name or wrong password", "wrong_password")
        digest, enabled, failures = row
        if digest != checked.digest:
            checked = self.check_attempt(Attempt(name, station, str(digest), now), password)
        if not checked.good:
            with self._audit.transaction():
                self._conn.execute(
                    "UPDATE officer_accounts SET failed_attempts = failed_attempts + 1, "
                    "failed_total = failed_total + 1, last_failed_at = ? WHERE name = ?",
                    (rfc3339(now), name))
                self._audit.append(name, station, "session.refused", name,
                                   {"why": "wrong password", "failed_attempts": failures + 1})
            raise SignInRefused("unknown name or wrong password", "wrong_password")
        if not enabled:
            self._audit.append(name, station, "session.refused", name, {"why": "disabled"})
            raise SignInRefused("this account is disabled; ask an installer", "disabled")
        with self._audit.transaction():
            update = ["failed_attempts = 0", "last_sign_in_at = ?"]
            args: list[object] = [rfc3339(now)]
            if checked.rehash is not None:
                update.append("password_hash = ?")
                args.append(checked.rehash)
            self._conn.execute(
                f"UPDATE officer_accounts SET {', '.join(update)} WHERE name = ?", (*args, name))
            if checked.rehash is not None:
                self._audit.append("system", station, "user.rehash", name,
                                   {"account": self._seals.digest_of(name)})
        return self.get(name)

    def sign_in(self, name: str, password: str, station: str, *,
                idle_limit_s: float = DEFAULT_IDLE_LIMIT_S,
                clock: Callable[[], float] | None = None) -> Session:
        """Verify and open a `Session` for this station (audited as `session.sign_in`).

        Every later lock of the session is audited as `session.lock` with its reason.
        """
        account = self.verify(name, password, station=station)
        return self.open_session(account, station, idle_limit_s=idle_limit_s, clock=clock)

    def open_session(self, account: Account, station: str, *,
                     idle_limit_s: float = DEFAULT_IDLE_LIMIT_S,
                     clock: Callable[[], float] | None = None) -> Session:
        """The session of a verified account (the database step after `verify`)."""
        name = account.name
        self._audit.append(name, station, "session.sign_in", name, {"role": account.role.value})
        if clock is None:
            session = Session(name, account.role, station, idle_limit_s=idle_limit_s)
        else:
            session = Session(name, account.role, station, idle_limit_s=idle_limit_s,
                              clock=clock)
        session.on_lock(lambda s: self.record_lock(s))
        return session

    def unlock(self, session: Session, password: str) -> None:
        """Resume a locked session after its officer gave the password again."""
        self.resume(session, self.verify(session.officer, password, station=session.station))

    def resume(self, session: Session, account: Account) -> None:
        """Resume `session` for its verified account (the database step after `verify`)."""
        if account.role != session.role:
            raise SignInRefused("this account's role changed; sign in again", "role_changed")
        session.resume()
        self._audit.append(session.officer, session.station, "session.unlock", session.officer,
                           {})

    def sign_out(self, session: Session) -> None:
        """End a session: it is locked for good and the sign-out is audited."""
        session.lock("signed out")

    def _record_lock(self, session: Session) -> None:
        why = session.lock_reason
        action = "session.sign_out" if why == "signed out" else "session.lock"
        self._audit.append(session.officer, session.station, action, session.officer,
                           {"why": why})

    # ------------------------------------------------------------------ the seal

    def seal_problem(self, name: str) -> str | None:
        """Why the row of `name` cannot be trusted, in words; None when it matches its seal."""
        return self._seals.problem(name)

    def _seal_existing(self, conn: sqlite3.Connection) -> None:
        """Migration 2: record the digest of every account that exists at the upgrade."""
        for row in conn.execute("SELECT name, role, enabled, display_name FROM officer_accounts "
                                "ORDER BY name").fetchall():
            self._audit.append("system", "console", "user.sealed", row[0],
                               {"role": row[1], "enabled": bool(row[2]), "display_name": row[3],
                                "account": self._seals.digest_of(row[0])})

    # ------------------------------------------------------------------ helpers

    def _require(self, name: str) -> None:
        if self._conn.execute("SELECT 1 FROM officer_accounts WHERE name = ?",
                              (name,)).fetchone() is None:
            raise AccountError(f"no user named {name!r}")

    def hash_password(self, password: str) -> str:
        """A new password's hash, or `AccountError` if it is too short (no database)."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
        return self._hasher.hash(password)

    def _check(self, digest: str, password: str) -> bool:
        try:
            return self._hasher.verify(digest, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
