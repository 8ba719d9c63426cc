"""Account changes and sign-ins go through the one officer-side store (issue 15).

The accounts live on the store's writer connection: every read and write is a
job of its writer, in submission order with the alert changes and outbox rows,
appending to the one audit chain.  The argon2 hashing runs on the calling
thread, never on the writer (so an alert change never waits for a hash).  Real
SQLite file, real argon2 (a hasher that also notes the thread it ran on).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from console.officers.account import SignInRefused
from console.store.office.sqlite import SqliteOfficeStore

PASSWORD = "correct horse 7"


class NotingHasher(PasswordHasher):
    """argon2 as the store uses it, noting which thread each hash and check ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.threads.append(threading.current_thread().name)
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.threads.append(threading.current_thread().name)
        return super().verify(hash, password)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    hasher = NotingHasher()
    s = SqliteOfficeStore(tmp_path / "console.db", hasher=hasher)
    yield s, hasher
    s.close()


def _in_thread(work: Any) -> tuple[threading.Thread, list[Any]]:
    out: list[Any] = []
    t = threading.Thread(target=lambda: out.append(work()), name="caller")
    t.start()
    return t, out


def test_account_changes_wait_for_the_one_writer(store: Any) -> None:
    """While the office writer is busy, an account change (after its hashing) waits its
    turn behind it: it is a job of that writer, not a connection of its own."""
    s, hasher = store
    gate = threading.Event()
    s._writer.submit(gate.wait)  # the writer busy with an earlier officer-side write
    t, out = _in_thread(lambda: s.accounts.add("A123", "officer", PASSWORD, by="test",
                                               station="TEST"))
    deadline = time.monotonic() + 10
    while not hasher.threads and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    assert hasher.threads == ["caller"]  # hashed already, on the caller's thread
    assert t.is_alive() and out == []  # but not written: the writer has not come to it
    gate.set()
    t.join(timeout=10)
    assert [a.name for a in out] == ["A123"]
    assert [e.action for e in s.audit.entries(target="A123")] == ["user.add"]


def test_a_sign_in_hashes_on_the_callers_thread_and_writes_through_the_writer(
    store: Any
) -> None:
    s, hasher = store
    s.accounts.add("A123", "officer", PASSWORD, by="test", station="TEST")
    with pytest.raises(SignInRefused):
        s.accounts.sign_in("A123", "not the password", "WS-07")
    t, out = _in_thread(lambda: s.accounts.sign_in("A123", PASSWORD, "WS-07"))
    t.join(timeout=20)
    [session] = out
    assert session.officer == "A123" and not session.locked
    assert "office-writer" not in hasher.threads and "caller" in hasher.threads
    gate = threading.Event()
    s._writer.submit(gate.wait)
    started = time.monotonic()
    session.lock("locked by hand")  # on the UI thread in the window: it must not wait
    assert time.monotonic() - started < 0.2
    gate.set()
    s.settle()
    actions = [e.action for e in s.audit.entries(target="A123")]
    assert actions == ["user.add", "session.refused", "session.sign_in", "session.lock"]
    assert s.accounts.get("A123").failed_attempts == 0
    assert s.audit.verify().ok  # one chain, every entry in order


def test_a_wrong_password_is_counted_and_the_cool_down_refuses_without_hashing(
    tmp_path: Path
) -> None:
    hasher = NotingHasher()
    s = SqliteOfficeStore(tmp_path / "console.db", hasher=hasher)
    try:
        s.accounts.add("A123", "officer", PASSWORD, by="test", station="TEST")
        for _ in range(5):
            with pytest.raises(SignInRefused):
                s.accounts.sign_in("A123", "guess guess", "WS-07")
        assert s.accounts.get("A123").failed_attempts == 5
        hashed = len(hasher.threads)
        with pytest.raises(SignInRefused) as refused:
            s.accounts.sign_in("A123", PASSWORD, "WS-07")
        assert refused.value.code == "cooling_down"
        assert len(hasher.threads) == hashed  # refused before any hashing
    finally:
        s.close()
