"""Trucks through the gate: export and empty boxes in, import and empty boxes out.

Every truck is a vehicle from the moment it reaches its lane to the moment
it leaves through an out lane.  A gate-in is read by the lane's OCR, driven
along the landside road to the landside transfer area of its block and
dropped by the yard crane; a gate-out is the reverse, and its `GTOT` is what
the supervision rules judge: the box, its seals as read, and its clearance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console.model import OcrReading, Position
from testbed.sim import ocr
from testbed.sim.vehicles import Vehicle, landside_route
from testbed.sim.yard import Box

if TYPE_CHECKING:
    from testbed.sim.traffic import TrafficModel

TRUCK_SPEED = 7.0  # m/s on the landside road
GATE_MEAN_INTERVAL_S = 22.0  # each direction: about 4,000 trucks a day each way
LANE_Y = 570.0
OUTSIDE_Y = 652.0
TL_Y = 448.0
APPROACH_S = (OUTSIDE_Y - LANE_Y) / 3.0  # a truck's crawl from outside to the lane's reader


class Gateside:
    def __init__(self, model: TrafficModel) -> None:
        self.m = model
        lay = model.layout
        self.in_lanes = [lane for lane in lay["lanes"] if lane["direction"] == "in"]
        self.out_lanes = [lane for lane in lay["lanes"] if lane["direction"] == "out"]
        self.cameras = {c["id"]: c for c in lay["cameras"]}
        self.block_x = {
            b["id"]: float(b["x"]) - b["rows"] * b["slot_width_m"] / 2 for b in lay["blocks"]
        }
        model.schedule(model.rng.uniform(1, 20), self._next_in)
        model.schedule(model.rng.uniform(1, 20), self._next_out)

    def _next_in(self, t: float) -> None:
        m = self.m
        self.gate_in(t)
        m.roll_anomaly(t)
        m.schedule(t + m.rng.expovariate(1 / GATE_MEAN_INTERVAL_S), self._next_in)

    def _next_out(self, t: float) -> None:
        m = self.m
        self.gate_out(t)
        m.roll_anomaly(t)
        m.schedule(t + m.rng.expovariate(1 / GATE_MEAN_INTERVAL_S), self._next_out)

    def truck(self, lane: dict[str, Any], t: float) -> tuple[Vehicle, float, str]:
        """A truck outside the lane at `t`: the vehicle, its time at the lane, its plate."""
        m = self.m
        plate = m.ids.truck_plate()
        v = Vehicle(f"TRK-{plate}", "truck", (float(lane["x"]), OUTSIDE_Y), free_at=t)
        m.vehicles[v.vehicle_id] = v
        at_lane = v.plan(t, [(float(lane["x"]), LANE_Y)], 3.0, None)
        return v, at_lane, plate

    def leave(
        self, v: Vehicle, t: float, carrying: str | None, lane: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], float]:
        """Drive to an out lane (carrying or not); returns the lane and the arrival time there."""
        lane = lane if lane is not None else self.m.rng.choice(self.out_lanes)
        at_lane = v.plan(
            t, landside_route(v.position, (float(lane["x"]), LANE_Y)), TRUCK_SPEED, carrying
        )
        return lane, at_lane

    def read(
        self,
        box: Box,
        lane: dict[str, Any],
        stamp: str,
        *,
        text: str | None = None,
        confidence: float | None = None,
        seals: tuple[str, ...] | None = None,
    ) -> OcrReading:
        found = tuple(s for s in (box.spec.carrier_seal,) if s) + box.customs_seals
        return ocr.reading(
            box.spec.ref,
            found if seals is None else seals,
            self.m.rng,
            self.cameras.get(f"CAM-{lane['id']}-F"),
            stamp,
            text=text,
            confidence=confidence,
        )

    def gate_in(
        self,
        t: float,
        *,
        box: Box | None = None,
        empty: str | None = None,
        gross_kg: float | None = None,
        ocr_text: str | None = None,
        confidence: float | None = None,
        restricted: tuple[float, float] | None = None,
        reference: str | None = None,
        at: float | None = None,
    ) -> Box:
        """One truck bringing `box` in.  `reference`: the number the terminal records (its
        OCR's reading when no one corrects it).  `at`: the moment the anomaly must show (the
        `GTIN`, or for `restricted` the entry into the zone); the truck is sent in time."""
        m = self.m
        if box is None:
            spec = m.ids.container(empty_share=0.3)
            box = Box(spec, "empty" if spec.empty else "export")
        lane = m.rng.choice(self.in_lanes)
        if at is not None:
            gtin_at = at
            if restricted is not None:
                at_lane_pt = (float(lane["x"]), LANE_Y)
                gtin_at -= 10 + _drive_s(
                    at_lane_pt, landside_route(at_lane_pt, restricted), TRUCK_SPEED
                )
            t = max(t, gtin_at - APPROACH_S - 10)
        v, at_lane, plate = self.truck(lane, t)
        gtin = at_lane + m.rng.uniform(10, 25) if at is None else max(at_lane + 10, gtin_at)
        v.wait(at_lane, gtin + 10, box.spec.ref)
        key = m.yard.free_slot()
        m.yard.place(box, key)
        m.yard.hold(key)
        box.reserved = True
        lane_pos = Position("lane", lane_id=lane["id"])

        def emit_gtin(at: float) -> None:
            reading = self.read(box, lane, m.clock.stamp(at), text=ocr_text, confidence=confidence)
            m.emit_equipment(
                at,
                "GTIN",
                box,
                lane["id"],
                lane_pos,
                lane_id=lane["id"],
                truck_plate=plate,
                ocr=reading,
                empty=empty,
                gross_kg=gross_kg,
                reference=reference,
            )
            if not box.extra.get("no_manifest"):
                m.customs.after_gate_in(box, at)

        m.schedule(gtin, emit_gtin)
        m.schedule(gtin + 10, lambda at: self._on(box, v.vehicle_id))
        tl = (self.block_x[key[0]], TL_Y)
        if restricted is not None:
            self._detour(v, gtin + 10, box.spec.ref, restricted)
        arrive = v.plan(
            max(gtin + 10, v.free_at), landside_route(v.position, tl), TRUCK_SPEED, box.spec.ref
        )
        dropped = arrive + m.rng.uniform(40, 150)
        v.wait(arrive, dropped, box.spec.ref)
        arm = f"ARMG-{key[0]}"

        def drop(at: float) -> None:
            box.reserved = False
            m.yard.done(key)
            m.emit_equipment(
                at, "DROP", box, arm, Position("slot", *key), crane_id=arm, vehicle_id=v.vehicle_id
            )
            if box.clearance:
                m.by_role.setdefault(f"{box.direction}:{box.clearance}", []).append(box.spec.ref)

        m.schedule(dropped, drop)
        _, at_out = self.leave(v, dropped, None)
        v.plan(at_out + 15, [(v.position[0], OUTSIDE_Y)], 3.0, None)
        return box

    def _detour(self, v: Vehicle, t: float, ref: str, zone_point: tuple[float, float]) -> None:
        """Drive into a restricted zone and stand there a while (the RESTRICTED_ZONE anomaly)."""
        x, y = zone_point
        arrive = v.plan(t, landside_route(v.position, (x, y)), TRUCK_SPEED, ref)
        v.wait(arrive, arrive + 20, ref, watched=True)
        v.plan(arrive + 20, [(x, 482.0)], TRUCK_SPEED, ref)

    def gate_out(
        self,
        t: float,
        *,
        box: Box | None = None,
        seals: tuple[str, ...] | None = None,
        ocr_text: str | None = None,
        confidence: float | None = None,
        at: float | None = None,
    ) -> Box | None:
        """One truck taking `box` out.  `at`: the moment its `GTOT` must come (an anomaly on
        schedule); the truck is then sent just in time, with the shortest usual waits."""
        m = self.m
        if box is None:
            role = "import:released" if m.rng.random() < 0.75 else "empty:released"
            box = m.yard.top_box(m.by_role.get(role, []))
            if box is None or box.clearance != "released":
                return None
        key = m.yard.take(box) if box.slot is not None else None
        lane_in = m.rng.choice(self.in_lanes)
        lane_out = m.rng.choice(self.out_lanes) if at is not None else None
        if at is not None and lane_out is not None:
            t = max(t, at - self._gate_out_s(lane_in, lane_out, key))
        v, at_lane, plate = self.truck(lane_in, t)
        through = at_lane + (m.rng.uniform(10, 30) if at is None else 10)
        v.wait(at_lane, through, None)
        if key is not None:
            tl = (self.block_x[key[0]], TL_Y)
            arrive = v.plan(through, landside_route(v.position, tl), TRUCK_SPEED, None)
            picked = arrive + (m.rng.uniform(40, 150) if at is None else 40)
            v.wait(arrive, picked, None)
            arm = f"ARMG-{key[0]}"

            def pick(at: float) -> None:
                m.yard.done(key)
                m.emit_equipment(
                    at,
                    "PICK",
                    box,
                    arm,
                    Position("slot", *key),
                    crane_id=arm,
                    vehicle_id=v.vehicle_id,
                )
                box.position = {"kind": "vehicle", "vehicleId": v.vehicle_id}

            m.schedule(picked, pick)
        else:
            picked = through
        lane, at_out = self.leave(v, picked, box.spec.ref, lane_out)
        gtot = at_out + m.rng.uniform(10, 25) if at is None else max(at_out + 10, at)
        v.wait(at_out, gtot + 5, box.spec.ref)
        v.plan(gtot + 5, [(float(lane["x"]), OUTSIDE_Y)], 3.0, None)
        lane_pos = Position("lane", lane_id=lane["id"])

        def emit_gtot(at: float) -> None:
            reading = self.read(
                box, lane, m.clock.stamp(at), text=ocr_text, confidence=confidence, seals=seals
            )
            m.emit_equipment(
                at,
                "GTOT",
                box,
                lane["id"],
                lane_pos,
                lane_id=lane["id"],
                truck_plate=plate,
                ocr=reading,
                seal_numbers=seals,
            )
            m.yard.boxes.pop(box.spec.ref, None)
            box.extra["gone"] = True

        m.schedule(gtot, emit_gtot)
        return box

    def _gate_out_s(
        self, lane_in: dict[str, Any], lane_out: dict[str, Any], key: tuple[Any, ...] | None
    ) -> float:
        """Seconds from a truck's start outside `lane_in` to its `GTOT` at `lane_out`, with
        the shortest usual waits (10 s at each lane, 40 s for the pick)."""
        here: tuple[float, float] = (float(lane_in["x"]), LANE_Y)
        s = APPROACH_S + 10
        if key is not None:
            tl = (self.block_x[key[0]], TL_Y)
            s += _drive_s(here, landside_route(here, tl), TRUCK_SPEED) + 40
            here = tl
        out = (float(lane_out["x"]), LANE_Y)
        return s + _drive_s(here, landside_route(here, out), TRUCK_SPEED) + 10

    def _on(self, box: Box, vehicle_id: str) -> None:
        box.position = {"kind": "vehicle", "vehicleId": vehicle_id}


def _drive_s(start: tuple[float, float], points: list[tuple[float, float]], speed: float) -> float:
    """Seconds to drive from `start` through `points` (what `Vehicle.plan` will take)."""
    return Vehicle("probe", "truck", start).plan(0.0, points, speed, None)
