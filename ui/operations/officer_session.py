"""Who is signed in at this window, and the idle lock.

`OfficerSession` holds the console's accounts (`console.office.accounts`, in the
officer-side store) and the current `console.officers.Session` (None before
sign-in).  A sign-in or an unlock checks a password with argon2 (about 0.3 s)
and writes the audit trail: it runs on a worker thread of its own, never on the
UI thread; the window keeps drawing and the feeds keep arriving meanwhile, and
`attempt_finished` says how it went (the dialogs show a waiting state until then).  It watches the
application's keyboard and mouse input (an event filter) and calls
`Session.touch()`, and asks `check_idle()` every second: when the session
locks, `changed` is emitted and the window greys its actions and offers the
unlock dialog.  Alerts stay visible and audible whatever the state.

Signals:
    changed() – signed in, locked, unlocked or signed out
    attempt_finished(object) – a sign-in or unlock ended: None when it succeeded, else the
        exception that refused it (`SignInRefused`, or a store's or an account's error)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from console.office.accounts import OfficeAccounts
from console.officers.account import SignInRefused
from console.officers.permissions import DEFAULT_IDLE_LIMIT_S, Operation, Session

log = logging.getLogger("ui.operations")

DEMO_OFFICER = "demo"
# Printed where the demo starts and shown in its banner, so that a locked demo can be unlocked.
DEMO_PASSWORD = "demo-officer"

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})


class OfficerSession(QObject):
    changed = Signal()
    attempt_finished = Signal(object)
    _delivered = Signal(object, object)  # from the worker: (what to apply, (ok, value))

    def __init__(self, accounts: OfficeAccounts, station: str, *,
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
        self._worker: threading.Thread | None = None
        self._delivered.connect(self._deliver)  # queued: the worker is another thread
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check_idle)
        self._timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def close(self) -> None:
        """Stop the idle lock; wait for a sign-in under way (its store is closed next)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        worker = self._worker
        if worker is not None:
            worker.join(timeout=30)

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

    @property
    def busy(self) -> bool:
        """A sign-in or unlock is under way (its outcome not yet delivered)."""
        return self._worker is not None

    # -- intents ---------------------------------------------------------------
    def sign_in(self, name: str, password: str, *,
                prepare: Callable[[], None] | None = None) -> bool:
        """Start signing in at this station on a worker thread (after `prepare`, run there
        too); `attempt_finished` tells the outcome.  False when an attempt is under way."""
        if self.busy:
            return False
        if self.session is not None and not self.session.locked:
            self.accounts.sign_out(self.session)
        station, limit, clock = self.station, self.idle_limit_s, self._clock

        def work() -> Session:
            if prepare is not None:
                prepare()
            if clock is None:
                return self.accounts.sign_in(name, password, station, idle_limit_s=limit)
            return self.accounts.sign_in(name, password, station, idle_limit_s=limit,
                                         clock=clock)

        self._start(work, self._signed_in)
        return True

    def unlock(self, password: str) -> bool:
        """Start resuming the locked session (same officer) on a worker thread;
        `attempt_finished` tells the outcome.  False when an attempt is under way."""
        if self.busy:
            return False
        session = self.session
        if session is None:
            self.attempt_finished.emit(SignInRefused("nobody is signed in", "nobody_signed_in"))
            return True

        def work() -> None:
            self.accounts.unlock(session, password)

        self._start(work, lambda _none: self._unlocked())
        return True

    def _signed_in(self, session: Session) -> None:
        self.session = session
        self._was_locked = False
        self.changed.emit()

    def _unlocked(self) -> None:
        self._was_locked = False
        self.changed.emit()

    def _start(self, work: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        def run() -> None:
            try:
                outcome: tuple[bool, Any] = (True, work())
            except Exception as exc:  # delivered to the UI thread, said there
                outcome = (False, exc)
            try:
                self._delivered.emit(apply, outcome)
            except RuntimeError:  # the window is gone
                log.info("sign-in outcome not delivered: the window is closed")

        self._worker = threading.Thread(target=run, name="officer-sign-in")
        self._worker.start()

    @Slot(object, object)
    def _deliver(self, apply: Callable[[Any], None], outcome: tuple[bool, Any]) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.join()  # delivering was its last act
        ok, value = outcome
        if ok:
            apply(value)
        else:
            log.info("sign-in or unlock at %s refused: %s", self.station, value)
        self.attempt_finished.emit(None if ok else value)

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
