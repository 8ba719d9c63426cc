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
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from console.audit.trail import AuditTrail
from console.corrections.outbox import CorrectionOutbox, CorrectionRequest, OutboxEntry
from console.protocol.messages import CorrectionResult, ErrorMessage
from console.store.base import StoreError

log = logging.getLogger("console.corrections")

Send = Callable[[dict[str, Any]], Awaitable[None]]
Listener = Callable[[OutboxEntry], None]

RESEND_AFTER_S = 10.0


class CorrectionSender:
    def __init__(
        self,
        outbox: CorrectionOutbox,
        send: Send,
        *,
        resend_after_s: float = RESEND_AFTER_S,
        retry_s: float = 2.0,
        poll_s: float = 1.0,
        clock: Callable[[], float] = time.time,
        audit: AuditTrail | None = None,
    ) -> None:
        self._outbox = outbox
        self._send = send
        self._resend_after_s = resend_after_s
        self._retry_s = retry_s
        self._poll_s = poll_s
        self._clock = clock
        self._audit = audit
        self._wake = asyncio.Event()
        self._outcome_listeners: list[Listener] = []
        self._progress_listeners: list[Listener] = []
        self._flushing = asyncio.Lock()

    @property
    def outbox(self) -> CorrectionOutbox:
        return self._outbox

    def add_outcome_listener(self, listener: Listener) -> None:
        self._outcome_listeners.append(listener)

    def add_progress_listener(self, listener: Listener) -> None:
        self._progress_listeners.append(listener)

    async def submit(self, request: CorrectionRequest) -> OutboxEntry:
        """Store the correction durably, then send it as soon as the loop runs."""
        return self.enqueue(request)

    def enqueue(self, request: CorrectionRequest) -> OutboxEntry:
        """The same as `submit`, for callers outside a coroutine (it does not block)."""
        entry = self._outbox.enqueue(request, self._clock())
        self._wake.set()
        return entry

    def kick(self) -> None:
        """Send everything pending now: after a reconnect, answers to earlier sends may be lost."""
        self._outbox.make_all_due(self._clock())
        self._wake.set()

    def on_result(self, result: CorrectionResult) -> OutboxEntry | None:
        """Take a `correction_result`; returns the answered entry, None for a repeat or stranger."""
        accepted = result.status == "accepted"
        entry = self._outbox.record_answer(
            result.request_id, accepted, self._clock(),
            replacement_id=result.replacement_id, reason=result.reason)
        if entry is None:
            log.debug("correction_result for %s ignored (unknown or already answered)",
                      result.request_id)
            return None
        self._finish(entry)
        return entry

    def on_error(self, error: ErrorMessage) -> OutboxEntry | None:
        """An `error` naming one of our requests means the gateway will never apply it."""
        if error.request_id is None:
            return None
        entry = self._outbox.record_answer(
            error.request_id, False, self._clock(),
            reason=f"the terminal refused the message ({error.code}): {error.message}")
        if entry is not None:
            self._finish(entry)
        return entry

    async def run(self) -> None:
        """Send due corrections until cancelled; everything pending is due at start."""
        self._outbox.make_all_due(self._clock())
        while True:
            try:
                await self.flush()
            except StoreError as exc:
                log.error("corrections cannot be sent: %s", exc.message)
            self._wake.clear()
            next_due = self._outbox.next_due_at()
            wait = self._poll_s if next_due is None else next_due - self._clock()
            wait = min(self._poll_s, max(0.01, wait))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    async def flush(self) -> int:
        """Send every due correction once, oldest first; return how many went out."""
        sent = 0
        async with self._flushing:
            for entry in self._outbox.due(self._clock()):
                try:
                    await asyncio.wait_for(self._send(entry.request.message()),
                                           self._resend_after_s)
                except Exception as exc:
                    if not isinstance(exc, ConnectionError | TimeoutError):
                        log.exception("sending correction %s failed unexpectedly",
                                      entry.request_id)
                    error = str(exc) or type(exc).__name__
                    if isinstance(exc, TimeoutError):
                        error = f"the link did not take it within {self._resend_after_s:g} s"
                    self._outbox.mark_send_failed(entry.request_id, self._clock(), error,
                                                  self._retry_s)
                    self._notify(self._progress_listeners, entry.request_id)
                    for later in self._outbox.due(self._clock()):
                        self._outbox.mark_send_failed(later.request_id, self._clock(),
                                                      "not sent: the link is down",
                                                      self._retry_s)
                    break
                if entry.attempts:
                    log.info("correction %s unanswered; resent (attempt %d)",
                             entry.request_id, entry.attempts + 1)
                self._outbox.mark_sent(entry.request_id, self._clock(), self._resend_after_s)
                sent += 1
                self._notify(self._progress_listeners, entry.request_id)
        return sent

    def _finish(self, entry: OutboxEntry) -> None:
        if self._audit is not None:
            r = entry.request
            self._audit.append(
                "terminal", r.station or "console", f"correction.{entry.state}",
                entry.request_id,
                {"officer": r.officer, "event_id": r.event_id, "alert_id": r.alert_id,
                 "changes": r.changes,
                 "replacement_id": entry.replacement_id, "reason": entry.rejection_reason,
                 "attempts": entry.attempts})
        self._call(self._outcome_listeners, entry)

    def _notify(self, listeners: list[Listener], request_id: str) -> None:
        entry = self._outbox.get(request_id)
        if entry is not None:
            self._call(listeners, entry)

    @staticmethod
    def _call(listeners: list[Listener], entry: OutboxEntry) -> None:
        for listener in list(listeners):
            try:
                listener(entry)
            except Exception:
                log.exception("correction listener failed for %s", entry.request_id)
