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
    "ingest": lazy("yard_console.bench.ingest", "bench_ingest"),
    "parse": lazy("yard_console.bench.parse", "bench_parse"),
    "layout": lazy("yard_console.bench.layout", "bench_layout"),
    "sim": lazy("yard_console.bench.sim", "run"),
    "rules": lazy("yard_console.bench.rules", "bench_rules"),
    "cctv": lazy("yard_console.bench.cameras", "bench_cctv"),
    "ui": lazy("yard_console.bench.ui", "bench_ui"),
    "office": lazy("yard_console.bench.office", "bench_office"),
    "startup": lazy("yard_console.bench.startup", "bench_startup"),
    "history": lazy("yard_console.bench.history", "bench_history"),
    "soak": lazy("yard_console.bench.soak", "bench_soak"),
    "mutation": lazy("yard_console.bench.mutation", "bench_mutation"),
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("bench", help="measure a part of the console against a baseline")
    p.add_argument("target", choices=sorted(BENCHMARKS), help="what to measure")
    p.add_argument("--messages", type=int, default=50_000, help="messages to time (sim)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--events", type=int, default=None,
                   help="events to time (ingest, parse; points: layout)")
    p.add_argument(
        "--shape", choices=("dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0"), default="dcsa-2.2",
        help="DCSA shape of the equipment events (ingest)",
    )
    p.add_argument(
        "--kind", choices=("equipment", "transport", "shipment", "iot", "reefer"),
        default="equipment",
        help="kind of the events (ingest; transport and shipment in any --shape, "
             "iot and reefer are DCSA 3.0)",
    )
    soak = p.add_argument_group("soak (the console's memory over a long run)")
    soak.add_argument("--minutes", type=float, default=30.0, help="how long (default 30)")
    soak.add_argument("--interval", type=float, default=30.0,
                      help="seconds between samples (default 30)")
    soak.add_argument("--speed", type=float, default=4.0, help="simulator speed (default 4)")
    soak.add_argument("--console", choices=("headless", "window", "both"), default="headless",
                      help="which console to watch (window: offscreen)")
    soak.add_argument("--probe", action="store_true",
                      help="watch the engine under tracemalloc and name what grows")
    soak.add_argument("--keep", metavar="DIR", help="keep the databases and logs in DIR")
    soak.add_argument("--no-idle", action="store_true",
                      help="no baseline (an idle console on a quiet simulator) in the same run")
    m = p.add_argument_group("mutation", "bench mutation: would the tests notice a bug?")
    m.add_argument(
        "--module", action="append", metavar="PATH",
        help="a core module or folder, e.g. console/protocol/iso6346.py (repeatable; "
        "default: every module in tests/mutation/plan.toml)",
    )
    m.add_argument("--sample", type=int, default=0, metavar="N",
                   help="run N mutants per module, chosen with --seed (default: all)")
    m.add_argument("--mutant-timeout", type=float, default=None, metavar="SECONDS",
                   help="time limit per mutant (default: 3 x the unmutated run, at least 10 s)")
    m.add_argument("--examples", type=int, default=50,
                   help="hypothesis examples per property test during the run")
    m.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    m.add_argument("--root", default=None, help="source checkout (default: this one)")
    m.add_argument("--plan", default=None, help="plan file (default: tests/mutation/plan.toml)")
    m.add_argument("--equivalent", default=None,
                   help="reviewed equivalents (default: tests/mutation/equivalent.toml)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    return BENCHMARKS[args.target](args)
