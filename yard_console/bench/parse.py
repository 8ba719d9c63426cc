"""`yard-console bench parse`: the careful per-message parsing path, in CPU time per event.

Decode, envelope and body (`parse_server_message` + `normalise_body`), the
path every unusual frame takes, timed on a realistic DCSA 2.2 equipment
event (`yard_console.bench.ingest`'s) `--events` times (10,000 by default), best
of three runs in this thread's CPU time so that other processes on a shared
machine weigh little.  The baseline is plain `json.loads` of the same frame.
Target: under 50 µs an event (20,000 events a second on one core).

This is where the speed check of the parser lives; the test suite checks
what the parser reads, never how fast (a timing assertion fails on a busy
machine while nothing is wrong).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable

from console.protocol import strictjson
from console.protocol.bodies import normalise_body
from console.protocol.messages import EventEnvelope, parse_server_message
from yard_console.bench.ingest import _raw_event

TARGET_US = 50.0
T = "2026-11-28T20:01:03.004+08:00"


def frame() -> bytes:
    return strictjson.dumps({"type": "event", "seq": 1, "id": "KHH-T7:STS03:1",
                             "kind": "equipment", "time": T, "source": "STS03",
                             "body": _raw_event(1)})


def best_cpu_seconds(work: Callable[[], object], n: int, runs: int = 3) -> float:
    """The fastest of `runs` runs of `n` calls, in this thread's CPU seconds."""
    best = math.inf
    for _ in range(runs):
        start = time.thread_time()
        for _ in range(n):
            work()
        best = min(best, time.thread_time() - start)
    return best


def bench_parse(args: argparse.Namespace) -> int:
    n = int(getattr(args, "events", None) or 10_000)
    text = frame()  # bytes, as the websocket delivers them

    def careful() -> object:
        env = parse_server_message(text)
        if not isinstance(env, EventEnvelope):
            raise RuntimeError(f"the bench frame was refused: {env!r}")
        return normalise_body(env.kind, env.body)

    ours = best_cpu_seconds(careful, n) / n * 1e6
    base = best_cpu_seconds(lambda: json.loads(text), n) / n * 1e6
    print(f"bench parse: {n} DCSA 2.2 equipment events ({len(text)} bytes) through the careful "
          "path, best of 3, CPU time")
    print(f"  console  (strict decode, envelope, body): {ours:8.1f} µs/event")
    print(f"  baseline (json.loads):                   {base:8.1f} µs/event")
    print(f"  target: < {TARGET_US:.0f} µs/event (20,000 events/s on one core)")
    print("  result:", "PASS" if ours < TARGET_US else "BELOW TARGET")
    return 0
