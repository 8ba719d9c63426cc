"""The fast lane (`console.protocol.fast_lane`) against the careful path, frame by frame.

For any text, the lane either declines (None) or gives exactly the record and
envelope that `parse_server_message` + `normalise_body` give; it must never
accept what the careful path rejects.  Frames are generated from valid T&T
2.2 events and then broken in the ways gateways and attackers break them
(wrong types, nulls, empty and over-long strings, numbers out of range,
unknown and repeated keys, escapes).  The lane must also actually take the
ordinary frames, or the feed would be as slow as before.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.model import (
    EquipmentEvent,
    OcrImage,
    OcrReading,
    Position,
    PositionReport,
    Seal,
    ShipmentEvent,
    TransportEvent,
    replace,
)
from console.protocol.bodies import BodyRejected, normalise_body
from console.protocol.dcsa_shapes import shipment_22 as to_shipment_22
from console.protocol.dcsa_shapes import shipment_30 as to_shipment_30
from console.protocol.dcsa_shapes import shipment_beta as to_shipment_beta
from console.protocol.dcsa_shapes import to_dcsa_22, to_dcsa_30, to_dcsa_30_beta
from console.protocol.dcsa_shapes import transport_22 as to_transport_22
from console.protocol.dcsa_shapes import transport_30 as to_transport_30
from console.protocol.dcsa_shapes import transport_beta as to_transport_beta
from console.protocol.fast_lane import read_event
from console.protocol.messages import EventEnvelope, MessageRejected, parse_server_message
from tests.support.hostile import HOSTILE_FRAMES
from yard_console.bench.ingest import _raw_event

TIME = "2026-11-28T20:01:03.004+08:00"


def _frame(body: dict[str, Any], kind: str = "equipment", **extra: Any) -> dict[str, Any]:
    return {"type": "event", "seq": 7, "id": "KHH-T7:STS03:000000007", "kind": kind,
            "time": TIME, "source": "STS03", "body": body, **extra}


VEHICLE = {"vehicleId": "AGV-12", "x": 120.5, "y": -33, "heading": 90, "speed": 4.2,
           "carrying": "EGHU9012345", "vehicleType": "agv"}


def _full_body() -> dict[str, Any]:
    """A 2.2 body using every field the lane knows."""
    body = _raw_event(3)
    body["documentReferences"] = [{"documentReferenceType": "BKG", "documentReferenceValue": "B1"}]
    body["exportVoyageNumber"] = "OLD1"
    body["transportCallID"] = "TC-9"
    body["transportCall"]["transportCallID"] = "TC-9"
    body["transportCall"]["vessel"].update({"flag": "TW", "callSign": "BKEA"})
    body["eventLocation"]["facilityCode"] = "T7"
    body["terminal"]["vehicleId"] = "AGV-12"
    body["terminal"]["ocr"]["images"] = [
        {"cameraId": "CAM-1", "frameTime": TIME, "url": "https://cctv.example/f/1.jpg"}
    ]
    return body


def careful(text: str | bytes) -> tuple[EventEnvelope, Any] | None:
    """What the careful path makes of `text`: (envelope, record), or None if it rejects."""
    try:
        env = parse_server_message(text)
        if not isinstance(env, EventEnvelope):
            return None
        return env, normalise_body(env.kind, env.body)
    except (MessageRejected, BodyRejected):
        return None


def agree(text: str | bytes) -> bool:
    """Assert the lane agrees with the careful path; True when the lane took the frame."""
    fast = read_event(text)
    if fast is None:
        return False
    slow = careful(text)
    assert slow is not None, f"the fast lane accepted what the careful path rejects: {text!r:.300}"
    kind, frame, record = fast
    env, expected = slow
    assert record == expected
    assert (frame.seq, frame.id, kind, frame.time, frame.source, frame.corrects) == (
        env.seq, env.id, env.kind, env.time, env.source, env.corrects)
    return True


# ------------------------------------------------------------------ the lane takes ordinary frames


def test_the_bench_frame_takes_the_lane_and_reads_as_the_careful_path() -> None:
    text = orjson.dumps(_frame(_raw_event(11))).decode()
    assert agree(text)
    _, _, record = read_event(text)  # type: ignore[misc]
    assert record.seals == (Seal("TW0000011", "CUS", "BLT"),)
    assert record.position == Position("slot", "A03", 12, 4, 2)
    assert record.ocr == OcrReading(record.equipment_reference, 0.97, ("TW0000011",), ())
    assert record.gross_weight_kg == 27400.0 and type(record.gross_weight_kg) is float


def test_every_known_field_takes_the_lane() -> None:
    text = json.dumps(_frame(_full_body(), corrects="KHH-T7:STS03:000000001"))
    assert agree(text)
    _, _, record = read_event(text)  # type: ignore[misc]
    assert record.document_references == (("BKG", "B1"),)
    assert record.voyage == "1234N"  # the transport call's voyage wins over the top-level one
    assert record.ocr is not None
    assert record.ocr.images == (OcrImage("CAM-1", TIME, "https://cctv.example/f/1.jpg"),)


def test_events_the_simulator_writes_in_2_2_take_the_lane() -> None:
    event = EquipmentEvent(
        event_id="e1", classifier="ACT", event_type="DISC", event_time=TIME,
        equipment_reference="EGHU9012345", iso_code="22G1", empty="EMPTY",
        seals=(Seal("S1"),), vessel_name="EVER ACE", voyage="1234N",
        position=Position("berth", berth="B3", crane_id="STS03"),
    )
    assert agree(orjson.dumps(_frame(to_dcsa_22(event))))


def test_3_0_and_3_0_beta_events_take_the_lane() -> None:
    for body, shape in ((BETA, "dcsa-3.0-beta"), (V30, "dcsa-3.0")):
        text = json.dumps(_frame(body), ensure_ascii=False)
        assert agree(text), shape
        _, _, record = read_event(text)  # type: ignore[misc]
        assert record.shape == shape
        assert record.seals == _FULL_RECORD.seals and record.ocr == _FULL_RECORD.ocr
    _, _, record = read_event(json.dumps(_frame({**V30, "isRetracted": True})))  # type: ignore[misc]
    assert record.retracted is True and record.created_time == TIME  # from eventUpdatedDateTime
    # 3.0 with a 2.2 seal spelling: the careful path tolerates it, the lane leaves it there
    mixed = copy.deepcopy(V30)
    mixed["equipmentDetails"]["seals"] = [{"sealNumber": "S1"}]
    assert read_event(json.dumps(_frame(mixed))) is None and careful(json.dumps(_frame(mixed)))


def test_position_reports_take_the_lane() -> None:
    assert agree(json.dumps(_frame(VEHICLE, "position")))
    text = json.dumps(_frame({"vehicleId": "SC1", "x": 1, "y": 2}, "position"))
    assert agree(text)
    kind, _, report = read_event(text)  # type: ignore[misc]
    assert kind == "position"
    assert report == PositionReport("SC1", 1.0, 2.0, None, 0.0, None, None)
    assert type(report.x) is float
    # an empty vehicle says "carrying": null; that is no reason to leave the lane
    empty = json.dumps(_frame({**VEHICLE, "carrying": None, "heading": None, "speed": None},
                              "position"))
    assert agree(empty)
    repeated = empty.replace('"carrying": null', '"carrying": null, "carrying": "EGHU9012345"')
    assert read_event(repeated) is None and careful(repeated) is None


# ------------------------------------------------------------------ and declines the rest


def test_frames_with_anything_unusual_are_left_to_the_careful_path() -> None:
    body = _raw_event(1)
    declined = {
        "unknown key": _frame(body, epoch="x"),
        "unknown body key": _frame({**body, "carrierBookingReference": "BK1"}),
        "3.0 spelling of a seal": _frame({**body, "seals": [{"number": "S1"}]}),
        "other kind": {**_frame(body), "kind": "fence"},
        "no kind, 3.0": {k: v for k, v in _frame(V30).items() if k != "kind"},
        "no kind, 3.0 beta": {k: v for k, v in _frame(BETA).items() if k != "kind"},
        "equipment body as a position": {**_frame(body), "kind": "position"},
        "heading beyond a turn": _frame({**VEHICLE, "heading": 361}, "position"),
        "negative speed": _frame({**VEHICLE, "speed": -1}, "position"),
        "bool for a number": _frame(
            {**body, "terminal": {**body["terminal"], "tareWeightKg": True}}),
        "bad time": _frame({**body, "eventDateTime": "2026-02-30T01:00:00Z"}),
        "naive time": {**_frame(body), "time": "2026-11-28T20:01:03"},
        "position without its block": _frame(
            {**body, "terminal": {**body["terminal"], "position": {"kind": "slot", "bay": 1}}}),
    }
    for why, frame in declined.items():
        assert read_event(json.dumps(frame)) is None, why
    text = json.dumps(_frame(body))
    assert read_event(text.replace('"seq": 7', '"seq": 7, "seq": 8')) is None, "repeated key"
    assert read_event(text.replace("Kaohsiung", "Kaohsiung\\u003a")) is None, "escape"
    assert read_event(text.replace("27400", "1e400")) is None, "infinite weight"
    assert read_event(text.replace('"seq": 7', '"seq": 123456789012345678901234567890')) is None
    assert careful(text.replace('"seq": 7', '"seq": 7, "seq": 8')) is None


def test_explicit_nulls_keep_the_lane_but_a_null_then_a_value_is_a_repeated_key() -> None:
    body = {**_raw_event(1), "ISOEquipmentCode": None, "seals": None, "transportCall": None}
    text = json.dumps(_frame(body))
    assert agree(text)
    repeated = text.replace('"ISOEquipmentCode": null',
                            '"ISOEquipmentCode": null, "ISOEquipmentCode": "45G1"')
    assert read_event(repeated) is None and careful(repeated) is None
    # where the careful path tells a null from an absent key, so does the lane
    beta = copy.deepcopy(BETA)
    beta["terminal"] = beta["payload"]["terminal"]
    beta["payload"]["terminal"] = None  # hides the top-level terminal
    assert agree(json.dumps(_frame(beta)))
    assert read_event(json.dumps(_frame(beta)))[2].crane_id is None  # type: ignore[index]
    v30 = {**V30, "location": V30["eventLocation"], "eventLocation": None}
    del v30["eventLocation"]
    assert agree(json.dumps(_frame(v30)))
    assert read_event(json.dumps(_frame(v30)))[2].location_name == "Kaohsiung T7"  # type: ignore[index]
    v30["eventLocation"] = None  # present: `location` no longer counts
    assert agree(json.dumps(_frame(v30)))
    assert read_event(json.dumps(_frame(v30)))[2].location_name is None  # type: ignore[index]


def test_hostile_frames_are_declined_without_an_exception() -> None:
    """Each hostile frame of the protocol, and the same faults inside a frame the lane takes."""
    frames = list(HOSTILE_FRAMES.values())
    good = json.dumps(_frame(_raw_event(2))).encode()
    assert read_event(good) is not None
    for old, new in [
        (b"Kaohsiung", b"Kaohs\xff\xfeiung"), (b"Kaohsiung", b"Kaoh\xc3\x28siung"),
        (b"27400", b"NaN"), (b"27400", b"Infinity"), (b"27400", b"1e400"), (b"27400", b"-1"),
        (b'"seq": 7', b'"seq": 1' + b"0" * 30), (b'"seq": 7', b'"seq": 7.0'),
        (b'"seq": 7', b'"seq": true'), (b'"kind": "equipment"', b'"kind": null'),
        (b'"laneId"', b'"pad": ' + b"[" * 200 + b"]" * 200 + b', "laneId"'),
        (b'"laneId"', b'"pad": "' + b"x" * (1024 * 1024) + b'", "laneId"'),
    ]:
        frames.append(good.replace(old, new, 1))
    for raw in frames:
        assert read_event(raw) is None, raw[:120]
        try:
            text = raw.decode()
        except UnicodeDecodeError:
            continue
        assert read_event(text) is None, raw[:120]


def test_a_repeated_key_whose_escape_hides_a_colon_is_still_declined() -> None:
    # raw colons 2 + 1 == re-encoded colons 1 + 2: only the escape rule catches it
    text = json.dumps(_frame(_raw_event(1))).replace(
        '"laneId": "G2-OUT-04"', '"laneId": "G2", "laneId": "\\u003a"')
    assert read_event(text) is None
    assert careful(text) is None


# ------------------------------------------------------------------ generated frames

_PATHS: list[tuple[str, ...]] = []


def _collect(value: Any, path: tuple[str, ...]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _PATHS.append((*path, k))
            _collect(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _PATHS.append((*path, str(i)))
            _collect(v, (*path, str(i)))


_FULL_RECORD = normalise_body("equipment", _full_body())
BETA = to_dcsa_30_beta(_FULL_RECORD)
V30 = to_dcsa_30(replace(_FULL_RECORD, created_time=None))
V30["eventUpdatedDateTime"] = TIME
V30["equipmentDetails"]["movementType"] = "EXPORT"
_EXAMPLES: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "dcsa" / "examples.json").read_text("utf-8"))
IOT = copy.deepcopy(_EXAMPLES["conformance_300_request_iot"])  # DCSA's, with all it carries
IOT["eventLocation"].update(UNLocationCode="TWKHH", facility={"facilityCode": "KHH07"})
IOT["equipmentDetails"]["emptyIndicatorCode"] = "LADEN"
REEFER = copy.deepcopy(_EXAMPLES["conformance_300_request_reefer"])
REEFER["reeferDetails"]["temperatureProbeMeasurements"].append(
    {"probeLabel": "Pulp probe B", "COAProbeUDMKey": "P22", "measuredTemperatureValue": -18})
REEFER["reeferDetails"]["measuredParameters"] = {"humidityPercentage": 74}
# Transport and shipment events in every shape, each carrying every field the lane reads.
VESSEL_CALL = TransportEvent(
    "KHH-T7:B3:TR:000001", "ACT", "DEPA", TIME, created_time=TIME, vessel_imo="9321483",
    vessel_name="King of the Seas", vessel_flag="TW", vessel_call_sign="BKEA", voyage="2103S",
    import_voyage="2103N", mode_of_transport="VESSEL", port_visit_reference="TWKHH-2026-88",
    service_code="FE3", transport_call_reference="B3-2103S",
    location_name="Kaohsiung Port Terminal 7", un_location_code="TWKHH", facility_code="KHH07",
    facility_type="POTE", delay_reasons=("WEA", "CRN"), change_remark="sailed late",
    document_references=(("BKG", "B1"), ("TRD", "BL9")))
DOCUMENT = ShipmentEvent(
    "KHH-T7:DOC:000002", "ACT", "RELS", TIME, created_time=TIME, document_type="TRD",
    document_reference="BL9", document_references=(("BKG", "B1"),), reason="customs released")
TRANSPORT_22 = to_transport_22(VESSEL_CALL)
TRANSPORT_22_AT_CALL = {k: v for k, v in TRANSPORT_22.items() if k != "eventLocation"}
TRANSPORT_22_AT_CALL["transportCall"] = {**TRANSPORT_22["transportCall"], "UNLocationCode": "TWKHH",
                                         "facilityCode": "KHH07", "facilityTypeCode": "POTE"}
TRANSPORT_BETA = to_transport_beta(VESSEL_CALL)
TRANSPORT_30 = to_transport_30(replace(VESSEL_CALL, created_time=None, updated_time=TIME))
SHIPMENT_22, SHIPMENT_BETA = to_shipment_22(DOCUMENT), to_shipment_beta(DOCUMENT)
SHIPMENT_30 = to_shipment_30(replace(DOCUMENT, created_time=None, updated_time=TIME))
VOYAGE_BASES = [
    _frame(TRANSPORT_22, "transport"), _frame(TRANSPORT_22_AT_CALL, "transport"),
    _frame({**TRANSPORT_22_AT_CALL, "eventLocation": {"locationName": None}}, "transport"),
    _frame(TRANSPORT_BETA, "transport"), _frame(TRANSPORT_30, "transport"),
    _frame(_EXAMPLES["conformance_300_request_transport"], "transport"),
    _frame(SHIPMENT_22, "shipment"), _frame(SHIPMENT_BETA, "shipment"),
    _frame(SHIPMENT_30, "shipment"),
    _frame(_EXAMPLES["conformance_300_request_shipment"], "shipment"),
]
BASES = [_frame(_full_body()), _frame(_raw_event(5)), _frame(VEHICLE, "position"),
         _frame(BETA), _frame(V30), _frame({**V30, "isRetracted": True}),
         _frame(IOT, "iot"), _frame(REEFER, "reefer"),
         _frame({**IOT, "isRetracted": False, "eventUpdatedDateTime": None}, "iot"),
         *VOYAGE_BASES]
for _base in BASES:
    _collect(_base, ())

_odd_text = st.one_of(
    st.text(max_size=3),
    st.text(min_size=198, max_size=202),
    st.text(alphabet="臺灣高雄港:é\u00a0", min_size=195, max_size=205),
    st.sampled_from(["", " ", "EMPTY", "LADEN", "ACT", "XX", "CUS", "BLT", "slot", "lane", "berth",
                     "vehicle", "EQUIPMENT", "45G1", "45g1", "22GP", TIME, "2026-11-28T20:01:03Z",
                     "2026-11-28 20:01:03+08:00", "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z",
                     "event", "equipment", "position", "fence", "a:b:c", "ARRI", "DEPA",
                     "RELS", "HOLD", "TRANSPORT", "SHIPMENT", "transport", "shipment",
                     "x" * 251]),
)
_odd_value = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-2, max_value=3), st.integers(min_value=99_998, max_value=100_001),
    st.sampled_from([-360, 360, 360.5, -361, 1e308, -1e308]),
    st.integers(min_value=2**53 - 1, max_value=2**53 + 1), st.just(2**64), st.just(10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, 1.0, 1.5, -0.0, 0.97]),
    _odd_text,
    st.lists(st.sampled_from([{}, "S", {"sealNumber": "S"}, 1]), max_size=3),
    st.just({}), st.just({"kind": "slot", "block": "A01"}), st.just(list(range(1001))),
)


def _set(frame: dict[str, Any], path: tuple[str, ...], value: Any, delete: bool) -> None:
    """Put `value` at `path` (or delete it), if earlier changes left the path in place."""
    node: Any = frame
    for k in path[:-1]:
        if isinstance(node, list):
            node = node[int(k)] if k.isdigit() and int(k) < len(node) else None
        else:
            node = node.get(k)
        if not isinstance(node, dict | list):
            return
    last = path[-1]
    if isinstance(node, list):
        if last.isdigit() and int(last) < len(node):
            node[int(last)] = value
    elif delete:
        node.pop(last, None)
    else:
        node[last] = value


@st.composite
def frames(draw: st.DrawFn) -> str:
    frame = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        path = draw(st.sampled_from(_PATHS))
        _set(frame, path, copy.deepcopy(draw(_odd_value)), delete=draw(st.booleans()))
    text = json.dumps(frame, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(min_value=0, max_value=9)) == 0:  # a repeated key
        key = draw(st.sampled_from([p[-1] for p in _PATHS if not p[-1].isdigit()]))
        text = text.replace(f'"{key}": ', f'"{key}": null, "{key}": ', 1)
    return text


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_generated_frames_the_lane_takes_read_exactly_as_the_careful_path(text: str) -> None:
    agree(text)
    agree(text.encode())


def test_edge_values_the_careful_path_accepts_take_the_lane_too() -> None:
    """The comparison above means little if the lane declines everything unusual but fine."""
    refs = ["", "EGHU1234565", "x" * 200, "臺" * 200, "a:b"]
    for i, ref in enumerate(refs):
        text = json.dumps(_frame({**_raw_event(i), "equipmentReference": ref}), ensure_ascii=False)
        assert agree(text), ref


def test_the_wire_structs_allow_exactly_the_codes_of_the_model() -> None:
    """The lane's Literal types repeat the model's code lists; they must not drift apart."""
    from typing import get_args

    import msgspec

    from console import model
    from console.protocol import wire_structs as w

    assert get_args(w.Classifier) == model.CLASSIFIERS
    assert get_args(w.EventType) == model.EQUIPMENT_EVENT_TYPES
    assert get_args(w.SealSource) == model.SEAL_SOURCES
    assert get_args(w.SealType) == model.SEAL_TYPES
    kind = next(f for f in msgspec.structs.fields(w.WirePosition) if f.name == "kind")
    assert get_args(kind.type) == model.POSITION_KINDS
    code = next(f for f in msgspec.structs.fields(w.IotDetails) if f.name == "iotEventCode")
    assert get_args(code.type) == model.IOT_EVENT_CODES
    reefer = next(f for f in msgspec.structs.fields(w.ReeferClassification)
                  if f.name == "reeferEventTypeCode")
    assert get_args(reefer.type) == model.REEFER_EVENT_TYPES
    assert get_args(w.TransportType) == model.TRANSPORT_EVENT_TYPES
    assert get_args(w.ShipmentType) == model.SHIPMENT_EVENT_TYPES


def test_dcsa_own_example_equipment_events_take_the_lane() -> None:
    """DCSA's published bodies (tests/data/dcsa) carry routing, publisher, references, delay
    reasons: the lane knows those keys, so real 3.0 traffic is not read the slow way."""
    import pathlib

    examples = json.loads((pathlib.Path(__file__).resolve().parents[1] / "data" / "dcsa"
                           / "examples.json").read_text(encoding="utf-8"))
    for key in ("schema_300_examples_load", "conformance_300_request_equipment",
                "conformance_300_response_equipment", "openapi_300_beta_load",
                "conformance_220_response_equipment"):
        assert agree(json.dumps(_frame(examples[key]), ensure_ascii=False)), key


def test_iot_and_reefer_events_take_the_lane_and_retractions_do_not() -> None:
    """The common DCSA 3.0 kinds besides equipment: e-seal reports and reefer readings."""
    for body, kind in ((IOT, "iot"), (REEFER, "reefer"),
                       (_EXAMPLES["conformance_300_request_iot"], "iot"),
                       (_EXAMPLES["conformance_300_request_reefer"], "reefer")):
        text = json.dumps(_frame(body, kind), ensure_ascii=False)
        assert agree(text) and agree(text.encode()), kind
    _, _, reefer = read_event(json.dumps(_frame(REEFER, "reefer")))  # type: ignore[misc]
    assert reefer.probes == (-18.2, -18.7, -18.0) and type(reefer.probes[2]) is float
    bare = json.dumps(_frame({"eventID": "evt-iot-001", "isRetracted": True}, "iot"))
    full = json.dumps(_frame({**IOT, "isRetracted": True}, "iot"))
    for text in (bare, full):
        assert read_event(text) is None and careful(text) is not None
    # the kind must match the body: an IoT body sent as a reefer event is refused carefully
    wrong = json.dumps(_frame(IOT, "reefer"))
    assert read_event(wrong) is None and careful(wrong) is None


def test_the_events_the_simulator_sends_with_dcsa_kinds_take_the_lane() -> None:
    from console.model import IotEvent, ReeferEvent
    from console.protocol.dcsa_shapes import iot_30, reefer_30

    door = IotEvent("KHH-T7:IOT:000001", "ACT", "DRO", TIME, "EGHU9012345", "45R1",
                    "Kaohsiung Port Terminal 7", "TWKHH", "22.561805", "120.314377", TIME)
    cold = ReeferEvent("KHH-T7:RF:000002", "ACT", "MEAS", TIME, "EGHU9012345", "CEL", -18.0,
                       28.5, (-18.3, -17.6), TIME)
    assert agree(json.dumps(_frame(iot_30(door), "iot")))
    assert agree(json.dumps(_frame(reefer_30(cold), "reefer")))


def test_transport_and_shipment_events_take_the_lane_in_every_shape() -> None:
    """Vessel calls and document states in 2.2, 3.0 beta and 3.0, DCSA's own 3.0 bodies too."""
    for frame in VOYAGE_BASES:
        text = json.dumps(frame, ensure_ascii=False)
        assert agree(text) and agree(text.encode()), text[:200]
    shapes = {}
    for frame in VOYAGE_BASES:
        kind, _, record = read_event(json.dumps(frame))  # type: ignore[misc]
        assert kind == frame["kind"]
        shapes.setdefault(kind, set()).add(record.shape)
    assert shapes == {k: {"dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0"}
                      for k in ("transport", "shipment")}
    # what each shape carries arrives: 3.0 all of it, 2.2 and beta one delay reason
    _, _, v30 = read_event(json.dumps(_frame(TRANSPORT_30, "transport")))  # type: ignore[misc]
    assert v30 == replace(VESSEL_CALL, created_time=TIME, updated_time=TIME, shape="dcsa-3.0")
    _, _, v22 = read_event(json.dumps(_frame(TRANSPORT_22_AT_CALL, "transport")))  # type: ignore[misc]
    assert (v22.delay_reasons, v22.location_name, v22.un_location_code, v22.facility_code) == (
        ("WEA",), None, "TWKHH", "KHH07")
    _, _, doc = read_event(json.dumps(_frame(SHIPMENT_30, "shipment")))  # type: ignore[misc]
    assert (doc.document_type, doc.document_reference, doc.document_references) == (
        "TRD", "BL9", (("BKG", "B1"),))
    long_reason = json.dumps(_frame({**SHIPMENT_22, "reason": "r" * 900}, "shipment"))
    assert agree(long_reason)
    assert read_event(long_reason)[2].reason == "r" * 200  # type: ignore[index]


