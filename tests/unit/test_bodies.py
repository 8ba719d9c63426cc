"""The body parser: the protocol's examples, clear rejections, and no crash on anything."""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.model import (
    CLASSIFIERS,
    EQUIPMENT_EVENT_TYPES,
    Clearance,
    ContainerState,
    DeviceReport,
    EquipmentEvent,
    FenceReport,
    OcrImage,
    OcrReading,
    Position,
    PositionReport,
    Seal,
    record_fields,
    replace,
)
from console.protocol.bodies import (
    BodyRejected,
    normalise_body,
    normalise_clearance,
    normalise_device,
    normalise_position,
    normalise_snapshot_container,
    normalise_vehicle,
)
from console.protocol.body_fields import is_rfc3339
from console.protocol.dcsa_shapes import (
    clearance_body,
    device_body,
    fence_body,
    position_body,
    to_dcsa_22,
    to_dcsa_30,
    to_dcsa_30_beta,
)
from tests.unit.test_dcsa_shapes import (
    clearances,
    device_reports,
    equipment_events,
    fence_reports,
    position_reports,
)

T = "2026-11-28T20:01:03.004+08:00"

# The equipment event of feed-protocol.md section 3, with every terminal addition.
DOC_22: dict[str, Any] = {
    "eventID": "KHH-T7:STS03:000918234",
    "eventType": "EQUIPMENT",
    "eventClassifierCode": "ACT",
    "eventDateTime": T,
    "eventCreatedDateTime": "2026-11-28T20:01:03.104+08:00",
    "equipmentEventTypeCode": "GTOT",
    "equipmentReference": "EGHU9012346",
    "ISOEquipmentCode": "45G1",
    "emptyIndicatorCode": "LADEN",
    "seals": [{"sealNumber": "TW1234567", "sealSource": "CUS", "sealType": "BLT"}],
    "transportCall": {
        "carrierVoyageNumber": "1234N", "modeOfTransport": "TRUCK",
        "vessel": {"vesselIMONumber": "9811000", "vesselName": "EVER ACE"},
    },
    "eventLocation": {"locationName": "Kaohsiung T7", "UNLocationCode": "TWKHH",
                      "latitude": "22.56", "longitude": "120.30", "facilityCode": "KHHT7"},
    "documentReferences": [{"documentReferenceType": "BKG", "documentReferenceValue": "B1"}],
    "terminal": {
        "craneId": "STS03", "vehicleId": "SC17", "laneId": "G2-OUT-04", "truckPlate": "KLA-1234",
        "position": {"kind": "slot", "block": "A03", "bay": 12, "row": 4, "tier": 2},
        "grossWeightKg": 27400, "tareWeightKg": 3800,
        "ocr": {"equipmentReference": "EGHU9012346", "confidence": 0.97,
                "sealNumbers": ["TW1234567"],
                "images": [{"cameraId": "CAM-G2-04", "frameTime": T, "url": "http://cam/1.jpg"}]},
    },
}

EXPECTED = EquipmentEvent(
    event_id="KHH-T7:STS03:000918234", classifier="ACT", event_type="GTOT", event_time=T,
    equipment_reference="EGHU9012346", created_time="2026-11-28T20:01:03.104+08:00",
    iso_code="45G1", empty="LADEN", seals=(Seal("TW1234567", "CUS", "BLT"),),
    vessel_imo="9811000", vessel_name="EVER ACE", voyage="1234N", mode_of_transport="TRUCK",
    location_name="Kaohsiung T7", un_location_code="TWKHH", facility_code="KHHT7",
    document_references=(("BKG", "B1"),), crane_id="STS03", vehicle_id="SC17",
    lane_id="G2-OUT-04", truck_plate="KLA-1234",
    position=Position("slot", block="A03", bay=12, row=4, tier=2),
    gross_weight_kg=27400.0, tare_weight_kg=3800.0,
    ocr=OcrReading("EGHU9012346", 0.97, ("TW1234567",),
                   (OcrImage("CAM-G2-04", T, "http://cam/1.jpg"),)),
)

