"""Building the engine from its parts: store, supervision, feeds.

The window (`ui.app`) and the headless mode both build their engine here, so
the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from console.alerts.model import AlertChange
from console.alerts.store import SqliteAlertStore
from console.engine import Engine
from console.feed.config import FeedConfig
from console.rules.config import RuleConfig
from console.rules.rebuild import rebuild
from console.rules.supervisor import Supervisor
from console.store.base import EventStore
from console.store.sqlite import SqliteEventStore


def build_engine(
    db: Path, feeds: Sequence[FeedConfig], *, rules: RuleConfig | None = None
) -> Engine:
    """Open (or create) the database and make an engine for these feeds, with the rules."""
    db.parent.mkdir(parents=True, exist_ok=True)
    store = SqliteEventStore(db)
    supervisor = Supervisor(SqliteAlertStore(db), config=rules)

    def restore(events: EventStore, keys: list[str]) -> list[AlertChange]:
        """The yard and pending deadlines as the last run left them."""
        return rebuild(supervisor, events, [(key, _stored_role(events, key)) for key in keys])

    return Engine(store, feeds, supervisor=supervisor, restore=restore)


def _stored_role(events: EventStore, key: str) -> str:
    """A feed's role as its stored snapshot shows it (clearance feeds hold only clearances)."""
    snap = events.latest_snapshot(key)
    if snap is not None and (snap.containers or snap.vehicles or snap.devices):
        return "terminal"
    if snap is not None and snap.clearances:
        return "clearance"
    first = next(iter(events.events(feed=key)), None)
    return "clearance" if first is not None and first.kind == "clearance" else "terminal"
