"""The follow rule: a place is shown by the cameras whose sector holds it, nearest first."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.cameras.geometry import (
    angle_difference,
    cameras_covering,
    cameras_in_polygon,
    covers,
    point_in_polygon,
)
from console.layout import Camera


def cam(cid: str, x: float, y: float, heading: float, fov: float = 70, rng: float = 120) -> Camera:
    return Camera(cid, x, y, heading, fov, rng)


def test_point_straight_ahead_within_range_is_covered() -> None:
    east = cam("E", 0, 0, heading=0)
    assert covers(east, 100, 0)
    assert not covers(east, 121, 0)  # beyond range
    assert not covers(east, -10, 0)  # behind


def test_sector_edges_follow_half_the_field_of_view() -> None:
    north = cam("N", 0, 0, heading=90, fov=60)
    inside = (50 * math.cos(math.radians(61)), 50 * math.sin(math.radians(61)))
    outside = (50 * math.cos(math.radians(59)), 50 * math.sin(math.radians(59)))
    edge = (50 * math.cos(math.radians(60)), 50 * math.sin(math.radians(60)))
    assert covers(north, *inside)
    assert covers(north, *edge)
    assert not covers(north, *outside)


def test_sector_that_straddles_east_wraps_around_zero_degrees() -> None:
    c = cam("W", 0, 0, heading=350, fov=40)  # looks from 330 to 10 degrees
    assert covers(c, 50, 5)  # about 5.7 degrees
    assert covers(c, 50, -15)  # about 343 degrees
    assert not covers(c, 50, 30)  # about 31 degrees


def test_follow_orders_the_seeing_cameras_nearest_first_and_leaves_out_the_blind() -> None:
    target = (100.0, 100.0)
    far = cam("FAR", 0, 0, heading=45, rng=200)  # 141 m away, looking at it
    near = cam("NEAR", 100, 60, heading=90)  # 40 m south, looking north
    mid = cam("MID", 180, 100, heading=180)  # 80 m east, looking west
    blind = cam("BLIND", 110, 100, heading=0)  # 10 m away but looking away
    short = cam("SHORT", 100, 0, heading=90, rng=50)  # looking at it, out of range
    got = cameras_covering([far, blind, mid, short, near], *target)
    assert [c.id for c in got] == ["NEAR", "MID", "FAR"]
    assert [c.id for c in cameras_covering([far, mid, near], *target, limit=2)] == ["NEAR", "MID"]


def test_a_point_at_the_camera_itself_is_covered() -> None:
    assert covers(cam("C", 10, 10, heading=0, fov=10), 10, 10)


def test_full_circle_camera_sees_every_direction_within_range() -> None:
    dome = cam("DOME", 0, 0, heading=0, fov=360, rng=30)
    assert covers(dome, -20, -20)
    assert not covers(dome, -30, -30)


@given(
    heading=st.floats(0, 360, allow_nan=False),
    fov=st.floats(1, 359, allow_nan=False),
    off=st.floats(-179, 179, allow_nan=False),
    dist=st.floats(0.5, 300, allow_nan=False),
)
def test_coverage_matches_the_sector_definition(
    heading: float, fov: float, off: float, dist: float
) -> None:
    c = cam("C", 500, 500, heading=heading, fov=fov, rng=120)
    a = math.radians(heading + off)
    x, y = 500 + dist * math.cos(a), 500 + dist * math.sin(a)
    expected_inside = abs(off) <= fov / 2 and dist <= 120
    if abs(abs(off) - fov / 2) < 1e-6 or abs(dist - 120) < 1e-6:
        return  # exactly on an edge: either answer is acceptable
    assert covers(c, x, y) is expected_inside


@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(0, 1000)), min_size=1, max_size=30))
def test_covering_list_is_sorted_by_distance(points: list[tuple[float, float]]) -> None:
    cams = [cam(f"C{i}", x, y, heading=0, fov=360, rng=2000) for i, (x, y) in enumerate(points)]
    got = cameras_covering(cams, 500, 500)
    d = [math.hypot(c.x - 500, c.y - 500) for c in got]
    assert d == sorted(d)
    assert len(got) == len(cams)


@pytest.mark.parametrize(
    ("a", "b", "want"), [(0, 359, 1), (10, 350, 20), (90, 270, 180), (5, 5, 0)]
)
def test_angle_difference(a: float, b: float, want: float) -> None:
    assert angle_difference(a, b) == pytest.approx(want)


def test_cameras_in_area_by_polygon() -> None:
    square = [(0, 0), (100, 0), (100, 100), (0, 100)]
    assert point_in_polygon(50, 50, square)
    assert not point_in_polygon(150, 50, square)
    cams = [cam("IN", 10, 10, 0), cam("OUT", 200, 10, 0), cam("IN2", 99, 99, 0)]
    assert [c.id for c in cameras_in_polygon(cams, square)] == ["IN", "IN2"]