def test_transport_and_shipment_retractions_and_misfits_take_the_careful_path() -> None:
    bare = {"eventID": "KHH-T7:B3:TR:000001", "isRetracted": True}
    beta = {"metadata": {"eventID": "KHH-T7:B3:TR:000003", "eventType": "TRANSPORT",
                         "retractedEventID": "KHH-T7:B3:TR:000001"}}
    for frame in (_frame(bare, "transport"), _frame({**TRANSPORT_30, "isRetracted": True},
                                                    "transport"),
                  _frame(beta, "transport"), _frame({**SHIPMENT_30, "isRetracted": True},
                                                    "shipment")):
        text = json.dumps(frame)
        assert read_event(text) is None and careful(text) is not None, text[:200]
    refused = {
        "transport body as shipment": _frame(TRANSPORT_30, "shipment"),
        "shipment body as transport": _frame(SHIPMENT_22, "transport"),
        "equipment body as transport": _frame(V30, "transport"),
        "wrong eventType": _frame({**TRANSPORT_22, "eventType": "SHIPMENT"}, "transport"),
        "unknown code": _frame({**TRANSPORT_22, "transportEventTypeCode": "OMIT"}, "transport"),
        "remark too long": _frame({**TRANSPORT_22, "changeRemark": "r" * 251}, "transport"),
        "empty delay reason": _frame({**TRANSPORT_30, "transportDetails": {
            **TRANSPORT_30["transportDetails"], "delayReasonCodes": [""]}}, "transport"),
        "call's place too long": _frame({**TRANSPORT_22_AT_CALL, "transportCall": {
            **TRANSPORT_22_AT_CALL["transportCall"], "facilityCode": "F" * 201}}, "transport"),
        "reason beyond 5000": _frame({**SHIPMENT_BETA, "payload": {
            **SHIPMENT_BETA["payload"], "reason": "r" * 5001}}, "shipment"),
    }
    for why, frame in refused.items():
        text = json.dumps(frame)
        assert read_event(text) is None, why
        assert careful(text) is None, why
    # what the careful path ignores but the lane does not know: declined, still stored
    extra = json.dumps(_frame({**SHIPMENT_22, "transportCall": {"vessel": {}}}, "shipment"))
    assert read_event(extra) is None and careful(extra) is not None


