"""Vessel calls: each quay crane discharges then loads its sequence at 25-35 moves an hour.

A discharge is planned whole when the crane takes the box: the shuttle
carrier that will fetch it (the one of the crane's pool free first), its
drive along the apron road to the seaside transfer area of a block near the
crane, and the yard crane's drop into a free slot.  A load is the same run
backwards (pick from the slot, drive to the crane, load).  When every crane
of a berth has finished, the vessel sails and another berths some hours later.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from console.model import Position
from testbed.sim.identities import VESSEL_NAMES
from testbed.sim.vehicles import Vehicle, apron_route
from testbed.sim.yard import Box, SlotKey

if TYPE_CHECKING:
    from testbed.sim.traffic import TrafficModel

SHUTTLES_PER_CRANE = 4
SHUTTLE_SPEED = 6.0  # m/s
STOP_NOTICED_S = 61.0  # UNSCHEDULED_STOP: the first report after 60 s standing still
CRANE_Y = 40.0


@dataclass(slots=True)
class VesselCall:
    imo: str
    name: str
    voyage: str
    berth: str
    moves: dict[str, list[int]] = field(default_factory=dict)  # crane -> [discharges, loads]


class Quayside:
    def __init__(self, model: TrafficModel) -> None:
        self.m = model
        lay = model.layout
        self.cranes = {c["id"]: c for c in lay["cranes"] if c["type"] == "sts"}
        self.berth_cranes: dict[str, list[str]] = {}
        for cid, c in self.cranes.items():
            self.berth_cranes.setdefault(c["berth"], []).append(cid)
        self.block_x = {
            b["id"]: float(b["x"]) - b["rows"] * b["slot_width_m"] / 2 for b in lay["blocks"]
        }
        self.ts_y = 120.0
        self._near: dict[str, list[str]] = {}
        self.pools: dict[str, list[Vehicle]] = {}
        n = 0
        for cid, c in self.cranes.items():
            pool = []
            for _ in range(SHUTTLES_PER_CRANE):
                n += 1
                v = Vehicle(
                    f"SC{n:03d}", "shuttle", (float(c["x"]) + model.rng.uniform(-30, 30), 60.0)
                )
                model.vehicles[v.vehicle_id] = v
                pool.append(v)
            self.pools[cid] = pool
        self.calls: dict[str, VesselCall] = {}
        for berth in self.berth_cranes:
            self._berth(berth, 0.0, progress=model.rng.uniform(0.0, 0.8))

    def _berth(self, berth: str, t: float, progress: float = 0.0) -> None:
        m = self.m
        call = VesselCall(m.ids.imo_number(), m.rng.choice(VESSEL_NAMES), m.ids.voyage("E"), berth)
        for cid in self.berth_cranes[berth]:
            disc, load = m.rng.randint(60, 140), m.rng.randint(60, 140)
            done = int((disc + load) * progress)
            call.moves[cid] = [max(0, disc - done), load - max(0, done - disc)]
            m.schedule(t + m.rng.uniform(5, 120), functools.partial(self._crane_at, cid))
        self.calls[berth] = call
        m.dcsa.vessel_arrived(call, t)

    def _crane_at(self, crane: str, t: float) -> None:
        self._crane_move(crane, t)

    def _crane_move(self, crane: str, t: float) -> None:
        m = self.m
        call = self.calls[self.cranes[crane]["berth"]]
        left = call.moves[crane]
        if left[0] > 0:
            left[0] -= 1
            self.discharge(crane, call, t)
        elif left[1] > 0:
            left[1] -= 1
            self.load(crane, call, t)
        else:
            if all(v == [0, 0] for v in call.moves.values()):
                berth = call.berth
                m.dcsa.vessel_departed(call, t)
                m.schedule(t + m.rng.uniform(3600, 3 * 3600), lambda at: self._berth(berth, at))
                call.moves = {c: [-1, -1] for c in call.moves}
            return
        m.roll_anomaly(t)
        m.schedule(t + 3600 / m.rng.uniform(25, 35), lambda at: self._crane_move(crane, at))

    def vessel(self, call: VesselCall) -> tuple[str, str, str]:
        return (call.imo, call.name, call.voyage)

    def shuttle(self, crane: str) -> Vehicle:
        return min(self.pools[crane], key=lambda v: v.free_at)

    def crane_point(self, crane: str) -> tuple[float, float]:
        return (float(self.cranes[crane]["x"]), CRANE_Y)

    def near_block(self, crane: str) -> str:
        """One of the 12 blocks nearest the crane (where its discharges are stacked)."""
        near = self._near.get(crane)
        if near is None:
            x = float(self.cranes[crane]["x"])
            near = self._near[crane] = sorted(self.block_x, key=lambda b: abs(self.block_x[b] - x))[
                :12
            ]
        return str(self.m.rng.choice(near))

    def discharge(
        self,
        crane: str,
        call: VesselCall,
        t: float,
        *,
        box: Box | None = None,
        drop_delay: float | None = None,
        stop: tuple[float, float] | None = None,
        manifest: bool = True,
        slot: tuple[str, int, int, int] | None = None,
        at: float | None = None,
    ) -> Box:
        """Plan one discharge; the options are how anomalies bend it.  `at`: the moment the
        bent part must show (a stop's 61st second, the `DROP` into an occupied slot)."""
        m = self.m
        if box is None:
            spec = m.ids.container(empty_share=0.12)
            box = Box(spec, "empty" if spec.empty else "import")
            if not spec.empty:
                box.extra["bl"] = m.ids.bill_of_lading(spec.ref)
                if m.rng.random() < 0.08:
                    box.customs_seals = (m.ids.customs_seal(),)
        box.extra["vessel"] = self.vessel(call)
        block = self.near_block(crane)
        key = m.yard.free_slot(block)
        m.yard.place(box, key)
        m.yard.hold(key)
        box.reserved = True
        berth_pos = Position("berth", berth=call.berth, crane_id=crane)
        m.schedule(
            t,
            lambda at: m.emit_equipment(
                at, "DISC", box, crane, berth_pos, crane_id=crane, vessel=self.vessel(call)
            ),
        )
        if manifest:
            m.customs.after_discharge(box, t)
        v = self.shuttle(crane)
        at_crane = v.plan(
            max(t, v.free_at), apron_route(v.position, self.crane_point(crane)), SHUTTLE_SPEED, None
        )
        v.wait(at_crane, at_crane + 15, None)
        ts = (self.block_x[key[0]], self.ts_y)
        route = apron_route(self.crane_point(crane), ts)
        if stop is not None:
            route = self._with_stop(v, at_crane + 15, route, box.spec.ref, stop,
                                    None if at is None else at - STOP_NOTICED_S)
            arrive = v.free_at
        else:
            arrive = v.plan(at_crane + 15, route, SHUTTLE_SPEED, box.spec.ref)
        dropped = arrive + (drop_delay if drop_delay is not None else m.rng.uniform(40, 150))
        if at is not None and slot is not None:
            dropped = max(arrive + 20, at)
        v.wait(arrive, dropped, box.spec.ref)
        m.schedule(at_crane + 15, lambda at: self._on_vehicle(box, v.vehicle_id))
        target = slot or key
        m.schedule(dropped, lambda at: self._drop(box, target, at, key))
        return box

    def _with_stop(
        self,
        v: Vehicle,
        t0: float,
        route: list[tuple[float, float]],
        ref: str,
        stop: tuple[float, float],
        stop_at: float | None = None,
    ) -> list[tuple[float, float]]:
        """Drive the first two legs, stand still on the apron road for stop[1] s, drive on
        (with `stop_at`, wait under the crane first so that the stop begins then)."""
        mid_x = route[0][0] + (route[1][0] - route[0][0]) * stop[0]
        legs = [route[0], (mid_x, route[0][1])]
        if stop_at is not None:
            drive = Vehicle("probe", v.vehicle_type, v.position).plan(0.0, legs, SHUTTLE_SPEED,
                                                                      None)
            if stop_at - drive > t0:
                v.wait(t0, stop_at - drive, ref)
                t0 = stop_at - drive
        t = v.plan(t0, legs, SHUTTLE_SPEED, ref)
        v.wait(t, t + stop[1], ref, watched=True)
        v.plan(t + stop[1], route[1:], SHUTTLE_SPEED, ref)
        return route

    def _on_vehicle(self, box: Box, vehicle_id: str) -> None:
        box.position = {"kind": "vehicle", "vehicleId": vehicle_id}

    def _drop(self, box: Box, key: SlotKey, t: float, planned: SlotKey) -> None:
        """Report the drop at `key` (where the yard crane says; `planned` is where it went)."""
        m = self.m
        box.reserved = False
        m.yard.done(planned)
        crane = f"ARMG-{key[0]}"
        m.emit_equipment(t, "DROP", box, crane, Position("slot", *key), crane_id=crane)
        role = f"{box.direction}:{box.clearance}" if box.clearance else None
        if role:
            m.by_role.setdefault(role, []).append(box.spec.ref)

    def load(self, crane: str, call: VesselCall, t: float) -> Box | None:
        m = self.m
        box = m.yard.top_box(m.by_role.get("export:released", []))
        if box is None or box.clearance != "released":
            return None
        key = m.yard.take(box)
        v = self.shuttle(crane)
        ts = (self.block_x[key[0]], self.ts_y)
        at_ts = v.plan(max(t, v.free_at), apron_route(v.position, ts), SHUTTLE_SPEED, None)
        picked = at_ts + m.rng.uniform(30, 100)
        v.wait(at_ts, picked, None)
        arm = f"ARMG-{key[0]}"
        m.schedule(picked, lambda at: self._pick(box, key, arm, v.vehicle_id, at))
        at_crane = v.plan(
            picked, apron_route(ts, self.crane_point(crane)), SHUTTLE_SPEED, box.spec.ref
        )
        loaded = at_crane + m.rng.uniform(10, 40)
        v.wait(at_crane, loaded, box.spec.ref)
        berth_pos = Position("berth", berth=call.berth, crane_id=crane)
        vessel = self.vessel(call)
        m.schedule(loaded, lambda at: self._load(box, crane, berth_pos, vessel, at))
        return box

    def _pick(
        self, box: Box, key: tuple[str, int, int, int], arm: str, vehicle: str, t: float
    ) -> None:
        self.m.yard.done(key)
        self.m.emit_equipment(
            t, "PICK", box, arm, Position("slot", *key), crane_id=arm, vehicle_id=vehicle
        )
        box.position = {"kind": "vehicle", "vehicleId": vehicle}

    def _load(
        self, box: Box, crane: str, pos: Position, vessel: tuple[str, str, str], t: float
    ) -> None:
        m = self.m
        m.emit_equipment(t, "LOAD", box, crane, pos, crane_id=crane, vessel=vessel)
        m.yard.boxes.pop(box.spec.ref, None)
        box.extra["gone"] = True

    def any_call(self) -> tuple[str, VesselCall]:
        crane = self.m.rng.choice(sorted(self.cranes))
        return crane, self.calls[self.cranes[crane]["berth"]]

    def describe(self) -> list[dict[str, Any]]:
        return [
            {"berth": c.berth, "vessel": c.name, "imo": c.imo, "voyage": c.voyage}
            for c in self.calls.values()
        ]
