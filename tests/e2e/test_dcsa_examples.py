"""DCSA's own example bodies through the real `yard-console headless` and the real test gateway.

Each body (tests/data/dcsa/README.md says where it comes from) is sent as an
`equipment` event; the stored record is compared field by field with what the
body says, and each broken one lands in the quarantine with a reason that
names the problem.  The feed is stored under the name the gateway announces in
`welcome` (KHH-T7), and when the gateway moves to another address the console
resumes that feed where it stopped instead of starting it over.
"""

from __future__ import annotations

import copy
import json
import pathlib
import time
from typing import Any

import pytest

from tests.support.console_process import ConsoleProcess, read_jsonl, run_cli
from tests.support.fixtures import TEST_TOKEN
from tests.support.process import GatewayProcess

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "dcsa"
EXAMPLES: dict[str, Any] = json.loads((DATA / "examples.json").read_text(encoding="utf-8"))

# What the console must keep of each body: the stored record's fields (`history events`).
EXPECTED: dict[str, dict[str, Any]] = {
    "schema_300_examples_load": {
        "event_id": "KHH-T7-EX-0001", "classifier": "EST", "event_type": "LOAD",
        "event_time": "2025-01-23T01:23:45Z", "equipment_reference": "APZU4812090",
        "iso_code": "22GP", "empty": "LADEN", "movement_type": "EXPORT",
        "seals": [{"number": "VET123", "source": "CUS", "type": "WIR", "placement": "DOOR"}],
        "vessel_imo": "9321483", "vessel_name": "King of the Seas", "vessel_flag": "NL",
        "vessel_call_sign": "NCVV", "voyage": "2103S", "mode_of_transport": "VESSEL",
        "service_code": "FE1", "location_name": "Port of Amsterdam",
        "un_location_code": "NLAMS", "facility_code": "ADT", "facility_type": "RAMP",
        "document_references": [["BKG", "ABC709951"]],
        "updated_time": "2025-01-23T01:23:45Z", "created_time": "2025-01-23T01:23:45Z",
        "shape": "dcsa-3.0",
    },
    "conformance_300_request_equipment": {
        "event_id": "evt-equip-001-2026-01-20T14:15:00Z", "classifier": "ACT",
        "event_type": "LOAD", "event_time": "2026-01-20T14:15:00Z",
        "equipment_reference": "APZU4812090", "iso_code": "22GP", "empty": "LADEN",
        "movement_type": "EXPORT", "location_name": "Example Container Yard",
        "un_location_code": "NLRTM", "facility_type": "DEPO",
        "updated_time": "2026-01-20T14:20:00Z", "shape": "dcsa-3.0",
    },
    "conformance_220_response_equipment": {
        "event_id": "3cecb101-7a1a-43a4-9d62-e88a131651e4", "classifier": "EST",
        "event_type": "LOAD", "event_time": "2019-11-12T07:41:00+08:30",
        "created_time": "2021-01-23T12:34:56Z", "equipment_reference": "APZU4812090",
        "iso_code": "22GP", "empty": "EMPTY", "vessel_imo": "9321483",
        "vessel_name": "King of the Seas", "vessel_flag": "DE", "vessel_call_sign": "NCVV",
        "voyage": "2103S", "import_voyage": "2103N", "mode_of_transport": "VESSEL",
        "service_code": "FE1", "transport_call_reference": "123e4567-e89b-12d3-a456-426614174000",
        "location_name": "Eiffel Tower", "un_location_code": "FRPAR", "facility_code": "ADT",
        "seals": [{"number": "string", "source": "CUS", "type": "WIR"}],
        "document_references": [["BKG", "ABC123123123"], ["TRD", "reserved-HHL123"]],
        "shape": "dcsa-2.2",
    },
    "openapi_300_beta_load": {
        "event_id": "004a3525-23ae-4cf1-b442-68e6b2e591d8", "classifier": "EST",
        "event_type": "LOAD", "event_time": "2019-11-12T07:41:00+08:30",
        "created_time": "2022-10-05T13:19:00+02:00", "equipment_reference": "APZU4812090",
        "iso_code": "22GP", "empty": "LADEN", "transshipment": True,
        "vessel_imo": "9321483", "vessel_name": "King of the Seas", "vessel_flag": "NL",
        "vessel_call_sign": "NCVV", "voyage": "2103S", "mode_of_transport": "VESSEL",
        "port_visit_reference": "NLRTM1234589", "service_code": "FE1",
        "transport_call_reference": "987e4567",
        "seals": [{"number": "133534", "source": "CUS", "type": "WIR"}],
        "document_references": [["BKG", "ABC123059"], ["TRD", "85943567"]],
        "shape": "dcsa-3.0-beta",
    },
    "openapi_300_beta_retraction": {
        "event_id": "2239d040-78c9-4172-8863-89428af41a0e", "retracted": True,
        "retracts": "957e4966-dad0-4111-9f8f-fb7216c43907", "shape": "dcsa-3.0-beta",
    },
}


