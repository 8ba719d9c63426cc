"""The shift report writes down the audit trail's length and head (issue 13, item 3).

Through the real program: `history report` prints (and puts in the PDF) the
count and head; after someone cuts the trail with sqlite3 on the real file,
`history audit --verify --expect COUNT:HEAD` with the report's figures fails,
even on a workstation without a station key.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from console.store.office.accounts import Accounts
from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore

pytestmark = pytest.mark.e2e

PROGRAM = str(Path(sys.executable).with_name("yard-console"))


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PROGRAM, *map(str, args)], capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_report_head_catches_a_trail_cut_afterwards(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    SqliteEventStore(db).close()
    SqliteAlertStore(db).close()
    accounts = Accounts.open(db)
    accounts.add("A123", "officer", "correct horse 7", by="os:installer", station="host")
    for n in (1, 2):
        accounts.audit.append("A123", "WS-07", "alert.acknowledge", f"alert-{n}")
    accounts.close()
    pdf = tmp_path / "shift.pdf"
    done = cli("history", "report", "--db", db, "--from", "2026-11-28T19:00:00+08:00",
               "--to", "2026-11-29T03:00:00+08:00", "--pdf", pdf)
    assert done.returncode == 0, done.stderr
    found = re.search(r"audit trail: 3 entries, head ([0-9a-f]{64})", done.stdout)
    assert found is not None
    expect = f"3:{found.group(1)}"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Audit trail when this report was made: 3 entries" in text
        assert found.group(1) in text.replace("\n", "")
    assert cli("history", "audit", "--db", db, "--verify", "--expect", expect).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_entries_no_delete")
    conn.execute("DELETE FROM audit_entries WHERE seq = 3")
    conn.commit()
    conn.close()
    assert cli("history", "audit", "--db", db, "--verify").returncode == 0  # the chain alone
    cut = cli("history", "audit", "--db", db, "--verify", "--expect", expect)
    assert cut.returncode == 1
    assert "holds 2 entries but the expected head records 3" in cut.stdout
