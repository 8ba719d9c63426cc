"""A generated terminal of Terminal-7 scale, for the benchmark and widget tests.

The real layout comes from the gateway (`layout` message) or from
`resources/layout/`; this one exists so that the map can be measured at full
scale (100k containers) without a feed, and so that tests need no files.
"""

from __future__ import annotations

import random
from typing import Any

from console.model import Clearance, ContainerState, Position
from console.protocol.iso6346 import make_number

OWNERS = ("EGHU", "EISU", "EMCU", "TGHU", "MSCU", "OOLU", "CMAU", "TCLU")


def container_number(owner: str, serial: int) -> str:
    return make_number(owner[:3], serial % 1_000_000, owner[3])


def layout_dict(block_cols: int = 10, block_rows: int = 8, bays: int = 40, rows: int = 10,
                tiers: int = 5) -> dict[str, Any]:
    """A quay along the south edge, a grid of blocks, roads between, gates on the east."""
    pitch_x, pitch_y = bays * 6.5 + 30, rows * 2.9 + 22
    width = 60 + block_cols * pitch_x + 90
    blocks = [
        {"id": f"{chr(65 + j)}{i + 1:02d}", "x": 60 + i * pitch_x, "y": 170 + j * pitch_y,
         "angle_deg": 0, "bays": bays, "rows": rows, "tiers": tiers,
         "slot_length_m": 6.5, "slot_width_m": 2.9}
        for j in range(block_rows) for i in range(block_cols)
    ]
    height = 170 + block_rows * pitch_y + 60
    return {
        "terminal": "SIM-T7", "name": "Synthetic Terminal 7", "width_m": width,
        "height_m": height,
        "blocks": blocks,
        "berths": [{"id": f"B10{k}", "x1": k * width / 5, "y1": 40,
                    "x2": (k + 1) * width / 5 - 10, "y2": 40} for k in range(5)],
        "cranes": [{"id": f"STS{k + 1:02d}", "type": "sts", "berth": f"B10{k // 5}"}
                   for k in range(24)],
        "lanes": [{"id": f"G2-OUT-{k + 1:02d}", "direction": "out", "x": width - 30,
                   "y": 200 + k * 20} for k in range(12)],
        "zones": [
            {"id": "Q1", "kind": "quay", "polygon": [[0, 0], [width, 0], [width, 70], [0, 70]]},
            {"id": "R1", "kind": "road", "polygon": [[0, 70], [width, 70], [width, 150],
                                                       [0, 150]]},
            {"id": "Y1", "kind": "yard", "polygon": [[40, 150], [width - 80, 150],
                                                       [width - 80, height - 40],
                                                       [40, height - 40]]},
            {"id": "G1", "kind": "gate", "polygon": [[width - 70, 150], [width, 150],
                                                       [width, height - 40],
                                                       [width - 70, height - 40]]},
            {"id": "X1", "kind": "restricted", "polygon": [[0, height - 40], [120, height - 40],
                                                             [120, height], [0, height]]},
        ],
        "cameras": [],
        "fence": [{"id": f"F-N-{k + 1:02d}", "points": [[k * width / 8, height],
                                                        [(k + 1) * width / 8, height]]}
                  for k in range(8)],
    }


def fill(layout: dict[str, Any], count: int, seed: int = 7
         ) -> tuple[list[ContainerState], list[Clearance]]:
    """`count` containers in random slots (stacked from tier 1) with a realistic status mix."""
    rng = random.Random(seed)
    slots = [(b["id"], bay, row, b["tiers"]) for b in layout["blocks"]
             for bay in range(1, b["bays"] + 1) for row in range(1, b["rows"] + 1)]
    heights: dict[tuple[str, int, int], int] = {}
    containers: list[ContainerState] = []
    clearances: list[Clearance] = []
    serial = 0
    while len(containers) < count:
        block, bay, row, tiers = slots[rng.randrange(len(slots))]
        h = heights.get((block, bay, row), 0)
        if h >= tiers:
            continue
        heights[(block, bay, row)] = h + 1
        serial += 1
        ref = container_number(OWNERS[serial % len(OWNERS)], serial)
        empty = "EMPTY" if rng.random() < 0.3 else "LADEN"
        containers.append(ContainerState(ref, "45G1", empty,
                                         Position("slot", block, bay, row, h + 1)))
        roll = rng.random()
        if roll < 0.985:
            status = "released" if roll < 0.8 else "pending"
            clearances.append(Clearance(ref, status))
        elif roll < 0.992:
            clearances.append(Clearance(ref, "hold" if roll < 0.989 else "inspect"))
    return containers, clearances
