"""A sign-in never blocks the window: argon2 runs while the UI thread keeps ticking.

A real officer-side store on a SQLite file, a real (deliberately slow) argon2
hasher, the real sign-in dialog.  A 10 ms QTimer on the UI thread measures the
longest stall while the password is checked; before this change the whole
check ran inside the dialog's OK and the timer stopped for all of it.
"""

from __future__ import annotations

import time
from pathlib import Path

from argon2 import PasswordHasher
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from console.store.office.sqlite import SqliteOfficeStore
from ui.operations.officer_session import OfficerSession
from ui.operations.sign_in_dialog import SignInDialog

PASSWORD = "correct horse 7"


def test_the_ui_thread_keeps_ticking_while_a_sign_in_is_checked(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    store = SqliteOfficeStore(tmp_path / "console.db", hasher=PasswordHasher(time_cost=12))
    officers = OfficerSession(store.accounts, "WS-07")
    dialog = SignInDialog(officers)
    qtbot.addWidget(dialog)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    try:
        store.accounts.add("A123", "officer", PASSWORD, by="test", station="TEST")
        dialog.show()
        dialog.name.setText("A123")
        dialog.password.setText(PASSWORD)
        timer.start()
        qtbot.wait(50)
        started = time.perf_counter()
        dialog.try_sign_in()
        assert dialog.waiting and dialog.waiting_line.text() == "Signing in…"
        assert officers.busy and not officers.signed_in
        qtbot.waitUntil(lambda: not dialog.waiting, timeout=30_000)
        took = time.perf_counter() - started
        timer.stop()
        assert officers.signed_in and officers.session is not None
        assert officers.session.officer == "A123" and not dialog.isVisible()
        during = [t for t in ticks if t >= started] + [started + took]
        gaps = [b - a for a, b in zip([started, *during], during, strict=False)]
        longest = max(gaps)
        print(f"sign-in took {took * 1000:.0f} ms; {len(during) - 1} ticks; "
              f"longest UI stall {longest * 1000:.0f} ms")
        assert took > 0.2  # the check really took its time (a slow argon2)
        assert longest < min(0.25, took / 2), (took, longest)
        actions = [e.action for e in store.audit.entries(target="A123")]
        assert actions == ["user.add", "session.sign_in"]
    finally:
        timer.stop()
        officers.close()
        dialog.close()
        store.close()
