"""Building the console from its parts: store, supervision, feeds, officers, corrections.

The window (`ui.app`) and the headless mode both build their console here, so
the two can never drift apart.  The order is the order of start-up: the event
store, the alert store and supervisor, the engine with its feeds, then the
officers' side (accounts and audit, the correction outbox and its sender, the
desk) wired to the engine.  `ConsoleParts.start` is where a console process
sets what applies to the whole process (the garbage collector's pace, the
thread switch interval): a program that uses `Engine` as a library gets none
of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.alerts.model import AlertChange
from console.audit.station_key import StationKey
from console.corrections.sender import CorrectionSender
from console.engine import Engine, QuietObserver
from console.feed.config import FeedConfig
from console.feed.status import FeedStatus
from console.gc_policy import tune_for_streaming
from console.office.accounts import OfficeAccounts
from console.office.store import OfficeStore
from console.operations.desk import AlertDesk
from console.protocol.messages import CorrectionResult, ErrorMessage
from console.rules.config import RuleConfig
from console.rules.rebuild import rebuild
from console.rules.supervisor import Supervisor
from console.store.base import EventReader, EventStore
from console.store.office.audit_trail import AuditTrail
from console.store.office.sqlite import SqliteOfficeStore
from console.store.sqlite import OnDemandReader, SqliteEventStore
from console.thread_switching import switch_threads_often
from console.yard.recall import StoreRecall

log = logging.getLogger("console.composition")


@dataclass(slots=True)
class ConsoleParts:
    """Everything a front end (window or headless) works with."""

    engine: Engine
    supervisor: Supervisor
    desk: AlertDesk
    office: OfficeStore
    sender: CorrectionSender
    # The live yard's read-only view of the event store (`console.yard.recall`): closed here.
    recall_reader: EventReader | None = None
    _sending: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the engine (the state the last run left, then the feeds), set the process
        for streaming, and run the correction sender beside the feeds."""
        await self.engine.start()
        tune_process_for_streaming()  # after the restored yard is built: it is frozen too
        self._sending = asyncio.create_task(_logged(self.sender.run), name="correction sender")

    async def stop(self) -> None:
        """Stop the sender, then the engine (which commits what was received)."""
        task, self._sending = self._sending, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.engine.stop()

    @property
    def accounts(self) -> OfficeAccounts:
        return self.office.accounts

    @property
    def audit(self) -> AuditTrail:
        return self.office.audit

    def close(self) -> None:
        """Release the officers' side once its writes are done (the engine closes its own
        store in `stop`)."""
        self.office.close()
        reader, self.recall_reader = self.recall_reader, None
        if reader is not None:
            reader.close()


def build_console(
    db: Path, feeds: Sequence[FeedConfig], *, rules: RuleConfig | None = None,
    signer: StationKey | None = None,
) -> ConsoleParts:
    """Open (or create) the database and assemble a console for these feeds.

    With the workstation's station key (`signer`) the audit trail is signed
    and anchored outside the database (`console.audit.station_key`).
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    store = SqliteEventStore(db)
    office = SqliteOfficeStore(db, signer=signer)
    supervisor = Supervisor(office, config=rules)
    # What the live yard let go of, read back through a read-only store of its own (the
    # writer thread owns `store`'s connection; the supervisor runs on the loop's thread),
    # opened at the first recall.
    recall_reader = OnDemandReader(db)
    supervisor.yard.recall = StoreRecall(recall_reader)

    def restore(events: EventStore, keys: list[str]) -> list[AlertChange]:
        """The yard and pending deadlines as the last run left them."""
        # The role the feed's welcome announced, stored with its cursor (EVENTS_V4); a feed
        # that never committed has nothing to rebuild.
        roles = [(key, events.feed_role(key) or "terminal") for key in keys]
        return rebuild(supervisor, events, roles)

    engine = Engine(store, feeds, supervisor=supervisor, restore=restore)

    async def send(message: dict[str, Any]) -> None:
        client = engine.terminal_client()
        if client is None:
            raise ConnectionError("no terminal feed is connected")
        await client.send(message)

    sender = CorrectionSender(office, send)
    engine.subscribe(_SenderLink(sender))
    desk = AlertDesk(supervisor.book, office, sender, on_changes=engine.publish_alerts)
    return ConsoleParts(engine, supervisor, desk, office, sender, recall_reader)


def tune_process_for_streaming() -> None:
    """What a console process sets for itself once its start-up state is built: a garbage
    collector that does not rescan the yard (`console.gc_policy`) and a 1 ms thread switch
    interval (`console.thread_switching`)."""
    tune_for_streaming()
    switch_threads_often()


class _SenderLink(QuietObserver):
    """The correction sender's side of the engine: the gateway's answers go to it, and
    after a terminal feed (re)connects, answers to earlier sends may be lost: resend."""

    def __init__(self, sender: CorrectionSender) -> None:
        self._sender = sender

    def on_feed_status(self, status: FeedStatus) -> None:
        if status.role == "terminal" and status.state in ("resumed", "snapshot"):
            self._sender.kick()

    def on_correction_result(self, feed: str, result: CorrectionResult) -> None:
        self._sender.on_result(result)

    def on_gateway_error(self, feed: str, error: ErrorMessage) -> None:
        self._sender.on_error(error)


async def _logged(service: Callable[[], Awaitable[None]]) -> None:
    """Run a service; a crash is logged (it must not pass silently in a task)."""
    try:
        await service()
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("service %r stopped", service)
