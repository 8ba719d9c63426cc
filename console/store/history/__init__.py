"""The review's store on SQLite: `SqliteHistoryStore` implements `console.history.store`."""

from __future__ import annotations

from console.store.history.sqlite import SqliteHistoryStore, open_history

__all__ = ["SqliteHistoryStore", "open_history"]
