"""Evidence: a tile's picture saved with its camera, time and SHA-256, and recorded.

A snapshot is the frame the tile shows, written losslessly (PNG) into an
`evidence` folder next to the database, under a name that says which camera
and when.  Its SHA-256 is taken over the file's bytes as written, so anyone can
later check that the file is the one recorded (`verify`).  The record goes
into the `evidence` table (component `evidence` of `console.store.schema`),
optionally attached to an alert; `records` is what the audit trail and the
one-step panel read.  `take` accepts an `audit` callable that runs inside the
same transaction as the insert, so with the audit trail on the same connection
the evidence and its audit entry commit together or not at all.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.cameras.evidence_record import (
    AUDIT_ACTION,
    COMPONENT,
    FOLDER,
    EvidenceRecord,
    save_picture,
)
from console.store.base import StoreError
from console.store.schema import database_path, migrate
from console.timefmt import local_rfc3339

if TYPE_CHECKING:
    from console.cameras.slot import Frame
    from console.store.office.audit_trail import AuditTrail

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        camera_id TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        frame_time TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        alert_id TEXT,
        officer TEXT,
        station TEXT
    );
    CREATE INDEX evidence_alert ON evidence(alert_id, id);
    CREATE INDEX evidence_camera ON evidence(camera_id, id);
    """,
)

def ensure_schema(conn: sqlite3.Connection) -> None:
    migrate(conn, COMPONENT, MIGRATIONS)


def base_folder(conn: sqlite3.Connection) -> Path:
    """The folder evidence paths are relative to: the database's own folder."""
    db = database_path(conn)
    if not db:
        raise StoreError("io", "evidence needs a database file (an in-memory database has none)")
    return Path(db).resolve().parent


def take(
    conn: sqlite3.Connection,
    frame: Frame,
    camera_id: str,
    *,
    alert_id: str | None = None,
    officer: str | None = None,
    station: str | None = None,
    now: Callable[[], float] | None = None,
    audit: Callable[[EvidenceRecord], None] | None = None,
) -> EvidenceRecord:
    """Save `frame` next to the database and record it (one transaction with `audit`).

    If recording fails, the picture file is removed again: no picture without
    its record.  Raises `StoreError` (disk full, database locked, ...).
    """
    ensure_schema(conn)
    taken = (now or time.time)()
    base = base_folder(conn)
    path, digest = save_picture(frame, camera_id, base / FOLDER, taken)
    height, width = frame.image.shape[:2]
    record = EvidenceRecord(
        camera_id=camera_id, taken_at=local_rfc3339(taken),
        frame_time=local_rfc3339(frame.arrived_wall),
        path=str(path.relative_to(base)), sha256=digest, width=int(width), height=int(height),
        alert_id=alert_id, officer=officer, station=station,
    )
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO evidence (camera_id, taken_at, frame_time, path, sha256, width,"
                " height, alert_id, officer, station) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.camera_id, record.taken_at, record.frame_time, record.path,
                 record.sha256, record.width, record.height, record.alert_id,
                 record.officer, record.station),
            )
            record = EvidenceRecord(**(record.to_dict() | {"id": cur.lastrowid}))
            if audit is not None:
                audit(record)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except BaseException as exc:
        path.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):
            raise StoreError("io", f"the evidence could not be recorded ({exc})") from exc
        raise
    return record


def audited_by(trail: AuditTrail) -> Callable[[EvidenceRecord], None]:
    """An `audit` callable for `take`: one audit entry per picture, in the same transaction.

    The trail must use the same connection as `take` for the two to commit
    together.  The entry's target is the alert (or the camera when no alert
    was selected); its details are the whole record.
    """

    def audit(record: EvidenceRecord) -> None:
        trail.append(record.officer or "console", record.station or "console", AUDIT_ACTION,
                     record.alert_id or record.camera_id, record.to_dict())

    return audit


def attach(conn: sqlite3.Connection, evidence_id: int, alert_id: str) -> None:
    """Attach an already recorded picture to an alert (taken before the alert was selected)."""
    ensure_schema(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE evidence SET alert_id = ? WHERE id = ? AND alert_id IS NULL",
                     (alert_id, evidence_id))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def records(
    conn: sqlite3.Connection, *, alert_id: str | None = None, camera_id: str | None = None
) -> list[EvidenceRecord]:
    """Recorded pictures, oldest first, optionally those of one alert or one camera."""
    ensure_schema(conn)
    sql = ("SELECT camera_id, taken_at, frame_time, path, sha256, width, height, alert_id,"
           " officer, station, id FROM evidence WHERE 1 = 1")
    params: list[Any] = []
    if alert_id is not None:
        sql += " AND alert_id = ?"
        params.append(alert_id)
    if camera_id is not None:
        sql += " AND camera_id = ?"
        params.append(camera_id)
    return [EvidenceRecord(*row) for row in conn.execute(sql + " ORDER BY id", params)]


def verify(conn: sqlite3.Connection, record: EvidenceRecord) -> bool:
    """True when the file is still there and its SHA-256 is the one recorded."""
    try:
        data = (base_folder(conn) / record.path).read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == record.sha256
