"""Local accounts: sign-in, wrong passwords, disabled users, unlock, audit of it all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from console.officers.account import AccountError, SignInRefused
from console.officers.permissions import Role, SessionLocked
from console.store.office.accounts import Accounts
from console.store.office.audit_trail import AuditTrail
from console.store.schema import connect

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ADMIN = {"by": "os:installer", "station": "host"}


class WallClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> WallClock:
    return WallClock()


@pytest.fixture
def accounts(tmp_path: Path, clock: WallClock) -> Accounts:
    acc = Accounts(connect(tmp_path / "console.db"), hasher=CHEAP, now=clock, cooldown_s=60)
    acc.add("A123", "officer", "correct horse", **ADMIN)
    acc.add("S001", "supervisor", "battery staple", display_name="陳組長", **ADMIN)
    return acc


def test_sign_in_opens_a_session_with_role_and_station(accounts: Accounts) -> None:
    session = accounts.sign_in("S001", "battery staple", "WS-01")
    assert (session.officer, session.role, session.station) == ("S001", Role.SUPERVISOR, "WS-01")
    account = accounts.get("S001")
    assert account.display_name == "陳組長" and account.last_sign_in_at is not None


def test_a_wrong_password_is_refused_and_counted(accounts: Accounts) -> None:
    for n in (1, 2):
        with pytest.raises(SignInRefused, match="wrong password"):
            accounts.sign_in("A123", "Correct horse", "WS-07")
        assert accounts.get("A123").failed_attempts == n
    accounts.sign_in("A123", "correct horse", "WS-07")
    account = accounts.get("A123")
    assert (account.failed_attempts, account.failed_total) == (0, 2)
    refused = [e for e in accounts.audit.entries(action_prefix="session.refused")]
    assert [e.details["why"] for e in refused] == ["wrong password", "wrong password"]
    assert all(e.station == "WS-07" for e in refused)


def test_unknown_name_gets_the_same_answer_as_a_wrong_password(accounts: Accounts) -> None:
    with pytest.raises(SignInRefused) as unknown:
        accounts.sign_in("Z999", "correct horse", "WS-07")
    with pytest.raises(SignInRefused) as wrong:
        accounts.sign_in("A123", "wrong horse!", "WS-07")
    assert unknown.value.reason == wrong.value.reason


def test_too_many_wrong_passwords_cool_the_account_down(
    accounts: Accounts, clock: WallClock
) -> None:
    for _ in range(5):
        with pytest.raises(SignInRefused):
            accounts.sign_in("A123", "guess guess", "WS-07")
    with pytest.raises(SignInRefused, match="5 wrong passwords in a row"):
        accounts.sign_in("A123", "correct horse", "WS-07")
    clock.now += timedelta(seconds=61)
    assert accounts.sign_in("A123", "correct horse", "WS-07").officer == "A123"


def test_a_disabled_user_cannot_sign_in(accounts: Accounts) -> None:
    accounts.set_enabled("A123", False, **ADMIN)
    with pytest.raises(SignInRefused, match="disabled"):
        accounts.sign_in("A123", "correct horse", "WS-07")
    accounts.set_enabled("A123", True, **ADMIN)
    assert accounts.sign_in("A123", "correct horse", "WS-07").role is Role.OFFICER


def test_a_locked_session_needs_the_officers_own_password(accounts: Accounts) -> None:
    now = [0.0]
    session = accounts.sign_in("A123", "correct horse", "WS-07", idle_limit_s=60,
                               clock=lambda: now[0])
    now[0] = 61.0
    with pytest.raises(SessionLocked):
        session.authorize("ack")
    with pytest.raises(SignInRefused):
        accounts.unlock(session, "battery staple")  # the supervisor's password is not his
    assert session.locked
    accounts.unlock(session, "correct horse")
    assert session.authorize("ack").station == "WS-07"
    actions = [e.action for e in accounts.audit.entries(target="A123")]
    assert actions[-4:] == ["session.sign_in", "session.lock", "session.refused",
                            "session.unlock"]
    lock = next(accounts.audit.entries(action_prefix="session.lock"))
    assert lock.details == {"why": "idle for 60 s"}
    accounts.sign_out(session)
    with pytest.raises(SessionLocked):
        session.authorize("ack")
    assert list(accounts.audit.entries())[-1].action == "session.sign_out"


def test_password_change_takes_effect_and_clears_the_count(accounts: Accounts) -> None:
    with pytest.raises(SignInRefused):
        accounts.sign_in("A123", "forgotten one", "WS-07")
    accounts.set_password("A123", "new password 2", **ADMIN)
    assert accounts.get("A123").failed_attempts == 0
    with pytest.raises(SignInRefused):
        accounts.sign_in("A123", "correct horse", "WS-07")
    accounts.sign_in("A123", "new password 2", "WS-07")


@pytest.mark.parametrize(
    ("name", "role", "password", "reason"),
    [
        ("A123", "officer", "long enough", "already exists"),
        ("bad name", "officer", "long enough", "user name"),
        ("B1", "admin", "long enough", "unknown role"),
        ("B1", "officer", "short", "at least 8"),
    ],
)
def test_bad_accounts_are_refused(
    accounts: Accounts, name: str, role: str, password: str, reason: str
) -> None:
    with pytest.raises(AccountError, match=reason):
        accounts.add(name, role, password, **ADMIN)
    assert [a.name for a in accounts.list()] == ["A123", "S001"]


def test_changes_to_unknown_users_are_refused(accounts: Accounts) -> None:
    with pytest.raises(AccountError, match="no user"):
        accounts.set_enabled("nobody", False, **ADMIN)
    with pytest.raises(AccountError, match="no user"):
        accounts.set_password("nobody", "long enough", **ADMIN)


def test_a_weak_hash_is_upgraded_at_sign_in(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    Accounts(connect(db), hasher=CHEAP).add("A123", "officer", "correct horse", **ADMIN)
    strong = PasswordHasher()
    Accounts(connect(db), hasher=strong).sign_in("A123", "correct horse", "WS-07")
    stored = connect(db).execute(
        "SELECT password_hash FROM officer_accounts WHERE name = 'A123'").fetchone()[0]
    assert stored.startswith("$argon2id$") and not strong.check_needs_rehash(stored)


def test_passwords_are_stored_only_as_salted_hashes(accounts: Accounts, tmp_path: Path) -> None:
    accounts.add("A124", "officer", "correct horse", **ADMIN)
    rows = dict(connect(tmp_path / "console.db").execute(
        "SELECT name, password_hash FROM officer_accounts"))
    assert rows["A123"] != rows["A124"]  # same password, different salt
    files = [p for p in tmp_path.iterdir() if p.name.startswith("console.db")]
    assert files and all(b"correct horse" not in p.read_bytes() for p in files)


def test_every_administration_step_is_audited(accounts: Accounts, tmp_path: Path) -> None:
    accounts.set_enabled("A123", False, **ADMIN)
    accounts.set_password("A123", "new password 2", **ADMIN)
    trail = AuditTrail(connect(tmp_path / "console.db"))
    assert [(e.action, e.target, e.actor) for e in trail.entries()] == [
        ("user.add", "A123", "os:installer"), ("user.add", "S001", "os:installer"),
        ("user.disable", "A123", "os:installer"), ("user.passwd", "A123", "os:installer")]
    assert trail.verify().ok
