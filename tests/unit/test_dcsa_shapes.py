"""Writing records as wire bodies and reading them back gives the same records, in every shape.

The strategies here generate every field the parser accepts; `tests/unit/test_bodies.py`
reuses them to mutate valid bodies.
"""

from __future__ import annotations

import string
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.model import (
    CLASSIFIERS,
    CLEARANCE_STATUSES,
    DEVICE_STATES,
    DEVICE_TYPES,
    EQUIPMENT_EVENT_TYPES,
    IOT_EVENT_CODES,
    MOVEMENT_TYPES,
    REEFER_EVENT_TYPES,
    SEAL_PLACEMENTS,
    SEAL_SOURCES,
    SEAL_TYPES,
    SHIPMENT_EVENT_TYPES,
    Clearance,
    ContainerState,
    DeviceReport,
    EquipmentEvent,
    FenceReport,
    IotEvent,
    OcrImage,
    OcrReading,
    Position,
    PositionReport,
    ReeferEvent,
    Seal,
    ShipmentEvent,
    body_from_dict,
    replace,
)
from console.protocol import strictjson
from console.protocol.bodies import (
    normalise_body,
    normalise_position,
    normalise_snapshot_container,
)
from console.protocol.dcsa_shapes import (
    clearance_body,
    device_body,
    fence_body,
    iot_30,
    position_body,
    position_dict,
    reefer_30,
    shipment_22,
    shipment_30,
    shipment_beta,
    snapshot_container,
    to_dcsa_22,
    to_dcsa_30,
    to_dcsa_30_beta,
)

# ----------------------------------------------------------------- strategies

texts = st.text(min_size=1, max_size=24)
opt_texts = st.none() | texts
ids = st.text(alphabet=string.ascii_uppercase + string.digits + "-:#", min_size=1, max_size=30)
small_ints = st.integers(min_value=0, max_value=99_999)
weights = st.none() | st.floats(min_value=0.0, max_value=1e6, allow_nan=False) | st.integers(
    min_value=0, max_value=80_000
).map(float)
MAX_OFFSET_MIN = 23 * 60 + 59
offsets = st.sampled_from(["Z", "z"]) | st.integers(-MAX_OFFSET_MIN, MAX_OFFSET_MIN)


@st.composite
def rfc3339(draw: st.DrawFn) -> str:
    """RFC 3339 times with an offset, in the spellings gateways use (Z, ±hh:mm, fractions)."""
    dt = draw(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2099, 12, 31)))
    frac = draw(st.sampled_from(["", ".1", ".123", ".123456", ".123456789"]))
    off = draw(offsets)
    if isinstance(off, str):
        zone = off
    else:
        zone = datetime(2000, 1, 1, tzinfo=timezone(timedelta(minutes=off))).strftime("%z")
        zone = f"{zone[:3]}:{zone[3:]}"
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + frac + zone


times = rfc3339()
iso_codes = st.sampled_from(["22G1", "42G1", "45G1", "45R1", "22GP", "45RT", "L5G1", "22U1"])


@st.composite
def positions(draw: st.DrawFn) -> Position:
    kind = draw(st.sampled_from(["slot", "berth", "vehicle", "lane"]))
    opt_ids = st.none() | ids
    opt_ints = st.none() | small_ints
    return Position(
        kind=kind,
        block=draw(ids) if kind == "slot" else draw(opt_ids),
        bay=draw(opt_ints), row=draw(opt_ints), tier=draw(opt_ints),
        berth=draw(ids) if kind == "berth" else draw(opt_ids),
        crane_id=draw(opt_ids),
        vehicle_id=draw(ids) if kind == "vehicle" else draw(opt_ids),
        lane_id=draw(ids) if kind == "lane" else draw(opt_ids),
    )


