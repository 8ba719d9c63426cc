"""The simulator speaks every DCSA shape on request, and vessel calls as transport events."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from console.model import (
    EquipmentEvent,
    IotEvent,
    ReeferEvent,
    ShipmentEvent,
    TransportEvent,
    replace,
)
from console.protocol.bodies import normalise_body
from testbed.sim.layout import load_layout
from testbed.sim.traffic import TrafficModel
from tests.unit.test_dcsa_shapes import over_the_wire


@functools.cache
def layout() -> dict[str, Any]:
    return load_layout()


def run(shape: str, kinds: bool, seconds: float) -> list[Any]:
    model = TrafficModel(layout(), seed=5, fill_share=0.2, shape=shape, dcsa_kinds=kinds)
    return model.advance(seconds)


@pytest.mark.parametrize("shape", ["dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0"])
def test_every_equipment_event_takes_the_requested_shape(shape: str) -> None:
    out = [e for e in run(shape, False, 300.0) if e.kind == "equipment"]
    assert len(out) > 20
    for e in out:
        back = normalise_body("equipment", over_the_wire(e.body))
        assert isinstance(back, EquipmentEvent) and back.shape == shape
        assert isinstance(e.record, EquipmentEvent)
        assert back == replace(e.record, shape=shape)


DCSA_KINDS = ("transport", "shipment", "iot", "reefer")


def test_vessel_calls_are_sent_as_transport_events_on_request() -> None:
    model = TrafficModel(layout(), seed=5, fill_share=0.2, shape="dcsa-3.0", dcsa_kinds=True)
    model.set_positions(False)  # vehicles' reports are not what this is about
    out = model.advance(8 * 3600.0)
    calls = [e for e in out if e.kind == "transport"]
    assert {e.record.event_type for e in calls} >= {"ARRI", "DEPA"}  # type: ignore[union-attr]
    for e in calls:
        back = normalise_body("transport", over_the_wire(e.body))
        assert isinstance(back, TransportEvent) and back == e.record
    plain = TrafficModel(layout(), seed=5, fill_share=0.2, shape="dcsa-3.0")
    plain.set_positions(False)
    same = [(e.kind, e.id, e.body) for e in plain.advance(600.0)]
    assert [(e.kind, e.id) for e in out if e.kind not in DCSA_KINDS and e.time <= 600.0] == [
        (k, i) for k, i, _ in same], "asking for the DCSA kinds changes nothing else"


@pytest.mark.parametrize("shape", ["dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0"])
def test_shipment_iot_and_reefer_events_are_sent_in_their_shapes(shape: str) -> None:
    model = TrafficModel(layout(), seed=5, fill_share=0.2, shape=shape, dcsa_kinds=True)
    model.set_positions(False)
    out = [e for e in model.advance(4 * 3600.0) if e.kind in ("shipment", "iot", "reefer")]
    codes = {(e.kind, getattr(e.record, "event_code", None) or e.record.event_type)
             for e in out}
    assert {("shipment", "RELS"), ("iot", "LOC"), ("reefer", "MEAS")} <= codes, codes
    for e in out:
        back = normalise_body(e.kind, over_the_wire(e.body))
        expected_shape = shape if e.kind == "shipment" else "dcsa-3.0"  # IoT, reefer: 3.0 only
        assert isinstance(back, ShipmentEvent | IotEvent | ReeferEvent)
        assert back.shape == expected_shape and back == e.record