BETA: dict[str, Any] = {
    "metadata": {"eventID": "KHH-T7:STS03:000918234", "eventType": "EQUIPMENT",
                 "eventCreatedDateTime": "2026-11-28T20:01:03.104+08:00", "publisher": "x"},
    "payload": {
        "eventClassifierCode": "ACT", "eventDateTime": T, "equipmentEventTypeCode": "GTOT",
        "equipmentReference": "EGHU9012346", "ISOEquipmentCode": "45G1",
        "emptyIndicatorCode": "LADEN",
        "seals": [{"number": "TW1234567", "source": "CUS", "type": "BLT"}],
        "location": {"locationName": "Kaohsiung T7", "UNLocationCode": "TWKHH",
                     "facilityCode": "KHHT7"},
        "transportCall": {"carrierVoyageNumber": "1234N", "modeOfTransport": "TRUCK",
                          "vessel": {"vesselIMONumber": "9811000", "name": "EVER ACE",
                                     "flag": "TW", "callSign": "BIXA"}},
        "documentReferences": [{"documentReferenceType": "BKG", "documentReferenceValue": "B1"}],
        "terminal": DOC_22["terminal"],
    },
}

V30: dict[str, Any] = {
    "eventID": "KHH-T7:STS03:000918234",
    "eventCreatedDateTime": "2026-11-28T20:01:03.104+08:00",
    "eventUpdatedDateTime": "2026-11-28T20:05:00+08:00",
    "eventDateTime": T,
    "isRetracted": False,
    "eventClassification": {"eventTypeCode": "EQUIPMENT", "eventClassifierCode": "ACT",
                            "equipmentEventTypeCode": "GTOT"},
    "equipmentDetails": {"equipmentReference": "EGHU9012346", "ISOEquipmentCode": "45G1",
                         "emptyIndicatorCode": "LADEN", "movementType": "EXPORT",
                         "seals": [{"number": "TW1234567", "source": "CUS", "type": "BLT"}]},
    "transportCall": BETA["payload"]["transportCall"],
    "eventLocation": BETA["payload"]["location"],
    "documentReferences": DOC_22["documentReferences"],
    "terminal": DOC_22["terminal"],
}


# ----------------------------------------------------------------- the three shapes


def test_dcsa_22_example_from_the_protocol() -> None:
    assert normalise_body("equipment", DOC_22) == EXPECTED


# The vessel's flag and call sign were dropped before 3.0 was read in full (issue 16).
_CALL_SIGN = {"vessel_flag": "TW", "vessel_call_sign": "BIXA"}


def test_dcsa_30_beta_example() -> None:
    assert normalise_body("equipment", BETA) == _replace(EXPECTED, shape="dcsa-3.0-beta",
                                                         **_CALL_SIGN)


def test_dcsa_30_example() -> None:
    assert normalise_body("equipment", V30) == _replace(
        EXPECTED, shape="dcsa-3.0", movement_type="EXPORT",
        updated_time="2026-11-28T20:05:00+08:00", **_CALL_SIGN)


def _replace(ev: EquipmentEvent, **changes: Any) -> EquipmentEvent:
    return replace(ev, **changes)


def test_dcsa_30_retraction_and_update_time() -> None:
    body = copy.deepcopy(V30)
    body["isRetracted"] = True
    del body["eventCreatedDateTime"]
    ev = normalise_body("equipment", body)
    assert isinstance(ev, EquipmentEvent)
    assert ev.retracted is True
    assert ev.created_time == "2026-11-28T20:05:00+08:00"


def test_a_plain_dcsa_event_without_terminal_additions_is_valid() -> None:
    body = {k: v for k, v in DOC_22.items() if k != "terminal"}
    ev = normalise_body("equipment", body)
    assert isinstance(ev, EquipmentEvent)
    assert ev.position is None and ev.ocr is None and ev.crane_id is None


def test_minimal_22_event() -> None:
    ev = normalise_body("equipment", {
        "eventID": "e1", "eventClassifierCode": "PLN", "eventDateTime": "2026-01-01T00:00:00Z",
        "equipmentEventTypeCode": "LOAD", "equipmentReference": "CSQU3054383"})
    assert ev == EquipmentEvent("e1", "PLN", "LOAD", "2026-01-01T00:00:00Z", "CSQU3054383")


@pytest.mark.parametrize(
    ("call", "voyage"),
    [
        ({"exportVoyageNumber": "77E"}, "77E"),
        ({"importVoyageNumber": "77W"}, "77W"),
        ({"carrierExportVoyageNumber": "88E", "importVoyageNumber": "77W"}, "88E"),
    ],
)
def test_deprecated_voyage_names_in_transport_call(call: dict[str, Any], voyage: str) -> None:
    body = {k: v for k, v in DOC_22.items() if k != "transportCall"}
    body["transportCall"] = call
    ev = normalise_body("equipment", body)
    assert isinstance(ev, EquipmentEvent) and ev.voyage == voyage


