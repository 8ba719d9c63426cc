"""Where the one-step panel's cases come from: the window's memory and the yard state.

`CaseSource(alert_id)` builds an `AlertCase` from the alert's queue row, the
event that raised it (the window's recent events), the supervisor's yard
state (clearances, seals) and the evidence pictures taken for it on the CCTV
wall.  Pictures are read from the evidence table by `EvidencePictures`
(`console.store.evidence_reader`, a connection of its own), so the panel never
touches the database.
"""

from __future__ import annotations

from collections.abc import Callable

from console.model import EquipmentEvent
from console.store.evidence_reader import EvidencePictures
from console.yard.state import YardState
from ui.alerts.row import AlertRow
from ui.inspector.dossier import Dossiers
from ui.operations.case import AlertCase, build_case
from ui.operations.ocr_frames import OcrFrames

__all__ = ["CaseSource", "EvidencePictures"]


class CaseSource:
    """`frames` (optional) turns the OCR frame's address into a picture: a case without an
    evidence snapshot shows that frame once it is fetched (the caller refreshes on
    `OcrFrames.fetched`)."""

    def __init__(self, rows: Callable[[str], AlertRow | None], dossiers: Dossiers,
                 yard: YardState | None,
                 pictures: Callable[[str], list[str]] = lambda _id: [],
                 frames: OcrFrames | None = None) -> None:
        self.rows, self.dossiers, self.yard, self.pictures = rows, dossiers, yard, pictures
        self.frames = frames

    def __call__(self, alert_id: str) -> AlertCase | None:
        row = self.rows(alert_id)
        if row is None:
            return None
        event = self.dossiers.event(row.event_id, row.subject)
        body = event.body if event is not None else None
        if not isinstance(body, EquipmentEvent):
            body = self._from_yard(row.subject, row.event_id)
        case = build_case(row, body, self.yard, self.pictures(alert_id))
        url = case.ocr_image_url
        if case.picture is None and url and self.frames is not None:
            case.picture = self.frames.cached(url)
            if case.picture is None:
                self.frames.request(url)
                case.frame_problem = self.frames.problems.get(url)
        return case

    def _from_yard(self, ref: str, event_id: str | None) -> EquipmentEvent | None:
        """The raising event from the container's history, when the window forgot it."""
        rec = self.yard.container(ref) if self.yard is not None and event_id else None
        if rec is None:
            return None
        for _, eid, ev in reversed(rec.history):
            if eid == event_id:
                return ev
        return None