ocr_readings = st.builds(
    OcrReading,
    equipment_reference=opt_texts,
    confidence=st.none() | st.floats(min_value=0.0, max_value=1.0),
    seal_numbers=st.lists(ids, max_size=3).map(tuple),
    images=st.lists(
        st.builds(OcrImage, camera_id=st.none() | ids, frame_time=st.none() | times,
                  url=st.none() | st.text(max_size=300)),
        max_size=3,
    ).map(tuple),
)
seals = st.builds(
    Seal, number=ids,
    source=st.none() | st.sampled_from(SEAL_SOURCES),
    type=st.none() | st.sampled_from(SEAL_TYPES),
)


@st.composite
def equipment_events(draw: st.DrawFn, retracted: bool = False) -> EquipmentEvent:
    """Any event the parser accepts; `retracted` only where the shape can say it (3.0)."""
    return EquipmentEvent(
        event_id=draw(ids),
        classifier=draw(st.sampled_from(CLASSIFIERS)),
        event_type=draw(st.sampled_from(EQUIPMENT_EVENT_TYPES)),
        event_time=draw(times),
        equipment_reference=draw(st.text(max_size=15)),
        created_time=draw(st.none() | times),
        iso_code=draw(st.none() | iso_codes),
        empty=draw(st.none() | st.sampled_from(["EMPTY", "LADEN"])),
        seals=tuple(draw(st.lists(seals, max_size=3))),
        vessel_imo=draw(st.none() | st.from_regex(r"\A[0-9]{7}\Z")),
        vessel_name=draw(opt_texts),
        voyage=draw(opt_texts),
        mode_of_transport=draw(st.none() | st.sampled_from(["VESSEL", "TRUCK", "RAIL", "BARGE"])),
        location_name=draw(opt_texts),
        un_location_code=draw(st.none() | st.just("TWKHH")),
        facility_code=draw(st.none() | ids),
        document_references=tuple(draw(st.lists(st.tuples(ids, ids), max_size=2))),
        crane_id=draw(st.none() | ids),
        vehicle_id=draw(st.none() | ids),
        lane_id=draw(st.none() | ids),
        truck_plate=draw(st.none() | ids),
        position=draw(st.none() | positions()),
        gross_weight_kg=draw(weights),
        tare_weight_kg=draw(weights),
        ocr=draw(st.none() | ocr_readings),
        retracted=draw(st.booleans()) if retracted else False,
    )


finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
position_reports = st.builds(
    PositionReport, vehicle_id=ids, x=finite, y=finite,
    heading=st.none() | st.floats(min_value=-360, max_value=360),
    speed=st.floats(min_value=0, max_value=1e3), carrying=st.none() | ids,
    vehicle_type=st.none() | st.sampled_from(["shuttle", "truck", "agv"]),
)
fence_reports = st.builds(FenceReport, segment_id=ids, state=st.sampled_from(["alarm", "clear"]),
                          reason=opt_texts)
device_reports = st.builds(DeviceReport, device_id=ids, state=st.sampled_from(DEVICE_STATES),
                           device_type=st.none() | st.sampled_from(DEVICE_TYPES), detail=opt_texts)
clearances = st.builds(
    Clearance, equipment_reference=ids, status=st.sampled_from(CLEARANCE_STATUSES),
    status_time=st.none() | times, declaration_no=st.none() | ids,
    bill_of_lading=st.none() | ids, vessel_imo=st.none() | st.from_regex(r"\A[0-9]{7}\Z"),
    voyage=st.none() | ids, declared_empty=st.none() | st.booleans(),
    customs_seals=st.lists(ids, max_size=3).map(tuple), inspection=opt_texts,
)
container_states = st.builds(
    ContainerState, equipment_reference=st.text(max_size=15), iso_code=st.none() | iso_codes,
    empty=st.none() | st.sampled_from(["EMPTY", "LADEN"]), position=st.none() | positions(),
    last_event_id=st.none() | ids,
)


def over_the_wire(body: dict[str, Any]) -> Any:
    """What the console receives: the body encoded and strictly decoded again."""
    return strictjson.loads(strictjson.dumps(body))


# ----------------------------------------------------------------- round trips