def test_deprecated_top_level_voyage_and_transport_call_id() -> None:
    body = {k: v for k, v in DOC_22.items() if k != "transportCall"}
    body |= {"exportVoyageNumber": "12E", "transportCallID": "TC-1"}
    ev = normalise_body("equipment", body)
    assert isinstance(ev, EquipmentEvent) and ev.voyage == "12E"
    body["transportCallID"] = 17
    with pytest.raises(BodyRejected, match="field 'transportCallID' must be a string"):
        normalise_body("equipment", body)


@pytest.mark.parametrize("code", ["22G1", "22GP", "45R1", "45RT", "L5G1"])
def test_iso_codes_size_type_and_type_group(code: str) -> None:
    ev = normalise_body("equipment", DOC_22 | {"ISOEquipmentCode": code})
    assert isinstance(ev, EquipmentEvent) and ev.iso_code == code


@pytest.mark.parametrize("ref", ["EGHU9012347", "EGHU901234", "", "eghu 901234 6", "箱號"])
def test_invalid_container_numbers_are_kept_for_the_rule(ref: str) -> None:
    ev = normalise_body("equipment", DOC_22 | {"equipmentReference": ref})
    assert isinstance(ev, EquipmentEvent) and ev.equipment_reference == ref


# ----------------------------------------------------------------- clear rejections


def _reject(kind: str, body: Any) -> BodyRejected:
    with pytest.raises(BodyRejected) as info:
        normalise_body(kind, body)
    assert isinstance(info.value, ValueError)
    return info.value


@pytest.mark.parametrize(
    ("change", "code", "reason"),
    [
        ({"equipmentReference": None}, "schema",
         "equipment event: field 'equipmentReference' is missing"),
        ({"equipmentReference": 42}, "schema",
         "equipment event: field 'equipmentReference' must be a string, not 42"),
        ({"eventID": ""}, "schema", "equipment event: field 'eventID' must not be empty"),
        ({"eventClassifierCode": "ACTUAL"}, "schema",
         "equipment event: field 'eventClassifierCode' must be one of ACT, EST, PLN, not 'ACTUAL'"),
        ({"equipmentEventTypeCode": "GATE"}, "schema",
         "equipment event: field 'equipmentEventTypeCode' must be one of AVDO, AVPU, CROS, "
         "CUSI, CUSR, CUSS, DISC, DROP, GTIN, GTOT, "
         "INSP, LOAD, PICK, RMVD, RSEA, STRP, STUF, not 'GATE'"),
        ({"emptyIndicatorCode": "FULL"}, "schema",
         "equipment event: field 'emptyIndicatorCode' must be one of EMPTY, LADEN, not 'FULL'"),
        # issue 16: a body of another DCSA kind is named as such (was: "must be one of EQUIPMENT")
        ({"eventType": "TRANSPORT"}, "schema",
         "equipment event: field 'eventType' is TRANSPORT: the body is a DCSA TRANSPORT event, "
         "not an EQUIPMENT event (send it as kind 'transport')"),
        ({"eventDateTime": "2026-11-28T20:01:03"}, "bad_time",
         "equipment event: field 'eventDateTime' must be an RFC 3339 time with an offset "
         "(2026-11-28T20:01:03+08:00), not '2026-11-28T20:01:03'"),
        ({"eventDateTime": "2026-02-30T20:01:03Z"}, "bad_time", None),
        ({"eventDateTime": "28/11/2026 20:01"}, "bad_time", None),
        ({"eventDateTime": 1764331263}, "schema",
         "equipment event: field 'eventDateTime' must be an RFC 3339 time string, not 1764331263"),
        ({"eventCreatedDateTime": "2026-11-28 20:01:03+08:00"}, "bad_time", None),
        ({"ISOEquipmentCode": "22G"}, "schema", None),
        ({"ISOEquipmentCode": "22g1"}, "schema", None),
        ({"seals": {"sealNumber": "X"}}, "schema",
         "equipment event: field 'seals' must be a list, not {'sealNumber': 'X'}"),
        ({"seals": [{"sealSource": "CUS"}]}, "schema",
         "equipment event: field 'seals[0].sealNumber' is missing"),
        ({"seals": [{"sealNumber": "S1", "sealSource": "CUSTOMS"}]}, "schema", None),
        ({"seals": [{"sealNumber": "S1", "sealType": "LOCK"}]}, "schema", None),
        ({"seals": ["S1"]}, "schema",
         "equipment event: field 'seals[0]' must be an object, not 'S1'"),
        ({"transportCall": {"vessel": {"vesselIMONumber": 9811000}}}, "schema",
         "equipment event: field 'transportCall.vessel.vesselIMONumber' must be a string, "
         "not 9811000"),
        ({"eventLocation": "KHH"}, "schema", None),
        ({"documentReferences": [{"documentReferenceType": "BKG"}]}, "schema",
         "equipment event: field 'documentReferences[0].documentReferenceValue' is missing"),
        ({"eventID": "x" * 201}, "schema",
         "equipment event: field 'eventID' is longer than 200 characters"),
    ],
)
def test_equipment_rejections_name_the_field(change: dict[str, Any], code: str,
                                             reason: str | None) -> None:
    body = {k: v for k, v in DOC_22.items() if k not in change or change[k] is not None}
    body |= {k: v for k, v in change.items() if v is not None}
    exc = _reject("equipment", body)
    assert exc.code == code
    assert exc.reason == str(exc)
    field = next(iter(change))
    assert f"field '{field}" in exc.reason
    if reason is not None:
        assert exc.reason == reason


