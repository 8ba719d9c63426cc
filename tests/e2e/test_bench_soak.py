"""`bench soak`'s arithmetic and its probe's structure walk (the soak itself is not a test)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from console.yard.state import YardState
from tests.unit.test_rules_world import LAYOUT
from yard_console.bench.soak import Watched, slope_per_hour, summary
from yard_console.bench.soak_probe import structure_sizes


def test_the_slope_is_in_mb_per_hour_and_ignores_the_warm_up() -> None:
    assert slope_per_hour([(0, 100.0), (1800, 101.0), (3600, 102.0)]) == 2.0
    assert slope_per_hour([(0, 5.0)]) is None
    rising_then_flat = [(t * 30.0, 50.0 + min(t, 4) * 50 + 0.001 * t, 10.0 + t) for t in range(61)]
    proc = subprocess.Popen(["true"])
    proc.wait()
    lines = summary(Watched("headless", proc, db=Path("x.db"),
                            samples=rising_then_flat))
    assert "RSS 250.0 -> 250.1 MB" in lines[1] and "slope +0.1 MB/h" in lines[1]
    assert "DB  23.0 -> 70.0 MB, slope +120.0 MB/h" in lines[2]


def test_the_probe_names_the_structures_it_can_reach() -> None:
    yard = YardState(LAYOUT)
    yard.layout.locate(1.5, 2.5)
    sizes = structure_sizes(yard, "yard")
    assert sizes["yard.containers"] == 0 and "yard.layout.cache" in sizes
    assert "yard.fleet.vehicles" in sizes
