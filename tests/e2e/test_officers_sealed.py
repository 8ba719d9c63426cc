"""Accounts sealed in the audit trail (issue 13, item 5): a direct edit of the table is refused.

Someone with write access to the database file changes `officer_accounts`
with sqlite3 on the real file; the next sign-in must refuse, say why, and
record it (`user.tampered`).  With the station key, an audit entry forged to
match (hash recomputed with the public algorithm) does not help either.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from console.audit.entries import AuditEntry
from console.audit.station_key import StationKey, ensure_station_key
from console.officers.account import AccountError, SignInRefused, account_digest
from console.officers.permissions import Operation, PermissionDenied, Role
from console.store.office.accounts import MIGRATIONS, Accounts
from console.store.schema import connect, migrate

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
ADMIN = {"by": "os:installer", "station": "host"}
PASSWORD = "correct horse"


@pytest.fixture
def key(tmp_path: Path) -> StationKey:
    return ensure_station_key(tmp_path / "key")[0]


def open_accounts(db: Path, key: StationKey | None = None) -> Accounts:
    return Accounts(connect(db), hasher=CHEAP, signer=key)


def tamper(db: Path, sql: str, *args: object) -> None:
    """What an attacker does with sqlite3 on the real file."""
    conn = sqlite3.connect(db)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("key_present", [False, True])
def test_a_role_raised_in_the_table_is_refused_and_recorded(
    tmp_path: Path, key: StationKey, key_present: bool
) -> None:
    db = tmp_path / "console.db"
    accounts = open_accounts(db, key if key_present else None)
    accounts.add("A123", "officer", PASSWORD, **ADMIN)
    session = accounts.sign_in("A123", PASSWORD, "WS-07")
    with pytest.raises(PermissionDenied):
        session.authorize(Operation.REOPEN)
    tamper(db, "UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    with pytest.raises(SignInRefused, match="changed outside the console") as refused:
        accounts.sign_in("A123", PASSWORD, "WS-07")
    assert "role supervisor" in refused.value.reason
    [entry] = list(accounts.audit.entries(action_prefix="user.tampered"))
    assert entry.target == "A123" and entry.station == "WS-07"
    assert "changed outside the console" in entry.details["why"]
    assert accounts.audit.verify(key if key_present else None).ok


def test_unlock_refuses_a_row_changed_while_signed_in(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    accounts = open_accounts(db)
    accounts.add("A123", "officer", PASSWORD, **ADMIN)
    session = accounts.sign_in("A123", PASSWORD, "WS-07")
    session.lock()
    tamper(db, "UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    with pytest.raises(SignInRefused, match="changed outside the console"):
        accounts.unlock(session, PASSWORD)
    assert session.locked and session.role is Role.OFFICER


def test_other_direct_edits_are_refused(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    accounts = open_accounts(db)
    accounts.add("A123", "officer", PASSWORD, **ADMIN)
    accounts.add("S001", "supervisor", "battery staple", **ADMIN)
    accounts.add("A124", "officer", PASSWORD, **ADMIN)
    accounts.set_enabled("A124", False, **ADMIN)
    # the officer's own password hash copied onto the supervisor's account
    tamper(db, "UPDATE officer_accounts SET password_hash = (SELECT password_hash FROM "
               "officer_accounts WHERE name = 'A123') WHERE name = 'S001'")
    with pytest.raises(SignInRefused, match="changed outside the console"):
        accounts.sign_in("S001", PASSWORD, "WS-07")
    tamper(db, "UPDATE officer_accounts SET enabled = 1 WHERE name = 'A124'")
    with pytest.raises(SignInRefused, match="changed outside the console"):
        accounts.sign_in("A124", PASSWORD, "WS-07")
    tamper(db, "INSERT INTO officer_accounts (name, role, password_hash, created_at, changed_at) "
               "SELECT 'X999', 'supervisor', password_hash, created_at, changed_at "
               "FROM officer_accounts WHERE name = 'A123'")
    with pytest.raises(SignInRefused, match="never recorded it"):
        accounts.sign_in("X999", PASSWORD, "WS-07")
    assert accounts.sign_in("A123", PASSWORD, "WS-07").role is Role.OFFICER


def test_a_forged_audit_entry_does_not_pass_with_the_station_key(
    tmp_path: Path, key: StationKey
) -> None:
    db = tmp_path / "console.db"
    accounts = open_accounts(db, key)
    accounts.add("A123", "officer", PASSWORD, **ADMIN)
    # The attacker raises the role and appends a matching, correctly chained entry.
    tamper(db, "UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT password_hash FROM officer_accounts").fetchone()
    seq, prev = conn.execute("SELECT seq, hash FROM audit_entries ORDER BY seq DESC").fetchone()
    forged = AuditEntry(seq + 1, "2026-12-02T10:00:00.000+00:00", "os:installer", "host",
                        "user.passwd", "A123",
                        {"account": account_digest("A123", "supervisor", True, row[0], None)},
                        prev, "")
    conn.execute("INSERT INTO audit_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (forged.seq, forged.at, forged.actor, forged.station, forged.action,
                  forged.target, json.dumps(forged.details), prev, forged.expected_hash()))
    conn.commit()
    conn.close()
    with pytest.raises(SignInRefused, match="not signed by this station's key"):
        accounts.sign_in("A123", PASSWORD, "WS-07")
    assert not accounts.audit.verify(key).ok


def test_a_new_password_restores_the_recorded_role(tmp_path: Path, key: StationKey) -> None:
    db = tmp_path / "console.db"
    accounts = open_accounts(db, key)
    accounts.add("A123", "officer", PASSWORD, **ADMIN)
    tamper(db, "UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    with pytest.raises(AccountError, match="users passwd A123"):
        accounts.set_enabled("A123", False, **ADMIN)
    accounts.set_password("A123", "new password 1", **ADMIN)
    assert accounts.get("A123").role is Role.OFFICER
    session = accounts.sign_in("A123", "new password 1", "WS-07")
    assert session.role is Role.OFFICER
    restore = [e for e in accounts.audit.entries(target="A123") if e.action == "user.restore"]
    assert len(restore) == 1 and restore[0].details["role"] == "officer"
    assert accounts.audit.verify(key).ok


def test_accounts_from_before_the_seal_are_sealed_at_the_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    conn = connect(db)
    migrate(conn, "officers", MIGRATIONS[:1])  # the previous release's table, filled directly
    digest = CHEAP.hash(PASSWORD)
    conn.execute("INSERT INTO officer_accounts (name, role, password_hash, created_at, "
                 "changed_at) VALUES ('A123', 'officer', ?, 'then', 'then')", (digest,))
    conn.commit()
    accounts = Accounts(conn, hasher=CHEAP)
    [sealed] = [e for e in accounts.audit.entries() if e.action == "user.sealed"]
    assert sealed.target == "A123" and sealed.details["role"] == "officer"
    assert accounts.sign_in("A123", PASSWORD, "WS-07").role is Role.OFFICER
    tamper(db, "UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    with pytest.raises(SignInRefused, match="changed outside the console"):
        accounts.sign_in("A123", PASSWORD, "WS-07")


def test_a_password_rehashed_at_sign_in_stays_sealed(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    open_accounts(db).add("A123", "officer", PASSWORD, **ADMIN)
    stronger = Accounts(connect(db), hasher=PasswordHasher(time_cost=2, memory_cost=16,
                                                            parallelism=1))
    stronger.sign_in("A123", PASSWORD, "WS-07")
    assert [e.action for e in stronger.audit.entries(action_prefix="user.rehash")] == \
        ["user.rehash"]
    assert stronger.sign_in("A123", PASSWORD, "WS-07").role is Role.OFFICER


def test_entries_deleted_to_undo_a_disable_do_not_re_enable_the_account(
    tmp_path: Path, key: StationKey
) -> None:
    db = tmp_path / "console.db"
    accounts = open_accounts(db, key)
    accounts.add("A124", "officer", PASSWORD, **ADMIN)
    accounts.set_enabled("A124", False, **ADMIN)
    # The disable is the last entry: deleting it and setting enabled back makes the row
    # match the earlier `user.add` again.  The signed anchor still records it.
    conn = sqlite3.connect(db)
    conn.executescript(
        "DROP TRIGGER audit_entries_no_delete; DROP TRIGGER audit_signatures_no_delete; "
        "DELETE FROM audit_signatures WHERE seq = (SELECT max(seq) FROM audit_entries); "
        "DELETE FROM audit_entries WHERE seq = (SELECT max(seq) FROM audit_entries); "
        "UPDATE officer_accounts SET enabled = 1 WHERE name = 'A124';")
    conn.close()
    with pytest.raises(SignInRefused, match="signed anchor records 2"):
        accounts.sign_in("A124", PASSWORD, "WS-07")


def test_an_entry_deleted_from_the_middle_is_noticed_at_sign_in(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    accounts = open_accounts(db)
    accounts.add("A123", "officer", PASSWORD, **ADMIN)
    accounts.add("A124", "officer", PASSWORD, **ADMIN)
    tamper(db, "DROP TRIGGER audit_entries_no_delete")
    tamper(db, "DELETE FROM audit_entries WHERE seq = 1")
    with pytest.raises(SignInRefused, match="1 audit entries were removed"):
        accounts.sign_in("A124", PASSWORD, "WS-07")


def test_users_list_and_passwd_through_the_real_program(tmp_path: Path) -> None:
    from tests.support.console_process import read_jsonl, run_cli

    db = tmp_path / "console.db"
    open_accounts(db).add("A123", "officer", PASSWORD, **ADMIN)
    tamper(db, "UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    table = run_cli("users", "list", "--db", db).stdout
    assert "TAMPERED" in table.splitlines()[1]
    [listed] = read_jsonl(run_cli("users", "list", "--db", db, "--format", "jsonl").stdout)
    assert "changed outside the console" in listed["changed_outside"]
    run_cli("users", "passwd", "A123", "--db", db, stdin="new password 1\n")
    [fixed] = read_jsonl(run_cli("users", "list", "--db", db, "--format", "jsonl").stdout)
    assert fixed["role"] == "officer" and fixed["changed_outside"] is None
