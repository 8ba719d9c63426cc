"""Building the console from its parts: store, supervision, feeds, officers, corrections.

The window (`ui.app`) and the headless mode both build their console here, so
the two can never drift apart.  The order is the order of start-up: the event
store, the alert store and supervisor, the engine with its feeds, then the
officers' side (accounts and audit, the correction outbox and its sender, the
desk) wired to the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.alerts.model import AlertChange
from console.alerts.store import SqliteAlertStore
from console.audit.station_key import StationKey
from console.audit.trail import AuditTrail
from console.corrections.outbox import CorrectionOutbox
from console.corrections.sender import CorrectionSender
from console.engine import Engine, QuietObserver
from console.feed.config import FeedConfig
from console.feed.status import FeedStatus
from console.officers.accounts import Accounts
from console.operations.desk import AlertDesk
from console.rules.config import RuleConfig
from console.rules.rebuild import rebuild
from console.rules.supervisor import Supervisor
from console.store.base import EventStore
from console.store.sqlite import SqliteEventStore
from console.yard.recall import StoreRecall


@dataclass(slots=True)
class ConsoleParts:
    """Everything a front end (window or headless) works with."""

    engine: Engine
    supervisor: Supervisor
    desk: AlertDesk
    accounts: Accounts
    audit: AuditTrail
    sender: CorrectionSender

    def close(self) -> None:
        """Release the officers' side (the engine closes its own store in `stop`)."""
        self.accounts.close()
        self.sender.outbox.close()
        self.supervisor.book.store.close()
        if isinstance(self.supervisor.yard.recall, StoreRecall):
            self.supervisor.yard.recall.close()


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
    supervisor = Supervisor(SqliteAlertStore(db), config=rules)
    supervisor.yard.recall = StoreRecall(db)  # what the live yard let go of, read back

    def restore(events: EventStore, keys: list[str]) -> list[AlertChange]:
        """The yard and pending deadlines as the last run left them."""
        return rebuild(supervisor, events, [(key, _stored_role(events, key)) for key in keys])

    engine = Engine(store, feeds, supervisor=supervisor, restore=restore)

    accounts = Accounts.open(db, signer=signer)
    audit = accounts.audit

    async def send(message: dict[str, Any]) -> None:
        client = engine.terminal_client()
        if client is None:
            raise ConnectionError("no terminal feed is connected")
        await client.send(message)

    sender = CorrectionSender(CorrectionOutbox.open(db), send, audit=audit)
    engine.services.append(sender.run)
    engine.correction_listeners.append(lambda _feed, result: sender.on_result(result))
    engine.error_listeners.append(lambda _feed, error: sender.on_error(error))
    engine.observers.append(_ResendOnReconnect(sender))
    desk = AlertDesk(supervisor.book, audit, sender, on_changes=engine.publish_alerts)
    return ConsoleParts(engine, supervisor, desk, accounts, audit, sender)


class _ResendOnReconnect(QuietObserver):
    """After a terminal feed (re)connects, answers to earlier sends may be lost: resend."""

    def __init__(self, sender: CorrectionSender) -> None:
        self._sender = sender

    def on_feed_status(self, status: FeedStatus) -> None:
        if status.role == "terminal" and status.state in ("resumed", "snapshot"):
            self._sender.kick()


def _stored_role(events: EventStore, key: str) -> str:
    """A feed's role as its stored snapshot shows it (clearance feeds hold only clearances)."""
    snap = events.latest_snapshot(key)
    if snap is not None and (snap.containers or snap.vehicles or snap.devices):
        return "terminal"
    if snap is not None and snap.clearances:
        return "clearance"
    first = next(iter(events.events(feed=key)), None)
    return "clearance" if first is not None and first.kind == "clearance" else "terminal"
