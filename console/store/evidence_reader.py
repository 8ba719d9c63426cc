"""The evidence pictures of an alert, read from the console database on a connection of its own.

The one-step panel shows the snapshots the CCTV wall took for an alert; it
asks `EvidencePictures(alert_id)` and never touches the database itself.  The
connection is opened at the first question and kept; a database that cannot
be read gives no pictures (and a line in the log), never an error on screen.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from console.store.base import StoreError
from console.store.office import evidence_rows

log = logging.getLogger("ui.operations")


class EvidencePictures:
    """Paths of the snapshots attached to an alert, oldest first (none when unreadable)."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._conn: sqlite3.Connection | None = None

    def __call__(self, alert_id: str) -> list[str]:
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self.db, timeout=1.0)
            folder = evidence_rows.base_folder(self._conn)
            found = evidence_rows.records(self._conn, alert_id=alert_id)
            return [str(folder / r.path) for r in found]
        except (sqlite3.Error, StoreError) as exc:
            log.info("evidence pictures of %s not readable: %s", alert_id, exc)
            return []

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
