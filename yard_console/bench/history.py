"""`yard-console bench history`: the review's queries on a month of stored evidence.

The store (`testbed.synthetic_history`, `--events` rows, 10 million by
default) is generated once, with its replay checkpoints and search terms,
and cached under `$YARD_BENCH_DIR` (else the user cache folder); the path is
printed.  Then, on random samples: a container's whole story, a one-hour
window of facts and alerts, one day's KPIs, and a replay seek, each as
median and p99 against its target, beside a simple baseline measured in the
same run (a JSON scan for the story, the store's own event listing for the
hour, every alert change through the alert store for the KPIs, and
`console.yard.history.state_at` for a seek).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.history.checkpoints import Checkpointer
from console.history.kpis import compute_kpis
from console.history.queries import container_story, facts_window
from console.history.replay import ReplayEngine
from console.history.store import HistoryStore
from console.history.terms import TermIndexer
from console.store.history import open_history
from console.store.history.baselines import json_scan_story, sample_moved_containers
from testbed.synthetic_history import FEED, container_ref, generate_store, yard_size

VERSION = 2
TARGETS_MS = {"story": 10.0, "hour": 50.0, "kpis": 500.0, "seek": 300.0}
CHECKPOINT_EVERY_S = 3600.0


def cache_path(events: int, seed: int) -> Path:
    folder = os.environ.get("YARD_BENCH_DIR")
    if folder is None:
        import platformdirs

        folder = platformdirs.user_cache_dir("yard-console")
    return Path(folder) / f"history-{events}-seed{seed}-v{VERSION}.db"


def _say(text: str) -> None:
    print(text, flush=True)


def prepare(path: Path, events: int, seed: int) -> None:
    """Generate, checkpoint and index the store unless a complete one is cached."""
    done = path.with_suffix(".complete")
    generated = path.with_suffix(".generated")
    if path.exists() and done.exists():
        _say(f"store: {path} (cached)")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    last = [0.0]

    def tell(stage: str, share: float) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            _say(f"  {stage}: {share * 100:.0f} %")

    if path.exists() and generated.exists():
        _say(f"store: {path} (events generated before; finishing its checkpoints)")
    else:
        for stale in (path, path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        _say(f"store: {path} (generating {events:,} events once; later runs reuse it)")
        made = generate_store(path, events, seed=seed, progress=tell)
        _say(f"  wrote {made.events:,} events and {made.alerts:,} alerts in "
             f"{made.seconds:.0f} s ({made.events / made.seconds:,.0f} rows/s)")
        generated.write_text("ok\n")
    store = open_history(path)
    try:
        t = time.perf_counter()
        written = Checkpointer(store, every_s=CHECKPOINT_EVERY_S).catch_up(
            progress=lambda s: tell("checkpoints", s))
        _say(f"  {written} replay checkpoints in {time.perf_counter() - t:.0f} s")
        t = time.perf_counter()
        terms = TermIndexer(store).catch_up()
        _say(f"  {terms:,} search terms in {time.perf_counter() - t:.0f} s")
    finally:
        store.close()
    done.write_text("ok\n")


def _time(fn: Callable[[], Any], samples: int) -> list[float]:
    out = []
    for _ in range(samples):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def bench_history(args: argparse.Namespace) -> int:
    events = int(args.events or 10_000_000)
    seed = int(getattr(args, "seed", 7))
    path = cache_path(events, seed)
    prepare(path, events, seed)
    store = open_history(path, readonly=True)
    rng = random.Random(seed)
    first, last = store.time_range() or (0, 0)
    hour, day = 3600 * 1_000_000, 86400 * 1_000_000
    engine = ReplayEngine(store, checkpointer=_ReadOnlyCheckpointer(store))
    moved = sample_moved_containers(store, every=997, limit=400)
    refs = moved + [container_ref(rng.randrange(yard_size(events))) for _ in range(100)]

    def rand_time(span: int) -> int:
        return int(rng.randrange(first, max(first + 1, last - span)))

    rows: list[tuple[str, list[float], list[float], str]] = []
    story = _time(lambda: container_story(store, rng.choice(refs)), 300)
    rows.append(("story", story, _time(lambda: json_scan_story(store, rng.choice(refs)), 3),
                 "JSON scan of every row"))
    hour_ms = _time(lambda: _window(store, rand_time(hour), hour), 200)
    rows.append(("hour", hour_ms,
                 _time(lambda: _baseline_hour(path, rand_time(hour), hour), 20),
                 "store.events(since, until), telemetry included"))
    kpis = _time(lambda: _kpis(store, rand_time(day), day), 40)
    rows.append(("kpis", kpis, _time(lambda: _baseline_kpis(path, rand_time(day), day), 3),
                 "every alert change through SqliteAlertStore"))
    seek = _time(lambda: engine.seek(rand_time(0)), 200)
    early = first + 6 * hour
    rows.append(("seek", seek, _time(lambda: _baseline_seek(path, early), 2),
                 "state_at() from the snapshot, 6 h into the month"))
    store.close()
    _say(f"\nhistory review on {events:,} stored events ({(last - first) / day:.0f} days); "
         "times in ms")
    _say(f"{'query':<7}{'p50':>9}{'p99':>9}{'target':>9}  {'ok':<4}{'baseline p50':>14}  baseline")
    failed = 0
    for name, ours, base, what in rows:
        ok = _p99(ours) <= TARGETS_MS[name]
        failed += not ok
        _say(f"{name:<7}{statistics.median(ours):9.2f}{_p99(ours):9.2f}{TARGETS_MS[name]:9.0f}  "
             f"{'yes' if ok else 'NO':<4}{statistics.median(base):14.1f}  {what} "
             f"({len(base)} runs)")
    return 1 if failed else 0


class _ReadOnlyCheckpointer(Checkpointer):
    """The bench reads checkpoints built by `prepare`; it never writes."""

    def __init__(self, store: HistoryStore) -> None:
        self._store = store

    def catch_up(self, *args: Any, **kwargs: Any) -> int:
        return 0


def _window(store: HistoryStore, since: int, span: int) -> None:
    facts_window(store, since, since + span)


def _kpis(store: HistoryStore, since: int, span: int) -> None:
    compute_kpis(store, since / 1e6, (since + span) / 1e6)


def _baseline_hour(path: Path, since: int, span: int) -> None:
    from console.store.sqlite import SqliteEventStore
    from console.timefmt import format_time

    store = SqliteEventStore(path, readonly=True)
    try:
        list(store.events(since=format_time(since / 1e6), until=format_time((since + span) / 1e6)))
    finally:
        store.close()


def _baseline_kpis(path: Path, since: int, span: int) -> None:
    from console.audit.response_times import milestones_from_changes, response_times, summarize
    from console.store.office.alert_rows import SqliteAlertStore

    store = SqliteAlertStore(path, readonly=True)
    try:
        wanted = {a.alert_id for a in store.alerts(since=since / 1e6, until=(since + span) / 1e6)}
        summarize(response_times(milestones_from_changes(
            c for c in store.changes() if c.alert.alert_id in wanted)))
    finally:
        store.close()


def _baseline_seek(path: Path, at: int) -> None:
    from console.store.sqlite import SqliteEventStore
    from console.timefmt import format_time
    from console.yard.history import state_at

    store = SqliteEventStore(path, readonly=True)
    try:
        state_at(store, format_time(at / 1e6), feeds=[FEED])
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(bench_history(argparse.Namespace(events=int(sys.argv[1]), seed=7)))
