"""The officer's desk: every action on an alert, checked, carried out, audited.

The window's buttons and the headless operator commands call these methods
and nothing else.  Each one asks the signed-in `Session` whether its officer
may act (a locked console or the wrong role refuses with a reason in words),
carries the action out through `console.alerts.operations`, and appends it
with its effect to the audit trail.

Acknowledge-and-correct is one step: `resolve(..., resolution="corrected",
changes={...})` acknowledges the alert, stores the correction in the durable
outbox and sends it to the terminal.  The alert is resolved when the terminal
accepts; a rejection is written on the alert with the terminal's reason and
leaves it acknowledged, for the officer to decide.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from console.alerts import operations as ops
from console.alerts.book import AlertBook
from console.alerts.model import AlertChange, AlertTransitionError
from console.audit.trail import AuditTrail
from console.corrections.outbox import CorrectionRequest, OutboxEntry
from console.corrections.sender import CorrectionSender
from console.officers.permissions import Operation, PermissionDenied, Session, SessionLocked

log = logging.getLogger("console.operations")

RESOLUTIONS = ("corrected", "confirmed_violation", "false_alarm", "duplicate")
# Correctable fields of an equipment event (protocol section 3), as an officer may change them.
CORRECTABLE = ("equipmentReference", "seals", "emptyIndicatorCode", "ISOEquipmentCode")


class OperationRefused(Exception):
    """An action that was not carried out; `reason` says why in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class OperationOutcome:
    """What an action changed: the alert changes, and the correction it sent, if any."""

    changes: list[AlertChange] = field(default_factory=list)
    correction: OutboxEntry | None = None


