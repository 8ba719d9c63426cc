"""The terminal layout, generated from a few parameters (protocol section 7).

A representative automated terminal at Kaohsiung Terminal 7 scale: a quay
along the south edge with five berths and 24 ship-to-shore cranes, 60 yard
blocks perpendicular to the quay (one automated rail-mounted crane each)
with seaside and landside transfer areas at their ends, an apron road and a
landside road, a gate complex with 24 lanes to the north, an inspection
area, restricted zones and a perimeter fence, and about 600 cameras where a
terminal puts them.  `python -m testbed.sim.layout` writes the generated
layout to `resources/layout/khh-t7.json`; the console reads whatever layout
the gateway sends and never hard-codes one.

Grid: metres, x east, y north, origin at the south-west corner.  Angles
(`angle_deg`, camera `heading_deg`, vehicle `heading`) are degrees
counter-clockwise from east, like the block convention of the protocol.
"""

from __future__ import annotations

import json
import math
import pathlib
from dataclasses import dataclass
from typing import Any

from console.layout import BUILTIN_PATH, parse_layout, read_layout_body
from testbed.sim.cameras_plan import plan_cameras

LAYOUT_VERSION = "2026-11-01"
DEFAULT_MEDIA_BASE = "http://127.0.0.1:8780"
RESOURCE_PATH = BUILTIN_PATH  # the generated layout, as the console ships it


@dataclass(frozen=True, slots=True)
class LayoutParams:
    terminal: str = "KHH-T7"
    name: str = "Kaohsiung Port Terminal 7 (simulated)"
    quay_m: float = 2415.0
    berths: int = 5
    sts_cranes: int = 24
    blocks: int = 60
    bays: int = 44
    rows: int = 10
    tiers: int = 5
    slot_length_m: float = 6.5
    slot_width_m: float = 2.9
    block_pitch_m: float = 40.0
    gate_lanes: int = 24
    fence_segment_m: float = 150.0


# Bands across the terminal (y ranges, metres north of the quay edge).
QUAY_Y = (0.0, 70.0)
APRON_ROAD_Y = (70.0, 105.0)
SEASIDE_TRANSFER_Y = (105.0, 136.0)
YARD_Y0 = 140.0
LANDSIDE_ROAD_Y = (464.0, 500.0)
GATE_Y = (500.0, 640.0)
HEIGHT_M = 660.0
WIDTH_M = 2500.0
BLOCK_X0 = 50.0
GATE_X = (1000.0, 1460.0)


def block_ids(count: int) -> list[str]:
    return [f"{chr(ord('A') + i // 10)}{i % 10 + 1:02d}" for i in range(count)]


def rect(x1: float, y1: float, x2: float, y2: float) -> list[list[float]]:
    return [[x1, y1], [x2, y1], [x2, y2], [x1, y2]]


