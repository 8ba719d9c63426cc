"""Planning moves in the yard: a stack with a move not yet reported takes no other move."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from testbed.sim.identities import IdentityFactory
from testbed.sim.yard import Box, YardPlan

TINY = {"blocks": [{"id": "A01", "bays": 2, "rows": 1, "tiers": 3}]}


def _yard(seed: int) -> tuple[YardPlan, IdentityFactory]:
    rng = random.Random(seed)
    ids = IdentityFactory(rng)
    yard = YardPlan(TINY, rng)
    for bay in (1, 2):
        for tier in (1, 2):
            box = Box(ids.container(), "import")
            yard.place(box, ("A01", bay, 1, tier))
    return yard, ids


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_a_busy_stack_is_neither_dropped_on_nor_picked_from(seed: int) -> None:
    yard, ids = _yard(seed)
    top = yard.boxes[yard.slots[("A01", 1, 1, 2)]]
    key = yard.take(top)  # a pick planned, not yet reported
    for _ in range(20):
        assert yard.free_slot()[:3] == ("A01", 2, 1)
        below = yard.top_box(list(yard.boxes))
        assert below is None or (below.slot is not None and below.slot[:3] == ("A01", 2, 1))
    yard.done(key)
    assert ("A01", 1, 1) not in yard.busy
    drop = yard.free_slot()
    yard.place(Box(ids.container(), "export"), drop)
    yard.hold(drop)
    other = yard.free_slot()
    assert other[:3] != drop[:3]


def test_the_starting_yard_is_stacked_without_gaps() -> None:
    layout = {"blocks": [{"id": f"A{i:02d}", "bays": 10, "rows": 6, "tiers": 5} for i in range(4)]}
    rng = random.Random(5)
    yard = YardPlan(layout, rng)
    yard.fill(IdentityFactory(rng), 0.65)
    assert abs(len(yard.boxes) / yard.capacity() - 0.65) < 0.01
    for block, bay, row, tier in yard.slots:
        assert all((block, bay, row, t) in yard.slots for t in range(1, tier))
        assert yard.heights[(block, bay, row)] >= tier
