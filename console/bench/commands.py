"""`yard-console bench TARGET`: measured numbers with a baseline, printed in one run.

`BENCHMARKS` maps a target name to a callable taking the parsed arguments and
returning an exit code.  To add a benchmark, add one line, importing lazily
so that `--help` stays fast:

    "ingest": lazy("console.feed.bench", "run"),
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

Benchmark = Callable[[argparse.Namespace], int]


def lazy(module: str, function: str) -> Benchmark:
    """A benchmark that imports `module` only when it runs."""

    def run(args: argparse.Namespace) -> int:
        func: Benchmark = getattr(importlib.import_module(module), function)
        return int(func(args))

    return run


BENCHMARKS: dict[str, Benchmark] = {
    "ingest": lazy("console.bench.ingest", "bench_ingest"),
    "parse": lazy("console.bench.parse", "bench_parse"),
    "sim": lazy("console.sim.bench", "run"),
    "rules": lazy("console.rules.bench", "bench_rules"),
    "cctv": lazy("console.cameras.bench", "bench_cctv"),
    "ui": lazy("ui.bench", "bench_ui"),
    "history": lazy("console.review.bench", "bench_history"),
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("bench", help="measure a part of the console against a baseline")
    p.add_argument("target", choices=sorted(BENCHMARKS), help="what to measure")
    p.add_argument("--messages", type=int, default=50_000, help="messages to time (sim)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--events", type=int, default=None, help="events to time (ingest, parse)")
    p.add_argument(
        "--shape", choices=("dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0"), default="dcsa-2.2",
        help="DCSA shape of the equipment events (ingest; 3.0 shapes take the careful path)",
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    return BENCHMARKS[args.target](args)