def generate_layout(
    p: LayoutParams = LayoutParams(), media_base: str = DEFAULT_MEDIA_BASE
) -> dict[str, Any]:
    """Build the layout body from the parameters (pure; same parameters, same layout)."""
    block_len = p.bays * p.slot_length_m
    block_w = p.rows * p.slot_width_m
    yard_y1 = YARD_Y0 + block_len
    landside_transfer = (yard_y1 + 2.0, LANDSIDE_ROAD_Y[0])

    blocks, yard_cranes, zones = [], [], []
    for i, bid in enumerate(block_ids(p.blocks)):
        x_left = BLOCK_X0 + i * p.block_pitch_m
        blocks.append(
            {
                "id": bid,
                "x": round(x_left + block_w, 2),
                "y": YARD_Y0,
                "angle_deg": 90,
                "bays": p.bays,
                "rows": p.rows,
                "tiers": p.tiers,
                "slot_length_m": p.slot_length_m,
                "slot_width_m": p.slot_width_m,
            }
        )
        yard_cranes.append({"id": f"ARMG-{bid}", "type": "yard_crane", "block": bid})
        zones.append(
            {
                "id": f"TS-{bid}",
                "kind": "transfer",
                "polygon": rect(
                    x_left, SEASIDE_TRANSFER_Y[0], x_left + block_w, SEASIDE_TRANSFER_Y[1]
                ),
            }
        )
        zones.append(
            {
                "id": f"TL-{bid}",
                "kind": "transfer",
                "polygon": rect(
                    x_left, landside_transfer[0], x_left + block_w, landside_transfer[1]
                ),
            }
        )

    quay_x0 = (WIDTH_M - p.quay_m) / 2
    berth_len = p.quay_m / p.berths
    berths, sts = [], []
    per_berth = [
        p.sts_cranes // p.berths + (1 if i < p.sts_cranes % p.berths else 0)
        for i in range(p.berths)
    ]
    n = 0
    for b in range(p.berths):
        bid = f"B7{b + 1:02d}"
        x1 = quay_x0 + b * berth_len
        berths.append(
            {"id": bid, "x1": round(x1, 1), "y1": 10.0, "x2": round(x1 + berth_len, 1), "y2": 10.0}
        )
        for k in range(per_berth[b]):
            n += 1
            x = x1 + berth_len * (k + 0.5) / per_berth[b]
            sts.append(
                {"id": f"STS{n:02d}", "type": "sts", "berth": bid, "x": round(x, 1), "y": 35.0}
            )

    lanes = []
    half = p.gate_lanes // 2
    for k in range(half):
        lanes.append(
            {
                "id": f"G1-IN-{k + 1:02d}",
                "direction": "in",
                "x": GATE_X[0] + 20 + k * 16.0,
                "y": 570.0,
            }
        )
    for k in range(p.gate_lanes - half):
        lanes.append(
            {
                "id": f"G2-OUT-{k + 1:02d}",
                "direction": "out",
                "x": GATE_X[0] + 250 + k * 16.0,
                "y": 570.0,
            }
        )

    zones += [
        {"id": "Q1", "kind": "quay", "polygon": rect(0, QUAY_Y[0], WIDTH_M, QUAY_Y[1])},
        {
            "id": "RD-APRON",
            "kind": "road",
            "polygon": rect(0, APRON_ROAD_Y[0], WIDTH_M, APRON_ROAD_Y[1]),
        },
        {
            "id": "RD-LAND",
            "kind": "road",
            "polygon": rect(0, LANDSIDE_ROAD_Y[0], WIDTH_M, LANDSIDE_ROAD_Y[1]),
        },
        {
            "id": "Y1",
            "kind": "yard",
            "polygon": rect(BLOCK_X0 - 5, YARD_Y0, BLOCK_X0 + p.blocks * p.block_pitch_m, yard_y1),
        },
        {"id": "GATE", "kind": "gate", "polygon": rect(GATE_X[0], GATE_Y[0], GATE_X[1], GATE_Y[1])},
        {"id": "INSP", "kind": "inspection", "polygon": rect(1500, 505, 1720, 600)},
        {"id": "R-WORKSHOP", "kind": "restricted", "polygon": rect(20, 505, 160, 600)},
        {"id": "R-SUBSTATION", "kind": "restricted", "polygon": rect(2360, 505, 2480, 600)},
        {"id": "R-BUNKER", "kind": "restricted", "polygon": rect(2460, 70, 2500, 140)},
    ]

    fence = _fence(p.fence_segment_m)
    body: dict[str, Any] = {
        "terminal": p.terminal,
        "name": p.name,
        "width_m": WIDTH_M,
        "height_m": HEIGHT_M,
        "geo": {"origin_lat": 22.5485, "origin_lon": 120.3010, "rotation_deg": -20.0},
        "blocks": blocks,
        "berths": berths,
        "cranes": sts + yard_cranes,
        "lanes": lanes,
        "zones": zones,
        "fence": fence,
    }
    body["cameras"] = plan_cameras(body, media_base)
    return body


def _fence(segment_m: float) -> list[dict[str, Any]]:
    """Perimeter fence on the land sides, with an opening at the gate."""
    out: list[dict[str, Any]] = []

    def run(prefix: str, a: tuple[float, float], b: tuple[float, float]) -> None:
        length = math.dist(a, b)
        count = max(1, round(length / segment_m))
        for i in range(count):
            t0, t1 = i / count, (i + 1) / count
            p0 = [round(a[0] + (b[0] - a[0]) * t0, 1), round(a[1] + (b[1] - a[1]) * t0, 1)]
            p1 = [round(a[0] + (b[0] - a[0]) * t1, 1), round(a[1] + (b[1] - a[1]) * t1, 1)]
            out.append(
                {
                    "id": f"{prefix}-{len([f for f in out if f['id'].startswith(prefix)]) + 1:02d}",
                    "points": [p0, p1],
                }
            )

    run("F-W", (0.0, QUAY_Y[1]), (0.0, HEIGHT_M))
    run("F-N", (0.0, HEIGHT_M), (GATE_X[0], HEIGHT_M))
    run("F-N", (GATE_X[1], HEIGHT_M), (WIDTH_M, HEIGHT_M))
    run("F-E", (WIDTH_M, HEIGHT_M), (WIDTH_M, QUAY_Y[1]))
    return out


def with_media_base(layout: dict[str, Any], media_base: str) -> dict[str, Any]:
    """The same layout with camera URLs pointing at `media_base` (the running simulator)."""
    cameras = []
    for cam in layout["cameras"]:
        cam = dict(cam)
        for key in ("stream", "substream"):
            path = cam[key].split("/cameras/", 1)[1]
            cam[key] = f"{media_base}/cameras/{path}"
        cameras.append(cam)
    return {**layout, "cameras": cameras}


def load_layout(path: pathlib.Path = RESOURCE_PATH) -> dict[str, Any]:
    """The generated layout from resources (generated on the fly when the file is absent)."""
    data = read_layout_body(path) if path.exists() else generate_layout()
    parse_layout(data)  # what the simulator serves, the console can read (LayoutError if not)
    return data


def slot_count(layout: dict[str, Any]) -> int:
    """How many slots the layout's blocks hold, as the console reads them (`console.layout`)."""
    return parse_layout(layout).slot_count


def main() -> None:
    RESOURCE_PATH.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(generate_layout(), indent=1, ensure_ascii=False)
    RESOURCE_PATH.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {RESOURCE_PATH}")


if __name__ == "__main__":
    main()
