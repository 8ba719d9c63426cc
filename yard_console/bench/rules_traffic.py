"""A full yard's traffic for `bench rules`: raw feed messages as a gateway sends them.

About 85k containers stored in 45 blocks, 250 vehicles reporting once a second
(driving along the apron road, stopping in transfer areas, now and then
standing on the road), and a container event stream of a busy terminal
(discharges, drops, picks, gate-outs) with the customs decisions that go with
them.  Everything is generated from a seed, as raw JSON text, so that the
bench times the same path as the live console: parse, normalise, store, rules.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from console.protocol.iso6346 import make_number
from console.timefmt import format_time

BLOCKS, BAYS, ROWS, TIERS = 45, 40, 10, 5
T0 = 1_795_000_000.0


def layout() -> dict[str, Any]:
    blocks, zones = [], []
    for b in range(BLOCKS):
        x, y = 60 + (b % 15) * 95, 200 + (b // 15) * 250
        blocks.append({"id": f"B{b:02d}", "x": x, "y": y, "angle_deg": 90, "bays": BAYS,
                       "rows": ROWS, "tiers": TIERS, "slot_length_m": 6.5,
                       "slot_width_m": 2.9})
        zones.append({"id": f"TS-{b:02d}", "kind": "transfer",
                      "polygon": [[x - 29, y - 20], [x, y - 20], [x, y], [x - 29, y]]})
    zones += [
        {"id": "Q1", "kind": "quay", "polygon": [[0, 0], [1500, 0], [1500, 60], [0, 60]]},
        {"id": "RD1", "kind": "road", "polygon": [[0, 60], [1500, 60], [1500, 180], [0, 180]]},
        {"id": "R1", "kind": "restricted",
         "polygon": [[1450, 900], [1500, 900], [1500, 1000], [1450, 1000]]},
        {"id": "G1", "kind": "gate", "polygon": [[1400, 500], [1500, 500], [1500, 560],
                                                  [1400, 560]]},
    ]
    return {"terminal": "BENCH", "width_m": 1500, "height_m": 1000, "blocks": blocks,
            "zones": zones}


@dataclass
class Traffic:
    seed: int = 7
    containers: int = 85_000
    vehicles: int = 250
    rng: random.Random = field(init=False)
    stored: list[tuple[str, tuple[str, int, int, int]]] = field(default_factory=list)
    free: list[tuple[str, int, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        slots = [(f"B{b:02d}", bay, row, tier) for b in range(BLOCKS)
                 for bay in range(1, BAYS + 1) for row in range(1, ROWS + 1)
                 for tier in range(1, TIERS + 1)]
        self.rng.shuffle(slots)
        n = min(self.containers, len(slots))
        self.stored = [(make_number("BEN", i), slots[i]) for i in range(n)]
        self.free = slots[n:]
        self._serial = n
        self._event = 0

    def snapshot(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(containers, clearances) of the snapshot, in protocol form."""
        containers = [{"equipmentReference": ref, "ISOEquipmentCode": "42G1",
                       "emptyIndicatorCode": "LADEN",
                       "position": {"kind": "slot", "block": s[0], "bay": s[1], "row": s[2],
                                    "tier": s[3]}} for ref, s in self.stored]
        clearances = [{"equipmentReference": ref, "status": "released"}
                      for ref, _ in self.stored]
        return containers, clearances

    def _envelope(self, kind: str, t: float, body: dict[str, Any]) -> str:
        self._event += 1
        return json.dumps({"type": "event", "seq": self._event, "id": f"BENCH:{self._event}",
                           "kind": kind, "time": format_time(t), "source": "BENCH",
                           "body": body})

    def _equipment(self, etype: str, ref: str, t: float, **terminal: Any) -> dict[str, Any]:
        return {"eventID": f"E{self._event}", "eventType": "EQUIPMENT",
                "eventClassifierCode": "ACT", "eventDateTime": format_time(t),
                "equipmentEventTypeCode": etype, "equipmentReference": ref,
                "ISOEquipmentCode": "42G1", "emptyIndicatorCode": "LADEN",
                "seals": [{"sealNumber": f"S{ref[4:10]}", "sealSource": "CAR",
                           "sealType": "BLT"}],
                "terminal": terminal}

    def messages(self, n: int) -> Iterator[tuple[str, str]]:
        """(feed, raw message) pairs: about 96% positions, the rest container traffic."""
        rng = self.rng
        xs = [rng.uniform(0, 1500) for _ in range(self.vehicles)]
        pending: list[tuple[float, str, str]] = []
        sent, second = 0, 0
        while sent < n:
            t = T0 + second
            for v in range(self.vehicles):
                moving = (second + v * 7) % 90 < 75
                standing_on_road = v % 50 == 0 and not moving
                if moving:
                    xs[v] = (xs[v] + 4.0) % 1500
                y = 120.0 if moving or standing_on_road else 30.0
                body = {"vehicleId": f"SC{v:03d}", "vehicleType": "shuttle", "x": round(xs[v], 1),
                        "y": y, "heading": 0.0, "speed": 4.0 if moving else 0.0,
                        "carrying": self.stored[v][0] if v % 2 == 0 else None}
                yield "BENCH", self._envelope("position", t, body)
                sent += 1
            for _ in range(rng.randint(6, 12)):
                yield "BENCH", self._container_event(t, pending)
                sent += 1
            while pending and pending[0][0] <= t:
                _, feed, raw = pending.pop(0)
                yield feed, raw
                sent += 1
            second += 1

    def _container_event(self, t: float, pending: list[tuple[float, str, str]]) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.4 or not self.stored:
            ref = make_number("NEW", self._serial % 1_000_000)
            self._serial += 1
            clear = {"equipmentReference": ref, "status": "released",
                     "statusTime": format_time(t + 60)}
            pending.append((t + 60, "CUSTOMS", self._envelope("clearance", t + 60, clear)))
            slot = self.free.pop() if self.free else ("B00", 1, 1, 1)
            self.stored.append((ref, slot))
            return self._envelope("equipment", t, self._equipment(
                "DISC", ref, t, craneId="STS01", vehicleId="SC000"))
        ref, slot = self.stored[rng.randrange(len(self.stored))]
        if r < 0.7:
            return self._envelope("equipment", t, self._equipment(
                "DROP", ref, t,
                position={"kind": "slot", "block": slot[0], "bay": slot[1], "row": slot[2],
                          "tier": slot[3]}))
        if r < 0.9:
            return self._envelope("equipment", t, self._equipment(
                "PICK", ref, t, vehicleId="SC002"))
        return self._envelope("equipment", t, self._equipment(
            "GTOT", ref, t, laneId="G1-OUT-01", truckPlate="KLA-1234"))