# Transport and shipment events, sent as their own kinds.
OTHER_KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "conformance_300_request_transport": ("transport", {
        "event_id": "evt-trans-001-2026-01-20T12:30:00Z", "classifier": "ACT",
        "event_type": "ARRI", "event_time": "2026-01-20T12:30:00Z", "vessel_imo": "1234567",
        "vessel_name": "Example Vessel Alpha", "vessel_flag": "DE", "vessel_call_sign": "ABCD",
        "voyage": "V001E", "import_voyage": "V001N", "mode_of_transport": "VESSEL",
        "service_code": "SVC001", "transport_call_reference": "tc-12345-abc",
        "location_name": "Sample Port Terminal", "un_location_code": "DEHAM",
        "facility_type": "POTE",
        "document_references": [["BKG", "ABC709951"], ["TRD", "HHL71800000"]],
        "shape": "dcsa-3.0"}),
    "openapi_300_beta_retraction": ("transport", {
        "event_id": "2239d040-78c9-4172-8863-89428af41a0e", "retracted": True,
        "retracts": "957e4966-dad0-4111-9f8f-fb7216c43907", "shape": "dcsa-3.0-beta"}),
}


def _broken(key: str, change: Any) -> dict[str, Any]:
    body = copy.deepcopy(EXAMPLES[key])
    change(body)
    return body


# Real bodies with one thing broken, and what the reason must name.
NEGATIVE: list[tuple[dict[str, Any], str]] = [
    (_broken("schema_300_examples_load",
             lambda b: b["eventClassification"].update(equipmentEventTypeCode="LODE")),
     "eventClassification.equipmentEventTypeCode' must be one of"),
    (_broken("schema_300_examples_load",
             lambda b: b["transportDetails"]["transportCall"]["vesselTransport"].update(
                 vesselIMONumber=9321483)),
     "transportDetails.transportCall.vesselTransport.vesselIMONumber' must be a string"),
    (_broken("conformance_300_request_equipment",
             lambda b: b["equipmentDetails"].update(movementType="EXPORTED")),
     "equipmentDetails.movementType' must be one of EXPORT, IMPORT, TRANSSHIPMENT"),
    (_broken("conformance_300_request_equipment",
             lambda b: b.update(eventDateTime="20 January 2026")),
     "eventDateTime' must be an RFC 3339 time"),
    (_broken("openapi_300_beta_load",
             lambda b: b["payload"]["seals"][0].update(source="POLICE")),
     "payload.seals[0].source' must be one of"),
    (EXAMPLES["conformance_300_request_transport"],  # sent as an equipment event
     "is a DCSA TRANSPORT event, not an EQUIPMENT event (send it as kind 'transport')"),
]


def history(db: pathlib.Path, what: str = "events") -> list[dict[str, Any]]:
    return read_jsonl(run_cli("history", what, "--db", db).stdout)