@pytest.mark.parametrize(
    ("terminal", "path", "problem"),
    [
        ({"grossWeightKg": True}, "terminal.grossWeightKg", "must be a number, not True"),
        ({"grossWeightKg": "27400"}, "terminal.grossWeightKg", "must be a number"),
        ({"grossWeightKg": math.nan}, "terminal.grossWeightKg", "must be a finite number"),
        ({"grossWeightKg": math.inf}, "terminal.grossWeightKg", "must be a finite number"),
        ({"tareWeightKg": -1}, "terminal.tareWeightKg", "must be between 0.0 and None"),
        ({"tareWeightKg": 10**400}, "terminal.tareWeightKg", "is a number too large"),
        ({"position": {"kind": "shelf"}}, "terminal.position.kind", "must be one of"),
        ({"position": {"kind": "slot", "bay": 3}}, "terminal.position.block", "is missing"),
        ({"position": {"kind": "slot", "block": "A1", "bay": 2.0}}, "terminal.position.bay",
         "must be an integer"),
        ({"position": {"kind": "slot", "block": "A1", "tier": False}}, "terminal.position.tier",
         "must be an integer"),
        ({"position": {"kind": "vehicle"}}, "terminal.position.vehicleId", "is missing"),
        ({"ocr": {"confidence": 1.5}}, "terminal.ocr.confidence", "must be between 0.0 and 1.0"),
        ({"ocr": {"sealNumbers": ["A", 7]}}, "terminal.ocr.sealNumbers[1]", "non-empty string"),
        ({"ocr": {"images": [{"frameTime": "yesterday"}]}}, "terminal.ocr.images[0].frameTime",
         "RFC 3339"),
        ({"craneId": ["STS03"]}, "terminal.craneId", "must be a string"),
        ({"truckPlate": "K" * 201}, "terminal.truckPlate", "longer than 200"),
    ],
)
def test_terminal_addition_rejections(terminal: dict[str, Any], path: str, problem: str) -> None:
    exc = _reject("equipment", DOC_22 | {"terminal": terminal})
    assert exc.reason.startswith(f"equipment event: field '{path}' ")
    assert problem in exc.reason


@pytest.mark.parametrize(
    ("shape", "remove", "path"),
    [
        ("2.2", ("eventID",), "eventID"),
        ("2.2", ("eventDateTime",), "eventDateTime"),
        ("2.2", ("eventClassifierCode",), "eventClassifierCode"),
        ("2.2", ("equipmentEventTypeCode",), "equipmentEventTypeCode"),
        ("beta", ("metadata", "eventID"), "metadata.eventID"),
        ("beta", ("payload", "equipmentReference"), "payload.equipmentReference"),
        ("beta", ("payload", "eventDateTime"), "payload.eventDateTime"),
        ("beta", ("payload",), "payload"),
        ("3.0", ("eventClassification", "eventClassifierCode"),
         "eventClassification.eventClassifierCode"),
        ("3.0", ("equipmentDetails", "equipmentReference"), "equipmentDetails.equipmentReference"),
        ("3.0", ("equipmentDetails",), "equipmentDetails"),
    ],
)
def test_missing_required_field_in_each_shape(shape: str, remove: tuple[str, ...],
                                              path: str) -> None:
    body = copy.deepcopy({"2.2": DOC_22, "beta": BETA, "3.0": V30}[shape])
    target = body
    for key in remove[:-1]:
        target = target[key]
    del target[remove[-1]]
    exc = _reject("equipment", body)
    assert exc.reason == f"equipment event: field '{path}' is missing"


