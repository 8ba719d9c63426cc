"""The one-step panel: see why an alert was raised, accept the proposed resolution.

For the selected alert it shows the evidence of its rule family
(`evidence_view`), the proposals (`case.build_case`; the first is selected)
and a comment line.  Enter (or the Accept button) carries out the selected
proposal through the `AlertDesk` with the signed-in session: for a number or
seal correction that is acknowledge, correct at the terminal and resolve in
one step.  What happened is shown underneath in words: the correction
waiting for the terminal, the terminal's rejection with its reason, or a
refusal (locked console, missing role), or an action the database did not
store.  All of it is read from types: the desk's `correction_state`
(`CorrectionState`), a refusal's `Refusal` kind, the store's `StoreError`;
never by matching the desk's sentences.

Actions are disabled when nobody is signed in or the console is locked;
Reopen only for a role that may reopen.  An officer who may not see
escalations is told an escalated alert is with a supervisor.  Only the
proposals the alert's state allows are listed (`allowed_actions`), so an
acknowledged alert never proposes Acknowledge.

Dwell: an accept is carried out only once the case has been on screen for
`DWELL_S` since the alert was selected or since what the case shows
changed (evidence, state, proposals); earlier, the panel says to read the
case and does nothing.  Repeated or held Enter therefore cannot handle an
alert nobody read.  Every action carried out is kept in `actions_taken`
with its dwell, for the keyboard end-to-end test.

A group of repeats is handled as one: the proposal is carried out on every
alert of the group, each one its own audited action, with the one comment.

Signals:
    sign_in_wanted() – the officer asked to sign in or unlock
    backed_out()     – Esc in the panel: back to the queue
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from console.office.correction_state import NO_CORRECTION, CorrectionPhase
from console.officers.permissions import Operation, Session
from console.operations.desk import AlertDesk, OperationOutcome, OperationRefused, Refusal
from console.store.base import StoreError
from ui.alerts.model import state_word
from ui.alerts.row import AlertRow
from ui.alerts.rules import rule_title
from ui.operations.allowed_actions import allowed_proposals
from ui.operations.case import AlertCase, Proposal
from ui.operations.evidence_view import evidence_html, proposal_text
from ui.operations.officer_session import DEMO_PASSWORD, OfficerSession

DWELL_S = 1.0  # seconds a case is on screen before Enter may act on it
PICTURE_MAX_PX = 360  # the camera frame beside the evidence, at most this wide


@dataclass(frozen=True, slots=True)
class ActionTaken:
    alert_id: str
    action: str
    resolution: str | None
    dwell_s: float  # how long the case had been on screen, unchanged


class OperationsPanel(QWidget):
    sign_in_wanted = Signal()
    backed_out = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operationsPanel")
        self.desk: AlertDesk | None = None
        self.officers: OfficerSession | None = None
        self.case_for: Callable[[str], AlertCase | None] = lambda _id: None
        self.row_for: Callable[[str], AlertRow | None] = lambda _id: None
        self.case: AlertCase | None = None
        self._row: AlertRow | None = None  # kept: the queue drops a row once it is resolved
        self.last_message = ""
        self.waiting = False  # a correction of this alert is with the terminal
        self.clock: Callable[[], float] = time.monotonic
        self.members_for: Callable[[str], list[str]] = lambda _id: []
        self.shown_at = 0.0
        self._shown_key: tuple[object, ...] | None = None
        self.actions_taken: list[ActionTaken] = []
        self.refused_early = 0  # accepts refused because the case was not read yet
        self.who = QLabel()
        self.who.setObjectName("operationsWho")
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("operationsSignIn")
        self.title = QLabel()
        self.title.setObjectName("operationsTitle")
        self.title.setWordWrap(True)
        self.evidence = QTextBrowser()
        self.evidence.setObjectName("operationsEvidence")
        self.evidence.setMinimumHeight(3 * self.fontMetrics().height())
        self.picture = QLabel()
        self.picture.setObjectName("operationsPicture")
        self.picture.setVisible(False)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self._pixmap = QPixmap()
        self.proposals = QListWidget()
        self.proposals.setObjectName("operationsProposals")
        # Small minimums: on a 1280×720 desk the queue above keeps its eight rows.
        self.proposals.setMinimumHeight(3 * self.fontMetrics().height() + 12)
        self.proposals.setMaximumHeight(5 * self.fontMetrics().height() + 12)  # evidence first
        self.comment = QLineEdit()
        self.comment.setObjectName("operationsComment")
        self.accept_button = QPushButton()
        self.accept_button.setObjectName("operationsAccept")
        self.accept_button.setDefault(True)
        self.escalate_button = QPushButton()
        self.escalate_button.setObjectName("operationsEscalate")
        self.reopen_button = QPushButton()
        self.reopen_button.setObjectName("operationsReopen")
        self.outcome = QLabel()
        self.outcome.setObjectName("operationsOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.sign_in_button)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.escalate_button, self.reopen_button):
            buttons.addWidget(b)
        self._buttons = buttons
        self.compact = False
        box = QVBoxLayout(self)
        self._box = box
        box.addLayout(top)
        box.addWidget(self.title)
        # The camera frame stands beside the evidence, not under it: the evidence keeps
        # the case's height (at 1920×1080 a frame underneath left it three lines).
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(self.evidence, 1)
        evidence_row.addWidget(self.picture)
        box.addLayout(evidence_row, 3)
        box.addWidget(self.proposals, 1)
        box.addWidget(self.comment)
        box.addLayout(buttons)
        box.addWidget(self.outcome)

        self.accept_button.clicked.connect(self.accept_proposal)
        self.escalate_button.clicked.connect(self.escalate)
        self.reopen_button.clicked.connect(self.reopen)
        self.sign_in_button.clicked.connect(self.sign_in_wanted)
        self.proposals.itemActivated.connect(lambda _item: self.accept_proposal())
        self.comment.returnPressed.connect(self.accept_proposal)
        for w in (self.proposals, self.comment, self.evidence):
            w.installEventFilter(self)
        self.retranslate()

    def picture_width(self) -> int:
        """The camera frame's width beside the evidence: 28 % of the case, 160–360 px."""
        return max(160, min(PICTURE_MAX_PX, self.width() * 28 // 100))

    def _scale_picture(self) -> None:
        if self._pixmap.isNull():
            return
        width = self.picture_width()
        self.picture.setFixedWidth(width)
        self.picture.setPixmap(self._pixmap.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_picture()

    def set_compact(self, compact: bool) -> None:
        """On a small screen (the `compact` desk) the comment line sits beside the buttons:
        one line more for the evidence.  Elsewhere it has a line of its own."""
        if compact == self.compact:
            return
        self.compact = compact
        if compact:
            self._box.removeWidget(self.comment)
            self._buttons.insertWidget(0, self.comment, 3)
        else:
            self._buttons.removeWidget(self.comment)
            items = [self._box.itemAt(i) for i in range(self._box.count())]
            at = next(i for i, item in enumerate(items)
                      if item is not None and item.layout() is self._buttons)
            self._box.insertWidget(at, self.comment)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.backed_out.emit()
                return True
            if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.isAutoRepeat()
                    and obj is not self.evidence):
                return True  # a held Enter is not a decision
        return super().eventFilter(obj, event)

    def attach(self, desk: AlertDesk, officers: OfficerSession,
               case_for: Callable[[str], AlertCase | None],
               row_for: Callable[[str], AlertRow | None],
               clock: Callable[[], float] | None = None) -> None:
        """Connect to the console's desk and officers (after the engine is built).

        `clock` (monotonic seconds) times the dwell; tests give the idle lock's clock.
        """
        self.desk, self.officers = desk, officers
        desk.failure_listeners.append(self._store_failed)
        if clock is not None:
            self.clock = clock
        self.case_for, self.row_for = case_for, row_for
        officers.changed.connect(self.refresh)
        self.refresh()

    # -- language --------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.accept_button.setText(self.tr("Accept (Enter)"))
        self.escalate_button.setText(self.tr("Escalate"))
        self.reopen_button.setText(self.tr("Reopen"))
        self.comment.setPlaceholderText(self.tr("Comment (optional; the reason is recorded)"))
        if self.case is not None:
            row = self.proposals.currentRow()
            self._fill()
            self.proposals.setCurrentRow(max(row, 0))
        self.refresh()

    # -- showing ---------------------------------------------------------------
    def show_alert(self, alert_id: str) -> None:
        if self.case is None or self.case.alert_id != alert_id:
            self.outcome.clear()
            self.last_message = ""
            self.comment.clear()
        self.case = self.case_for(alert_id)
        self._row = self.row_for(alert_id)
        self._fill()
        self.refresh()

    def clear_case(self) -> None:
        """No alert selected: nothing to act on."""
        self.case, self._row = None, None
        self.outcome.clear()
        self.last_message = ""
        self._fill()
        self.refresh()

    def _fill(self) -> None:
        self.proposals.clear()
        case = self.case
        if case is None:
            self.evidence.setHtml("")
            self.picture.setVisible(False)
            return
        self.evidence.setHtml(evidence_html(case))
        self._pixmap = QPixmap(case.picture) if case.picture else QPixmap()
        self.picture.setVisible(not self._pixmap.isNull())
        self._scale_picture()
        for p in allowed_proposals(case.proposals, case.state):
            item = QListWidgetItem(proposal_text(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.proposals.addItem(item)
        if self.proposals.count():
            self.proposals.setCurrentRow(0)
        self._note_shown()

    def _note_shown(self) -> None:
        """Restart the dwell when what the case shows is not what was on screen."""
        case = self.case
        key = None if case is None else (
            case.alert_id, case.state, self.evidence.toHtml(), case.picture,
            tuple(self.proposals.item(i).text() for i in range(self.proposals.count())))
        if key != self._shown_key:
            self._shown_key = key
            self.shown_at = self.clock()

    def dwell(self) -> float:
        """Seconds the case has been on screen unchanged."""
        return self.clock() - self.shown_at

    def refresh(self) -> None:
        """Re-read the alert's state and the session; enable what may be done now."""
        o = self.officers
        if o is None:
            self.who.setText(self.tr("Read only: no officer desk"))
        elif o.session is None:
            self.who.setText(self.tr("Not signed in: alerts are read only"))
        elif o.session.locked:
            self.who.setText(self.tr("Locked (%1): sign in again to act")
                             .replace("%1", o.session.officer))
        else:
            s = o.session
            role = {"officer": self.tr("officer"), "supervisor": self.tr("supervisor"),
                    "installer": self.tr("installer")}.get(s.role.value, s.role.value)
            text = self.tr("%1 (%2) at station %3").replace("%1", s.officer).replace(
                "%2", role).replace("%3", s.station)
            if o.demo_signed_in:
                text = self.tr("DEMO account, automatically signed in: %1").replace("%1", text)
                text += " · " + self.tr("password: %1").replace("%1", DEMO_PASSWORD)
            self.who.setText(text)
        self.sign_in_button.setText(self.tr("Unlock…") if o is not None and o.session is not None
                                    and o.session.locked else self.tr("Sign in…"))
        self.sign_in_button.setVisible(o is not None and o.locked)
        case = self.case
        self.waiting = False
        if case is None:
            self.title.setText(self.tr("Select an alert in the queue"))
        else:
            before = case.state
            self._read_alert_state(case)
            if case.state != before:
                self._fill()
            self.title.setText(f"<b>{rule_title(case.rule)}</b> · {case.subject} · "
                               f"{state_word(case.state)}")
        hidden = (case is not None and case.state == "escalated" and o is not None
                  and o.session is not None and not o.may(Operation.SEE_ESCALATIONS))
        if hidden:
            self.outcome.setText(self.tr("Escalated: a supervisor handles this alert."))
        active = (case is not None and case.state != "resolved" and not hidden
                  and not self.waiting)
        self.accept_button.setEnabled(active and o is not None and o.may(Operation.RESOLVE))
        self.proposals.setEnabled(active)
        self.comment.setEnabled(active)
        self.escalate_button.setEnabled(active and case is not None and case.state in (
            "unacknowledged", "acknowledged") and o is not None and o.may(Operation.ESCALATE))
        self.reopen_button.setEnabled(case is not None and case.state == "resolved"
                                      and o is not None and o.may(Operation.REOPEN))
        self.reopen_button.setToolTip("" if o is not None and o.may(Operation.REOPEN)
                                      else self.tr("Only a supervisor may reopen an alert"))

    def _read_alert_state(self, case: AlertCase) -> None:
        row = self.row_for(case.alert_id) or self._row
        if row is not None:
            self._row = row
            case.state = row.state
        correction = (self.desk.correction_state(case.alert_id) if self.desk is not None
                      else NO_CORRECTION)
        self.waiting = correction.waiting
        answer = ""
        if correction.phase is CorrectionPhase.REJECTED:
            answer = self.tr("The terminal rejected the correction: %1").replace(
                "%1", (correction.reason or "").strip())
        elif correction.phase is CorrectionPhase.ACCEPTED:
            answer = self.tr("The terminal accepted the correction; the alert is resolved.")
        if answer and answer != self.last_message:
            self._say(answer)

    def _say(self, text: str) -> None:
        self.last_message = text
        self.outcome.setText(text)

    # -- intents ---------------------------------------------------------------
    def selected_proposal(self) -> Proposal | None:
        item = self.proposals.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, Proposal) else None

    def accept_for(self, alert_id: str) -> None:
        """Enter in the queue: accept the proposal of that alert, if it is the case shown."""
        if self.case is None or self.case.alert_id != alert_id:
            self.show_alert(alert_id)
        self.accept_proposal()

    def accept_proposal(self) -> None:
        p = self.selected_proposal()
        if p is None or self.case is None or not self.accept_button.isEnabled():
            if self.case is not None and self.officers is not None and self.officers.locked:
                self._say(self.tr("Sign in to act on alerts."))
                self.sign_in_wanted.emit()
            elif self.case is not None and p is None and self.case.state != "resolved":
                self._say(self.tr("Nothing to propose for this alert in its present state."))
            return
        if self.dwell() < DWELL_S:
            self.refused_early += 1
            self._say(self.tr("Read the case first: Enter acts once the case has been on "
                              "screen for a second."))
            return
        comment = self.comment.text().strip() or p.comment or None
        self._run(p.action, lambda desk, s, aid: (
            desk.acknowledge(s, aid, comment) if p.action == "acknowledge"
            else desk.escalate(s, aid, comment) if p.action == "escalate"
            else desk.resolve(s, aid, p.resolution or "corrected", changes=p.changes or None,
                              comment=comment)), corrects=bool(p.changes), proposal=p)

    def escalate(self) -> None:
        comment = self.comment.text().strip() or None
        self._run("escalate", lambda desk, s, aid: desk.escalate(s, aid, comment))

    def reopen(self) -> None:
        comment = self.comment.text().strip() or None
        self._run("reopen", lambda desk, s, aid: desk.reopen(s, aid, comment))

    def _run(self, action: str, call: Callable[[AlertDesk, Session, str], OperationOutcome],
             corrects: bool = False, proposal: Proposal | None = None) -> None:
        o, case = self.officers, self.case
        if case is None:
            return
        if self.desk is None or o is None or o.session is None:
            self._say(self.tr("Sign in to act on alerts."))
            self.sign_in_wanted.emit()
            return
        dwell = self.dwell()
        # A group of repeats: every repeat first, each its own audited action, then its head.
        members = [] if corrects or action == "reopen" else self.members_for(case.alert_id)
        for member in members:
            try:
                call(self.desk, o.session, member)
            except OperationRefused:
                continue  # already handled by someone, or in a state that needs nothing
            self.actions_taken.append(ActionTaken(member, action, proposal.resolution
                                                  if proposal else None, dwell))
        try:
            call(self.desk, o.session, case.alert_id)
        except OperationRefused as exc:
            self._say(self._refusal_text(exc))
            if o.session.locked:
                self.sign_in_wanted.emit()
            self.refresh()
            return
        self.actions_taken.append(ActionTaken(case.alert_id, action, proposal.resolution
                                              if proposal else None, dwell))
        self.comment.clear()
        done = (self.tr("Correction sent to the terminal; waiting for its answer.")
                if corrects else self._done_text(action))
        if members:
            done += " " + self.tr("(%1 alerts of the group)").replace("%1", str(len(members) + 1))
        self._say(done)
        self.refresh()

    def _refusal_text(self, refused: OperationRefused) -> str:
        """The desk's refusal in the officer's words (the core's reasons are English)."""
        case = self.case
        if refused.kind is Refusal.STATE and case is not None:
            row = self.row_for(case.alert_id) or self._row
            state = row.state if row is not None else case.state
            return self.tr("Not done: the alert is %1 now; the proposals are updated.").replace(
                "%1", state_word(state))
        if refused.kind is Refusal.GONE:
            return self.tr("Not done: this alert is no longer in the console.")
        return self.tr("Not done: %1").replace("%1", refused.reason)

    def _store_failed(self, outcome: OperationOutcome, error: StoreError) -> None:
        """An action handed to the store was not stored: say so; the alert is re-read."""
        if self.case is not None and any(c.alert.alert_id == self.case.alert_id
                                         for c in outcome.changes):
            self._say(self.tr("Not stored: %1. The alert is shown as the database holds it.")
                      .replace("%1", error.message))
            self.refresh()

    def _done_text(self, action: str) -> str:
        return {"acknowledge": self.tr("Acknowledged."), "escalate": self.tr("Escalated."),
                "reopen": self.tr("Reopened."), "resolve": self.tr("Resolved.")}.get(action, "")
