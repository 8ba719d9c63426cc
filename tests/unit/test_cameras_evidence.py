"""A snapshot is saved next to the database with its camera, time and SHA-256, and recorded."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
import numpy as np
import pytest

from console.cameras.evidence_record import AUDIT_ACTION, EvidenceRecord
from console.cameras.slot import FrameSlot
from console.store.base import StoreError
from console.store.office import evidence_rows
from console.store.office.audit_trail import AuditTrail
from console.store.schema import component_version, connect


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    (tmp_path / "data").mkdir()
    c = connect(tmp_path / "data" / "console.db")
    yield c
    c.close()


def a_frame(value: int = 0) -> FrameSlot:
    slot = FrameSlot()
    img = np.zeros((360, 640, 3), np.uint8)
    img[:, :, 2] = value
    img[10:20, 10:20] = (255, 255, 255)
    slot.put(img, 100.0, 1_764_331_200.25)
    return slot


def test_snapshot_is_saved_beside_the_database_hashed_and_recorded(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    frame = a_frame(200).take()
    assert frame is not None
    rec = evidence_rows.take(conn, frame, "CAM-R17/03", alert_id="AL-1", officer="A123",
                             station="WS-07", now=lambda: 1_764_331_201.5)
    path = tmp_path / "data" / rec.path
    assert path.parent == tmp_path / "data" / "evidence"
    assert path.name.startswith("CAM-R17_03_20251128T120001.500Z")
    assert rec.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (rec.width, rec.height) == (640, 360)
    arrived = datetime.fromtimestamp(1_764_331_200.25, UTC)
    assert datetime.fromisoformat(rec.frame_time) == arrived
    assert datetime.fromisoformat(rec.taken_at) == arrived + timedelta(seconds=1.25)
    back = cv2.imread(str(path))
    assert back is not None and np.array_equal(back, frame.image)  # lossless
    assert evidence_rows.records(conn, alert_id="AL-1") == [rec]
    assert evidence_rows.records(conn, alert_id="other") == []
    assert evidence_rows.verify(conn, rec)
    assert component_version(conn, "evidence") == len(evidence_rows.MIGRATIONS)


def test_tampered_or_missing_picture_fails_verification(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    frame = a_frame().take()
    assert frame is not None
    rec = evidence_rows.take(conn, frame, "CAM-1")
    path = tmp_path / "data" / rec.path
    path.write_bytes(path.read_bytes() + b"x")
    assert not evidence_rows.verify(conn, rec)
    path.unlink()
    assert not evidence_rows.verify(conn, rec)


def test_evidence_taken_before_an_alert_can_be_attached_later(conn: sqlite3.Connection) -> None:
    frame = a_frame().take()
    assert frame is not None
    rec = evidence_rows.take(conn, frame, "CAM-1")
    assert rec.alert_id is None and rec.id is not None
    evidence_rows.attach(conn, rec.id, "AL-9")
    assert [r.id for r in evidence_rows.records(conn, alert_id="AL-9")] == [rec.id]


def test_audit_runs_in_the_same_transaction_and_a_failure_leaves_nothing(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    frame = a_frame().take()
    assert frame is not None
    seen: list[EvidenceRecord] = []

    def audit(rec: EvidenceRecord) -> None:
        assert conn.in_transaction
        seen.append(rec)

    rec = evidence_rows.take(conn, frame, "CAM-1", audit=audit)
    assert seen == [rec]

    def failing(rec: EvidenceRecord) -> None:
        raise RuntimeError("audit trail unavailable")

    with pytest.raises(RuntimeError):
        evidence_rows.take(conn, frame, "CAM-2", audit=failing)
    assert [r.camera_id for r in evidence_rows.records(conn)] == ["CAM-1"]
    assert [p.name for p in (tmp_path / "data" / "evidence").iterdir()] == [Path(rec.path).name]


def test_the_audit_trail_records_each_picture_in_the_same_commit(
    conn: sqlite3.Connection,
) -> None:
    trail = AuditTrail(conn)
    frame = a_frame().take()
    assert frame is not None
    rec = evidence_rows.take(conn, frame, "CAM-1", alert_id="AL-3", officer="A123", station="WS-07",
                             audit=evidence_rows.audited_by(trail))
    entries = list(trail.entries(target="AL-3"))
    assert [(e.actor, e.station, e.action) for e in entries] == [
        ("A123", "WS-07", AUDIT_ACTION)]
    assert entries[0].details["sha256"] == rec.sha256
    assert trail.verify().ok


def test_in_memory_database_is_refused_in_plain_words() -> None:
    mem = sqlite3.connect(":memory:", isolation_level=None)
    frame = a_frame().take()
    assert frame is not None
    with pytest.raises(StoreError, match="database file"):
        evidence_rows.take(mem, frame, "CAM-1")
    mem.close()
