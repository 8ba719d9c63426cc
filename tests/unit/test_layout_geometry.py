"""The one point-in-polygon (console.layout.geometry): edge cases the yard and cameras meet."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from console.cameras.geometry import cameras_in_polygon
from console.layout import Camera, point_in_polygon

SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]


def test_fewer_than_three_corners_contain_nothing() -> None:
    assert not point_in_polygon(0, 0, [])
    assert not point_in_polygon(0, 0, [(0, 0)])
    assert not point_in_polygon(0.5, 0, [(0, 0), (1, 0)])


def test_a_flat_polygon_contains_nothing() -> None:
    assert not point_in_polygon(5, 0, [(0, 0), (5, 0), (10, 0)])


def test_orientation_does_not_matter() -> None:
    for x, y in ((5, 5), (-1, 5), (5, 11), (9.999, 0.001)):
        assert point_in_polygon(x, y, SQUARE) == point_in_polygon(x, y, SQUARE[::-1])


def test_a_ray_through_a_vertex_counts_once() -> None:
    diamond = [(5.0, 0.0), (10.0, 5.0), (5.0, 10.0), (0.0, 5.0)]
    assert point_in_polygon(2, 5, diamond)  # the ray to the east passes the vertex (10, 5)
    assert not point_in_polygon(-1, 5, diamond)  # ... and through two vertices, outside
    assert not point_in_polygon(11, 5, diamond)


def test_horizontal_edges_and_repeated_corners() -> None:
    stairs = [(0, 0), (10, 0), (10, 5), (5, 5), (5, 5), (5, 10), (0, 10)]
    assert point_in_polygon(2, 5, stairs)  # at the height of the horizontal edge
    assert not point_in_polygon(7, 7, stairs)
    assert point_in_polygon(7, 2, stairs)


def test_concave_and_self_crossing_use_the_even_odd_rule() -> None:
    ell = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)]
    assert point_in_polygon(1, 9, ell) and point_in_polygon(9, 1, ell)
    assert not point_in_polygon(5, 5, ell)
    bow = [(0, 0), (10, 10), (10, 0), (0, 10)]  # two triangles meeting at (5, 5)
    assert point_in_polygon(9, 5, bow) and point_in_polygon(1, 5, bow)
    assert not point_in_polygon(5, 9, bow) and not point_in_polygon(5, 1, bow)


def test_lists_and_tuples_of_points_alike() -> None:
    assert point_in_polygon(5, 5, [[0, 0], [10, 0], [10, 10], [0, 10]])
    assert point_in_polygon(5, 5, tuple(SQUARE))


coord = st.floats(-1e3, 1e3, allow_nan=False)


@given(x=coord, y=coord, dx=coord, dy=coord)
def test_moving_polygon_and_point_together_changes_nothing(
    x: float, y: float, dx: float, dy: float
) -> None:
    shifted = [(px + dx, py + dy) for px, py in SQUARE]
    here = point_in_polygon(x, y, SQUARE)
    on_edge = x in (0, 10) or y in (0, 10)
    if not on_edge and abs(x) > 1e-6 and abs(y) > 1e-6:
        moved = point_in_polygon(x + dx, y + dy, shifted)
        if abs(x - 10) > 1e-6 and abs(y - 10) > 1e-6:
            assert moved == here


def test_the_cameras_use_the_same_test() -> None:
    cams = [Camera("IN", 5, 5, 0, 90, 10), Camera("OUT", 15, 5, 0, 90, 10)]
    assert [c.id for c in cameras_in_polygon(cams, SQUARE)] == ["IN"]
