"""A retraction (DCSA 3.0) withdraws one earlier event: the yard is folded again without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.test_rules_world import BOX, World


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def test_retracting_a_drop_takes_the_box_out_of_its_slot_and_keeps_the_rest(w: World) -> None:
    w.equipment("DISC", craneId="STS03", vehicleId="SC17", event_id="B-1")
    w.later(60).equipment("DROP", vehicleId="SC17", event_id="B-2", position={
        "kind": "slot", "block": "A03", "bay": 3, "row": 1, "tier": 1})
    yard = w.sup.yard
    assert yard.slots == {("A03", 3, 1, 1): BOX}
    withdrawn = yard.retract("B-2")
    assert withdrawn == w.sent[-1].id
    rec = yard.containers[BOX]
    assert [event_id for _, event_id, _ in rec.history] == [w.sent[0].id]
    assert rec.stage == "on_vehicle" and yard.slots == {}
    assert yard.retract("B-2") is None and yard.retract("never-sent") is None
