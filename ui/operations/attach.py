"""Giving the window its officers' desk once the console is built (composition step).

`attach_desk` creates the `OfficerSession` for this station, connects the
one-step panel to the desk and to the cases of `CaseSource`, and then either
asks for a sign-in (`run`: real accounts, made by an installer with
`yard-console users add`) or, for `demo`, signs in automatically as the
demo officer created in the demo's own database (clearly labelled as such).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from console.composition import ConsoleParts
from console.officers.account import AccountError
from console.officers.permissions import DEFAULT_IDLE_LIMIT_S
from ui.display import DisplayState
from ui.mainwindow import MainWindow
from ui.operations.case_source import CaseSource, EvidencePictures
from ui.operations.ocr_frames import OcrFrames
from ui.operations.officer_session import DEMO_OFFICER, DEMO_PASSWORD, OfficerSession
from ui.operations.panel import OperationsPanel

log = logging.getLogger("ui.operations")

DEMO_STATION = "DEMO"
DEMO_IDLE_LIMIT_S = 8 * 3600.0  # a demo is watched, not guarded: it locks on Ctrl+Shift+L only


def attach_desk(window: MainWindow, display: DisplayState, parts: ConsoleParts, *, station: str,
                db: Path, demo: bool = False,
                idle_limit_s: float = DEFAULT_IDLE_LIMIT_S,
                clock: Callable[[], float] | None = None) -> OfficerSession:
    """`clock` (monotonic seconds) is for tests of the idle lock."""
    officers = OfficerSession(parts.accounts, station, demo=demo,
                              idle_limit_s=DEMO_IDLE_LIMIT_S if demo else idle_limit_s,
                              clock=clock, parent=window)
    pictures = EvidencePictures(db)
    window.closed.connect(pictures.close)
    frames = OcrFrames(window)
    window.closed.connect(frames.close)
    cases = CaseSource(display.alerts.row_for, display.dossiers, parts.supervisor.yard, pictures,
                       frames)

    def attach(panel: OperationsPanel) -> None:
        panel.attach(parts.desk, officers, cases, display.alerts.row_for, clock=clock)

        def frame_arrived(url: str, _path: str) -> None:
            if panel.case is not None and panel.case.ocr_image_url == url:
                panel.show_alert(panel.case.alert_id)

        frames.fetched.connect(frame_arrived)
        frames.failed.connect(frame_arrived)

    window.attach_officers(officers, attach, db_hint=str(db))
    if demo:
        sign_in_demo(officers)
    else:
        window.ask_sign_in()
    return officers


def sign_in_demo(officers: OfficerSession) -> None:
    """Create (or re-key) the demo officer in the demo database and sign in as it, on the
    session's worker thread (the hashing is slow: the window shows meanwhile).

    Its password (`DEMO_PASSWORD`) is printed where the demo starts and shown in the
    panel's banner: a locked demo unlocks with it."""
    password = DEMO_PASSWORD
    accounts = officers.accounts

    def ensure_the_demo_officer() -> None:
        try:
            accounts.add(DEMO_OFFICER, "officer", password, by="demo", station=DEMO_STATION,
                         display_name="Demo officer")
        except AccountError:
            accounts.set_password(DEMO_OFFICER, password, by="demo", station=DEMO_STATION)

    officers.sign_in(DEMO_OFFICER, password, prepare=ensure_the_demo_officer)
