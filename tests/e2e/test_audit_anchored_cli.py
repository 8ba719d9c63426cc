"""The audit trail anchored outside the database: the attacks of issue 13, item 3.

Through the real program: `config init` makes the station key, `users …`
writes signed entries, and someone with write access to the database file
(sqlite3 on the real file, triggers dropped) cuts, empties, or rewrites and
rehashes the trail with the project's own public algorithm, or re-signs it
with a key of their own.  `history audit --verify` must fail on each.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from console.audit.anchor import entry_message
from console.audit.entries import GENESIS_HASH, AuditEntry
from console.audit.station_key import ensure_station_key, load_station_key, station_key_dir
from console.store.office.accounts import Accounts

pytestmark = pytest.mark.e2e

PROGRAM = str(Path(sys.executable).with_name("yard-console"))
PASSWORD = "correct horse 7"
TRIGGERS = ("audit_entries_no_update", "audit_entries_no_delete", "audit_entries_chained",
            "audit_signatures_no_update", "audit_signatures_no_delete")


def cli(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PROGRAM, *map(str, args)], capture_output=True, text=True,
                          input=stdin, timeout=60, check=False)


def verify(db: Path, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    return cli("history", "audit", "--db", db, "--verify", *extra)


@pytest.fixture
def key_dir() -> Path:
    """The station key where every `yard-console` process of this workstation finds it."""
    folder = station_key_dir()
    ensure_station_key(folder)
    return folder


@pytest.fixture
def db(tmp_path: Path, key_dir: Path) -> Path:
    """Five signed entries, written as `users add|disable|enable` write them."""
    path = tmp_path / "data" / "console.db"
    path.parent.mkdir()
    accounts = Accounts.open(path, signer=load_station_key(key_dir))
    for name, role in (("A123", "officer"), ("A124", "officer"), ("S001", "supervisor")):
        accounts.add(name, role, PASSWORD, by="os:root", station="WS-07")
    accounts.set_enabled("A124", False, by="os:root", station="WS-07")
    accounts.set_enabled("A124", True, by="os:root", station="WS-07")
    accounts.close()
    return path


def hacked(db: Path) -> sqlite3.Connection:
    """The attacker's connection to the real file, with every protecting trigger dropped."""
    conn = sqlite3.connect(db)
    for trigger in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    return conn


def cut(db: Path, where: str = "") -> None:
    """Remove entries (and their signatures) with the triggers dropped: `where` or all."""
    conn = hacked(db)
    conn.execute(f"DELETE FROM audit_signatures {where}")
    conn.execute(f"DELETE FROM audit_entries {where}")
    conn.commit()
    conn.close()


def rewrite_and_rehash(db: Path, seq: int, actor: str,
                       resign: Ed25519PrivateKey | None = None) -> None:
    """Change one entry and recompute every later hash with the public algorithm."""
    conn = hacked(db)
    rows = conn.execute("SELECT seq, at, actor, station, action, target, details FROM "
                        "audit_entries ORDER BY seq").fetchall()
    prev = GENESIS_HASH
    for r in rows:
        who = actor if r[0] == seq else r[2]
        entry = AuditEntry(r[0], r[1], who, r[3], r[4], r[5], json.loads(r[6]), prev, "")
        digest = entry.expected_hash()
        conn.execute("UPDATE audit_entries SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                     (who, prev, digest, r[0]))
        if resign is not None:
            conn.execute("UPDATE audit_signatures SET signature = ? WHERE seq = ?",
                         (resign.sign(entry_message(digest).encode()).hex(), r[0]))
        prev = digest
    conn.commit()
    conn.close()


def test_config_init_makes_a_private_key_outside_the_database(tmp_path: Path) -> None:
    done = cli("config", "init", "--station", "WS-07", "--feed", "wss://gw.example/terminal")
    assert done.returncode == 0, done.stderr
    key_dir = Path(os.environ["XDG_CONFIG_HOME"]) / "yard-console" / "station-key"
    private = key_dir / "station.key"
    assert f"created the station key {private}" in done.stdout and "SHA256:" in done.stdout
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_dir.stat().st_mode) == 0o700
    assert (key_dir / "station.pub").is_file()
    db = tmp_path / "data" / "console.db"
    db.parent.mkdir()
    assert cli("users", "add", "A123", "--role", "officer", "--db", db,
               stdin=PASSWORD + "\n").returncode == 0
    assert key_dir not in db.parents and db.parent not in private.parents
    assert b"PRIVATE KEY" not in db.read_bytes()
    signed = verify(db)
    assert signed.returncode == 0 and "1 of 1 entries signed" in signed.stdout


