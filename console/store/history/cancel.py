"""Interrupting a long SQLite statement when its `Cancellation` is cancelled.

SQLite calls the progress handler every `_STEPS` virtual-machine steps on
the querying thread; returning 1 interrupts the statement, which then fails
with "interrupted" and leaves as `Cancelled` (the connection stays usable).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from console.history.cancel import NEVER, Cancellation, Cancelled

_STEPS = 20_000


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
