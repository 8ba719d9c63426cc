"""`yard-console bench rules`: events/s through parse, state, rules and store, full yard.

Two passes over the same raw messages, each into a fresh SQLite file, run
twice (the best of each is kept, as the machine may be shared): ingest only
(strict envelope parse, body normalise, committed in batches of 1,000 as
the store writer does), then the same with the
supervisor applying every committed event (yard state, all rules, alert
store).  Printed: both rates, the supervisor's own time per event, and its
cost relative to ingest.  Targets: the rules cost less than a third of the
ingest time, and at least 10,000 events/s overall.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from console.model import FeedEvent, Snapshot
from console.protocol.bodies import normalise_body, normalise_clearance
from console.protocol.bodies import normalise_snapshot_container as snapshot_container
from console.protocol.fast_lane import read_feed_event
from console.protocol.messages import EventEnvelope, parse_server_message
from console.rules.supervisor import Supervisor
from console.store.base import FeedCursor, WriteBatch
from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore
from console.timefmt import format_time
from yard_console.bench.rules_traffic import T0, Traffic, layout

BATCH = 1000


def _run(messages: list[tuple[str, str]], db: Path, sup: Supervisor | None) -> tuple[float, float]:
    """Return (total seconds, seconds spent in the supervisor)."""
    store = SqliteEventStore(db)
    in_rules = 0.0
    start = time.perf_counter()
    batch: list[FeedEvent] = []
    for i, (feed, raw) in enumerate(messages):
        fast = read_feed_event(raw, feed, "e1")  # as the client reads: the lane, else carefully
        if fast is not None:
            batch.append(fast)
        else:
            env = parse_server_message(raw)
            assert isinstance(env, EventEnvelope)
            batch.append(FeedEvent(feed, "e1", env.seq, env.id, env.kind, env.time, env.source,
                                   normalise_body(env.kind, env.body), env.corrects))
        if len(batch) >= BATCH or i == len(messages) - 1:
            wb = WriteBatch.empty()
            wb.events.extend(batch)
            wb.cursors.append(FeedCursor(feed, "e1", batch[-1].seq))
            store.write(wb)
            if sup is not None:
                t = time.perf_counter()
                for ev in batch:
                    sup.apply(ev.feed, "clearance" if ev.feed == "CUSTOMS" else "terminal", ev)
                in_rules += time.perf_counter() - t
            batch = []
    total = time.perf_counter() - start
    store.close()
    return total, in_rules


def bench_rules(args: argparse.Namespace) -> int:
    n = int(getattr(args, "messages", None) or 50_000)
    seed = int(getattr(args, "seed", None) or 7)
    traffic = Traffic(seed=seed, containers=int(getattr(args, "containers", None) or 85_000))
    containers, clearances = traffic.snapshot()
    messages = list(traffic.messages(n))[:n]
    ingest = full = in_rules = float("inf")
    snapshot_s, raised, rules = 0.0, 0, []
    with tempfile.TemporaryDirectory(prefix="yard-bench-rules-") as tmp:
        for k in range(2):
            ingest = min(ingest, _run(messages, Path(tmp) / f"ingest{k}.db", None)[0])
            alerts = SqliteAlertStore(Path(tmp) / f"full{k}.db")
            sup = Supervisor(alerts, layout())
            t = time.perf_counter()
            snap = Snapshot("BENCH", "e1", 0, format_time(T0),
                            [snapshot_container(c) for c in containers])
            sup.apply_snapshot("BENCH", "terminal", snap)
            sup.apply_snapshot("CUSTOMS", "clearance", Snapshot(
                "CUSTOMS", "e1", 0, format_time(T0), clearances=[
                    normalise_clearance(c) for c in clearances]))
            snapshot_s = time.perf_counter() - t
            total, supervised = _run(messages, Path(tmp) / f"full{k}.db", sup)
            full, in_rules = min(full, total), min(in_rules, supervised)
            raised = len(sup.book.open)
            rules = sorted({a.rule for a in sup.book.open.values()})
            alerts.close()
    ingest_rate, full_rate = n / ingest, n / full
    share = in_rules / ingest
    print(f"bench rules: {n} events, yard of {len(containers):,} containers, "
          f"{traffic.vehicles} vehicles at 1 Hz")
    print(f"  snapshot into yard state: {snapshot_s:.2f} s")
    print(f"  ingest only (parse, normalise, store):        {ingest_rate:10,.0f} events/s")
    print(f"  with supervision (+ state, rules, alerts):     {full_rate:10,.0f} events/s")
    print(f"  supervisor: {in_rules / n * 1e6:.1f} µs/event, {share:.0%} of the ingest time; "
          f"{raised} open alerts ({', '.join(rules)})")
    ok = share < 1 / 3 and full_rate >= 10_000
    print("  targets: rules < 1/3 of ingest, ≥ 10,000 events/s overall:",
          "PASS" if ok else "BELOW TARGET")
    return 0