SHAPES = [
    (to_dcsa_22, "dcsa-2.2", False),
    (to_dcsa_30_beta, "dcsa-3.0-beta", False),
    (to_dcsa_30, "dcsa-3.0", True),
]


@st.composite
def shape_extras(draw: st.DrawFn, event: EquipmentEvent, shape: str) -> EquipmentEvent:
    """The event with the fields only some shapes can carry (transport call details first)."""
    voyage = event.voyage
    changes: dict[str, Any] = {
        "vessel_flag": draw(st.none() | st.sampled_from(["TW", "NL", "DE"])),
        "vessel_call_sign": draw(st.none() | ids),
        "import_voyage": None if voyage is None else draw(
            st.none() | ids.filter(lambda v: v != voyage)),
        "port_visit_reference": draw(st.none() | ids),
        "service_code": draw(st.none() | ids),
        "transport_call_reference": draw(st.none() | ids),
        "rail_car_reference": draw(st.none() | ids),
        "rail_service_reference": draw(st.none() | ids),
        "facility_type": draw(st.none() | st.sampled_from(["POTE", "DEPO", "INTE"])),
    }
    if shape != "dcsa-2.2":
        changes["seals"] = tuple(
            replace(s, placement=draw(st.none() | st.sampled_from(SEAL_PLACEMENTS)))
            for s in event.seals)
    if shape == "dcsa-3.0-beta":
        changes["transshipment"] = draw(st.none() | st.booleans())
    if shape == "dcsa-3.0":
        changes["movement_type"] = draw(st.none() | st.sampled_from(MOVEMENT_TYPES))
        changes["updated_time"] = draw(st.none() | times)
        changes["trailer_plate"] = draw(st.none() | ids)
    return replace(event, **changes)


@pytest.mark.parametrize(("writer", "shape", "can_retract"), SHAPES)
@settings(suppress_health_check=[HealthCheck.too_slow])  # ~40 fields a draw, on a shared machine
@given(data=st.data())
def test_equipment_event_round_trips(writer: Any, shape: str, can_retract: bool,
                                     data: st.DataObject) -> None:
    event = data.draw(equipment_events(retracted=can_retract).flatmap(
        lambda e: shape_extras(e, shape)))
    back = normalise_body("equipment", over_the_wire(writer(event)))
    # 3.0 reads the created time from eventUpdatedDateTime when eventCreatedDateTime is absent
    created = event.created_time if event.created_time is not None else event.updated_time
    assert back == replace(event, shape=shape, created_time=created)


@given(position_reports)
def test_position_round_trips(report: PositionReport) -> None:
    assert normalise_body("position", over_the_wire(position_body(report))) == report


@given(fence_reports)
def test_fence_round_trips(report: FenceReport) -> None:
    assert normalise_body("fence", over_the_wire(fence_body(report))) == report


@given(device_reports)
def test_device_round_trips(report: DeviceReport) -> None:
    assert normalise_body("device", over_the_wire(device_body(report))) == report


@given(clearances)
def test_clearance_round_trips(c: Clearance) -> None:
    assert normalise_body("clearance", over_the_wire(clearance_body(c))) == c


@given(container_states)
def test_snapshot_container_round_trips(c: ContainerState) -> None:
    assert normalise_snapshot_container(over_the_wire(snapshot_container(c))) == c


@given(positions())
def test_position_dict_round_trips(p: Position) -> None:
    assert normalise_position(over_the_wire(position_dict(p))) == p


@given(equipment_events(retracted=True))
def test_canonical_form_of_a_parsed_event_reads_back(event: EquipmentEvent) -> None:
    """What the store keeps (`to_dict`, through JSON) gives the same record back."""
    parsed = normalise_body("equipment", over_the_wire(to_dcsa_30(event)))
    assert body_from_dict("equipment", over_the_wire(parsed.to_dict())) == parsed


# ----------------------------------------------------------------- exact wire names

