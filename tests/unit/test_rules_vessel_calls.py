"""DCSA transport events (vessel arrivals and departures) in the yard and MOVE_AFTER_DEPARTURE."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console.model import ShipmentEvent, TransportEvent
from console.protocol.bodies import BodyRejected, normalise_body
from tests.unit.test_rules_world import BOX, World, stamp

RULE = "MOVE_AFTER_DEPARTURE"
EXAMPLES: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "dcsa" / "examples.json").read_text("utf-8"))


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def vessel_30(w: World, code: str, event_id: str, **extra: Any) -> None:
    body: dict[str, Any] = {
        "eventID": event_id, "eventDateTime": stamp(w.t),
        "eventClassification": {"eventTypeCode": "TRANSPORT", "eventClassifierCode": "ACT",
                                "transportEventTypeCode": code},
        "transportDetails": {"delayReasonCodes": ["WEA"], "transportCall": {
            "modeOfTransport": "VESSEL",
            "exportVoyageNumberOrReference": {"carrierVoyageNumber": "2103S"},
            "vesselTransport": {"vesselIMONumber": "9321483", "vesselName": "King of the Seas"}}},
        **extra,
    }
    w.send("transport", body)


def test_a_load_after_the_vessel_departed_is_an_alert(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    vessel_30(w, "ARRI", "tr-1")
    assert w.sup.yard.vessels.calls["9321483"].state == "arrived"
    w.later(3600)
    vessel_30(w, "DEPA", "tr-2")
    w.later(60)
    w.send("equipment", {
        "eventID": "ld-1", "eventType": "EQUIPMENT", "eventClassifierCode": "ACT",
        "eventDateTime": stamp(w.t), "equipmentEventTypeCode": "LOAD", "equipmentReference": BOX,
        "transportCall": {"vessel": {"vesselIMONumber": "9321483"}}})
    (alert,) = w.fired(RULE)
    assert alert.subject == BOX and alert.detail["vessel"] == "9321483"
    assert alert.detail["vessel_name"] == "King of the Seas"


def test_a_load_while_the_vessel_is_alongside_raises_nothing(w: World) -> None:
    vessel_30(w, "ARRI", "tr-1")
    w.later(60).send("equipment", {
        "eventID": "ld-1", "eventClassifierCode": "ACT", "eventDateTime": stamp(w.t),
        "equipmentEventTypeCode": "LOAD", "equipmentReference": BOX,
        "transportCall": {"vessel": {"vesselIMONumber": "9321483"}}})
    assert w.fired(RULE) == []


def test_a_retracted_departure_no_longer_counts(w: World) -> None:
    vessel_30(w, "ARRI", "tr-1")
    vessel_30(w, "DEPA", "tr-2")
    w.send("transport", {"eventID": "tr-2", "isRetracted": True})
    assert "9321483" not in w.sup.yard.vessels.calls or (
        w.sup.yard.vessels.calls["9321483"].state != "departed")


def test_dcsa_conformance_transport_and_shipment_bodies_read_as_their_kinds() -> None:
    tr = normalise_body("transport", EXAMPLES["conformance_300_request_transport"])
    assert isinstance(tr, TransportEvent)
    assert (tr.event_type, tr.vessel_imo, tr.vessel_name, tr.voyage, tr.import_voyage) == (
        "ARRI", "1234567", "Example Vessel Alpha", "V001E", "V001N")
    assert tr.document_references == (("BKG", "ABC709951"), ("TRD", "HHL71800000"))
    beta = normalise_body("transport", EXAMPLES["openapi_300_beta_retraction"])
    assert isinstance(beta, TransportEvent) and beta.retracted
    assert beta.retracts == "957e4966-dad0-4111-9f8f-fb7216c43907"
    with pytest.raises(BodyRejected, match="transportEventTypeCode' must be one of ARRI, DEPA"):
        normalise_body("transport", {**EXAMPLES["conformance_300_request_transport"],
                                     "eventClassification": {"eventTypeCode": "TRANSPORT",
                                                             "eventClassifierCode": "ACT",
                                                             "transportEventTypeCode": "LEFT"}})
    with pytest.raises(BodyRejected, match="must be TRANSPORT, not 'EQUIPMENT'"):
        normalise_body("transport", EXAMPLES["conformance_300_request_equipment"])
    ship = normalise_body("shipment", {
        "eventID": "s1", "eventDateTime": "2026-01-20T10:00:00Z",
        "eventClassification": {"eventTypeCode": "SHIPMENT", "eventClassifierCode": "ACT",
                                "shipmentEventTypeCode": "RELS"},
        "shipmentDetails": {"documentReference": {"typeCode": "TRD", "reference": "EGLV1"}}})
    assert isinstance(ship, ShipmentEvent) and (ship.document_type, ship.event_type) == (
        "TRD", "RELS")


CALL = TransportEvent(
    "tr-9", "ACT", "DEPA", "2026-11-28T20:01:03+08:00", created_time="2026-11-28T20:01:04+08:00",
    vessel_imo="9321483", vessel_name="King of the Seas", vessel_flag="NL",
    vessel_call_sign="NCVV", voyage="2103S", import_voyage="2103N", mode_of_transport="VESSEL",
    port_visit_reference="TWKHH-0001", service_code="FE1", transport_call_reference="TC-1",
    location_name="Kaohsiung Port Terminal 7", un_location_code="TWKHH", facility_type="POTE",
    delay_reasons=("WEA",), change_remark="Bad weather",
    document_references=(("BKG", "ABC1"),))


@pytest.mark.parametrize("shape", ["dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0"])
def test_transport_events_round_trip_in_every_shape(shape: str) -> None:
    from console.model import replace
    from console.protocol.dcsa_shapes import transport_22, transport_30, transport_beta
    from tests.unit.test_dcsa_shapes import over_the_wire

    writer = {"dcsa-2.2": transport_22, "dcsa-3.0-beta": transport_beta,
              "dcsa-3.0": transport_30}[shape]
    back = normalise_body("transport", over_the_wire(writer(CALL)))
    expected = replace(CALL, shape=shape)
    if shape == "dcsa-3.0":
        expected = replace(expected, updated_time=CALL.created_time)
    assert back == expected


def test_history_search_finds_vessel_calls_and_documents() -> None:
    from console.history.terms import terms_of
    from console.model import ShipmentEvent

    assert {("vessel_imo", "9321483"), ("voyage", "2103S"), ("document", "ABC1")} <= set(
        terms_of("transport", CALL.to_dict()))
    shipment = ShipmentEvent("s1", "ACT", "ISSU", "2026-11-28T20:01:03+08:00",
                             document_type="TRD", document_reference="eglv123",
                             document_references=(("BKG", "b9"),))
    assert set(terms_of("shipment", shipment.to_dict())) == {("document", "EGLV123"),
                                                             ("document", "B9")}


def test_the_berth_of_a_call_is_learnt_from_its_moves_and_kept_when_it_sails(w: World) -> None:
    vessel_30(w, "ARRI", "tr-1")
    w.later(60).send("equipment", {
        "eventID": "ds-1", "eventType": "EQUIPMENT", "eventClassifierCode": "ACT",
        "eventDateTime": stamp(w.t), "equipmentEventTypeCode": "DISC", "equipmentReference": BOX,
        "transportCall": {"vessel": {"vesselIMONumber": "9321483"}},
        "terminal": {"craneId": "STS03", "position": {"kind": "berth", "berth": "B3",
                                                       "craneId": "STS03"}}})
    call = w.sup.yard.vessels.calls["9321483"]
    assert (call.berth, call.discharged, call.loaded) == ("B3", 1, 0)
    assert [c.vessel for c in w.sup.yard.vessels.at_berth("B3")] == ["9321483"]
    vessel_30(w.later(3600), "DEPA", "tr-2")
    call = w.sup.yard.vessels.calls["9321483"]
    assert (call.state, call.berth, call.discharged) == ("departed", "B3", 1)
    assert w.sup.yard.vessels.at_berth("B1") == []
