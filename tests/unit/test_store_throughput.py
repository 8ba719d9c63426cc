"""Write throughput of the store alone, on realistic equipment events.

The target on a quiet 2-core machine is at least 60,000 events/s for a
1,000-event batch.  Wall-clock rates collapse when other suites share the
machine, so the assertion uses the process's CPU time and a quarter of the
target: a regression to row-at-a-time writes (a few thousand a second) still
fails it.  Run with `-s` to see the measured rates.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from console.store.sqlite import SqliteEventStore
from tests.unit.test_store_support import batch, equipment_event

BATCH = 1000
ROUNDS = 15


def test_a_1000_event_batch_commits_fast(tmp_path: Path) -> None:
    store = SqliteEventStore(tmp_path / "events.db")
    try:
        rates, cpu_rates = [], []
        for r in range(ROUNDS):
            events = [equipment_event(r * BATCH + i) for i in range(1, BATCH + 1)]
            b = batch(events)
            t0, c0 = time.perf_counter(), time.process_time()
            assert store.write(b) == BATCH
            rates.append(BATCH / (time.perf_counter() - t0))
            cpu_rates.append(BATCH / max(time.process_time() - c0, 1e-6))
        median = statistics.median(rates)
        print(f"\nstore.write: median {median:,.0f} events/s "
              f"(min {min(rates):,.0f}, max {max(rates):,.0f}) over {ROUNDS} batches of {BATCH}; "
              f"per CPU second {statistics.median(cpu_rates):,.0f}")
        assert statistics.median(cpu_rates) > 15_000
        assert store.event_count() == ROUNDS * BATCH
    finally:
        store.close()
