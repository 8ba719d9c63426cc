"""Sending the outbox's corrections to the terminal and taking in the answers.

`CorrectionSender` runs on the asyncio loop beside the terminal feed client.
It is given the feed's `send(message) -> Awaitable[None]` (which raises
`ConnectionError` while the feed is offline; a send that takes longer than
`resend_after_s`, or raises anything else, is logged and treated the same
way, so a stalled or buggy link never loses a correction) and is fed every
`correction_result` the feed receives (`on_result`) and every `error` that
names a request (`on_error`).  It never drops a correction: a send that fails
is retried every `retry_s`; a send with no answer within `resend_after_s`
(10 s by the protocol) is sent again with the same `request_id`; a restart
makes everything pending due at once (`run` starts with that).  After a
reconnect, the feed client calls `kick()` to send without waiting.

Listeners (plain callables taking the `OutboxEntry`):

- outcome listeners: once per correction, when it is accepted or rejected
  (the rejection reason is `entry.rejection_reason`);
- progress listeners: after every send and every failed send, so that a view
  can show "waiting for the terminal (offline)" or "no answer, resent".

A listener that raises is logged and does not stop the sender.  When an
`AuditTrail` is given, the answer is recorded there as `correction.accepted`
or `correction.rejected` (actor `terminal`, the officer's station, the request
id as target, the officer and alert in the details).

Given the console's `OfficeStore` instead of a bare `CorrectionOutbox`, every
outbox write runs on the store's writer thread (the loop awaits it, it never
blocks on it), and a terminal's answer is ONE transaction with its audit
entry and the alert changes the desk plans for it (`set_answer_planner`):
the outbox row is final, the alert resolved (or the rejection written on it)
and the audit entry appended together, or none of them.  Outcome listeners
are called after that commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from console.alerts.model import AlertChange
from console.corrections.request import CorrectionRequest, OutboxEntry
from console.deadline import within
from console.office.records import (
    AnswerAction,
    AnswerCommitted,
    AuditRecord,
    CorrectionAnswer,
    answered_entry,
)
from console.protocol.messages import CorrectionResult, ErrorMessage
from console.store.base import StoreError
from console.store.office.audit_trail import AuditTrail
from console.store.office.outbox import CorrectionOutbox

if TYPE_CHECKING:
    from console.office.store import OfficeStore

log = logging.getLogger("console.corrections")

Send = Callable[[dict[str, Any]], Awaitable[None]]
Listener = Callable[[OutboxEntry], None]
AnswerPlanner = Callable[[OutboxEntry], list[AlertChange]]
AnswerUndo = Callable[[Sequence[AlertChange]], None]
T = TypeVar("T")

RESEND_AFTER_S = 10.0


class OutboxPort(Protocol):
    """What the sender needs of where corrections are kept (writes answer futures)."""

    def get(self, request_id: str) -> OutboxEntry | None: ...

    def due(self, now: float) -> list[OutboxEntry]: ...

    def next_due_at(self) -> float | None: ...

    def enqueue(self, request: CorrectionRequest, now: float) -> Future[OutboxEntry]: ...

    def make_all_due(self, now: float) -> Future[int]: ...

    def mark_sent(self, request_id: str, now: float, resend_after_s: float) -> Future[bool]: ...

    def mark_send_failed(self, request_id: str, now: float, error: str,
                         retry_s: float) -> Future[bool]: ...

    def answer(self, action: AnswerAction) -> Future[AnswerCommitted]: ...


def _done(fn: Callable[[], T]) -> Future[T]:
    future: Future[T] = Future()
    try:
        future.set_result(fn())
    except BaseException as exc:
        future.set_exception(exc)
    return future


class _OutboxPort:
    """A bare `CorrectionOutbox` (and an optional trail on its own connection), at once."""

    def __init__(self, outbox: CorrectionOutbox, audit: AuditTrail | None) -> None:
        self._outbox = outbox
        self._audit = audit

    def get(self, request_id: str) -> OutboxEntry | None:
        return self._outbox.get(request_id)

    def due(self, now: float) -> list[OutboxEntry]:
        return self._outbox.due(now)

    def next_due_at(self) -> float | None:
        return self._outbox.next_due_at()

    def enqueue(self, request: CorrectionRequest, now: float) -> Future[OutboxEntry]:
        return _done(lambda: self._outbox.enqueue(request, now))

    def make_all_due(self, now: float) -> Future[int]:
        return _done(lambda: self._outbox.make_all_due(now))

    def mark_sent(self, request_id: str, now: float, resend_after_s: float) -> Future[bool]:
        return _done(lambda: self._outbox.mark_sent(request_id, now, resend_after_s))

    def mark_send_failed(self, request_id: str, now: float, error: str,
                         retry_s: float) -> Future[bool]:
        return _done(lambda: self._outbox.mark_send_failed(request_id, now, error, retry_s))

    def answer(self, action: AnswerAction) -> Future[AnswerCommitted]:
        def write() -> AnswerCommitted:
            if action.changes:
                raise ValueError("alert changes of an answer need the office store")
            a = action.answer
            entry = self._outbox.record_answer(a.request_id, a.accepted, a.at,
                                               replacement_id=a.replacement_id, reason=a.reason)
            if entry is None:
                return AnswerCommitted(None)
            audit = tuple(self._audit.append(r.actor, r.station, r.action, r.target, r.details)
                          for r in action.audit) if self._audit is not None else ()
            return AnswerCommitted(entry, (), audit)
        return _done(write)


class _OfficePort:
    """The console's `OfficeStore`: writes on its writer thread, answers in one transaction."""

    def __init__(self, office: OfficeStore) -> None:
        self._office = office

    def get(self, request_id: str) -> OutboxEntry | None:
        return self._office.correction(request_id)

    def due(self, now: float) -> list[OutboxEntry]:
        return self._office.due(now)

    def next_due_at(self) -> float | None:
        return self._office.next_due_at()

    def enqueue(self, request: CorrectionRequest, now: float) -> Future[OutboxEntry]:
        return self._office.enqueue(request, now)

    def make_all_due(self, now: float) -> Future[int]:
        return self._office.make_all_due(now)

    def mark_sent(self, request_id: str, now: float, resend_after_s: float) -> Future[bool]:
        return self._office.mark_sent(request_id, now, resend_after_s)

    def mark_send_failed(self, request_id: str, now: float, error: str,
                         retry_s: float) -> Future[bool]:
        return self._office.mark_send_failed(request_id, now, error, retry_s)

    def answer(self, action: AnswerAction) -> Future[AnswerCommitted]:
        return self._office.answer(action)


