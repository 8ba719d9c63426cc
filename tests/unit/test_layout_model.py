"""One layout, read once: the typed model, its strict reader, and everyone taking it."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.cameras.places import area_polygon, fence_point, lane_point, position_point
from console.cameras.registry import CameraRegistry
from console.layout import (
    Layout,
    LayoutError,
    builtin_layout,
    parse_layout,
    read_layout,
)
from console.model import Position
from console.protocol.messages import LayoutMessage, MessageRejected, parse_server_message
from console.yard.layout import YardLayout
from console.yard.state import YardState
from testbed.sim.layout import generate_layout

BODY: dict[str, Any] = {
    "terminal": "KHH-T7", "name": "T7", "width_m": 1500, "height_m": 1000,
    "blocks": [{"id": "A03", "x": 300, "y": 200, "angle_deg": 90, "bays": 40, "rows": 10,
                "tiers": 5, "slot_length_m": 6.5, "slot_width_m": 2.9}],
    "berths": [{"id": "B108", "x1": 0, "y1": 40, "x2": 400, "y2": 40}],
    "cranes": [{"id": "STS03", "type": "sts", "berth": "B108"},
               {"id": "ARMG-A03", "type": "yard_crane", "block": "A03"},
               {"id": "LOST", "type": "sts"}],
    "lanes": [{"id": "G2-OUT-04", "direction": "out", "x": 1400, "y": 520}],
    "zones": [{"id": "Q1", "kind": "quay", "polygon": [[0, 0], [400, 0], [400, 60], [0, 60]]}],
    "cameras": [{"id": "CAM-R17-03", "x": 410, "y": 230, "heading_deg": 45, "fov_deg": 70,
                 "range_m": 120, "stream": "rtsp://h/main", "substream": "http://h/sub.mjpg"}],
    "fence": [{"id": "F-N-07", "points": [[0, 1000], [150, 1000]]}],
}


def test_every_part_of_the_protocol_example_is_read_into_types() -> None:
    lay = parse_layout(BODY)
    assert (lay.terminal, lay.width_m, lay.height_m) == ("KHH-T7", 1500.0, 1000.0)
    block = lay.block("A03")
    assert block is not None and (block.bays, block.rows, block.tiers) == (40, 10, 5)
    assert lay.slot_count == 2000
    assert [round(c, 6) for c in block.slot_centre(1, 1)] == [300 - 1.45, 200 + 3.25]
    assert block.world_to_slot(*block.slot_centre(7, 3)) == (7, 3)
    assert lay.berth("B108") is not None and lay.berth("B108").centre() == (200.0, 40.0)
    assert lay.lane("G2-OUT-04").direction == "out"  # type: ignore[union-attr]
    assert lay.zone("Q1").kind == "quay"  # type: ignore[union-attr]
    assert lay.camera("CAM-R17-03").tile_url() == "http://h/sub.mjpg"  # type: ignore[union-attr]
    assert lay.fence_segment("F-N-07").midpoint() == (75.0, 1000.0)  # type: ignore[union-attr]
    # Cranes: a quay crane spread along its berth, a yard crane at its block's end, one
    # with no place on the grid left out.
    cranes = {c.id: c for c in lay.cranes}
    assert set(cranes) == {"STS03", "ARMG-A03"}
    assert (cranes["STS03"].x, cranes["STS03"].y) == (200.0, 40.0)
    assert cranes["ARMG-A03"].block == "A03"
    assert lay.known and lay.body is BODY


def test_a_partial_layout_is_an_empty_but_valid_one() -> None:
    lay = parse_layout({"terminal": "X"})
    assert lay.blocks == () and lay.zones == () and not lay.known
    assert (lay.width_m, lay.height_m) == (1000.0, 1000.0)
    assert not YardLayout(lay).known
    assert YardLayout(lay).locate(5, 5).block is None


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    body = copy.deepcopy(BODY)
    target: Any = body
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("blocks", 0, "bays"), 0, r"blocks\[0\] A03: bays must be a whole number above 0, not 0"),
        (("blocks", 0, "rows"), "10", r"blocks\[0\] A03: rows must be a whole number"),
        (("blocks", 0, "x"), KeyError, r"blocks\[0\] A03: x is missing"),
        (("blocks", 0, "slot_width_m"), -2.9, r"A03: slot_width_m must be above 0"),
        (("blocks", 0, "id"), "", r"the layout's blocks\[0\] has no id"),
        (("zones", 0, "kind"), "moat", r"zones\[0\] Q1: kind must be one of quay"),
        (("zones", 0, "polygon"), [[0, 0], [1, 1]], r"Q1: polygon must be a list of at least 3"),
        (("zones", 0, "polygon"), [[0, 0], [1, "a"], [2, 2]], r"Q1: polygon\[1\] must be an"),
        (("fence", 0, "points"), [[0, 0]], r"F-N-07: points must be a list of at least 2"),
        (("lanes", 0, "y"), float("inf"), r"G2-OUT-04: y must be a finite number"),
        (("berths", 0, "x2"), None, r"B108: x2 is missing"),
        (("cameras", 0, "fov_deg"), 400, r"camera CAM-R17-03: fov_deg must be in \(0, 360\]"),
        (("width_m",), 0, r"the layout: width_m must be above 0"),
        (("terminal",), 7, r"the layout: terminal must be text"),
        (("blocks",), {"id": "A03"}, r"the layout's blocks must be a list"),
        (("zones",), ["Q1"], r"every entry of the layout's zones must be an object"),
    ],
)
def test_a_bad_layout_is_refused_with_one_error_naming_the_field(
    path: tuple[Any, ...], value: Any, words: str
) -> None:
    with pytest.raises(LayoutError, match=words):
        parse_layout(_with(path, value))


def test_duplicate_ids_are_refused_in_every_part() -> None:
    body = copy.deepcopy(BODY)
    body["blocks"] = body["blocks"] * 2
    with pytest.raises(LayoutError, match="A03 appears twice"):
        parse_layout(body)


def test_the_protocol_reads_the_layout_once_and_quarantines_a_bad_one() -> None:
    msg = parse_server_message(json.dumps({"type": "layout", "version": "v1", "body": BODY}))
    assert isinstance(msg, LayoutMessage)
    assert isinstance(msg.layout, Layout) and msg.layout.block("A03") is not None
    assert msg.layout.version == "v1"  # the message's version, as the body has none
    bad = _with(("blocks", 0, "bays"), -1)
    with pytest.raises(MessageRejected, match="A03: bays") as caught:
        parse_server_message(json.dumps({"type": "layout", "body": bad}))
    assert caught.value.code == "schema"


def test_yard_cameras_and_places_take_the_same_object() -> None:
    lay = parse_layout(BODY)
    yard = YardState(lay)
    assert yard.layout.model is lay  # not read again
    assert yard.layout.locate(285, 300).block == "A03"
    assert yard.layout.locate(100, 30).zone_ids() == ("Q1",)
    reg = CameraRegistry.from_layout(lay)
    assert reg.ids() == ["CAM-R17-03"] and reg.get("CAM-R17-03") is lay.cameras[0]
    assert lane_point(lay, "G2-OUT-04") == (1400.0, 520.0)
    assert fence_point(lay, "F-N-07") == (75.0, 1000.0)
    assert area_polygon(lay, "A03") == list(lay.block("A03").corners())  # type: ignore[union-attr]
    assert position_point(lay, Position(kind="berth", berth="B108")) == (200.0, 40.0)
    assert position_point(lay, Position(kind="slot", block="NOPE", bay=1, row=1)) is None


def test_the_generated_terminal_and_the_built_in_file_are_valid_layouts() -> None:
    lay = builtin_layout()
    assert lay.terminal == "KHH-T7" and len(lay.blocks) == 60 and len(lay.cameras) > 500
    assert lay == parse_layout(generate_layout())  # the file is the generator's output


def test_a_layout_file_may_hold_a_message_and_names_itself_when_bad(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"type": "layout", "body": BODY}), encoding="utf-8")
    assert read_layout(good).terminal == "KHH-T7"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_with(("zones", 0, "kind"), "moat")), encoding="utf-8")
    with pytest.raises(LayoutError, match=r"bad\.json: the layout's zones\[0\] Q1: kind"):
        read_layout(bad)


coord = st.floats(-1e4, 1e4, allow_nan=False)


@given(x=coord, y=coord, angle=st.floats(-720, 720, allow_nan=False),
       bays=st.integers(1, 60), rows=st.integers(1, 12), bay=st.integers(1, 60),
       row=st.integers(1, 12))
def test_slot_centres_come_back_to_their_slot(
    x: float, y: float, angle: float, bays: int, rows: int, bay: int, row: int
) -> None:
    lay = parse_layout({"blocks": [{"id": "B", "x": x, "y": y, "angle_deg": angle,
                                    "bays": bays, "rows": rows}]})
    block = lay.blocks[0]
    centre = block.slot_centre(min(bay, bays), min(row, rows))
    assert block.world_to_slot(*centre) == (min(bay, bays), min(row, rows))
    assert math.isclose(block.length_m, bays * 6.5)
