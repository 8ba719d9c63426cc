"""The simulator's DCSA shapes and extra kinds, on request (`simulate --shape`, `--dcsa-kinds`).

By default the simulated terminal mixes T&T 2.2, 3.0 and 3.0 beta equipment
events as a real gateway might.  `shape` fixes one shape for every
equipment event (`mixed` keeps the mix).  With `kinds`, the terminal also
sends what a terminal's DCSA feed carries besides equipment events:

- transport events: `ARRI` when a vessel berths, `DEPA` when it sails;
- shipment events: the carrier's `RELS` (released) of a box's transport
  document (its bill of lading) when customs releases it, `HOLD` when customs
  holds it;
- IoT events from e-seals (3.0 only): a location update (`LOC`) when an
  e-sealed box (one with a customs seal) is stacked, and, when customs selects
  a box for inspection, the door opened (`DRO`) for the inspection and closed
  (`DRC`) after it;
- reefer events (3.0 only): a measurement (`MEAS`) when a reefer is stacked.

Transport and shipment events take the requested shape (3.0 for `mixed`).
Nothing here draws from the traffic's random numbers (it has its own), and
its events are numbered apart: asking for the kinds does not change the rest
of the simulated day.  The scenarios of the rules these kinds feed
(`anomalies`) send their events through the same functions, with or without
`kinds`.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from console.model import (
    Clearance,
    EquipmentEvent,
    IotEvent,
    Position,
    ReeferEvent,
    ShipmentEvent,
    TransportEvent,
)
from console.protocol import dcsa_shapes
from testbed.sim.emission import Emission

if TYPE_CHECKING:
    from testbed.sim.quayside import VesselCall
    from testbed.sim.traffic import TrafficModel

SHAPE_CHOICES = ("mixed", "dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0")
LOCATION = ("Kaohsiung Port Terminal 7", "TWKHH", "KHH07")
# The layout's origin on the globe (metres east and north of it, roughly).
ORIGIN_LAT, ORIGIN_LON = 22.5600, 120.3100
M_PER_DEG_LAT, M_PER_DEG_LON = 110_800.0, 102_800.0
REEFER_SETPOINTS = (-18.0, -1.0, 4.0, 13.0)
INSPECTION_AFTER_S = (600.0, 1800.0)  # the door opens this long after the selection
INSPECTION_TAKES_S = (900.0, 2400.0)  # and closes this long after it opened


def transport_body(ev: TransportEvent, shape: str) -> dict[str, Any]:
    if shape == "dcsa-2.2":
        return dcsa_shapes.transport_22(ev)
    if shape == "dcsa-3.0-beta":
        return dcsa_shapes.transport_beta(ev)
    return dcsa_shapes.transport_30(ev)


def shipment_body(ev: ShipmentEvent, shape: str) -> dict[str, Any]:
    if shape == "dcsa-2.2":
        return dcsa_shapes.shipment_22(ev)
    if shape == "dcsa-3.0-beta":
        return dcsa_shapes.shipment_beta(ev)
    return dcsa_shapes.shipment_30(ev)


class DcsaTraffic:
    """What `--shape` and `--dcsa-kinds` add to a traffic model."""

    def __init__(self, model: TrafficModel, shape: str = "mixed", kinds: bool = False) -> None:
        if shape not in SHAPE_CHOICES:
            raise ValueError(f"unknown DCSA shape {shape!r}; one of {', '.join(SHAPE_CHOICES)}")
        self.model = model
        self.shape = None if shape == "mixed" else shape
        self.kinds = kinds
        self.rng = random.Random(f"dcsa-{model.seed}")
        self._n = 0

    # ------------------------------------------------------------ hooks of the traffic

    def vessel_arrived(self, call: VesselCall, t: float) -> None:
        if self.kinds:
            self.transport("ARRI", call, t)

    def vessel_departed(self, call: VesselCall, t: float) -> None:
        if self.kinds:
            self.transport("DEPA", call, t)

    def clearance_sent(self, c: Clearance, t: float) -> None:
        """Customs decided: the carrier's document follows; an inspection opens the doors."""
        if not self.kinds:
            return
        if c.bill_of_lading is not None and c.status in ("released", "hold"):
            self.shipment("RELS" if c.status == "released" else "HOLD", "TRD",
                          c.bill_of_lading, t)
        if c.status == "inspect":
            ref = c.equipment_reference
            opens = t + self.rng.uniform(*INSPECTION_AFTER_S)
            closes = opens + self.rng.uniform(*INSPECTION_TAKES_S)
            self.model.schedule(opens, lambda at: self._inspection_door(ref, "DRO", at))
            self.model.schedule(closes, lambda at: self._inspection_door(ref, "DRC", at))

    def equipment_sent(self, ev: EquipmentEvent, t: float) -> None:
        """A box was stacked: its e-seal reports where it is, a reefer its temperatures."""
        if not self.kinds or ev.event_type != "DROP" or ev.position is None:
            return
        if any(s.source == "CUS" for s in ev.seals):
            self.iot("LOC", ev.equipment_reference, ev.iso_code, t, ev.position)
        if ev.iso_code is not None and ev.iso_code[2:3] == "R":
            self.reefer(ev.equipment_reference, t)

    def _inspection_door(self, ref: str, code: str, t: float) -> None:
        box = self.model.yard.boxes.get(ref)
        if box is None or box.clearance != "inspect" or box.slot is None:
            return  # gone, or decided otherwise meanwhile: no inspection to open for
        self.iot(code, ref, box.spec.iso_code, t, Position("slot", *box.slot))

    # ------------------------------------------------------------ the events

    def _id(self, what: str) -> str:
        self._n += 1
        return f"KHH-T7:{what}:{self._n:06d}"

    def _emit(self, kind: str, t: float, stamp: str, source: str, event_id: str,
              body: dict[str, Any], record: Any) -> None:
        self.model._out.append(Emission("terminal", kind, t, stamp, source, event_id, body,
                                        record))

    def transport(self, code: str, call: VesselCall, t: float) -> TransportEvent:
        """A vessel arrived (`ARRI`) or departed (`DEPA`)."""
        m = self.model
        event_id = self._id(f"{call.berth}:TR")
        stamp = m.clock.stamp(t)
        shape = self.shape or "dcsa-3.0"
        created = m.clock.stamp(t + 0.4)
        record = TransportEvent(
            event_id=event_id, classifier="ACT", event_type=code, event_time=stamp,
            created_time=created, updated_time=created if shape == "dcsa-3.0" else None,
            vessel_imo=call.imo, vessel_name=call.name,
            voyage=call.voyage, mode_of_transport="VESSEL",
            transport_call_reference=f"{call.berth}-{call.voyage}",
            location_name=LOCATION[0], un_location_code=LOCATION[1], facility_code=LOCATION[2],
            facility_type="POTE", shape=shape,
        )
        self._emit("transport", t, stamp, call.berth, event_id, transport_body(record, shape),
                   record)
        return record

    def shipment(self, code: str, doc_type: str, reference: str, t: float) -> ShipmentEvent:
        """A document (here a bill of lading) changed state."""
        m = self.model
        event_id = self._id("DOC")
        stamp = m.clock.stamp(t)
        shape = self.shape or "dcsa-3.0"
        created = m.clock.stamp(t + 0.4)
        record = ShipmentEvent(
            event_id=event_id, classifier="ACT", event_type=code, event_time=stamp,
            created_time=created, updated_time=created if shape == "dcsa-3.0" else None,
            document_type=doc_type, document_reference=reference, shape=shape)
        self._emit("shipment", t, stamp, "CARRIER", event_id, shipment_body(record, shape),
                   record)
        return record

    def iot(self, code: str, ref: str, iso: str | None, t: float,
            where: Position | None = None) -> IotEvent:
        """An e-seal's report (3.0): door opened `DRO`, closed `DRC`, location `LOC`."""
        m = self.model
        event_id = self._id("IOT")
        stamp = m.clock.stamp(t)
        lat, lon = self._geo(where)
        record = IotEvent(
            event_id=event_id, classifier="ACT", event_code=code, event_time=stamp,
            equipment_reference=ref, iso_code=iso, location_name=LOCATION[0],
            un_location_code=LOCATION[1], latitude=lat, longitude=lon,
            updated_time=m.clock.stamp(t + 0.4))
        self._emit("iot", t, stamp, "ESEAL", event_id, dcsa_shapes.iot_30(record), record)
        return record

    def reefer(self, ref: str, t: float) -> ReeferEvent:
        """A reefer's measurement (3.0): its setpoint, the ambient and two probes near it."""
        m = self.model
        event_id = self._id("RF")
        stamp = m.clock.stamp(t)
        setpoint = self.rng.choice(REEFER_SETPOINTS)
        probes = tuple(round(setpoint + self.rng.uniform(-0.6, 0.6), 1) for _ in range(2))
        record = ReeferEvent(
            event_id=event_id, classifier="ACT", event_type="MEAS", event_time=stamp,
            equipment_reference=ref, temperature_unit="CEL", setpoint=setpoint,
            ambient=round(self.rng.uniform(22.0, 33.0), 1), probes=probes,
            updated_time=m.clock.stamp(t + 0.4))
        self._emit("reefer", t, stamp, "REEFER", event_id, dcsa_shapes.reefer_30(record), record)
        return record

    def _geo(self, where: Position | None) -> tuple[str | None, str | None]:
        block = None
        if where is not None and where.block is not None:
            block = next((b for b in self.model.layout["blocks"] if b["id"] == where.block), None)
        if block is None:
            return None, None
        lat = ORIGIN_LAT + float(block["y"]) / M_PER_DEG_LAT
        lon = ORIGIN_LON + float(block["x"]) / M_PER_DEG_LON
        return f"{lat:.6f}", f"{lon:.6f}"