async def _settled(future: Future[T]) -> T:
    """The future's result, awaited on the loop (at once when it is done already)."""
    if future.done():
        return future.result()
    return await asyncio.wrap_future(future)


class CorrectionSender:
    def __init__(
        self,
        outbox: CorrectionOutbox | OfficeStore,
        send: Send,
        *,
        resend_after_s: float = RESEND_AFTER_S,
        retry_s: float = 2.0,
        poll_s: float = 1.0,
        clock: Callable[[], float] = time.time,
        audit: AuditTrail | None = None,
    ) -> None:
        self._outbox = outbox
        self._port: OutboxPort
        if isinstance(outbox, CorrectionOutbox):
            self._port, self._audits = _OutboxPort(outbox, audit), audit is not None
        else:
            self._port, self._audits = _OfficePort(outbox), True
        self._send = send
        self._resend_after_s = resend_after_s
        self._retry_s = retry_s
        self._poll_s = poll_s
        self._clock = clock
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: threading.Thread | None = None
        self._outcome_listeners: list[Listener] = []
        self._progress_listeners: list[Listener] = []
        self._flushing = asyncio.Lock()
        self._planner: AnswerPlanner | None = None
        self._undo: AnswerUndo | None = None
        self._answering: set[str] = set()

    @property
    def outbox(self) -> CorrectionOutbox | OfficeStore:
        return self._outbox

    def add_outcome_listener(self, listener: Listener) -> None:
        self._outcome_listeners.append(listener)

    def add_progress_listener(self, listener: Listener) -> None:
        self._progress_listeners.append(listener)

    def set_answer_planner(self, plan: AnswerPlanner, undo: AnswerUndo | None = None) -> None:
        """`plan(answered_entry)` gives (and stages) the alert changes an answer causes; they
        are committed with it.  `undo(changes)` is called when that commit did not happen."""
        self._planner, self._undo = plan, undo

    async def submit(self, request: CorrectionRequest) -> OutboxEntry:
        """Store the correction durably, then send it as soon as the loop runs."""
        entry = await _settled(self._port.enqueue(request, self._clock()))
        self.wake()
        return entry

    def enqueue(self, request: CorrectionRequest) -> OutboxEntry:
        """The same as `submit`, for callers outside a coroutine."""
        entry = self._port.enqueue(request, self._clock()).result()
        self.wake()
        return entry

    def wake(self) -> None:
        """Look for due corrections now (callable from any thread)."""
        loop = self._loop
        if loop is None or threading.current_thread() is self._loop_thread:
            self._wake.set()
        elif not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    def kick(self) -> None:
        """Send everything pending now: after a reconnect, answers to earlier sends may be lost."""
        future = self._port.make_all_due(self._clock())
        future.add_done_callback(lambda _f: self.wake())

    def on_result(self, result: CorrectionResult) -> OutboxEntry | None:
        """Take a `correction_result`; returns the answered entry, None for a repeat or stranger."""
        return self._answer(CorrectionAnswer(
            result.request_id, result.status == "accepted", self._clock(),
            result.replacement_id, result.reason))

    def on_error(self, error: ErrorMessage) -> OutboxEntry | None:
        """An `error` naming one of our requests means the gateway will never apply it."""
        if error.request_id is None:
            return None
        return self._answer(CorrectionAnswer(
            error.request_id, False, self._clock(),
            reason=f"the terminal refused the message ({error.code}): {error.message}"))

    def _answer(self, answer: CorrectionAnswer) -> OutboxEntry | None:
        entry = self._port.get(answer.request_id)
        if entry is None or entry.final or answer.request_id in self._answering:
            log.debug("answer for %s ignored (unknown or already answered)", answer.request_id)
            return None
        final = answered_entry(entry, answer)
        changes = self._planner(final) if self._planner is not None else []
        records = (_audit_record(final),) if self._audits else ()
        future = self._port.answer(AnswerAction(answer, tuple(changes), records))
        request_id = answer.request_id
        if future.done():
            return self._answered(future, request_id, changes)
        self._answering.add(request_id)
        future.add_done_callback(
            lambda f: self._on_loop(lambda: self._answered(f, request_id, changes)))
        return final

    def _answered(self, future: Future[AnswerCommitted], request_id: str,
                  changes: Sequence[AlertChange]) -> OutboxEntry | None:
        """After the answer's transaction: tell the listeners, or undo the staged changes."""
        self._answering.discard(request_id)
        try:
            entry = future.result().entry
        except StoreError as exc:
            log.error("the terminal's answer to %s could not be stored (it is taken again "
                      "when the terminal repeats it): %s", request_id, exc.message)
            entry = None
        if entry is not None:
            self._call(self._outcome_listeners, entry)
            return entry
        if changes and self._undo is not None:
            self._undo(changes)
        return None

    def _on_loop(self, fn: Callable[[], object]) -> None:
        loop = self._loop
        if loop is None or threading.current_thread() is self._loop_thread:
            fn()
        elif not loop.is_closed():
            loop.call_soon_threadsafe(fn)

    async def run(self) -> None:
        """Send due corrections until cancelled; everything pending is due at start."""
        self._loop, self._loop_thread = asyncio.get_running_loop(), threading.current_thread()
        await _settled(self._port.make_all_due(self._clock()))
        while True:
            try:
                await self.flush()
            except StoreError as exc:
                log.error("corrections cannot be sent: %s", exc.message)
            self._wake.clear()
            next_due = self._port.next_due_at()
            wait = self._poll_s if next_due is None else next_due - self._clock()
            wait = min(self._poll_s, max(0.01, wait))
            with contextlib.suppress(TimeoutError):
                await within(self._wake.wait(), wait)

    async def flush(self) -> int:
        """Send every due correction once, oldest first; return how many went out."""
        sent = 0
        async with self._flushing:
            for entry in self._port.due(self._clock()):
                try:
                    await within(self._send(entry.request.message()), self._resend_after_s)
                except Exception as exc:
                    if not isinstance(exc, ConnectionError | TimeoutError):
                        log.exception("sending correction %s failed unexpectedly",
                                      entry.request_id)
                    error = str(exc) or type(exc).__name__
                    if isinstance(exc, TimeoutError):
                        error = f"the link did not take it within {self._resend_after_s:g} s"
                    await _settled(self._port.mark_send_failed(
                        entry.request_id, self._clock(), error, self._retry_s))
                    self._notify(self._progress_listeners, entry.request_id)
                    for later in self._port.due(self._clock()):
                        await _settled(self._port.mark_send_failed(
                            later.request_id, self._clock(), "not sent: the link is down",
                            self._retry_s))
                    break
                if entry.attempts:
                    log.info("correction %s unanswered; resent (attempt %d)",
                             entry.request_id, entry.attempts + 1)
                await _settled(self._port.mark_sent(entry.request_id, self._clock(),
                                                    self._resend_after_s))
                sent += 1
                self._notify(self._progress_listeners, entry.request_id)
        return sent

    def _notify(self, listeners: list[Listener], request_id: str) -> None:
        entry = self._port.get(request_id)
        if entry is not None:
            self._call(listeners, entry)

    @staticmethod
    def _call(listeners: list[Listener], entry: OutboxEntry) -> None:
        for listener in list(listeners):
            try:
                listener(entry)
            except Exception:
                log.exception("correction listener failed for %s", entry.request_id)


def _audit_record(entry: OutboxEntry) -> AuditRecord:
    """The answer's audit entry: actor `terminal`, the officer's station, the request id."""
    r = entry.request
    return AuditRecord(
        "terminal", r.station or "console", f"correction.{entry.state}", entry.request_id,
        {"officer": r.officer, "event_id": r.event_id, "alert_id": r.alert_id,
         "changes": r.changes,
         "replacement_id": entry.replacement_id, "reason": entry.rejection_reason,
         "attempts": entry.attempts})
