"""Evidence pictures: what is recorded of one (`EvidenceRecord`) and how its file is written.

A snapshot is the frame the tile shows, written losslessly (PNG) into an
`evidence` folder next to the database, under a name that says which camera
and when; its SHA-256 is taken over the file's bytes as written.  The records
are kept by the officer-side store (`OfficeStore.take_evidence`; SQLite:
`console.store.office.evidence_rows`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.store.base import StoreError

if TYPE_CHECKING:
    from console.cameras.slot import Frame

COMPONENT = "evidence"
AUDIT_ACTION = "evidence.snapshot"
FOLDER = "evidence"

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")



@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """One saved picture; `path` is relative to the database's folder."""

    camera_id: str
    taken_at: str  # RFC 3339, console clock, when the officer pressed the key
    frame_time: str  # RFC 3339, when the frame arrived from the camera
    path: str
    sha256: str
    width: int
    height: int
    alert_id: str | None = None
    officer: str | None = None
    station: str | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def save_picture(frame: Frame, camera_id: str, folder: Path, taken_at: float) -> tuple[Path, str]:
    """Write the frame as PNG under `folder`; return its path and the SHA-256 of its bytes."""
    import cv2  # here: recording and reading evidence records needs no OpenCV

    ok, png = cv2.imencode(".png", frame.image)
    if not ok:
        raise StoreError("io", f"the picture of {camera_id} could not be encoded")
    data = png.tobytes()
    stamp = datetime.fromtimestamp(taken_at, UTC).strftime("%Y%m%dT%H%M%S.%f")[:-3]
    name = f"{_UNSAFE.sub('_', camera_id)}_{stamp}Z_{frame.index}.png"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    tmp = path.with_suffix(".png.part")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        kind = "disk_full" if exc.errno == errno.ENOSPC else "io"
        raise StoreError(
            kind, f"the picture could not be saved in {folder} ({exc.strerror})"
        ) from exc
    return path, hashlib.sha256(data).hexdigest()
