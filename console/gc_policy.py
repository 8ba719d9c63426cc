"""Garbage-collector settings for a process that streams events for hours.

Every event allocates a few dozen short-lived objects and almost none form
reference cycles, so CPython's default (a young collection every 700
allocations, a full one every 100 young ones, each full pass walking the
whole yard) spends a large share of the ingest time scanning objects that
reference counting frees anyway.  A streaming process collects its young
generation less often and keeps what it built at start-up (the yard state,
the layout) out of every later pass.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000


def tune_for_streaming() -> None:
    """Collect less often; freeze what exists now (call after start-up state is built).

    Process-wide: the console's composition root calls it
    (`console.composition.ConsoleParts.start`), never the engine."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    gc.freeze()
