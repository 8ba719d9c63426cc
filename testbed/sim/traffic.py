"""The simulated terminal: a deterministic schedule that turns simulated time into feed content.

`TrafficModel.advance(t)` runs everything scheduled up to simulated second
`t` and returns the emissions in order.  Whatever the steps in which
`advance` is called, the same seed gives the same emissions: all randomness
comes from one `random.Random(seed)`, consumed only by scheduled actions, and
ties in time are broken by the order in which actions were scheduled.

Operations live beside it: `quayside` (vessel calls, discharge and load),
`gateside` (trucks through the gate), `customs` (clearance decisions) and
`anomalies` (every supervision rule, on demand or at a rate).
"""

from __future__ import annotations

import heapq
import itertools
import math
import random
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from console.model import (
    Clearance,
    DeviceReport,
    EquipmentEvent,
    FenceReport,
    OcrReading,
    Position,
    PositionReport,
    Seal,
)
from console.protocol import dcsa_shapes
from testbed.sim.clock import DEFAULT_START, SimClock
from testbed.sim.emission import SHAPES, Emission, equipment_body
from testbed.sim.identities import IdentityFactory
from testbed.sim.vehicles import Vehicle
from testbed.sim.yard import Box, YardPlan

TERMINAL_FEED = "KHH-T7"
CLEARANCE_FEED = "KHH-CUS"
LOCATION_NAME, UN_LOCATION, FACILITY = "Kaohsiung Port Terminal 7", "TWKHH", "KHH07"
KEEP_RECORDS = 300_000
_SHAPE_NAMES = [s for s, _ in SHAPES]
_SHAPE_CUM = list(itertools.accumulate(w for _, w in SHAPES))