def test_an_untouched_trail_verifies_signed_and_anchored(db: Path) -> None:
    ok = verify(db)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "intact: 5 entries" in ok.stdout
    assert re.search(r"signatures: 5 of 5 entries signed by station key SHA256:[0-9a-f]{64}",
                     ok.stdout)
    assert "anchor: the station signed 5 entries" in ok.stdout
    listing = cli("history", "audit", "--db", db)
    assert len(listing.stdout.splitlines()) == 5
    head = re.search(r"audit trail: 5 entries, head ([0-9a-f]{64})", listing.stderr)
    assert head is not None and head.group(1) in ok.stdout


def test_the_last_entry_removed_fails_verify(db: Path) -> None:
    cut(db, "WHERE seq = 5")
    broken = verify(db)
    assert broken.returncode == 1
    assert "BROKEN" in broken.stdout
    assert "holds 4 entries but the signed anchor records 5" in broken.stdout
    assert "removed from the end" in broken.stdout


def test_every_entry_removed_fails_verify(db: Path) -> None:
    cut(db)
    broken = verify(db)
    assert broken.returncode == 1
    assert "holds 0 entries" in broken.stdout and "emptied" in broken.stdout


def test_an_entry_rewritten_and_every_later_hash_recomputed_fails_verify(db: Path) -> None:
    rewrite_and_rehash(db, 2, "B999")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT actor FROM audit_entries WHERE seq = 2").fetchone() == ("B999",)
    conn.close()
    broken = verify(db)
    assert broken.returncode == 1
    assert "entry 2 (user.add by B999" in broken.stdout
    assert "not signed by this station's key" in broken.stdout


def test_signatures_stripped_after_a_rewrite_fail_verify(db: Path) -> None:
    rewrite_and_rehash(db, 3, "B999")
    conn = hacked(db)
    conn.execute("DELETE FROM audit_signatures")  # the entries stay, unsigned
    conn.commit()
    conn.close()
    broken = verify(db)
    assert broken.returncode == 1
    assert "entry 1 (user.add" in broken.stdout and "is not signed with the station key" \
        in broken.stdout


def test_a_trail_re_signed_with_another_key_fails_verify(db: Path) -> None:
    rewrite_and_rehash(db, 4, "B999", resign=Ed25519PrivateKey.generate())
    broken = verify(db)
    assert broken.returncode == 1
    assert "entry 1 (user.add" in broken.stdout
    assert "not signed by this station's key" in broken.stdout


def test_a_copy_is_checked_with_the_public_key_and_the_shift_report_head(
    db: Path, key_dir: Path, tmp_path: Path
) -> None:
    listing = cli("history", "audit", "--db", db)
    head = re.search(r"audit trail: (\d+) entries, head ([0-9a-f]{64})", listing.stderr)
    assert head is not None
    expect = f"{head.group(1)}:{head.group(2)}"
    copy = tmp_path / "review" / "copy.db"
    copy.parent.mkdir()
    shutil.copy(db, copy)
    pub = key_dir / "station.pub"
    fine = verify(copy, "--public-key", pub, "--expect", expect)
    assert fine.returncode == 0, fine.stdout
    assert "anchor: none for this file" in fine.stdout
    cut(copy, "WHERE seq = 5")
    shorter = verify(copy, "--public-key", pub, "--expect", expect)
    assert shorter.returncode == 1
    assert "holds 4 entries but the expected head records 5" in shorter.stdout
    bad = cli("history", "audit", "--db", copy, "--verify", "--expect", "five")
    assert bad.returncode == 2 and "COUNT:HEAD" in bad.stderr


def test_signed_entries_without_a_key_to_check_them_are_not_called_intact(
    db: Path, key_dir: Path
) -> None:
    shutil.rmtree(key_dir)
    refused = verify(db)
    assert refused.returncode == 1
    assert "NOT VERIFIED" in refused.stdout and "--public-key" in refused.stdout


def test_a_key_other_users_can_read_is_refused_in_words(db: Path, key_dir: Path) -> None:
    (key_dir / "station.key").chmod(0o644)
    refused = cli("users", "add", "A200", "--role", "officer", "--db", db,
                  stdin=PASSWORD + "\n")
    assert refused.returncode == 1
    assert "can be read by other users" in refused.stderr and "chmod 600" in refused.stderr
    assert verify(db).returncode == 1


def test_a_workstation_without_a_key_says_the_trail_is_not_anchored(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    assert cli("users", "add", "A123", "--role", "officer", "--db", path,
               stdin=PASSWORD + "\n").returncode == 0
    plain = verify(path)
    assert plain.returncode == 0 and "intact: 1 entries" in plain.stdout
    assert "NOT ANCHORED" in plain.stderr


def test_verify_names_an_account_changed_in_the_database(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    conn.commit()
    conn.close()
    found = verify(db)
    assert found.returncode == 1
    assert "account NOT TRUSTED: the account record of 'A123' was changed outside the " \
        "console (it now says role supervisor, enabled)" in found.stdout