EVENT = EquipmentEvent(
    event_id="KHH-T7:STS03:000918234", classifier="ACT", event_type="DISC",
    event_time="2026-11-28T20:01:03.004+08:00", equipment_reference="EGHU9012345",
    created_time="2026-11-28T20:01:03.104+08:00", iso_code="45G1", empty="LADEN",
    seals=(Seal("TW1234567", "CUS", "BLT"),), vessel_imo="9811000", vessel_name="EVER ACE",
    voyage="1234N", mode_of_transport="VESSEL", location_name="KHH T7", un_location_code="TWKHH",
    facility_code="KHHT7", document_references=(("BKG", "ABC123"),), crane_id="STS03",
    position=Position("berth", berth="B108", crane_id="STS03"), gross_weight_kg=27400.0,
    ocr=OcrReading("EGHU9012345", 0.97, ("TW1234567",),
                   (OcrImage("CAM-G2-04", "2026-11-28T20:01:02+08:00", "http://x/1.jpg"),)),
)

TERMINAL = {
    "craneId": "STS03",
    "position": {"kind": "berth", "berth": "B108", "craneId": "STS03"},
    "grossWeightKg": 27400.0,
    "ocr": {"equipmentReference": "EGHU9012345", "confidence": 0.97, "sealNumbers": ["TW1234567"],
            "images": [{"cameraId": "CAM-G2-04", "frameTime": "2026-11-28T20:01:02+08:00",
                        "url": "http://x/1.jpg"}]},
}


def test_dcsa_22_uses_the_flat_names() -> None:
    assert to_dcsa_22(EVENT) == {
        "eventID": "KHH-T7:STS03:000918234", "eventType": "EQUIPMENT",
        "eventClassifierCode": "ACT", "eventDateTime": "2026-11-28T20:01:03.004+08:00",
        "eventCreatedDateTime": "2026-11-28T20:01:03.104+08:00",
        "equipmentEventTypeCode": "DISC", "equipmentReference": "EGHU9012345",
        "ISOEquipmentCode": "45G1", "emptyIndicatorCode": "LADEN",
        "seals": [{"sealNumber": "TW1234567", "sealSource": "CUS", "sealType": "BLT"}],
        "transportCall": {"carrierVoyageNumber": "1234N", "modeOfTransport": "VESSEL",
                          "vessel": {"vesselIMONumber": "9811000", "vesselName": "EVER ACE"}},
        "eventLocation": {"locationName": "KHH T7", "UNLocationCode": "TWKHH",
                          "facilityCode": "KHHT7"},
        "documentReferences": [
            {"documentReferenceType": "BKG", "documentReferenceValue": "ABC123"}
        ],
        "terminal": TERMINAL,
    }


def test_dcsa_30_beta_uses_metadata_and_payload() -> None:
    body = to_dcsa_30_beta(EVENT)
    assert body["metadata"] == {"eventID": "KHH-T7:STS03:000918234", "eventType": "EQUIPMENT",
                                "eventCreatedDateTime": "2026-11-28T20:01:03.104+08:00"}
    p = body["payload"]
    assert p["seals"] == [{"number": "TW1234567", "source": "CUS", "type": "BLT"}]
    assert p["location"] == {"locationName": "KHH T7", "UNLocationCode": "TWKHH",
                             "facilityCode": "KHHT7"}
    assert p["transportCall"]["vessel"] == {"vesselIMONumber": "9811000", "name": "EVER ACE"}
    assert p["terminal"] == TERMINAL
    assert set(body) == {"metadata", "payload"}


def test_dcsa_30_uses_classification_and_details() -> None:
    body = to_dcsa_30(replace(EVENT, retracted=True))
    assert body["eventClassification"] == {
        "eventTypeCode": "EQUIPMENT", "eventClassifierCode": "ACT", "equipmentEventTypeCode": "DISC"
    }
    assert body["equipmentDetails"] == {
        "equipmentReference": "EGHU9012345", "ISOEquipmentCode": "45G1",
        "emptyIndicatorCode": "LADEN",
        "seals": [{"number": "TW1234567", "source": "CUS", "type": "BLT"}],
    }
    assert body["isRetracted"] is True
    assert "equipmentReference" not in body