class AlertDesk:
    """Operations on alerts for signed-in officers (window and headless alike).

    `on_changes(changes)` is called with the alert changes that each action and
    each terminal answer made (callers need not publish them again), so that
    whoever shows the alerts can show them.
    """

    def __init__(
        self,
        book: AlertBook,
        audit: AuditTrail,
        sender: CorrectionSender | None = None,
        *,
        on_changes: Callable[[list[AlertChange]], None] | None = None,
    ) -> None:
        self.book = book
        self.audit = audit
        self.sender = sender
        self.on_changes = on_changes or (lambda changes: None)
        self._pending_resolution: dict[str, str] = {}  # request id → resolution on acceptance
        if sender is not None:
            sender.add_outcome_listener(self._correction_answered)

    # ------------------------------------------------------------------ actions

    def acknowledge(
        self, session: Session, alert_id: str, comment: str | None = None
    ) -> OperationOutcome:
        return self._act(
            session,
            Operation.ACK,
            alert_id,
            "acknowledge",
            {"comment": comment},
            lambda who, st: ops.acknowledge(self.book, alert_id, who=who, station=st, why=comment),
        )

    def claim(self, session: Session, alert_id: str) -> OperationOutcome:
        """Take an alert: acknowledged by this officer, so others see who handles it."""
        return self._act(
            session,
            Operation.CLAIM,
            alert_id,
            "claim",
            {},
            lambda who, st: ops.acknowledge(
                self.book, alert_id, who=who, station=st, why="claimed"
            ),
        )

    def shelve(
        self, session: Session, alert_id: str, minutes: float, reason: str
    ) -> OperationOutcome:
        if not reason.strip():
            raise OperationRefused("shelving needs a reason")
        return self._act(
            session,
            Operation.SHELVE,
            alert_id,
            "shelve",
            {"minutes": minutes, "reason": reason},
            lambda who, st: ops.shelve(self.book, alert_id, minutes, reason, who=who, station=st),
        )

    def escalate(self, session: Session, alert_id: str, why: str | None = None) -> OperationOutcome:
        return self._act(
            session,
            Operation.ESCALATE,
            alert_id,
            "escalate",
            {"why": why},
            lambda who, st: ops.escalate(self.book, alert_id, who=who, station=st, why=why),
        )

    def comment(self, session: Session, alert_id: str, text: str) -> OperationOutcome:
        if not text.strip():
            raise OperationRefused("a comment needs some text")
        return self._act(
            session,
            Operation.COMMENT,
            alert_id,
            "comment",
            {"text": text},
            lambda who, st: ops.comment(self.book, alert_id, text, who=who, station=st),
        )

    def reopen(self, session: Session, alert_id: str, why: str | None = None) -> OperationOutcome:
        return self._act(
            session,
            Operation.REOPEN,
            alert_id,
            "reopen",
            {"why": why},
            lambda who, st: ops.reopen(self.book, alert_id, who=who, station=st, why=why),
        )

    def resolve(
        self,
        session: Session,
        alert_id: str,
        resolution: str,
        *,
        changes: Mapping[str, Any] | None = None,
        comment: str | None = None,
    ) -> OperationOutcome:
        """Close an alert; with `changes`, correct the terminal's data in the same step."""
        if resolution not in RESOLUTIONS:
            raise OperationRefused(
                f"unknown resolution {resolution!r}; one of {', '.join(RESOLUTIONS)}"
            )
        if not changes:
            return self._act(
                session,
                Operation.RESOLVE,
                alert_id,
                "resolve",
                {"resolution": resolution, "comment": comment},
                lambda who, st: ops.resolve(
                    self.book, alert_id, resolution, who=who, station=st, why=comment
                ),
            )
        return self._correct(session, alert_id, resolution, dict(changes), comment)

    # ----------------------------------------------------------------- plumbing

    def _act(
        self,
        session: Session,
        operation: Operation,
        alert_id: str,
        action: str,
        details: dict[str, Any],
        run: Callable[[str, str], list[AlertChange]],
    ) -> OperationOutcome:
        actor = self._authorize(session, operation)
        if self.book.get(alert_id) is None:
            raise OperationRefused(f"no alert {alert_id}")
        try:
            changes = run(actor.officer, actor.station)
        except AlertTransitionError as exc:
            raise OperationRefused(str(exc)) from None
        self._record(actor.officer, actor.station, action, alert_id, details, changes)
        self.on_changes(changes)
        return OperationOutcome(changes)

    def _authorize(self, session: Session, operation: Operation) -> Any:
        try:
            return session.authorize(operation)
        except (PermissionDenied, SessionLocked) as exc:
            raise OperationRefused(str(exc)) from None

    def _correct(
        self,
        session: Session,
        alert_id: str,
        resolution: str,
        changes: dict[str, Any],
        comment: str | None,
    ) -> OperationOutcome:
        actor = self._authorize(session, Operation.RESOLVE)
        alert = self.book.get(alert_id)
        if alert is None:
            raise OperationRefused(f"no alert {alert_id}")
        if self.sender is None:
            raise OperationRefused("corrections cannot be sent: no terminal feed is configured")
        if not alert.event_id:
            raise OperationRefused("this alert names no terminal event to correct")
        unknown = sorted(set(changes) - set(CORRECTABLE))
        if unknown:
            raise OperationRefused(f"these fields cannot be corrected: {', '.join(unknown)}")
        outcome = OperationOutcome()
        if alert.state == "unacknowledged":
            outcome.changes += ops.acknowledge(
                self.book, alert_id, who=actor.officer, station=actor.station, why=comment
            )
        request = CorrectionRequest(
            event_id=alert.event_id,
            changes=changes,
            officer=actor.officer,
            station=actor.station,
            alert_id=alert_id,
            reason=comment,
        )
        entry = self.sender.enqueue(request)
        outcome.correction = entry
        outcome.changes += ops.comment(
            self.book,
            alert_id,
            f"correction {request.request_id} sent to the terminal: {_describe(changes)}",
            who=actor.officer,
            station=actor.station,
        )
        self._record(
            actor.officer,
            actor.station,
            "correct",
            alert_id,
            {
                "resolution": resolution,
                "changes": changes,
                "comment": comment,
                "request_id": request.request_id,
                "event_id": alert.event_id,
            },
            outcome.changes,
        )
        self._pending_resolution[request.request_id] = resolution
        self.on_changes(outcome.changes)
        return outcome

    def _correction_answered(self, entry: OutboxEntry) -> None:
        """The terminal's answer: resolve the alert, or write the refusal on it."""
        req = entry.request
        if req.alert_id is None or self.book.get(req.alert_id) is None:
            return
        resolution = self._pending_resolution.pop(req.request_id, "corrected")
        try:
            if entry.state == "accepted":
                changes = ops.resolve(
                    self.book,
                    req.alert_id,
                    resolution,
                    who=req.officer or "terminal",
                    station=req.station,
                    why=f"correction {req.request_id} accepted by the terminal",
                )
            else:
                changes = ops.comment(
                    self.book,
                    req.alert_id,
                    f"correction {req.request_id} rejected by the terminal: "
                    f"{entry.rejection_reason}",
                    who="terminal",
                    station=None,
                )
        except AlertTransitionError as exc:
            log.warning("answer to %s could not be applied: %s", req.request_id, exc)
            return
        self.on_changes(changes)

    def _record(
        self,
        who: str,
        station: str,
        action: str,
        alert_id: str,
        details: dict[str, Any],
        changes: list[AlertChange],
    ) -> None:
        effect = [
            {"alert_id": c.alert.alert_id, "action": c.action, "state": c.alert.state}
            for c in changes
        ]
        self.audit.append(
            who,
            station,
            f"alert.{action}",
            alert_id,
            {k: v for k, v in details.items() if v is not None} | {"effect": effect},
        )


def _describe(changes: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} → {v}" for k, v in changes.items())
