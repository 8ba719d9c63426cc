"""The yard picture: where containers are, what colour each slot shows, and why."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import given, settings
from hypothesis import strategies as st

from console.layout import parse_layout
from tests.support.core_yard import FedPicture
from tests.ui_conftest_helpers import clearance, drop, equipment, fence, number, small_layout
from ui.yard import cellcolours as cc


def picture() -> FedPicture:
    return FedPicture(parse_layout(small_layout()))


def test_a_hold_container_under_released_ones_still_colours_its_slot_red() -> None:
    pic = picture()
    low, top = number(1), number(2)
    pic.apply_events([drop(low, "A01", 3, 2, 1), drop(top, "A01", 3, 2, 2),
                      clearance(low, "hold"), clearance(top, "released")])
    raster = pic.rasters[0]
    assert raster.code[1, 2] == cc.HOLD
    assert raster.height[1, 2] == 2
    assert raster.argb[1, 2] == cc.build_lut()[cc.HOLD, 0, 2]


def test_a_container_with_no_clearance_shows_as_not_on_manifest() -> None:
    pic = picture()
    pic.apply_events([drop(number(3), "A01", 1, 1)])
    assert pic.rasters[0].code[0, 0] == cc.NOT_ON_MANIFEST


def test_pick_and_gate_out_empty_the_slot_and_release_recolours() -> None:
    pic = picture()
    a, b = number(4), number(5)
    pic.apply_events([drop(a, "A01", 5, 4), drop(b, "B01", 2, 3), clearance(a, "pending")])
    assert pic.rasters[0].code[3, 4] == cc.PENDING
    pic.apply_events([clearance(a, "released")])
    assert pic.rasters[0].code[3, 4] == cc.RELEASED
    pic.apply_events([equipment(a, "PICK"), equipment(b, "GTOT")])
    assert pic.rasters[0].code[3, 4] == cc.NO_CONTAINER
    assert pic.rasters[1].code[2, 1] == cc.NO_CONTAINER
    assert pic.container_count == 0


def test_empty_containers_are_drawn_paler_than_laden_ones() -> None:
    pic = picture()
    pic.apply_events([drop(number(6), "A01", 1, 1, empty="EMPTY"),
                      drop(number(7), "A01", 2, 1, empty="LADEN"),
                      clearance(number(6), "released"), clearance(number(7), "released")])
    empty_px, laden_px = int(pic.rasters[0].argb[0, 0]), int(pic.rasters[0].argb[0, 1])

    def brightness(v: int) -> int:
        return ((v >> 16) & 255) + ((v >> 8) & 255) + (v & 255)

    assert brightness(empty_px) > brightness(laden_px)


def test_stale_grey_table_drops_all_colour_and_comes_back() -> None:
    pic = picture()
    ref = number(8)
    pic.apply_events([drop(ref, "A01", 1, 1), clearance(ref, "hold")])
    coloured = int(pic.rasters[0].argb[0, 0])
    pic.set_greyed(True)
    grey = int(pic.rasters[0].argb[0, 0])
    assert (grey >> 16) & 255 == (grey >> 8) & 255 == grey & 255
    pic.set_greyed(False)
    assert int(pic.rasters[0].argb[0, 0]) == coloured


def test_fence_alarm_is_kept_until_cleared() -> None:
    pic = picture()
    pic.apply_events([fence("F-N-01", "alarm")])
    assert "F-N-01" in pic.fence_alarm
    pic.apply_events([fence("F-N-01", "clear")])
    assert pic.fence_alarm == {}


def test_every_change_leaves_a_stamp_for_latency_measurement() -> None:
    pic = picture()
    pic.pending_stamps.clear()
    pic.apply_events([drop(number(9), "A01", 1, 1)], arrived=123.0)
    assert pic.pending_stamps == [123.0]


moves = st.lists(
    st.tuples(st.integers(1, 12), st.sampled_from(["A01", "B01"]), st.integers(1, 8),
              st.integers(1, 4), st.integers(1, 3),
              st.sampled_from(["DROP", "PICK", "GTOT", "hold", "released"])),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(moves)
def test_slots_and_containers_always_agree(steps: list[tuple[int, str, int, int, int, str]]
                                           ) -> None:
    pic = picture()
    for serial, block, bay, row, tier, what in steps:
        ref = number(serial)
        if what == "DROP":
            pic.apply_events([drop(ref, block, bay, row, tier)])
        elif what in ("PICK", "GTOT"):
            pic.apply_events([equipment(ref, what)])
        else:
            pic.apply_events([clearance(ref, what)])
    for ref, (bi, bay, row, tier) in pic.where.items():
        assert pic.rasters[bi].stacks[(bay, row)][tier] == ref
    for bi, raster in enumerate(pic.rasters):
        for (bay, row), stack in raster.stacks.items():
            assert raster.height[row - 1, bay - 1] == len(stack)
            for tier, ref in stack.items():
                assert pic.where[ref] == (bi, bay, row, tier)
        assert int(raster.height.sum()) == sum(len(s) for s in raster.stacks.values())