def test_dcsa_22_refuses_a_retraction() -> None:
    with pytest.raises(ValueError, match="cannot express a retracted event"):
        to_dcsa_22(replace(EVENT, retracted=True))


def test_dcsa_30_beta_writes_a_retraction_as_metadata_with_the_withdrawn_id() -> None:
    body = to_dcsa_30_beta(replace(EVENT, event_id="R-1", retracted=True,
                                   retracts="KHH-T7:STS03:000918234"))
    assert body == {"metadata": {"eventID": "R-1", "eventType": "EQUIPMENT",
                                 "eventCreatedDateTime": "2026-11-28T20:01:03.104+08:00",
                                 "retractedEventID": "KHH-T7:STS03:000918234"}}
    back = normalise_body("equipment", over_the_wire(body))
    assert isinstance(back, EquipmentEvent)
    assert back.retracted and back.retracts == "KHH-T7:STS03:000918234"
    assert back.withdrawn_id == "KHH-T7:STS03:000918234" and back.event_id == "R-1"


def test_dcsa_30_keeps_the_call_under_transport_details_and_the_facility_nested() -> None:
    ev = replace(EVENT, vessel_flag="TW", vessel_call_sign="BKEA", import_voyage="1234S",
                 service_code="FE1", port_visit_reference="TWKHH-7", facility_type="POTE")
    body = to_dcsa_30(ev)
    assert "transportCall" not in body
    assert body["transportDetails"]["transportCall"] == {
        "modeOfTransport": "VESSEL", "portVisitReference": "TWKHH-7",
        "serviceCodeOrReference": {"carrierServiceCode": "FE1"},
        "exportVoyageNumberOrReference": {"carrierVoyageNumber": "1234N"},
        "importVoyageNumberOrReference": {"carrierVoyageNumber": "1234S"},
        "vesselTransport": {"vesselIMONumber": "9811000", "vesselName": "EVER ACE",
                            "vesselFlag": "TW", "vesselCallSign": "BKEA"},
    }
    assert body["eventLocation"] == {"locationName": "KHH T7", "UNLocationCode": "TWKHH",
                                     "facility": {"facilityCode": "KHHT7"},
                                     "facilityTypeCode": "POTE"}
    assert body["shipmentDetails"] == {"documentReference": {"typeCode": "BKG",
                                                             "reference": "ABC123"}}


def test_telemetry_and_clearance_bodies_use_the_protocol_names() -> None:
    assert position_body(PositionReport("SC17", 512.3, 210.8, 90.0, 4.2, "EGHU9012345",
                                        "shuttle")) == {
        "vehicleId": "SC17", "vehicleType": "shuttle", "x": 512.3, "y": 210.8,
        "heading": 90.0, "speed": 4.2, "carrying": "EGHU9012345"}
    assert position_body(PositionReport("SC17", 1.0, 2.0))["carrying"] is None
    assert fence_body(FenceReport("F-N-07", "alarm", "pulse_break")) == {
        "segmentId": "F-N-07", "state": "alarm", "reason": "pulse_break"}
    assert device_body(DeviceReport("CAM-R17-03", "down", "camera", "no RTP for 10 s")) == {
        "deviceId": "CAM-R17-03", "deviceType": "camera", "state": "down",
        "detail": "no RTP for 10 s"}
    assert clearance_body(Clearance(
        "EGHU9012345", "released", "2026-11-28T20:01:03+08:00", "AA12345678901",
        "EGLV123456789012", "9811000", "1234N", False, ("TW1234567",))) == {
        "equipmentReference": "EGHU9012345", "declarationNo": "AA12345678901",
        "billOfLading": "EGLV123456789012", "vesselIMONumber": "9811000", "voyage": "1234N",
        "status": "released", "statusTime": "2026-11-28T20:01:03+08:00",
        "declaredEmpty": False, "customsSeals": ["TW1234567"], "inspection": None}


