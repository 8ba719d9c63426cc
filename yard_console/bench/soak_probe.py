"""The console's engine under watch, for `bench soak --probe`: what grows, and where.

Run as a process of its own (`python -m yard_console.bench.soak_probe REPORT DB URL...`):
the same engine `yard-console headless` runs (`build_console`, `run_headless`),
with `tracemalloc` on from the first report (after the warm-up).  Every
`--every` seconds it appends one JSON object to REPORT: the allocation sites
(four frames deep) of what was allocated since tracing began and is still
alive, the object types that grew in number (`gc.get_objects`), the
collector's counts, and the sizes of the engine's long-lived structures
(every dict, list, set and deque reachable from the supervisor, the yard and
the alert book, two levels deep), so that a structure that only grows is
named, not guessed.  Found this way: the yard layout's memory of vehicle
coordinates (`console.yard.layout.POINT_MEMORY`).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from yard_console.bench.soak import rss_mb

SIZED = (dict, list, set, frozenset, collections.deque)


def structure_sizes(root: object, name: str, depth: int = 2) -> dict[str, int]:
    """`name.attr.attr` → len() of every sized attribute reachable within `depth` levels."""
    found: dict[str, int] = {}

    def walk(obj: object, path: str, level: int) -> None:
        if isinstance(obj, SIZED):
            found[path] = len(obj)
            return
        if level > depth or isinstance(obj, (str, bytes, int, float)):
            return
        fields = getattr(obj, "__dict__", None)
        names = list(fields) if isinstance(fields, dict) else []
        names += [s for cls in type(obj).__mro__ for s in getattr(cls, "__slots__", ())]
        for attr in names:
            try:
                value = getattr(obj, attr)
            except AttributeError:
                continue
            if callable(value) and not isinstance(value, SIZED):
                continue
            walk(value, f"{path}.{attr.lstrip('_')}", level + 1)

    walk(root, name, 0)
    return found


def _type_counts() -> collections.Counter[str]:
    return collections.Counter(type(o).__name__ for o in gc.get_objects())


async def _watch(parts: Any, report: Path, every: float, display: Any = None) -> None:
    """Report every `every` s; tracing starts at the first report, after the warm-up.

    Only allocations made after tracing starts are traced, so a snapshot
    holds exactly what was allocated since and is still alive: the growth,
    without the 85,000-container yard that arrived with the first snapshot
    (tracing that whole heap stalls the loop for minutes).
    """
    started = time.monotonic()
    first_types: collections.Counter[str] | None = None
    while True:
        await asyncio.sleep(every)
        if first_types is None:
            first_types = _type_counts()
            tracemalloc.start(4)
            continue
        snap = tracemalloc.take_snapshot().filter_traces(
            (tracemalloc.Filter(False, tracemalloc.__file__),))
        grown = [
            {"site": " <- ".join(str(f) for f in stat.traceback),
             "kib": round(stat.size / 1024, 1), "count": stat.count}
            for stat in snap.statistics("traceback")[:15]
        ]
        types = _type_counts()
        types.subtract(first_types)
        sizes = structure_sizes(parts.supervisor, "supervisor")
        sizes.update(structure_sizes(parts.engine, "engine", depth=1))
        if display is not None:
            sizes.update(structure_sizes(display, "display"))
            sizes.update(window_sums(display))
        yard = parts.supervisor.yard
        sizes["sum(container.history)"] = sum(len(c.history) for c in yard.containers.values())
        sizes["sum(clearance.history)"] = sum(len(r.history)
                                              for r in yard.clearances.records.values())
        entry = {
            "elapsed_s": round(time.monotonic() - started),
            "rss_mb": round(rss_mb(os.getpid()) or 0.0, 1),
            "traced_mb": round(tracemalloc.get_traced_memory()[0] / 2**20, 1),
            "gc_counts": gc.get_count(),
            "gc_objects": len(gc.get_objects()),
            "grown_since_first": grown,
            "types_grown": dict(types.most_common(12)),
            "sizes": {k: v for k, v in sorted(sizes.items()) if v >= 100},
        }
        with report.open("a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")


def window_sums(display: Any) -> dict[str, int]:
    """What the window keeps per alert row and per container, summed."""
    rows = display.alerts.rows()
    return {
        "display.alerts.rows": len(rows),
        "sum(alert_row.history)": sum(len(r.history) for r in rows),
        **{f"dossiers.{k}": v for k, v in display.dossiers.sizes().items()},
    }


def _window(args: argparse.Namespace) -> int:
    """The window (offscreen) on the feeds, with the same watcher on its loop."""
    from console.feed.config import FeedConfig
    from ui.app import EngineSource, run_window

    class Watched(EngineSource):
        async def start(self, display: Any) -> None:
            await super().start(display)
            self.watcher = asyncio.ensure_future(
                _watch(self.parts, args.report, args.every, display))

    source = Watched(args.db, [FeedConfig(url=u, station=args.station) for u in args.url])
    window_args = argparse.Namespace(
        command="run", lang="en", settings=args.report.with_name("probe-window.ini"),
        screenshot=None, exit_after=None, state_json=None, log_level="WARNING")
    return run_window(window_args, source)


async def _main(args: argparse.Namespace) -> int:
    from console.composition import build_console
    from console.feed.config import FeedConfig
    from console.headless import JsonLinesObserver, run_headless

    holder: dict[str, Any] = {}

    def make() -> Any:
        parts = build_console(args.db, [FeedConfig(url=u, station=args.station) for u in args.url])
        holder["parts"] = parts
        return parts

    async def watch_when_built() -> None:
        while "parts" not in holder:
            await asyncio.sleep(0.5)
        await _watch(holder["parts"], args.report, args.every)

    watcher = asyncio.ensure_future(watch_when_built())
    try:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            return await run_headless(make, JsonLinesObserver(sink))
    finally:
        watcher.cancel()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("report", type=Path)
    p.add_argument("db", type=Path)
    p.add_argument("url", nargs="+")
    p.add_argument("--every", type=float, default=60.0)
    p.add_argument("--station", default="SOAK-PROBE")
    p.add_argument("--window", action="store_true", help="watch the window, not headless")
    args = p.parse_args(argv)
    if args.window:
        return _window(args)
    return asyncio.run(_main(args))


if __name__ == "__main__":
    sys.exit(main())
