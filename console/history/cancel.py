"""Cancelling a long query from another thread.

A `Cancellation` is handed to a query; the window (or a newer query) calls
`cancel()` from the UI thread.  Python loops between rows check `raise_if_cancelled`;
a single long SQL statement is interrupted through SQLite's progress handler,
which SQLite calls every few thousand virtual-machine steps on the querying
thread.  Either way the query ends with `Cancelled`, never with half a result.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

ProgressCallback = Callable[[float], None]

_STEPS = 20_000


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


@contextmanager
def interruptible(conn: sqlite3.Connection, cancel: Cancellation) -> Iterator[None]:
    """Let `cancel` interrupt the SQL statements run on `conn` inside the block."""
    if cancel is NEVER:
        yield
        return
    conn.set_progress_handler(lambda: 1 if cancel.cancelled else 0, _STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if cancel.cancelled and "interrupted" in str(exc):
            raise Cancelled() from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
    cancel.raise_if_cancelled()