def wait_stored(db: pathlib.Path, events: int, quarantined: int = 0, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(history(db)) >= events and len(history(db, "quarantine")) >= quarantined:
            return
        time.sleep(0.3)
    raise AssertionError(f"the store did not reach {events} events, {quarantined} quarantined")


def start(gw: GatewayProcess, db: pathlib.Path, tmp: pathlib.Path, n: int) -> ConsoleProcess:
    return ConsoleProcess(["headless", "--db", str(db), "--token", TEST_TOKEN,
                           "--feed", gw.url("/terminal")], log=tmp / f"console{n}.log")


def test_dcsa_example_bodies_are_stored_faithfully_and_broken_ones_named(
    gateway_process_factory: Any, tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start(gw, db, tmp_path, 1)
    console.feed_state("snapshot")
    sent = {key: gw.event("equipment", EXAMPLES[key])["id"] for key in EXPECTED}
    sent_other = {key: gw.event(kind, EXAMPLES[key])["id"]
                  for key, (kind, _) in OTHER_KINDS.items()}
    bad = [(gw.event("equipment", body)["seq"], why) for body, why in NEGATIVE]
    wait_stored(db, len(EXPECTED) + len(OTHER_KINDS), len(NEGATIVE))
    assert console.terminate() == 0

    events = {e["id"]: e for e in history(db)}
    for key, expected in EXPECTED.items():
        stored = events[sent[key]]
        assert stored["feed"] == "KHH-T7", "the feed is named as the gateway announced it"
        body = stored["body"]
        for field, value in expected.items():
            assert body.get(field) == value, f"{key}: {field}"
    for key, (kind, expected) in OTHER_KINDS.items():
        stored = events[sent_other[key]]
        assert stored["kind"] == kind
        for field, value in expected.items():
            assert stored["body"].get(field) == value, f"{key}: {field}"
    quarantined = {q["seq"]: q for q in history(db, "quarantine")}
    for seq, why in bad:
        assert why in quarantined[seq]["reason"], quarantined[seq]["reason"]
        assert quarantined[seq]["feed"] == "KHH-T7"


def test_a_gateway_at_a_new_address_keeps_its_history_and_resume_point(
    gateway_process_factory: Any, tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start(gw, db, tmp_path, 1)
    console.feed_state("snapshot")
    gw.emit(10)
    last = gw.feed_state()["last_seq"]
    wait_stored(db, 10)
    assert console.terminate() == 0
    old_port = gw.port
    gw.stop()
    gw.port = 0  # the same gateway (its journals, its epoch) at another address
    gw.start()
    assert gw.port != old_port
    gw.emit(5)
    console = start(gw, db, tmp_path, 2)
    resumed = console.feed_state("resumed")
    assert resumed["feed"] == "KHH-T7"
    newest = gw.feed_state()["last_seq"]
    wait_stored(db, 15)
    assert console.terminate() == 0
    events = history(db)
    assert {e["feed"] for e in events} == {"KHH-T7"}
    seqs = sorted(e["seq"] for e in events)
    # resumed after the last stored event: nothing twice, nothing missing, none started over
    assert seqs == list(range(last - 9, newest + 1))


def _strict(schema: Any) -> Any:
    """The published schema with unknown properties refused (DCSA itself allows them)."""
    if isinstance(schema, dict):
        out = {k: _strict(v) for k, v in schema.items()}
        if out.get("type") == "object" and "properties" in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_strict(v) for v in schema]
    return schema


def test_history_export_in_dcsa_format_validates_against_the_dcsa_30_schema(
    gateway_process_factory: Any, tmp_path: pathlib.Path,
) -> None:
    import jsonschema

    published = json.loads((DATA / "TNT_v3.0.0.schema.json").read_text(encoding="utf-8"))
    schema = {**_strict(published), "$ref": "#/components/schemas/Event"}
    validator = jsonschema.Draft202012Validator(schema)
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start(gw, db, tmp_path, 1)
    console.feed_state("snapshot")
    gw.emit(20)  # the test gateway's own traffic (2.2 equipment, positions, ...)
    for key in EXPECTED:
        gw.event("equipment", EXAMPLES[key])
    for key, (kind, _) in OTHER_KINDS.items():
        gw.event(kind, EXAMPLES[key])
    shipment = {"eventID": "s1", "eventDateTime": "2026-01-20T10:00:00Z",
                "eventClassification": {"eventTypeCode": "SHIPMENT", "eventClassifierCode": "ACT",
                                        "shipmentEventTypeCode": "RELS"},
                "shipmentDetails": {"documentReference": {"typeCode": "TRD", "reference": "E1"}}}
    gw.event("shipment", shipment)
    gw.event("equipment", {"eventID": "KHH-T7-EX-0001", "isRetracted": True})
    gw.event("iot", EXAMPLES["conformance_300_request_iot"])
    gw.event("reefer", EXAMPLES["conformance_300_request_reefer"])
    gw.event("iot", {"eventID": "evt-iot-002", "isRetracted": True})
    stored = len(EXPECTED) + len(OTHER_KINDS) + 5
    wait_stored(db, stored)
    assert console.terminate() == 0
    lines = read_jsonl(run_cli("history", "events", "--db", db, "--format", "dcsa").stdout)
    dcsa_kinds = [e for e in history(db)
                  if e["kind"] in ("equipment", "transport", "shipment", "iot", "reefer")]
    assert len(lines) == len(dcsa_kinds) >= stored
    for line in lines:
        errors = sorted(validator.iter_errors(line), key=str)
        assert not errors, f"{line.get('eventID')}: {errors[0].message}"
    by_id = {line["eventID"]: line for line in lines if not line.get("isRetracted")}
    load = by_id["004a3525-23ae-4cf1-b442-68e6b2e591d8"]
    call = load["transportDetails"]["transportCall"]
    assert call["vesselTransport"]["vesselName"] == "King of the Seas"
    assert call["exportVoyageNumberOrReference"] == {"carrierVoyageNumber": "2103S"}
    iot = by_id["evt-iot-001-2026-01-20T16:45:00Z"]
    assert iot["eventClassification"] == {"eventTypeCode": "IOT", "eventClassifierCode": "ACT",
                                          "iotEventTypeCode": "DETC"}
    assert iot["iotDetails"] == {"iotEventCode": "DRO"}
    assert iot["equipmentDetails"] == {"equipmentReference": "APZU4812090",
                                       "ISOEquipmentCode": "22GP"}
    assert iot["eventLocation"]["geoCoordinate"] == {"latitude": "52.3676",
                                                     "longitude": "4.9041"}
    assert iot["eventUpdatedDateTime"] == "2026-01-20T16:50:00Z"
    reefer = by_id["evt-reefer-001-2026-01-20T18:00:00Z"]
    assert reefer["eventClassification"]["reeferEventTypeCode"] == "MEAS"
    assert reefer["reeferDetails"] == {
        "temperatureUnit": "CEL", "internalSetpointTemperature": -18.5,
        "ambientMeasuredTemperature": 22.3,
        "temperatureProbeMeasurements": [{"measuredTemperatureValue": -18.2},
                                         {"measuredTemperatureValue": -18.7}]}
    assert any(line == {"eventID": "evt-iot-002", "isRetracted": True} for line in lines)
    assert {"eventID": "KHH-T7-EX-0001", "isRetracted": True}.items() <= next(
        line for line in lines if line.get("isRetracted")
        and line["eventID"] == "KHH-T7-EX-0001").items()
