"""Which cameras the evidence of an alert names: they come first on the wall.

The camera that took the OCR frame of the raising event (and any other
camera named by its images) saw the very moment of the alert; the wall puts
it in its first tile, ahead of the nearest cameras it already chose for the
place.  `evidence_cameras(display)` returns the provider the wall asks
(`CameraWall.set_evidence_cameras`).
"""

from __future__ import annotations

from collections.abc import Callable

from console.model import EquipmentEvent
from ui.display import DisplayState


def evidence_cameras(display: DisplayState) -> Callable[[str], list[str]]:
    def named(alert_id: str) -> list[str]:
        row = display.alerts.row_for(alert_id)
        event = display.dossiers.event(row.event_id, row.subject) if row is not None else None
        body = event.body if event is not None else None
        if not isinstance(body, EquipmentEvent) or body.ocr is None:
            return []
        return list(dict.fromkeys(i.camera_id for i in body.ocr.images if i.camera_id))

    return named
