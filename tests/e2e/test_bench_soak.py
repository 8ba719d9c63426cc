"""`bench soak`'s arithmetic and its probe's structure walk (the soak itself is not a test)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from console.yard.state import YardState
from tests.unit.test_rules_world import LAYOUT
from yard_console.bench.soak import Watched, second_half_slope, slope_per_hour, summary, verdict
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


def test_the_verdict_compares_the_second_half_with_the_idle_baseline() -> None:
    proc = subprocess.Popen(["true"])
    proc.wait()

    def watched(name: str, mb_per_hour: float) -> Watched:
        samples = [(t * 30.0, 200.0 + mb_per_hour * t * 30.0 / 3600, 1.0) for t in range(61)]
        return Watched(name, proc, db=Path("x.db"), samples=samples)

    idle = watched("idle", -1.0)
    assert second_half_slope(watched("headless", 1.0)) == pytest.approx(1.0)
    assert "FLAT" in verdict(watched("headless", 1.0), None)
    flat = verdict(watched("headless", 0.5), idle)
    assert flat.startswith("headless: second-half slope +0.5 MB/h, idle baseline -1.0 MB/h: FLAT")
    assert "NOT FLAT" in verdict(watched("window", 5.0), idle)
    assert "NOT FLAT" in verdict(watched("window", 1.5), idle)  # 2.5 MB/h above the idle one
