"""Building the engine from its parts: store, supervision, feeds.

The window (`ui.app`) and the headless mode both build their engine here, so
the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from console.alerts.store import SqliteAlertStore
from console.engine import Engine
from console.feed.config import FeedConfig
from console.rules.config import RuleConfig
from console.rules.supervisor import Supervisor
from console.store.sqlite import SqliteEventStore


def build_engine(
    db: Path, feeds: Sequence[FeedConfig], *, rules: RuleConfig | None = None
) -> Engine:
    """Open (or create) the database and make an engine for these feeds, with the rules."""
    db.parent.mkdir(parents=True, exist_ok=True)
    store = SqliteEventStore(db)
    supervisor = Supervisor(SqliteAlertStore(db), config=rules)
    return Engine(store, feeds, supervisor=supervisor)
