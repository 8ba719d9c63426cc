"""Who may do what, and the signed-in session that every action goes through.

The window and the headless mode call the same operations; each operation
first asks the officer's `Session` for permission (`Session.authorize`), which
answers with the `Actor` to record in the audit trail (officer, role, station)
or raises:

- `SessionLocked` when the console is locked (idle too long, or locked by
  hand): alerts stay visible and audible, but nothing may be done until the
  officer signs in again (`Accounts.unlock`);
- `PermissionDenied` when the role does not allow the operation, with the
  reason in plain words for the officer to read.

The rules (supervision-rules.md, issue 6): an officer acknowledges, resolves,
shelves, escalates, comments and claims; a supervisor may do all of that, and
also reopen a resolved alert and see escalations; an installer administers
users and configuration and does no alert operation at all.

A session has no timer of its own (the core runs without Qt and without a
loop of its own): the window asks `check_idle()` on a timer of its choosing,
`seconds_until_lock()` tells it when, and every user input calls `touch()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    INSTALLER = "installer"


class Operation(StrEnum):
    ACK = "ack"
    RESOLVE = "resolve"
    SHELVE = "shelve"
    ESCALATE = "escalate"
    COMMENT = "comment"
    CLAIM = "claim"
    REOPEN = "reopen"
    SEE_ESCALATIONS = "see_escalations"
    MANAGE_USERS = "manage_users"
    CONFIGURE = "configure"


_ALERT_WORK = frozenset({
    Operation.ACK, Operation.RESOLVE, Operation.SHELVE,
    Operation.ESCALATE, Operation.COMMENT, Operation.CLAIM,
})

PERMISSIONS: dict[Role, frozenset[Operation]] = {
    Role.OFFICER: _ALERT_WORK,
    Role.SUPERVISOR: _ALERT_WORK | {Operation.REOPEN, Operation.SEE_ESCALATIONS},
    Role.INSTALLER: frozenset({Operation.MANAGE_USERS, Operation.CONFIGURE}),
}

_WHAT: dict[Operation, str] = {
    Operation.ACK: "acknowledge an alert",
    Operation.RESOLVE: "resolve an alert",
    Operation.SHELVE: "shelve an alert",
    Operation.ESCALATE: "escalate an alert",
    Operation.COMMENT: "comment on an alert",
    Operation.CLAIM: "claim an alert",
    Operation.REOPEN: "reopen a resolved alert",
    Operation.SEE_ESCALATIONS: "see escalated alerts",
    Operation.MANAGE_USERS: "manage user accounts",
    Operation.CONFIGURE: "change the configuration",
}

DEFAULT_IDLE_LIMIT_S = 300.0


class PermissionDenied(Exception):
    """The signed-in role may not do this; `reason` is for the officer to read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SessionLocked(Exception):
    """The console is locked; actions need the officer to sign in again."""

    def __init__(self, reason: str = "the console is locked; sign in again to act") -> None:
        super().__init__(reason)
        self.reason = reason


def allowed(role: Role | str, operation: Operation | str) -> bool:
    """Whether `role` may do `operation` (unknown roles and operations may do nothing)."""
    try:
        return Operation(operation) in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def check(role: Role | str, operation: Operation | str) -> None:
    """Raise `PermissionDenied` unless `role` may do `operation`."""
    if allowed(role, operation):
        return
    try:
        what = _WHAT[Operation(operation)]
    except ValueError:
        raise PermissionDenied(f"{operation!r} is not an operation of this console") from None
    needs = [r.value for r in Role if Operation(operation) in PERMISSIONS[r]]
    raise PermissionDenied(
        f"a {role} may not {what}; this needs the role of {' or '.join(needs)}"
    )


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, in which role, from which station: what every audit entry names."""

    officer: str
    role: Role
    station: str


class Session:
    """One officer signed in at one station.

    `authorize(op)` is the gate of every operation: it raises `SessionLocked`
    or `PermissionDenied`, else counts as activity and returns the `Actor`.
    `clock` is a monotonic clock in seconds (injected by tests).  Listeners
    added with `on_lock` are called once, with the session, when it locks.
    """

    def __init__(
        self,
        officer: str,
        role: Role | str,
        station: str,
        *,
        idle_limit_s: float = DEFAULT_IDLE_LIMIT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not officer or not station:
            raise ValueError("a session needs an officer and a station id")
        if idle_limit_s <= 0:
            raise ValueError("the idle limit must be positive")
        self.actor = Actor(officer, Role(role), station)
        self.idle_limit_s = idle_limit_s
        self._clock = clock
        self._last_activity = clock()
        self._locked = False
        self._lock_reason: str | None = None
        self._lock_listeners: list[Callable[[Session], None]] = []

    @property
    def officer(self) -> str:
        return self.actor.officer

    @property
    def role(self) -> Role:
        return self.actor.role

    @property
    def station(self) -> str:
        return self.actor.station

    @property
    def last_activity(self) -> float:
        """The clock reading of the officer's last input or action."""
        return self._last_activity

    @property
    def locked(self) -> bool:
        return self.check_idle()

    @property
    def lock_reason(self) -> str | None:
        """Why the session is locked (`None` while it is not)."""
        return self._lock_reason if self.check_idle() else None

    def on_lock(self, listener: Callable[[Session], None]) -> None:
        self._lock_listeners.append(listener)

    def seconds_until_lock(self) -> float:
        """How long until idleness locks the session (0 when it is locked)."""
        if self.check_idle():
            return 0.0
        return max(0.0, self._last_activity + self.idle_limit_s - self._clock())

    def check_idle(self) -> bool:
        """Lock the session if it was idle too long; return whether it is locked."""
        if not self._locked and self._clock() - self._last_activity >= self.idle_limit_s:
            self.lock(f"idle for {self.idle_limit_s:g} s")
        return self._locked

    def touch(self) -> bool:
        """Record user input; an already locked session stays locked (returns False)."""
        if self.check_idle():
            return False
        self._last_activity = self._clock()
        return True

    def lock(self, reason: str = "locked by hand") -> None:
        """Lock now (idle time, or the officer stepping away)."""
        if self._locked:
            return
        self._locked = True
        self._lock_reason = reason
        for listener in list(self._lock_listeners):
            listener(self)

    def resume(self) -> None:
        """Unlock after the officer's password was verified again (`Accounts.unlock` calls this)."""
        self._locked = False
        self._lock_reason = None
        self._last_activity = self._clock()

    def may(self, operation: Operation | str) -> bool:
        """Whether `authorize(operation)` would pass now, without counting as activity."""
        return not self.check_idle() and allowed(self.role, operation)

    def authorize(self, operation: Operation | str) -> Actor:
        """Permit one operation or raise; a permitted operation counts as activity."""
        if self.check_idle():
            raise SessionLocked()
        check(self.role, operation)
        self._last_activity = self._clock()
        return self.actor
