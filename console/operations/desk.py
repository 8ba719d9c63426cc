"""The officer's desk: every action on an alert, checked, carried out, audited.

The window's buttons and the headless operator commands call these methods
and nothing else.  Each one asks the signed-in `Session` whether its officer
may act (a locked console or the wrong role refuses with a reason in words),
plans the action through `console.alerts.operations`, and hands its alert
changes, its audit entry and (for a correction) its outbox row to the
`OfficeStore` as ONE operation: they commit together or not at all, on the
store's writer thread.  The desk does not wait: the open alerts in memory
(`AlertBook`) take the changes at once, in the order they go to the writer,
and the returned `OperationOutcome` carries the future of the commit.  A
write that fails is reported to the `failure_listeners` (with the
`StoreError`'s words) and the alerts concerned are read back as stored.

Acknowledge-and-correct is one step: `resolve(..., resolution="corrected",
changes={...})` acknowledges the alert, stores the correction in the durable
outbox (same transaction) and the sender sends it to the terminal.  The
alert is resolved when the terminal accepts; a rejection is written on the
alert with the terminal's reason and leaves it acknowledged, for the officer
to decide.  The terminal's answer, the alert change it causes and its audit
entry are again one transaction (`plan_answer`, called by the sender).
`correction_state(alert_id)` is where an alert's correction stands, typed.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from console.alerts import operations as ops
from console.alerts.book import AlertBook
from console.alerts.model import AlertChange, AlertStateConflict, AlertTransitionError
from console.corrections.request import CorrectionRequest, OutboxEntry
from console.corrections.sender import CorrectionSender
from console.office.correction_state import CorrectionState, correction_state
from console.office.records import AuditRecord, Committed, OfficeAction, queued_entry
from console.office.store import OfficeStore
from console.officers.permissions import Actor, Operation, PermissionDenied, Session, SessionLocked
from console.store.base import StoreError

log = logging.getLogger("console.operations")

RESOLUTIONS = ("corrected", "confirmed_violation", "false_alarm", "duplicate")
# Correctable fields of an equipment event (protocol section 3), as an officer may change them.
CORRECTABLE = ("equipmentReference", "seals", "emptyIndicatorCode", "ISOEquipmentCode")


class Refusal(StrEnum):
    """Why an action was refused, as a type (the window words it; never by matching prose)."""

    INPUT = "input"  # the action itself is not valid (no reason, unknown field, ...)
    STATE = "state"  # the alert's present state does not allow it (someone acted first)
    GONE = "gone"  # no such alert in the console
    DENIED = "denied"  # the officer's role may not
    LOCKED = "locked"  # the console is locked or nobody is signed in
    PENDING = "pending"  # a correction of this alert is already with the terminal
    NO_TERMINAL = "no_terminal"  # corrections cannot be sent from this console


class OperationRefused(Exception):
    """An action that was not carried out; `reason` says why in words, `kind` as a type."""

    def __init__(self, reason: str, kind: Refusal = Refusal.INPUT) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


@dataclass(slots=True)
class OperationOutcome:
    """What an action changed: the alert changes, the correction it queued, if any, and the
    future of its transaction (`wait` for it where durability must be known first)."""

    changes: list[AlertChange] = field(default_factory=list)
    correction: OutboxEntry | None = None
    committed: Future[Committed] | None = None

    def wait(self, timeout_s: float = 30.0) -> Committed | None:
        """Block until the action is stored; raises its `StoreError` when it was not."""
        return None if self.committed is None else self.committed.result(timeout_s)


FailureListener = Callable[[OperationOutcome, StoreError], None]


class AlertDesk:
    """Operations on alerts for signed-in officers (window and headless alike).

    `on_changes(changes)` is called with the alert changes that each action and
    each terminal answer made (callers need not publish them again), so that
    whoever shows the alerts can show them.  It and the failure listeners are
    called on the thread that acted (the asyncio/Qt thread).
    """

    def __init__(
        self,
        book: AlertBook,
        office: OfficeStore,
        sender: CorrectionSender | None = None,
        *,
        on_changes: Callable[[list[AlertChange]], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.book = book
        self.office = office
        self.sender = sender
        self.on_changes = on_changes or (lambda changes: None)
        self.failure_listeners: list[FailureListener] = []
        self._clock = clock
        self._pending_resolution: dict[str, str] = {}  # request id → resolution on acceptance
        self._corrections: dict[str, CorrectionState] = {}  # alert id → latest, as submitted
        self._failed: list[tuple[OperationOutcome, StoreError]] = []
        self._failed_lock = threading.Lock()
        if sender is not None:
            sender.set_answer_planner(self.plan_answer, self._undo_answer)
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
            lambda who, st: ops.acknowledge(self.book, alert_id, who=who, station=st, why=comment,
                                            commit=False),
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
                self.book, alert_id, who=who, station=st, why="claimed", commit=False
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
            lambda who, st: ops.shelve(self.book, alert_id, minutes, reason, who=who, station=st,
                                       commit=False),
        )

    def escalate(self, session: Session, alert_id: str, why: str | None = None) -> OperationOutcome:
        return self._act(
            session,
            Operation.ESCALATE,
            alert_id,
            "escalate",
            {"why": why},
            lambda who, st: ops.escalate(self.book, alert_id, who=who, station=st, why=why,
                                         commit=False),
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
            lambda who, st: ops.comment(self.book, alert_id, text, who=who, station=st,
                                        commit=False),
        )

    def reopen(self, session: Session, alert_id: str, why: str | None = None) -> OperationOutcome:
        return self._act(
            session,
            Operation.REOPEN,
            alert_id,
            "reopen",
            {"why": why},
            lambda who, st: ops.reopen(self.book, alert_id, who=who, station=st, why=why,
                                       commit=False),
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
                    self.book, alert_id, resolution, who=who, station=st, why=comment,
                    commit=False,
                ),
            )
        return self._correct(session, alert_id, resolution, dict(changes), comment)

    # ----------------------------------------------------------- what stands

    def correction_state(self, alert_id: str) -> CorrectionState:
        """Where the latest correction of this alert stands (as submitted, then answered)."""
        known = self._corrections.get(alert_id)
        if known is None:
            known = correction_state(self.office.corrections(alert_id=alert_id))
            self._corrections[alert_id] = known
        return known

    def settle_failures(self) -> None:
        """Report writes that failed since the last call (called on the acting thread)."""
        with self._failed_lock:
            failed, self._failed = self._failed, []
        for outcome, error in failed:
            ids = {c.alert.alert_id for c in outcome.changes}
            self.book.resync(ids)
            if outcome.correction is not None and outcome.correction.request.alert_id:
                self._corrections.pop(outcome.correction.request.alert_id, None)
                self._pending_resolution.pop(outcome.correction.request_id, None)
            for listener in list(self.failure_listeners):
                try:
                    listener(outcome, error)
                except Exception:
                    log.exception("failure listener failed")

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
        self.settle_failures()
        actor = self._authorize(session, operation)
        if self.book.get(alert_id) is None:
            raise OperationRefused(f"no alert {alert_id}", Refusal.GONE)
        try:
            changes = run(actor.officer, actor.station)
        except AlertStateConflict as exc:
            raise OperationRefused(str(exc), Refusal.STATE) from None
        except AlertTransitionError as exc:
            raise OperationRefused(str(exc)) from None
        return self._submit(changes, _audit(actor, action, alert_id, details, changes))

    def _submit(self, changes: list[AlertChange], record: AuditRecord,
                correction: CorrectionRequest | None = None) -> OperationOutcome:
        """Stage the changes in the book, hand the one transaction to the store, publish."""
        now = self._clock()
        self.book.stage(changes)
        outcome = OperationOutcome(
            list(changes), queued_entry(correction, now) if correction is not None else None)
        outcome.committed = self.office.act(
            OfficeAction(tuple(changes), (record,), correction, now))
        self._watch(outcome)
        self.on_changes(changes)
        return outcome

    def _watch(self, outcome: OperationOutcome) -> None:
        assert outcome.committed is not None
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None

        def done(future: Future[Committed]) -> None:
            error = future.exception()
            if error is None:
                if outcome.correction is not None and self.sender is not None:
                    self.sender.wake()
                return
            if not isinstance(error, StoreError):
                log.error("an officer's action was not stored", exc_info=error)
                error = StoreError("io", f"the action was not stored ({error})")
            with self._failed_lock:
                self._failed.append((outcome, error))
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self.settle_failures)

        outcome.committed.add_done_callback(done)

    def _authorize(self, session: Session, operation: Operation) -> Actor:
        try:
            return session.authorize(operation)
        except PermissionDenied as exc:
            raise OperationRefused(str(exc), Refusal.DENIED) from None
        except SessionLocked as exc:
            raise OperationRefused(str(exc), Refusal.LOCKED) from None

    def _correct(
        self,
        session: Session,
        alert_id: str,
        resolution: str,
        changes: dict[str, Any],
        comment: str | None,
    ) -> OperationOutcome:
        self.settle_failures()
        actor = self._authorize(session, Operation.RESOLVE)
        alert = self.book.get(alert_id)
        if alert is None:
            raise OperationRefused(f"no alert {alert_id}", Refusal.GONE)
        if self.sender is None:
            raise OperationRefused("corrections cannot be sent: no terminal feed is configured",
                                   Refusal.NO_TERMINAL)
        if not alert.event_id:
            raise OperationRefused("this alert names no terminal event to correct")
        unknown = sorted(set(changes) - set(CORRECTABLE))
        if unknown:
            raise OperationRefused(f"these fields cannot be corrected: {', '.join(unknown)}")
        if self.correction_state(alert_id).waiting:
            raise OperationRefused("a correction of this alert is already with the terminal",
                                   Refusal.PENDING)
        planned: list[AlertChange] = []
        if alert.state == "unacknowledged":
            planned += ops.acknowledge(
                self.book, alert_id, who=actor.officer, station=actor.station, why=comment,
                commit=False,
            )
        request = CorrectionRequest(
            event_id=alert.event_id,
            changes=changes,
            officer=actor.officer,
            station=actor.station,
            alert_id=alert_id,
            reason=comment,
        )
        acked = planned[0].alert if planned else alert
        planned.append(self.book.change(
            acked, "comment", actor.officer, actor.station,
            f"correction {request.request_id} sent to the terminal: {_describe(changes)}"))
        record = _audit(
            actor,
            "correct",
            alert_id,
            {
                "resolution": resolution,
                "changes": changes,
                "comment": comment,
                "request_id": request.request_id,
                "event_id": alert.event_id,
            },
            planned,
        )
        self._pending_resolution[request.request_id] = resolution
        self._corrections[alert_id] = correction_state([queued_entry(request, 0.0)])
        return self._submit(planned, record, request)

    def plan_answer(self, entry: OutboxEntry) -> list[AlertChange]:
        """The alert changes the terminal's answer (`entry`, answered) causes: the alert
        resolved, or the refusal written on it.  Staged in the book; the sender commits
        them with the answer and its audit entry (one transaction)."""
        req = entry.request
        if req.alert_id is None or self.book.get(req.alert_id) is None:
            return []
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
                    commit=False,
                )
            else:
                changes = ops.comment(
                    self.book,
                    req.alert_id,
                    f"correction {req.request_id} rejected by the terminal: "
                    f"{entry.rejection_reason}",
                    who="terminal",
                    station=None,
                    commit=False,
                )
        except AlertTransitionError as exc:
            log.warning("answer to %s could not be applied: %s", req.request_id, exc)
            return []
        self.book.stage(changes)
        self._corrections[req.alert_id] = correction_state([entry])
        self.on_changes(changes)
        return changes

    def _undo_answer(self, changes: Sequence[AlertChange]) -> None:
        """The answer was not stored: the alerts are as the store holds them."""
        ids = {c.alert.alert_id for c in changes}
        self.book.resync(ids)
        for alert_id in ids:
            self._corrections.pop(alert_id, None)

    def _correction_answered(self, entry: OutboxEntry) -> None:
        """After the answer's transaction: what stands is what was stored."""
        if entry.request.alert_id is not None:
            self._corrections[entry.request.alert_id] = correction_state([entry])


def _audit(actor: Actor, action: str, alert_id: str, details: dict[str, Any],
           changes: list[AlertChange]) -> AuditRecord:
    effect = [
        {"alert_id": c.alert.alert_id, "action": c.action, "state": c.alert.state}
        for c in changes
    ]
    return AuditRecord(
        actor.officer,
        actor.station,
        f"alert.{action}",
        alert_id,
        {k: v for k, v in details.items() if v is not None} | {"effect": effect},
    )


def _describe(changes: Mapping[str, Any]) -> str:
    return ", ".join(f"{k} → {v}" for k, v in changes.items())