def test_snapshot_container_entry_matches_the_protocol_example() -> None:
    c = ContainerState("EGHU9012345", "45G1", "LADEN",
                       Position("slot", block="A03", bay=12, row=4, tier=2), "e-1")
    assert snapshot_container(c) == {
        "equipmentReference": "EGHU9012345", "ISOEquipmentCode": "45G1",
        "emptyIndicatorCode": "LADEN",
        "position": {"kind": "slot", "block": "A03", "bay": 12, "row": 4, "tier": 2},
        "lastEventId": "e-1"}


# ----------------------------------------------------------------- the other DCSA kinds

@st.composite
def shipment_events(draw: st.DrawFn, shape: str) -> ShipmentEvent:
    when = draw(times)
    stamped = draw(st.none() | times)
    return ShipmentEvent(
        event_id=draw(ids), classifier=draw(st.sampled_from(CLASSIFIERS)),
        event_type=draw(st.sampled_from(SHIPMENT_EVENT_TYPES)), event_time=when,
        created_time=stamped, updated_time=stamped if shape == "dcsa-3.0" else None,
        document_type=draw(st.sampled_from(["TRD", "BKG", "CRO"])),
        document_reference=draw(ids),
        document_references=tuple(draw(st.lists(st.tuples(st.sampled_from(["BKG", "TRD"]), ids),
                                                max_size=2))),
        reason=draw(st.none() | texts), shape=shape)


@pytest.mark.parametrize(("writer", "shape"), [(shipment_22, "dcsa-2.2"),
                                               (shipment_beta, "dcsa-3.0-beta"),
                                               (shipment_30, "dcsa-3.0")])
@given(data=st.data())
def test_shipment_event_round_trips(writer: Any, shape: str, data: st.DataObject) -> None:
    event = data.draw(shipment_events(shape))
    assert normalise_body("shipment", over_the_wire(writer(event))) == event


iot_events = st.builds(
    IotEvent, event_id=ids, classifier=st.sampled_from(CLASSIFIERS),
    event_code=st.sampled_from(IOT_EVENT_CODES), event_time=times,
    equipment_reference=ids, iso_code=st.none() | st.sampled_from(["22GP", "45R1"]),
    location_name=opt_texts, un_location_code=st.none() | st.just("TWKHH"),
    latitude=st.none() | st.just("22.6133"), longitude=st.none() | st.just("120.2781"),
    updated_time=st.none() | times, retracted=st.booleans())
reefer_events = st.builds(
    ReeferEvent, event_id=ids, classifier=st.sampled_from(CLASSIFIERS),
    event_type=st.sampled_from(REEFER_EVENT_TYPES), event_time=times, equipment_reference=ids,
    temperature_unit=st.none() | st.sampled_from(["CEL", "FAH"]),
    setpoint=st.none() | st.floats(-40, 30), ambient=st.none() | st.floats(-40, 50),
    probes=st.lists(st.floats(-40, 30), max_size=3).map(tuple),
    updated_time=st.none() | times, retracted=st.booleans())


@given(iot_events)
def test_iot_event_round_trips(event: IotEvent) -> None:
    assert normalise_body("iot", over_the_wire(iot_30(event))) == event


@given(reefer_events)
def test_reefer_event_round_trips(event: ReeferEvent) -> None:
    assert normalise_body("reefer", over_the_wire(reefer_30(event))) == event


def test_a_22_shipment_cannot_be_retracted_and_a_beta_one_names_the_withdrawn_event() -> None:
    gone = ShipmentEvent("s-2", "", "", "", retracted=True, shape="dcsa-3.0-beta",
                         retracts="s-1")
    with pytest.raises(ValueError, match="cannot express a retracted event"):
        shipment_22(gone)
    assert shipment_beta(gone) == {"metadata": {"eventID": "s-2", "eventType": "SHIPMENT",
                                                "retractedEventID": "s-1"}}
    assert normalise_body("shipment", shipment_beta(gone)) == gone
