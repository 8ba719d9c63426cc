"""Locating vehicles: point-in-polygon, rotated yard blocks, the grid index, and its speed."""

from __future__ import annotations

import random
import time

from hypothesis import given
from hypothesis import strategies as st

from console.layout.geometry import Area, AreaIndex, block_corners, point_in_polygon
from console.yard.layout import YardLayout
from tests.unit.test_rules_world import LAYOUT
from yard_console.bench.rules_traffic import layout as bench_layout

coord = st.floats(-100, 1600, allow_nan=False)


@given(x=coord, y=coord, x0=coord, y0=coord, w=st.floats(1, 500), h=st.floats(1, 500))
def test_rectangle_membership_matches_the_bounds(
    x: float, y: float, x0: float, y0: float, w: float, h: float
) -> None:
    rect = [(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)]
    inside = x0 < x < x0 + w and y0 < y < y0 + h
    on_edge = x in (x0, x0 + w) or y in (y0, y0 + h)
    if not on_edge:
        assert point_in_polygon(x, y, rect) == inside


def test_concave_polygon() -> None:
    ell = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)]
    assert point_in_polygon(1, 9, ell)
    assert point_in_polygon(9, 1, ell)
    assert not point_in_polygon(5, 5, ell)


def test_block_rows_run_to_the_left_of_the_bay_direction() -> None:
    corners = block_corners(300, 200, 90, 260, 29)
    assert [tuple(round(c, 6) for c in p) for p in corners] == [
        (300, 200), (300, 460), (271, 460), (271, 200)]
    lay = YardLayout({"blocks": [{"id": "A03", "x": 300, "y": 200, "angle_deg": 90,
                                  "bays": 40, "rows": 10, "slot_length_m": 6.5,
                                  "slot_width_m": 2.9}]})
    assert lay.locate(285, 300).block == "A03"
    assert lay.locate(315, 300).block is None


@given(st.lists(st.tuples(coord, coord), min_size=1, max_size=50))
def test_grid_index_agrees_with_testing_every_area(points: list[tuple[float, float]]) -> None:
    areas = [Area(z["id"], z["kind"], tuple((float(a), float(b)) for a, b in z["polygon"]))
             for z in LAYOUT["zones"]]
    index = AreaIndex(areas, cell_m=37.0)
    for x, y in points:
        brute = tuple(a for a in areas if point_in_polygon(x, y, a.polygon))
        assert index.areas_at(x, y) == brute


def test_locate_is_fast_enough_for_hundreds_of_vehicles_at_1_hz() -> None:
    lay = YardLayout(bench_layout())
    rng = random.Random(1)
    points = [(rng.uniform(0, 1500), rng.uniform(0, 1000)) for _ in range(25_000)]
    start = time.perf_counter()
    found = [lay.locate(x, y) for x, y in points]
    per_call = (time.perf_counter() - start) / len(points)
    assert any(f.block for f in found) and any(f.zones for f in found)
    assert per_call < 100e-6, f"{per_call * 1e6:.1f} µs per look-up"


def test_layout_look_ups_agree_with_testing_every_area_on_a_full_layout() -> None:
    body = bench_layout()
    lay = YardLayout(body)
    areas = [Area(z["id"], z["kind"], tuple((float(a), float(b)) for a, b in z["polygon"]))
             for z in body["zones"]]
    blocks = [Area(b["id"], "block", block_corners(b["x"], b["y"], b["angle_deg"],
                                                   b["bays"] * b["slot_length_m"],
                                                   b["rows"] * b["slot_width_m"]))
              for b in body["blocks"]]
    rng = random.Random(5)
    for _ in range(20_000):
        x, y = rng.uniform(-10, 1510), rng.uniform(-10, 1010)
        loc = lay.locate(x, y)
        assert loc.zone_ids() == tuple(a.id for a in areas if point_in_polygon(x, y, a.polygon))
        inside = [b.id for b in blocks if point_in_polygon(x, y, b.polygon)]
        assert loc.block == (inside[0] if inside else None)


def test_the_look_up_memory_stays_bounded_however_long_vehicles_drive() -> None:
    """Vehicles report ever new coordinates: the layout remembers a bounded number of them.

    Before the bound, every distinct point in a mixed cell was kept with its own
    `Location` (100,000 of them, about 45 MB, seen growing in `bench soak`).
    """
    import tracemalloc

    from console.yard.layout import POINT_MEMORY

    lay = YardLayout(bench_layout())
    rng = random.Random(9)
    mixed = 0
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(120_000):
            lay.locate(rng.uniform(-10, 1510), rng.uniform(-10, 1010))
            mixed = max(mixed, lay.remembered()[0])
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    points, locations = lay.remembered()
    assert mixed == POINT_MEMORY  # the memory filled up, and never went past its bound
    assert points <= POINT_MEMORY and locations < 500
    assert grown < 4 * 2**20, f"{grown / 2**20:.1f} MB held after 120,000 look-ups"
    again = YardLayout(bench_layout())
    for _ in range(2_000):  # what is remembered is what a fresh look-up finds
        x, y = rng.uniform(-10, 1510), rng.uniform(-10, 1010)
        assert lay.locate(x, y) == again.locate(x, y)
