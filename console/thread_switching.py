"""How often Python hands its global lock between threads, for a console with busy threads.

SQLite gives up the lock around every row it steps (every row an insert
writes, every row a query reads) and must take it back afterwards.  When
another thread is busy with Python code (the feed decoding a burst, the
window painting), each take-back waits until that thread is asked to let go,
which CPython does after the switch interval, 5 ms by default.  How often
that happens depends on how the two threads are scheduled, so the figures
vary; measured on 2 cores, a worker thread reading 20,000 rows beside a busy
thread took up to 16 s (0.02 s alone), 2.6 s with a 1 ms interval; 2,000
rows of a slower query took 1.6-3.5 s, and 0.5-1.1 s with 1 ms.  The store's writer
avoids the per-row cost with multi-row inserts (`console.store.bulk`); this
interval shortens the wait for every other reader and writer (review
queries, alert and audit writes).  Feed ingest measured no slower with it.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.001


def switch_threads_often() -> None:
    """Let a thread waiting for the lock have it after 1 ms instead of 5 ms.

    Process-wide: the console's composition root calls it
    (`console.composition.ConsoleParts.start`), never the engine."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
