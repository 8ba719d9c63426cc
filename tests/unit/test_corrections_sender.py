"""The correction sender against a real loopback websocket gateway of this test's own.

The gateway below speaks section 6 of the feed protocol: it applies a
correction once per `request_id` and answers a repeated `request_id` with its
first answer.  It can be stopped and started again on the same port (the
terminal going offline), and can "lose" answers.  Times are scaled down by
25: `resend_after_s` is 0.4 s instead of the protocol's 10 s, so a 30-s
outage lasts 1.2 s here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from console.corrections.request import CorrectionRequest, OutboxEntry
from console.corrections.sender import CorrectionSender
from console.deadline import within
from console.protocol.messages import (
    CorrectionResult,
    ErrorMessage,
)
from console.store.office.audit_trail import AuditTrail
from console.store.office.outbox import CorrectionOutbox
from console.store.schema import connect
from tests.support.corrections_gateway import Gateway, Link

RESEND_S = 0.4
EVENT = "KHH-T7:G2:000441"


class Console:
    """The console's side: outbox in a real SQLite file, sender, link, listeners."""

    def __init__(self, db: Path, port: int) -> None:
        self.conn = connect(db)
        self.audit = AuditTrail(self.conn)
        self.outbox = CorrectionOutbox(self.conn)
        self.link: Link
        self.sender = CorrectionSender(self.outbox, self._send, resend_after_s=RESEND_S,
                                       retry_s=0.1, poll_s=0.05, audit=self.audit)
        self.link = Link(port, self.sender)
        self.outcomes: list[OutboxEntry] = []
        self.progress: list[OutboxEntry] = []
        self.sender.add_outcome_listener(self.outcomes.append)
        self.sender.add_progress_listener(self.progress.append)
        self._tasks: list[asyncio.Task[None]] = []

    async def _send(self, message: dict[str, Any]) -> None:
        await self.link.send(message)

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self.link.run()), asyncio.create_task(self.sender.run())]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.conn.close()


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.02)
    await within(poll(), timeout)


