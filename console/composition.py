"""Building the engine from its parts: store, supervision, feeds.

The window (`ui.app`) and the headless mode both build their engine here, so
the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from console.engine import Engine
from console.feed.config import FeedConfig
from console.store.sqlite import SqliteEventStore


def build_engine(db: Path, feeds: Sequence[FeedConfig]) -> Engine:
    """Open (or create) the database and make an engine for these feeds."""
    db.parent.mkdir(parents=True, exist_ok=True)
    store = SqliteEventStore(db)
    return Engine(store, feeds)
