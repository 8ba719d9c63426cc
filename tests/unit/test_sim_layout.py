"""The generated Terminal 7 layout: its size, its places, and where the cameras are."""

from __future__ import annotations

import json
from collections import Counter

from console.yard.layout import YardLayout
from testbed.sim.layout import RESOURCE_PATH, LayoutParams, generate_layout, slot_count


def test_the_resource_file_is_what_the_generator_makes() -> None:
    """The layout file is generator output (regenerate: python -m testbed.sim.layout)."""
    assert json.loads(RESOURCE_PATH.read_text(encoding="utf-8")) == json.loads(
        json.dumps(generate_layout())
    )


def test_terminal_seven_scale() -> None:
    lay = generate_layout()
    berths = lay["berths"]
    assert len(berths) == 5
    assert 2350 <= sum(b["x2"] - b["x1"] for b in berths) <= 2450
    kinds = Counter(c["type"] for c in lay["cranes"])
    assert kinds == {"sts": 24, "yard_crane": 60}
    assert len(lay["blocks"]) == 60
    assert {c["block"] for c in lay["cranes"] if c["type"] == "yard_crane"} == {
        b["id"] for b in lay["blocks"]
    }
    assert 125_000 <= slot_count(lay) <= 140_000
    assert Counter(lane["direction"] for lane in lay["lanes"]) == {"in": 12, "out": 12}
    assert {z["kind"] for z in lay["zones"]} == {
        "quay",
        "yard",
        "road",
        "gate",
        "transfer",
        "restricted",
        "inspection",
    }
    assert len(lay["fence"]) >= 15
    assert 560 <= len(lay["cameras"]) <= 640
    ids = [c["id"] for c in lay["cameras"]]
    assert len(ids) == len(set(ids))


def test_places_are_where_the_console_locates_them() -> None:
    """Checked with the console's own layout reader, not with the generator's arithmetic."""
    lay = generate_layout()
    yard = YardLayout(lay)
    for block in lay["blocks"]:
        length = block["bays"] * block["slot_length_m"]
        width = block["rows"] * block["slot_width_m"]
        # bay 1 row 1 is at the block's origin; rows count to the left (west) of north
        first = yard.locate(block["x"] - block["slot_width_m"] / 2, block["y"] + 3.0)
        last = yard.locate(block["x"] - width + 1.0, block["y"] + length - 1.0)
        assert first.block == block["id"] and last.block == block["id"]
        seaside = yard.locate(block["x"] - width / 2, block["y"] - 15.0)
        landside = yard.locate(block["x"] - width / 2, block["y"] + length + 15.0)
        assert "transfer" in seaside.kinds and "transfer" in landside.kinds
    for crane in (c for c in lay["cranes"] if c["type"] == "sts"):
        assert "quay" in yard.locate(crane["x"], crane["y"]).kinds
    for lane in lay["lanes"]:
        assert "gate" in yard.locate(lane["x"], lane["y"]).kinds
    assert "road" in yard.locate(1200.0, 88.0).kinds  # the apron road
    assert "road" in yard.locate(1200.0, 482.0).kinds  # the landside road


def test_cameras_look_at_what_a_terminal_watches() -> None:
    lay = generate_layout()
    views = Counter(c["view"] for c in lay["cameras"])
    assert views["lane"] >= 4 * 24 and views["crane"] >= 5 * 24 and views["block"] >= 2 * 60
    assert views["fence"] >= len(lay["fence"]) and views["road"] > 0
    for cam in lay["cameras"]:
        assert 0 <= cam["x"] <= lay["width_m"] and 0 <= cam["y"] <= lay["height_m"]
        assert 0 <= cam["heading_deg"] < 360 and 0 < cam["fov_deg"] <= 120
        assert 0 < cam["range_m"] <= 300
        assert cam["substream"].endswith(f"/cameras/{cam['id']}/sub.mjpg")
        assert cam["stream"].endswith(f"/cameras/{cam['id']}/main.mjpg")
        assert cam["fps"] > 0


def test_the_generator_follows_its_parameters() -> None:
    small = generate_layout(LayoutParams(berths=2, sts_cranes=5, blocks=8, gate_lanes=4))
    assert len(small["berths"]) == 2 and len(small["blocks"]) == 8
    assert sum(1 for c in small["cranes"] if c["type"] == "sts") == 5
    assert len(small["lanes"]) == 4