def run(coro: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(coro())


def correction(**kw: Any) -> CorrectionRequest:
    base: dict[str, Any] = {"event_id": EVENT, "changes": {"equipmentReference": "EGHU9012346"},
                            "officer": "A123", "station": "WS-07", "alert_id": "al-1",
                            "reason": "OCR misread 0/O"}
    return CorrectionRequest(**(base | kw))


def test_accepted_at_once_when_the_gateway_is_up(tmp_path: Path) -> None:
    async def scenario() -> None:
        gateway = Gateway({EVENT})
        await gateway.start()
        console = Console(tmp_path / "c.db", gateway.port)
        console.start()
        entry = await console.sender.submit(correction())
        await until(lambda: bool(console.outcomes))
        [done] = console.outcomes
        assert (done.request_id, done.state) == (entry.request_id, "accepted")
        assert done.replacement_id == f"{EVENT}#1"
        assert gateway.received == [entry.request_id] and gateway.applied[EVENT] == 1
        audited = list(console.audit.entries(target=entry.request_id))
        assert [(e.action, e.actor, e.station) for e in audited] == [
            ("correction.accepted", "terminal", "WS-07")]
        assert audited[0].details["officer"] == "A123"
        await console.stop()
        await gateway.stop()
    run(scenario)


@pytest.mark.slow
def test_delivered_once_after_the_gateway_was_offline(tmp_path: Path) -> None:
    async def scenario() -> None:
        gateway = Gateway({EVENT})
        await gateway.start()
        console = Console(tmp_path / "c.db", gateway.port)
        console.start()
        await until(lambda: console.link.connections == 1)
        await gateway.stop()
        entry = await console.sender.submit(correction())
        await asyncio.sleep(30 / 10 * RESEND_S)  # 30 s of outage, scaled
        waiting = console.outbox.get(entry.request_id)
        assert waiting is not None and waiting.state == "queued" and waiting.failed_sends >= 5
        assert waiting.last_error and "not connected" in waiting.last_error
        assert console.progress and not console.outcomes
        await gateway.start()
        await until(lambda: bool(console.outcomes))
        assert console.outcomes[0].state == "accepted"
        assert gateway.applied[EVENT] == 1
        await asyncio.sleep(3 * RESEND_S)  # nothing more goes out once it is answered
        assert gateway.received == [entry.request_id]
        await console.stop()
        await gateway.stop()
    run(scenario)


def test_a_rejection_records_its_reason(tmp_path: Path) -> None:
    async def scenario() -> None:
        gateway = Gateway(set())
        await gateway.start()
        console = Console(tmp_path / "c.db", gateway.port)
        console.start()
        entry = await console.sender.submit(correction())
        await until(lambda: bool(console.outcomes))
        stored = console.outbox.get(entry.request_id)
        assert stored is not None and stored.state == "rejected"
        assert stored.rejection_reason == f"no event {EVENT} in the terminal's records"
        assert console.outcomes[0].rejection_reason == stored.rejection_reason
        [audited] = console.audit.entries(target=entry.request_id)
        assert audited.action == "correction.rejected"
        assert audited.details["reason"] == stored.rejection_reason
        await console.stop()
        await gateway.stop()
    run(scenario)


def test_an_unanswered_correction_is_resent_and_applied_only_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        gateway = Gateway({EVENT})
        gateway.lose_answers = 2
        await gateway.start()
        console = Console(tmp_path / "c.db", gateway.port)
        console.start()
        entry = await console.sender.submit(correction())
        await until(lambda: bool(console.outcomes))
        assert gateway.received == [entry.request_id] * 3  # the same request id each time
        assert gateway.applied[EVENT] == 1
        done = console.outcomes[0]
        assert (done.state, done.attempts, done.replacement_id) == ("accepted", 3, f"{EVENT}#1")
        # A repeated answer (the gateway answering a late resend) changes nothing.
        again = CorrectionResult(entry.request_id, "accepted", EVENT, f"{EVENT}#1", None)
        assert console.sender.on_result(again) is None
        assert len(console.outcomes) == 1
        await console.stop()
        await gateway.stop()
    run(scenario)


@pytest.mark.parametrize("sent_before_restart", [False, True])
def test_a_restart_resends_pending_corrections(tmp_path: Path, sent_before_restart: bool) -> None:
    async def scenario() -> None:
        gateway = Gateway({EVENT})
        await gateway.start()
        first = Console(tmp_path / "c.db", gateway.port)
        if sent_before_restart:
            gateway.lose_answers = 1  # it reached the terminal; the answer did not come back
            first.start()
            entry = await first.sender.submit(correction())
            await until(lambda: gateway.received == [entry.request_id])
        else:
            entry = await first.sender.submit(correction())  # never sent: nothing was running
        await first.stop()  # the console closes (or dies) with the correction pending

        second = Console(tmp_path / "c.db", gateway.port)
        assert [e.request_id for e in second.outbox.pending()] == [entry.request_id]
        second.start()
        await until(lambda: bool(second.outcomes))
        assert second.outcomes[0].state == "accepted"
        assert gateway.applied[EVENT] == 1
        assert gateway.received == [entry.request_id] * (2 if sent_before_restart else 1)
        await second.stop()
        await gateway.stop()
    run(scenario)


def test_a_gateway_error_naming_the_request_ends_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        console = Console(tmp_path / "c.db", 9)
        entry = await console.sender.submit(correction())
        done = console.sender.on_error(ErrorMessage("bad_request", "changes not allowed",
                                                    entry.request_id))
        assert done is not None and done.state == "rejected"
        assert "bad_request" in (done.rejection_reason or "")
        assert console.sender.on_error(ErrorMessage("bad_request", "x", None)) is None
        await console.stop()
    run(scenario)


def test_a_failing_listener_does_not_stop_the_sender(tmp_path: Path) -> None:
    async def scenario() -> None:
        gateway = Gateway({EVENT})
        await gateway.start()
        console = Console(tmp_path / "c.db", gateway.port)

        def broken(entry: OutboxEntry) -> None:
            raise RuntimeError("a view crashed")

        console.sender.add_outcome_listener(broken)
        console.sender.add_progress_listener(broken)
        console.start()
        first = await console.sender.submit(correction())
        await until(lambda: len(console.outcomes) == 1)
        second = await console.sender.submit(correction(alert_id="al-2"))
        await until(lambda: len(console.outcomes) == 2)
        assert [e.request_id for e in console.outcomes] == [first.request_id, second.request_id]
        await console.stop()
        await gateway.stop()
    run(scenario)


def test_a_stalled_link_counts_as_a_failed_send_and_the_sender_goes_on(tmp_path: Path) -> None:
    async def scenario() -> None:
        stall = asyncio.Event()

        async def stalled(message: dict[str, Any]) -> None:
            await stall.wait()

        conn = connect(tmp_path / "c.db")
        sender = CorrectionSender(CorrectionOutbox(conn), stalled, resend_after_s=0.2,
                                  retry_s=0.1, poll_s=0.05)
        entry = await sender.submit(correction())
        assert await sender.flush() == 0
        failed = sender.outbox.get(entry.request_id)
        assert failed is not None and failed.state == "queued" and failed.failed_sends == 1
        assert failed.last_error == "the link did not take it within 0.2 s"
        stall.set()  # the link recovers
        await asyncio.sleep(0.1)
        assert await sender.flush() == 1
        sent = sender.outbox.get(entry.request_id)
        assert sent is not None and (sent.state, sent.attempts) == ("sent", 1)
        conn.close()
    run(scenario)


def test_stop_ends_the_sender_when_a_wake_up_arrives_in_the_same_turn(tmp_path: Path) -> None:
    """The console hung on exit about one time in six: the sender was woken (the terminal's
    feed came up) in the loop turn of its cancellation, `asyncio.wait_for` on Python 3.11
    returned the wake-up and dropped the cancellation, and the sender looped on for ever."""
    async def scenario() -> None:
        conn = connect(tmp_path / "c.db")
        sender = CorrectionSender(CorrectionOutbox(conn), _never_sent, poll_s=30.0)
        task = asyncio.create_task(sender.run())
        await asyncio.sleep(0.2)  # nothing is due: it waits for a wake-up (up to 30 s)
        sender.wake()
        task.cancel()
        done, _pending = await asyncio.wait({task}, timeout=2.0)
        assert task in done and task.cancelled(), "the sender ignored its cancellation"
        conn.close()
    run(scenario)


async def _never_sent(message: dict[str, Any]) -> None:
    raise AssertionError("nothing is due: nothing may be sent")
