"""Cancelling a long query from another thread.

A `Cancellation` is handed to a query; the window (or a newer query) calls
`cancel()` from the UI thread.  Python loops between rows check `raise_if_cancelled`;
a single long statement is interrupted by the store itself
(`HistoryStore.interruptible`: SQLite's progress handler, which SQLite calls
every few thousand virtual-machine steps on the querying thread, see
`console.store.history.cancel`).  Either way the query ends with `Cancelled`,
never with half a result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[float], None]


class Cancelled(Exception):
    """The query was cancelled before it finished."""


class Cancellation:
    """A flag set from any thread, read by the thread running the query."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


NEVER = Cancellation()