def test_retraction_flag_must_be_boolean() -> None:
    exc = _reject("equipment", V30 | {"isRetracted": "yes"})
    assert exc.reason == "equipment event: field 'isRetracted' must be true or false, not 'yes'"


@pytest.mark.parametrize("body", [{}, {"foo": 1}, {"eventType": "EQUIPMENT"}])
def test_unknown_shape(body: dict[str, Any]) -> None:
    exc = _reject("equipment", body)
    assert exc.code == "unknown_shape"
    assert "T&T 2.2, 3.0 beta or 3.0" in exc.reason


@pytest.mark.parametrize("body", [None, [], "x", 3, True])
def test_a_body_must_be_an_object(body: Any) -> None:
    assert _reject("equipment", body).code == "schema"


def test_unknown_kind() -> None:
    exc = _reject("weather", {"wind": 3})
    assert exc.code == "unknown_kind"
    assert "weather" in exc.reason


# ----------------------------------------------------------------- telemetry, clearance, snapshot


def test_protocol_examples_of_sections_4_and_5() -> None:
    assert normalise_body("position", {
        "vehicleId": "SC17", "vehicleType": "shuttle", "x": 512.3, "y": 210.8,
        "heading": 90.0, "speed": 4.2, "carrying": "EGHU9012346"}) == PositionReport(
        "SC17", 512.3, 210.8, 90.0, 4.2, "EGHU9012346", "shuttle")
    assert normalise_body("position", {"vehicleId": "SC17", "x": 1, "y": 2, "carrying": None}) \
        == PositionReport("SC17", 1.0, 2.0)
    assert normalise_body("fence", {"segmentId": "F-N-07", "state": "alarm",
                                    "reason": "pulse_break"}) == FenceReport(
        "F-N-07", "alarm", "pulse_break")
    assert normalise_body("device", {"deviceId": "CAM-R17-03", "deviceType": "camera",
                                     "state": "down", "detail": "no RTP for 10 s"}) == DeviceReport(
        "CAM-R17-03", "down", "camera", "no RTP for 10 s")
    assert normalise_body("clearance", {
        "equipmentReference": "EGHU9012346", "declarationNo": "AA12345678901",
        "billOfLading": "EGLV123456789012", "vesselIMONumber": "9811000", "voyage": "1234N",
        "status": "released", "statusTime": T, "declaredEmpty": False,
        "customsSeals": ["TW1234567"], "inspection": None}) == Clearance(
        "EGHU9012346", "released", T, "AA12345678901", "EGLV123456789012", "9811000", "1234N",
        False, ("TW1234567",), None)


def test_snapshot_entries_of_the_protocol_example() -> None:
    assert normalise_snapshot_container({
        "equipmentReference": "EGHU9012346", "ISOEquipmentCode": "45G1",
        "emptyIndicatorCode": "LADEN",
        "position": {"kind": "slot", "block": "A03", "bay": 12, "row": 4, "tier": 2},
        "lastEventId": "KHH-T7:STS03:000918234"}) == ContainerState(
        "EGHU9012346", "45G1", "LADEN", Position("slot", block="A03", bay=12, row=4, tier=2),
        "KHH-T7:STS03:000918234")
    assert normalise_vehicle({"vehicleId": "SC17", "x": 512.3, "y": 210.8, "heading": 90.0,
                              "speed": 4.2, "carrying": "EGHU9012346"}).speed == 4.2
    assert normalise_device({"deviceId": "CAM-R17-03", "state": "up"}) == DeviceReport(
        "CAM-R17-03", "up")
    assert normalise_clearance({"equipmentReference": "X", "status": "hold"}).status == "hold"


