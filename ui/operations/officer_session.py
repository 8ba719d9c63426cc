"""Who is signed in at this window, and the idle lock.

`OfficerSession` holds the console's `Accounts` and the current
`console.officers.Session` (None before sign-in).  It watches the
application's keyboard and mouse input (an event filter) and calls
`Session.touch()`, and asks `check_idle()` every second: when the session
locks, `changed` is emitted and the window greys its actions and offers the
unlock dialog.  Alerts stay visible and audible whatever the state.

Signals:
    changed() – signed in, locked, unlocked or signed out
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from console.officers.account import SignInRefused
from console.officers.permissions import DEFAULT_IDLE_LIMIT_S, Operation, Session
from console.store.office.accounts import Accounts

DEMO_OFFICER = "demo"
# Printed where the demo starts and shown in its banner, so that a locked demo can be unlocked.
DEMO_PASSWORD = "demo-officer"

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


class OfficerSession(QObject):
    changed = Signal()

    def __init__(self, accounts: Accounts, station: str, *,
                 idle_limit_s: float = DEFAULT_IDLE_LIMIT_S,
                 clock: Callable[[], float] | None = None, demo: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.station = station
        self.idle_limit_s = idle_limit_s
        self.demo = demo
        self.session: Session | None = None
        self._clock = clock
        self._was_locked = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check_idle)
        self._timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def close(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- state -----------------------------------------------------------------
    @property
    def demo_signed_in(self) -> bool:
        """The demo officer is the one signed in (not another officer who signed in since)."""
        return self.demo and self.session is not None and self.session.officer == DEMO_OFFICER

    @property
    def signed_in(self) -> bool:
        return self.session is not None

    @property
    def locked(self) -> bool:
        """No session, or a locked one: nothing may be done."""
        return self.session is None or self.session.locked

    def may(self, operation: Operation | str) -> bool:
        return self.session is not None and self.session.may(operation)

    def has_accounts(self) -> bool:
        return bool(self.accounts.list())

    # -- intents ---------------------------------------------------------------
    def sign_in(self, name: str, password: str) -> None:
        """Sign in at this station, or raise `SignInRefused` with the reason in words."""
        if self.session is not None and not self.session.locked:
            self.accounts.sign_out(self.session)
        if self._clock is None:
            session = self.accounts.sign_in(name, password, self.station,
                                            idle_limit_s=self.idle_limit_s)
        else:
            session = self.accounts.sign_in(name, password, self.station,
                                            idle_limit_s=self.idle_limit_s, clock=self._clock)
        self.session = session
        self._was_locked = False
        self.changed.emit()

    def unlock(self, password: str) -> None:
        """Resume the locked session (same officer), or raise `SignInRefused`."""
        if self.session is None:
            raise SignInRefused("nobody is signed in", "nobody_signed_in")
        self.accounts.unlock(self.session, password)
        self._was_locked = False
        self.changed.emit()

    def lock(self) -> None:
        if self.session is not None and not self.session.locked:
            self.session.lock()
        self.check_idle()

    def sign_out(self) -> None:
        if self.session is not None:
            self.accounts.sign_out(self.session)
            self.session = None
            self._was_locked = False
            self.changed.emit()

    def check_idle(self) -> None:
        """Lock an idle session; emit `changed` once when it becomes locked."""
        if self.session is None:
            return
        locked = self.session.check_idle()
        if locked != self._was_locked:
            self._was_locked = locked
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.session is not None:
            self.session.touch()
        return False
