"""The simulator's DCSA shapes and extra kinds, on request (`simulate --shape`, `--dcsa-kinds`).

By default the simulated terminal mixes T&T 2.2, 3.0 and 3.0 beta equipment
events as a real gateway might.  `shape` fixes one shape for every
equipment event (`mixed` keeps the mix).  With `kinds`, the terminal also
announces each vessel call as DCSA transport events (`ARRI` when the vessel
berths, `DEPA` when it sails), in the same shape (3.0 for `mixed`), so that
the demo and the tests exercise the transport kind and `MOVE_AFTER_DEPARTURE`.
Nothing here draws from the traffic's random numbers: asking for shapes does
not change the rest of the simulated day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console.model import TransportEvent
from console.protocol import dcsa_shapes
from testbed.sim.emission import Emission

if TYPE_CHECKING:
    from testbed.sim.quayside import VesselCall
    from testbed.sim.traffic import TrafficModel

SHAPE_CHOICES = ("mixed", "dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0")
LOCATION = ("Kaohsiung Port Terminal 7", "TWKHH", "KHH07")


def transport_body(ev: TransportEvent, shape: str) -> dict[str, Any]:
    if shape == "dcsa-2.2":
        return dcsa_shapes.transport_22(ev)
    if shape == "dcsa-3.0-beta":
        return dcsa_shapes.transport_beta(ev)
    return dcsa_shapes.transport_30(ev)


class DcsaTraffic:
    """What `--shape` and `--dcsa-kinds` add to a traffic model."""

    def __init__(self, model: TrafficModel, shape: str = "mixed", kinds: bool = False) -> None:
        if shape not in SHAPE_CHOICES:
            raise ValueError(f"unknown DCSA shape {shape!r}; one of {', '.join(SHAPE_CHOICES)}")
        self.model = model
        self.shape = None if shape == "mixed" else shape
        self.kinds = kinds
        self._n = 0

    def vessel_arrived(self, call: VesselCall, t: float) -> None:
        self._transport("ARRI", call, t)

    def vessel_departed(self, call: VesselCall, t: float) -> None:
        self._transport("DEPA", call, t)

    def _transport(self, code: str, call: VesselCall, t: float) -> None:
        if not self.kinds:
            return
        m = self.model
        self._n += 1
        event_id = f"KHH-T7:{call.berth}:TR{self._n:06d}"
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
        body = transport_body(record, record.shape)
        m._out.append(
            Emission("terminal", "transport", t, stamp, call.berth, event_id, body, record))
