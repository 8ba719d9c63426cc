"""The doctor's database part on real SQLite files: fresh, current, newer, damaged, busy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from console.composition import build_console
from console.doctor.database import check_database, known_versions
from console.doctor.finding import Finding


def by_check(findings: list[Finding]) -> dict[str, Finding]:
    return {f.check: f for f in findings}


def make_console_db(path: Path) -> None:
    parts = build_console(path, [])
    parts.close()
    parts.engine.writer.close()


def test_a_fresh_data_folder_is_fine(tmp_path: Path) -> None:
    found = by_check(check_database(tmp_path / "new" / "events.sqlite"))
    assert found["data folder"].verdict == "ok" and "created at first start" in \
        found["data folder"].detail
    assert found["database"].verdict == "ok"


def test_a_database_the_console_made_is_current_intact_and_writable(tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    make_console_db(db)
    found = by_check(check_database(db))
    assert {k: f.verdict for k, f in found.items()} == {
        "data folder": "ok", "schema version": "ok", "integrity": "ok", "write access": "ok"}
    versions = found["schema version"].data["versions"]
    assert versions["events"] == known_versions()["events"] > 0
    assert "current" in found["schema version"].detail


def test_a_database_from_a_newer_program_blocks(tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    make_console_db(db)
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('events', 99, '2030-01-01')")
    schema = by_check(check_database(db))["schema version"]
    assert schema.verdict == "failed" and "newer Yard Console" in schema.detail
    assert "events 99" in schema.detail


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    db.write_bytes(b"this is a spreadsheet, not a database" * 100)
    [folder, problem] = check_database(db)
    assert folder.verdict == "ok"
    assert problem.verdict == "failed" and "not a SQLite database" in problem.detail
    assert "move" in (problem.fix or "") and "backup" in (problem.fix or "")


def test_a_damaged_database_fails_the_integrity_check(tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
        conn.execute("CREATE INDEX t_v ON t (v)")
        conn.executemany("INSERT INTO t VALUES (?, ?)", ((i, f"value {i}" * 20)
                                                        for i in range(3000)))
    conn.close()
    data = bytearray(db.read_bytes())
    for page in range(3, len(data) // 4096 - 1, 2):
        data[page * 4096 + 100: page * 4096 + 400] = b"\xff" * 300
    db.write_bytes(bytes(data))
    findings = check_database(db)
    assert any(f.verdict == "failed" and f.check in ("integrity", "read", "open")
               for f in findings), [f.describe() for f in findings]


def test_a_database_held_by_another_writer_is_a_warning(tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    make_console_db(db)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        found = by_check(check_database(db))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert found["write access"].verdict == "warning"
    assert "another program" in found["write access"].detail


def test_a_data_folder_that_is_a_file_blocks(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("oops")
    folder = check_database(tmp_path / "data" / "events.sqlite")[0]
    assert folder.verdict == "failed" and "cannot write" in folder.detail
