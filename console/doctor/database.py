"""The doctor's database part: is the data folder writable, is the schema one this program
reads, is the file intact?

The doctor never creates, migrates or repairs the database: it opens an
existing file read-only for the schema and `PRAGMA quick_check`, and proves
it writable with a `BEGIN IMMEDIATE` that is rolled back at once
(`console.store.inspect` does all three) (a console
running on this database at the same moment holds that lock only for the
length of one batch; a longer wait is reported as "in use").  A missing file
is fine: the console creates it at first start.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path

from console.config.paths import SHARED_GROUP, shared_data_dir
from console.doctor.finding import Finding, failed, ok, warning
from console.store.base import StoreError
from console.store.inspect import DatabaseInspection, UnreadableDatabase, probe_write

AREA = "database"

# Every component that keeps tables: (name, module, migrations attribute).
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("events", "console.store.tables", "EVENTS_MIGRATIONS"),
    ("alerts", "console.store.office.alert_rows", "MIGRATIONS"),
    ("audit", "console.store.office.audit_trail", "MIGRATIONS"),
    ("officers", "console.store.office.accounts", "MIGRATIONS"),
    ("corrections", "console.store.office.outbox", "MIGRATIONS"),
    ("evidence", "console.store.office.evidence_rows", "MIGRATIONS"),
    ("review", "console.store.history.schema", "REVIEW_MIGRATIONS"),
)


def known_versions() -> dict[str, int]:
    """The schema version this program brings each component to."""
    found = {}
    for name, module, attribute in COMPONENTS:
        try:
            found[name] = len(getattr(importlib.import_module(module), attribute))
        except (ImportError, AttributeError):
            continue
    return found


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_folder(folder: Path) -> Finding:
    if not folder.exists():
        parent = _existing_ancestor(folder)
        if os.access(parent, os.W_OK):
            return ok(AREA, "data folder", f"{folder} will be created at first start")
        return failed(AREA, "data folder", f"{folder} does not exist and {parent} is not "
                      "writable", f"create {folder} and give the console's user write access, "
                      "or set data_dir in the configuration")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return failed(AREA, "data folder", f"cannot write in {folder}: {exc.strerror}",
                      _folder_fix(folder))
    return ok(AREA, "data folder", f"{folder} is writable")


def check_database(db: Path) -> list[Finding]:
    """Folder, schema version, integrity and write access of the database at `db`."""
    findings = [check_folder(db.parent)]
    if not db.exists():
        findings.append(ok(AREA, "database", f"{db} does not exist yet; the console creates "
                           "it at first start"))
        return findings
    try:
        inspection = DatabaseInspection(db)
    except StoreError as exc:
        return [*findings, failed(AREA, "open", exc.message, _fix(exc.kind, db))]
    try:
        findings.append(_schema(inspection, db))
        findings.append(_integrity(inspection, db))
    except UnreadableDatabase as exc:
        findings.append(failed(AREA, "read", f"{db} cannot be read: {exc.detail}",
                               _fix("corrupt", db)))
    finally:
        inspection.close()
    findings.append(_writable(db))
    return findings


def _schema(inspection: DatabaseInspection, db: Path) -> Finding:
    newer, older = [], []
    known_now = known_versions()
    versions = inspection.versions(known_now)
    for name, known in known_now.items():
        version = versions[name]
        if version > known:
            newer.append(f"{name} {version} (this program knows {known})")
        elif 0 < version < known:
            older.append(f"{name} {version}→{known}")
    if newer:
        return failed(AREA, "schema version", f"{db} was written by a newer Yard Console: "
                      + ", ".join(newer), "install the newer program again, or point "
                      "data_dir at another folder", versions=versions)
    if older:
        return ok(AREA, "schema version", "older schema, upgraded at next start: "
                  + ", ".join(older), versions=versions)
    return ok(AREA, "schema version", "current (" + ", ".join(
        f"{k} {v}" for k, v in versions.items() if v) + ")", versions=versions)


def _integrity(inspection: DatabaseInspection, db: Path) -> Finding:
    rows = inspection.quick_check(20)
    if rows == ["ok"]:
        return ok(AREA, "integrity", "quick_check found no damage")
    return failed(AREA, "integrity", f"{db} is damaged: {'; '.join(rows[:3])}",
                  _fix("corrupt", db))


def _writable(db: Path) -> Finding:
    try:
        probe = probe_write(db, busy_timeout_ms=3000)
    except StoreError as exc:
        return failed(AREA, "write access", exc.message, _fix(exc.kind, db))
    if probe.outcome == "locked":
        return warning(AREA, "write access", f"{db} is being written by another program "
                       "for more than 3 s", "close any other console or tool using this "
                       "database (two consoles must not share one data folder)")
    if probe.outcome == "failed":
        return failed(AREA, "write access", f"{db} cannot be written: {probe.detail}",
                      _fix("readonly", db))
    return ok(AREA, "write access", f"{db} is writable")


def _folder_fix(folder: Path) -> str:
    """The shared folder of a machine-wide install is the console group's to write."""
    if os.name == "posix" and folder == shared_data_dir():
        return (f"{folder} belongs to the console's group: add this account to it "
                f"(sudo usermod -aG {SHARED_GROUP} $USER), then sign in again")
    return f"give the console's user write access to {folder}, or set data_dir"


def _fix(kind: str, db: Path) -> str:
    return {
        "corrupt": f"move {db} aside (keep it for support) and restore the last backup; "
                   "the console then re-syncs from the gateways",
        "readonly": f"give the console's user write access to {db} and its folder",
        "disk_full": "free disk space in the data folder",
        "locked": "close the other program that holds the database",
        "schema": "use the newer program, or another data folder",
    }.get(kind, f"check the file {db} and its folder")