class TrafficModel:
    """The whole simulated terminal and its schedule (see the module docstring)."""

    def __init__(
        self,
        layout: dict[str, Any],
        *,
        seed: int = 7,
        anomaly_rate: float = 0.0,
        scenario: str | None = None,
        start: datetime = DEFAULT_START,
        fill_share: float = 0.65,
        warmup_s: float = 0.0,
        shape: str = "mixed",
        dcsa_kinds: bool = False,
        showcase: bool = False,
        innocent: bool = False,
    ) -> None:
        from testbed.sim import anomalies, customs, gateside, quayside
        from testbed.sim.dcsa_traffic import DcsaTraffic

        self.layout = layout
        self.seed = seed
        self.rng = random.Random(seed)
        self.clock = SimClock(start - timedelta(seconds=warmup_s))
        self.anomaly_rate = anomaly_rate
        self.scenario = scenario
        self.ids = IdentityFactory(self.rng)
        self.yard = YardPlan(layout, self.rng)
        self.vehicles: dict[str, Vehicle] = {}
        self.devices: dict[str, tuple[str, str, str | None]] = {}
        self.clearances: dict[str, dict[str, Any] | Clearance] = {}
        self.records: OrderedDict[str, tuple[EquipmentEvent, str]] = OrderedDict()
        self.recent: dict[str, tuple[float, str, str, str | None]] = {}
        self.by_role: dict[str, list[str]] = {}
        self._queue: list[tuple[float, int, Callable[[float], object]]] = []
        self._order = 0
        self._counter = 0
        self._out: list[Emission] = []
        self._held: list[Emission] = []
        self.now = 0.0
        self.positions = True  # False: vehicles report nothing (warm-up, benchmarks)
        self._tick_generation = 0
        self.dcsa = DcsaTraffic(self, shape, dcsa_kinds)
        self._register_devices()
        self.yard.fill(self.ids, fill_share)
        self.customs = customs.Customs(self)
        self.customs.declare_initial_yard()
        self.quay = quayside.Quayside(self)
        self.gate = gateside.Gateside(self)
        self.anomalies = anomalies.AnomalyInjector(self, innocent=innocent)
        self.schedule(1.0, self._tick_positions)
        if scenario is not None:  # before the warm-up: its first journey may start in it
            self.anomalies.start_scenario(scenario, opens_at=warmup_s, now=0.0)
        if showcase:
            self.anomalies.start_showcase(opens_at=warmup_s, now=0.0)
        if warmup_s > 0:
            self._warm_up(warmup_s)

    def _warm_up(self, seconds: float) -> None:
        """Run the terminal for `seconds` before the feeds open, so they open on a busy quay.

        What happened meanwhile is not emitted: it is in the state (and so in
        the first snapshot).  Feed time `start` is the end of the warm-up."""
        self.set_positions(False)
        self.advance(seconds)
        self._out = []
        self.set_positions(True)

    # ------------------------------------------------------------ schedule

    def schedule(self, t: float, action: Callable[[float], object]) -> None:
        self._order += 1
        heapq.heappush(self._queue, (t, self._order, action))

    def advance(self, until: float) -> list[Emission]:
        """Run every action due at or before `until`; return what they emitted, in order."""
        queue = self._queue
        while queue and queue[0][0] <= until:
            t, _, action = heapq.heappop(queue)
            self.now = max(self.now, t)
            action(t)
        self.now = max(self.now, until)
        out, self._out, self._held = self._held + self._out, [], []
        return out

    def requeue(self, emissions: list[Emission]) -> None:
        """Give back emissions not yet published: the next `advance` returns them first."""
        self._held = emissions + self._held

    def next_time(self) -> float | None:
        return self._queue[0][0] if self._queue else None

    def roll_anomaly(self, t: float) -> None:
        """Called once per container move: at `anomaly_rate`, one anomaly joins the traffic."""
        if self.anomaly_rate > 0 and self.rng.random() < self.anomaly_rate:
            self.anomalies.inject_random(t)

    # ------------------------------------------------------------ emitting

    def _next_id(self, source: str) -> str:
        self._counter += 1
        return f"{TERMINAL_FEED}:{source}:{self._counter:09d}"

    def emit_equipment(
        self,
        t: float,
        event_type: str,
        box: Box,
        source: str,
        position: Position,
        *,
        crane_id: str | None = None,
        vehicle_id: str | None = None,
        lane_id: str | None = None,
        truck_plate: str | None = None,
        ocr: OcrReading | None = None,
        vessel: tuple[str, str, str] | None = None,
        reference: str | None = None,
        empty: str | None = None,
        gross_kg: float | None = None,
        track: bool = True,
        seal_numbers: tuple[str, ...] | None = None,
    ) -> EquipmentEvent:
        """Emit one ACT equipment event about `box` and record where it now is."""
        spec = box.spec
        event_id = self._next_id(source)
        stamp = self.clock.stamp(t)
        seals = []
        if spec.carrier_seal is not None:
            seals.append(Seal(spec.carrier_seal, "CAR", "BLT"))
        seals += [Seal(s, "CUS", "BLT") for s in box.customs_seals]
        if seal_numbers is not None:
            seals = [
                Seal(s, "CAR" if s == spec.carrier_seal else "PHY", "BLT") for s in seal_numbers
            ]
        docs: tuple[tuple[str, str], ...] = ()
        if box.extra.get("bl"):
            docs = (("TRD", box.extra["bl"]),)
        shape = self.rng.choices(_SHAPE_NAMES, cum_weights=_SHAPE_CUM)[0]
        shape = self.dcsa.shape or shape  # drawn all the same: --shape changes nothing else
        record = EquipmentEvent(
            event_id=event_id,
            classifier="ACT",
            event_type=event_type,
            event_time=stamp,
            equipment_reference=reference or spec.ref,
            created_time=self.clock.stamp(t + 0.4),
            iso_code=spec.iso_code,
            empty=empty or ("EMPTY" if spec.empty else "LADEN"),
            seals=tuple(seals),
            vessel_imo=vessel[0] if vessel else None,
            vessel_name=vessel[1] if vessel else None,
            voyage=vessel[2] if vessel else None,
            mode_of_transport="VESSEL" if vessel else "TRUCK",
            document_references=docs,
            crane_id=crane_id,
            vehicle_id=vehicle_id,
            lane_id=lane_id,
            truck_plate=truck_plate,
            position=position,
            gross_weight_kg=gross_kg if gross_kg is not None else spec.gross_kg,
            tare_weight_kg=spec.tare_kg,
            ocr=ocr,
            shape=shape,
            location_name=LOCATION_NAME,
            un_location_code=UN_LOCATION,
            facility_code=FACILITY,
        )
        body = equipment_body(record, shape)
        self._out.append(
            Emission("terminal", "equipment", t, stamp, source, event_id, body, record)
        )
        self.dcsa.equipment_sent(record, t)
        self.records[event_id] = (record, shape)
        if len(self.records) > KEEP_RECORDS:
            self.records.popitem(last=False)
        if track:
            box.last_event_id = event_id
            box.position = position
        subject = lane_id or (position.block if position.kind == "slot" else crane_id)
        if subject is not None:
            self.recent[subject] = (t, reference or spec.ref, spec.iso_code, truck_plate)
        return record

    def emit_position(self, t: float, report: PositionReport) -> None:
        stamp = self.clock.stamp(t)
        eid = self._next_id(report.vehicle_id)
        body = dcsa_shapes.position_body(report)
        self._out.append(
            Emission("terminal", "position", t, stamp, report.vehicle_id, eid, body, report)
        )

    def emit_fence(self, t: float, segment: str, state: str, reason: str | None) -> None:
        report = FenceReport(segment, state, reason)
        self.devices[segment] = ("fence", "up", None)
        self._out.append(
            Emission(
                "terminal",
                "fence",
                t,
                self.clock.stamp(t),
                segment,
                self._next_id(segment),
                dcsa_shapes.fence_body(report),
                report,
            )
        )

    def emit_device(self, t: float, device_id: str, state: str, detail: str | None) -> None:
        kind = self.devices.get(device_id, ("camera", "up", None))[0]
        self.devices[device_id] = (kind, state, detail)
        report = DeviceReport(device_id, state, kind, detail)
        self._out.append(
            Emission(
                "terminal",
                "device",
                t,
                self.clock.stamp(t),
                device_id,
                self._next_id(device_id),
                dcsa_shapes.device_body(report),
                report,
            )
        )

    def emit_clearance(self, t: float, clearance: Clearance) -> None:
        self._counter += 1
        eid = f"{CLEARANCE_FEED}:{clearance.declaration_no}:{self._counter:09d}"
        body = dcsa_shapes.clearance_body(clearance)
        self.clearances[clearance.equipment_reference] = body
        box = self.yard.boxes.get(clearance.equipment_reference)
        if box is not None:
            box.clearance = clearance.status
        self._out.append(
            Emission(
                "clearance", "clearance", t, self.clock.stamp(t), "CUSTOMS", eid, body, clearance
            )
        )
        self.dcsa.clearance_sent(clearance, t)

    def emit_control(self, t: float, kind: str, body: dict[str, Any]) -> None:
        self._out.append(Emission("control", kind, t, self.clock.stamp(t), None, None, body))

    # ------------------------------------------------------------ vehicles

    def set_positions(self, on: bool) -> None:
        """Report vehicle positions (1 Hz per moving vehicle) or keep vehicles silent."""
        if on == self.positions:
            return
        self.positions = on
        self._tick_generation += 1
        generation = self._tick_generation
        self.schedule(math.floor(self.now) + 1.0, lambda at: self._tick_positions(at, generation))

    def _tick_positions(self, t: float, generation: int = 0) -> None:
        if generation != self._tick_generation:
            return
        for vehicle in list(self.vehicles.values()):
            if vehicle.legs:
                if not self.positions:
                    vehicle.forget_before(t)
                    continue
                report = vehicle.report(t)
                if report is not None:
                    self.emit_position(t, report)
            elif vehicle.vehicle_type == "truck" and vehicle.free_at < t:
                del self.vehicles[vehicle.vehicle_id]
        step = 1.0 if self.positions else 300.0
        self.schedule(t + step, lambda at: self._tick_positions(at, generation))

    # ------------------------------------------------------------ state for snapshots

    def terminal_snapshot(self) -> dict[str, list[dict[str, Any]]]:
        t = self.now
        containers = [
            b.snapshot_entry() for b in self.yard.boxes.values() if b.position is not None
        ]
        vehicles = []
        for v in self.vehicles.values():
            r = v.current(t)
            vehicles.append(
                {
                    "vehicleId": r.vehicle_id,
                    "x": r.x,
                    "y": r.y,
                    "heading": r.heading if r.heading is not None else 0.0,
                    "speed": r.speed,
                    "carrying": r.carrying,
                }
            )
        devices = [
            {"deviceId": d, "deviceType": k, "state": s} for d, (k, s, _) in self.devices.items()
        ]
        return {
            "containers": containers,
            "vehicles": vehicles,
            "clearances": [],
            "devices": devices,
        }

    def clearance_snapshot(self) -> dict[str, list[dict[str, Any]]]:
        """The latest decision on every box (the starting yard's are converted on first use)."""
        bodies: list[dict[str, Any]] = []
        for ref, c in self.clearances.items():
            if isinstance(c, Clearance):
                c = self.clearances[ref] = dcsa_shapes.clearance_body(c)
            bodies.append(c)
        return {"containers": [], "vehicles": [], "clearances": bodies, "devices": []}

    def _register_devices(self) -> None:
        lay = self.layout
        for cam in lay["cameras"]:
            self.devices[cam["id"]] = ("camera", "up", None)
        for lane in lay["lanes"]:
            self.devices[lane["id"]] = ("lane", "up", None)
            self.devices[f"OCR-{lane['id']}"] = ("ocr", "up", None)
        for crane in lay["cranes"]:
            self.devices[crane["id"]] = (
                "sts" if crane["type"] == "sts" else "yard_crane",
                "up",
                None,
            )
        for seg in lay["fence"]:
            self.devices[seg["id"]] = ("fence", "up", None)
