"""`yard-console history audit` through the real program: listing, and catching tampering."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from console.store.office.audit_trail import AuditTrail
from console.store.schema import connect

pytestmark = pytest.mark.e2e

PROGRAM = str(Path(sys.executable).with_name("yard-console"))


def audit(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PROGRAM, "history", "audit", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "console.db"
    conn = connect(path)
    trail = AuditTrail(conn)
    for i in range(1, 6):
        trail.append("A123", "WS-07", "alert.ack", f"alert-{i}", {"comment": f"seal ok {i}"})
    trail.append("S001", "WS-01", "alert.reopen", "alert-2", {"why": "wrong seal read"})
    conn.close()  # the last close checkpoints the WAL into the file
    return path


def test_lists_jsonl_and_csv_and_verifies(db: Path) -> None:
    lines = audit(db).stdout.splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[5]["actor"] == "S001" and entries[5]["station"] == "WS-01"
    rows = list(csv.DictReader(io.StringIO(audit(db, "--format", "csv").stdout)))
    assert [r["target"] for r in rows] == [e["target"] for e in entries]
    assert json.loads(rows[5]["details"]) == {"why": "wrong seal read"}
    only = audit(db, "--target", "alert-2").stdout.splitlines()
    assert [json.loads(line)["action"] for line in only] == ["alert.ack", "alert.reopen"]
    ok = audit(db, "--verify")
    assert ok.returncode == 0 and "intact: 6 entries" in ok.stdout


def test_a_row_changed_in_a_copy_with_the_trigger_dropped_fails_verify(
    db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TRIGGER audit_entries_no_update")
    conn.execute("UPDATE audit_entries SET actor = 'B999' WHERE seq = 4")
    conn.commit()
    conn.close()
    broken = audit(copy, "--verify")
    assert broken.returncode == 1
    assert "BROKEN" in broken.stdout and "entry 4 (alert.ack by B999" in broken.stdout
    assert audit(db, "--verify").returncode == 0  # the original is untouched


def test_bytes_edited_in_the_file_fail_verify(db: Path) -> None:
    raw = db.read_bytes()
    assert raw.count(b"seal ok 3") == 1
    db.write_bytes(raw.replace(b"seal ok 3", b"seal ok 8"))
    broken = audit(db, "--verify")
    assert broken.returncode == 1
    assert "entry 3 " in broken.stdout and "changed after it was written" in broken.stdout


def test_a_missing_database_is_reported_not_created(tmp_path: Path) -> None:
    done = audit(tmp_path / "nothing.db", "--verify")
    assert done.returncode == 1 and "no database" in done.stderr
    assert not (tmp_path / "nothing.db").exists()
