"""A snapshot judged by the supervisor: the devices it reports down raise alerts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.model import DeviceReport, Snapshot
from tests.unit.test_rules_world import World


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def test_a_snapshot_without_a_time_still_judges_its_devices(w: World) -> None:
    """`time` is optional in a snapshot: the feed's clock (or the console's) dates the alert."""
    snap = Snapshot("KHH-T7", "epoch-2", 10, None,
                    devices=[DeviceReport("CAM-1", "down", "camera"),
                             DeviceReport("CAM-2", "up", "camera")])
    changes = w.sup.apply_snapshot("KHH-T7", "terminal", snap)
    assert [(c.alert.rule, c.alert.subject) for c in changes] == [("DEVICE_DOWN", "CAM-1")]
    assert changes[0].alert.raised_at
