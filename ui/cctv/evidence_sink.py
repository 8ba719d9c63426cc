"""The CCTV wall's evidence sink in the real window: S / F9 saves into the console's database.

`bind_evidence(wall, office, officers)` gives the wall (`CameraWall.set_evidence`)
a sink that hands the picture to the officer-side store
(`OfficeStore.take_evidence`): the picture's record and its audit entry commit
together on the store's writer thread, in the name of the officer signed in
at this station.  Before sign-in, or while the console is locked, nothing is
saved and the wall says why.
"""

from __future__ import annotations

from typing import Any

from console.cameras.evidence_record import EvidenceRecord
from console.cameras.slot import Frame
from console.office.store import OfficeStore
from console.store.base import StoreError
from ui.cctv.wall import EvidenceSink
from ui.operations.officer_session import OfficerSession


def evidence_sink(office: OfficeStore, officers: OfficerSession) -> EvidenceSink:
    def save(frame: Frame, camera_id: str, alert_id: str | None) -> EvidenceRecord:
        session = officers.session
        if session is None or officers.locked:
            raise StoreError("readonly", "sign in to save evidence (Ctrl+I)")
        return office.take_evidence(frame, camera_id, alert_id=alert_id,
                                    officer=session.officer,
                                    station=officers.station).result()

    return save


def bind_evidence(wall: Any, office: OfficeStore, officers: OfficerSession) -> bool:
    """Give `wall` its sink; False when the window has no camera wall."""
    set_evidence = getattr(wall, "set_evidence", None)
    if not callable(set_evidence):
        return False
    set_evidence(evidence_sink(office, officers))
    return True