@pytest.mark.parametrize(
    ("kind", "body", "reason"),
    [
        ("position", {"vehicleId": "SC1", "x": 1.0}, "position report: field 'y' is missing"),
        ("position", {"vehicleId": "SC1", "x": True, "y": 1},
         "position report: field 'x' must be a number, not True"),
        ("position", {"vehicleId": "SC1", "x": 1, "y": 1, "speed": -2},
         "position report: field 'speed' must be between 0.0 and None, not -2"),
        ("position", {"vehicleId": "SC1", "x": 1, "y": 1, "heading": 400},
         "position report: field 'heading' must be between -360.0 and 360.0, not 400"),
        ("position", {"vehicleId": "SC1", "x": 1, "y": 1, "carrying": 5},
         "position report: field 'carrying' must be a string, not 5"),
        ("fence", {"segmentId": "F1", "state": "open"},
         "fence report: field 'state' must be one of alarm, clear, not 'open'"),
        ("fence", {"state": "alarm"}, "fence report: field 'segmentId' is missing"),
        ("device", {"deviceId": "D", "state": "up", "deviceType": "toaster"},
         "device report: field 'deviceType' must be one of camera, fence, lane, ocr, sts, "
         "vehicle, yard_crane, not 'toaster'"),
        ("device", {"deviceId": "D", "state": "broken"},
         "device report: field 'state' must be one of degraded, down, up, not 'broken'"),
        ("clearance", {"equipmentReference": "X", "status": "cleared"},
         "clearance: field 'status' must be one of hold, inspect, pending, released, "
         "not 'cleared'"),
        ("clearance", {"equipmentReference": "X", "status": "hold", "declaredEmpty": 0},
         "clearance: field 'declaredEmpty' must be true or false, not 0"),
        ("clearance", {"equipmentReference": "X", "status": "hold", "customsSeals": "S1"},
         "clearance: field 'customsSeals' must be a list, not 'S1'"),
        ("clearance", {"equipmentReference": "X", "status": "hold", "statusTime": "now"},
         "clearance: field 'statusTime' must be an RFC 3339 time with an offset "
         "(2026-11-28T20:01:03+08:00), not 'now'"),
        ("clearance", {"equipmentReference": "", "status": "hold"},
         "clearance: field 'equipmentReference' must not be empty"),
    ],
)
def test_other_kinds_rejections(kind: str, body: dict[str, Any], reason: str) -> None:
    assert _reject(kind, body).reason == reason


@pytest.mark.parametrize(
    ("normalise", "entry"),
    [
        (normalise_snapshot_container, {"equipmentReference": "X", "ISOEquipmentCode": 22}),
        (normalise_snapshot_container, {"equipmentReference": "X", "position": {"kind": "x"}}),
        (normalise_snapshot_container, "EGHU9012346"),
        (normalise_vehicle, ["SC17"]),
        (normalise_device, {"deviceId": "D"}),
        (normalise_clearance, None),
    ],
)
def test_bad_snapshot_entries_are_rejected(normalise: Any, entry: Any) -> None:
    with pytest.raises(BodyRejected):
        normalise(entry)


# ----------------------------------------------------------------- nothing else ever escapes

KNOWN_KEYS = sorted({
    "eventID", "eventType", "eventClassifierCode", "eventDateTime", "eventCreatedDateTime",
    "equipmentEventTypeCode", "equipmentReference", "ISOEquipmentCode", "emptyIndicatorCode",
    "seals", "sealNumber", "sealSource", "sealType", "number", "source", "type", "transportCall",
    "vessel", "vesselIMONumber", "vesselName", "name", "carrierVoyageNumber", "eventLocation",
    "location", "documentReferences", "terminal", "position", "kind", "block", "bay", "ocr",
    "confidence", "images", "metadata", "payload", "eventClassification", "equipmentDetails",
    "isRetracted", "vehicleId", "x", "y", "speed", "heading", "segmentId", "state", "deviceId",
    "deviceType", "status", "customsSeals", "declaredEmpty", "statusTime", "grossWeightKg",
})
json_scalars = (
    st.none() | st.booleans() | st.integers() | st.integers(-(10**400), 10**400) | st.floats()
    | st.text(max_size=8) | st.sampled_from(["ACT", "DISC", "slot", "up", T, "x" * 201])
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(KNOWN_KEYS) | st.text(max_size=6), children, max_size=6
    )


