"""`yard-console bench layout`: reading the layout once, and locating vehicles on it.

Two numbers, each against a plain baseline in the same run, in this thread's
CPU time (best of three) so that other processes on a shared machine weigh
little:

- reading: `console.layout.parse_layout` of the built-in Terminal 7 layout
  (60 blocks, 586 cameras, the whole fence) after `json.loads`, against
  `json.loads` alone;
- locating: `YardLayout.locate` (the grid index over the one point-in-polygon)
  for random points on the terminal, against testing every zone and block
  with `point_in_polygon`, the way a layout without an index would.
"""

from __future__ import annotations

import argparse
import json
import random

from console.layout import BUILTIN_PATH, parse_layout, point_in_polygon
from console.yard.layout import YardLayout
from yard_console.bench.parse import best_cpu_seconds


def bench_layout(args: argparse.Namespace) -> int:
    text = BUILTIN_PATH.read_bytes()
    body = json.loads(text)
    reads = 20
    parse_s = best_cpu_seconds(lambda: parse_layout(json.loads(text)), reads) / reads
    json_s = best_cpu_seconds(lambda: json.loads(text), reads) / reads
    lay = parse_layout(body)
    yard = YardLayout(lay)
    rng = random.Random(int(getattr(args, "seed", 7)))
    n = int(getattr(args, "events", None) or 20_000)
    points = [(rng.uniform(0, lay.width_m), rng.uniform(0, lay.height_m)) for _ in range(n)]
    areas = [z.polygon for z in lay.zones] + [b.corners() for b in lay.blocks]
    it = iter(points * 4)

    def locate() -> object:
        x, y = next(it)
        yard._cache.clear()  # every point new, as vehicles always report new coordinates
        return yard.locate(x, y)

    brute_it = iter(points * 4)

    def brute() -> object:
        x, y = next(brute_it)
        return [a for a in areas if point_in_polygon(x, y, a)]

    ours = best_cpu_seconds(locate, n) / n * 1e6
    base = best_cpu_seconds(brute, n) / n * 1e6
    print(f"bench layout: the built-in layout ({len(text):,} bytes, {len(lay.blocks)} blocks, "
          f"{len(lay.zones)} zones, {len(lay.cameras)} cameras), best of 3, CPU time")
    print(f"  read   console  (json.loads + parse_layout): {parse_s * 1e3:8.2f} ms/layout")
    print(f"         baseline (json.loads):                {json_s * 1e3:8.2f} ms/layout")
    print(f"  locate console  (grid index):                {ours:8.2f} µs/point")
    print(f"         baseline (every area tested):         {base:8.2f} µs/point")
    print(f"  ratio locate baseline/console: {base / ours:.1f}")
    return 0