def test_every_time_of_a_3_0_event_is_checked_once_and_a_bad_one_is_declined() -> None:
    """The lane skips the check of a time it has already checked (the envelope's, the update
    time standing for the creation time); a bad time anywhere still sends the frame away."""
    bad = "2025-02-29T00:00:00Z"  # no such day
    v30 = {**V30, "eventCreatedDateTime": TIME}
    for body, kind in ((V30, "equipment"), (v30, "equipment"), (IOT, "iot"),
                       (REEFER, "reefer"), (TRANSPORT_30, "transport"),
                       (SHIPMENT_30, "shipment")):
        assert agree(json.dumps(_frame(body, kind))), kind
        for key in ("eventUpdatedDateTime", "eventDateTime"):
            text = json.dumps(_frame({**body, key: bad}, kind))
            assert read_event(text) is None and careful(text) is None, (kind, key)
    text = json.dumps(_frame({**v30, "eventCreatedDateTime": bad}))
    assert read_event(text) is None and careful(text) is None
    # the event's own time, when it is the envelope's, is the envelope's checked time
    for body in (BETA, V30):
        same = json.dumps(_frame(body))
        assert agree(same) and read_event(same)[2].event_time == TIME  # type: ignore[index]
        text = json.dumps({**_frame(body), "time": bad})
        assert read_event(text) is None and careful(text) is None