json_values = st.recursive(json_scalars, _containers, max_leaves=25)
KINDS = ["equipment", "position", "fence", "device", "clearance", "other"]


def _outcome(kind: str, body: Any) -> Any:
    try:
        result = normalise_body(kind, body)
    except BodyRejected as exc:
        assert exc.code in {"schema", "bad_time", "unknown_shape", "unknown_kind"}
        assert exc.reason and len(exc.reason) < 400
        return exc
    _assert_clean(result)
    return result


def _assert_clean(record: Any) -> None:
    """Whatever the parser lets through is what the rules may rely on, however odd the input."""
    if isinstance(record, EquipmentEvent) and record.retracted and not record.event_type:
        # A bare DCSA retraction (3.0 `isRetracted`, 3.0 beta `retractedEventID`): only the id
        # of what it withdraws counts; every consumer looks at `retracted` first.
        assert record.withdrawn_id and record.classifier == "" and record.equipment_reference == ""
        assert record.event_time == "" or is_rfc3339(record.event_time)
    elif isinstance(record, EquipmentEvent):
        assert record.classifier in CLASSIFIERS
        assert record.event_type in EQUIPMENT_EVENT_TYPES
        assert is_rfc3339(record.event_time)
        assert record.created_time is None or is_rfc3339(record.created_time)
        assert isinstance(record.equipment_reference, str)
        assert record.empty in (None, "EMPTY", "LADEN")
        for w in (record.gross_weight_kg, record.tare_weight_kg):
            assert w is None or (isinstance(w, float) and 0 <= w < math.inf)
        if record.ocr is not None and record.ocr.confidence is not None:
            assert isinstance(record.ocr.confidence, float) and 0 <= record.ocr.confidence <= 1
        for seal in record.seals:
            assert isinstance(seal.number, str) and seal.number
        if record.position is not None:
            assert record.position.kind in ("slot", "berth", "vehicle", "lane")
            for n in (record.position.bay, record.position.row, record.position.tier):
                assert n is None or (type(n) is int and n >= 0)
        assert isinstance(record.retracted, bool)
    elif isinstance(record, PositionReport):
        assert all(isinstance(v, float) and math.isfinite(v) for v in (record.x, record.y))
        assert isinstance(record.speed, float) and record.speed >= 0
    for name in record_fields(type(record)):
        value = getattr(record, name)
        assert not isinstance(value, str) or len(value) <= 200 or name == "url"


@given(st.sampled_from(KINDS), json_values)
def test_any_json_value_is_a_body_or_a_rejection(kind: str, body: Any) -> None:
    _outcome(kind, body)


@given(json_values)
def test_any_json_value_is_a_snapshot_entry_or_a_rejection(entry: Any) -> None:
    for normalise in (normalise_snapshot_container, normalise_vehicle, normalise_clearance,
                      normalise_device, normalise_position):
        try:
            normalise(entry)
        except BodyRejected as exc:
            assert exc.reason


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated_bodies(draw: st.DrawFn) -> tuple[str, Any]:
    """A valid body of any kind and shape with one value replaced, removed or retyped."""
    kind, body = draw(st.one_of(
        st.tuples(st.just("equipment"), st.one_of(
            equipment_events().map(to_dcsa_22), equipment_events().map(to_dcsa_30_beta),
            equipment_events(retracted=True).map(to_dcsa_30))),
        st.tuples(st.just("position"), position_reports.map(position_body)),
        st.tuples(st.just("fence"), fence_reports.map(fence_body)),
        st.tuples(st.just("device"), device_reports.map(device_body)),
        st.tuples(st.just("clearance"), clearances.map(clearance_body)),
    ))
    paths = _paths(body)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(paths))
        parent = body
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()):
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced the way there
    return kind, body


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(mutated_bodies())
def test_mutated_valid_bodies_are_a_body_or_a_rejection(case: tuple[str, Any]) -> None:
    kind, body = case
    _outcome(kind, body)


@given(equipment_events())
def test_a_float_nan_anywhere_numeric_is_refused(event: EquipmentEvent) -> None:
    body = to_dcsa_22(event)
    body.setdefault("terminal", {})["tareWeightKg"] = math.nan
    assert isinstance(_outcome("equipment", body), BodyRejected)


# The parser's speed is measured by `yard-console bench parse` (yard_yard_console/bench/parse.py),
# not asserted here: a timing assertion fails on a busy machine while nothing is wrong.
