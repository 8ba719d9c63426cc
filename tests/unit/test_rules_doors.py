"""DCSA 3.0 IoT and reefer events, and DOOR_OPENED_WITHOUT_INSPECTION."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console.model import IotEvent, ReeferEvent
from console.protocol.bodies import BodyRejected, normalise_body
from tests.unit.test_rules_world import BOX, World, stamp

RULE = "DOOR_OPENED_WITHOUT_INSPECTION"
EXAMPLES: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "dcsa" / "examples.json").read_text("utf-8"))


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def door(w: World, code: str, event_id: str = "iot-1", updated: str | None = None) -> None:
    body = {**EXAMPLES["conformance_300_request_iot"], "eventID": event_id,
            "eventDateTime": stamp(w.t), "iotDetails": {"iotEventCode": code}}
    body["equipmentDetails"] = {"equipmentReference": BOX, "ISOEquipmentCode": "22GP"}
    if updated is None:
        body.pop("eventUpdatedDateTime")
    else:
        body["eventUpdatedDateTime"] = updated
    w.send("iot", body)


def test_the_dcsa_iot_and_reefer_examples_read_field_by_field() -> None:
    iot = normalise_body("iot", EXAMPLES["conformance_300_request_iot"])
    assert iot == IotEvent(
        "evt-iot-001-2026-01-20T16:45:00Z", "ACT", "DRO", "2026-01-20T16:45:00Z",
        "APZU4812090", iso_code="22GP", location_name="Container Storage Area",
        latitude="52.3676", longitude="4.9041", updated_time="2026-01-20T16:50:00Z")
    reefer = normalise_body("reefer", EXAMPLES["conformance_300_request_reefer"])
    assert reefer == ReeferEvent(
        "evt-reefer-001-2026-01-20T18:00:00Z", "ACT", "MEAS", "2026-01-20T18:00:00Z",
        "APZU4812090", temperature_unit="CEL", setpoint=-18.5, ambient=22.3,
        probes=(-18.2, -18.7), updated_time="2026-01-20T18:05:00Z")
    broken = {**EXAMPLES["conformance_300_request_iot"], "iotDetails": {"iotEventCode": "OPEN"}}
    with pytest.raises(BodyRejected, match=r"iotDetails\.iotEventCode' must be one of DRC, DRO"):
        normalise_body("iot", broken)


def test_a_door_opened_in_the_yard_without_an_inspection_order_is_an_alert(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="released")
    w.later(120)
    door(w, "DRO")
    (alert,) = w.fired(RULE)
    assert alert.subject == BOX and alert.detail["our_status"] == "released"


def test_a_door_opened_for_an_ordered_inspection_or_closed_raises_nothing(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="inspect")
    door(w, "DRO")
    door(w, "DRC", "iot-2")
    assert w.fired(RULE) == []


def test_a_door_opened_after_the_container_left_is_not_judged(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="released")
    w.later(60).equipment("GTOT")
    door(w, "DRO")
    assert w.fired(RULE) == []




def test_retracting_the_door_report_withdraws_its_alert(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="released")
    w.later(120)
    door(w, "DRO")
    (alert,) = w.fired(RULE)
    changes = w.later(30).send("iot", {"eventID": "iot-1", "isRetracted": True})
    assert [(c.action, c.alert.alert_id) for c in changes] == [("clear", alert.alert_id)]
    assert "withdrawn" in (changes[0].why or "")
    (cleared,) = w.fired(RULE)
    assert cleared.cleared


def test_retracting_another_iot_event_leaves_the_door_alert_open(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="released")
    door(w, "DRO")
    door(w, "LOC", "iot-2")
    w.send("iot", {"eventID": "iot-2", "isRetracted": True})
    w.send("iot", {"eventID": "iot-unknown", "isRetracted": True})
    (alert,) = w.fired(RULE)
    assert not alert.cleared


def test_a_later_30_update_of_the_door_report_replaces_it_and_an_older_one_is_ignored(
    w: World,
) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="released")
    door(w, "DRO", updated=stamp(w.t))
    (alert,) = w.fired(RULE)
    # the device corrects itself: it was the door closing
    door(w.later(10), "DRC", updated=stamp(w.t))
    assert [(a.alert_id, a.cleared) for a in w.fired(RULE)] == [(alert.alert_id, True)]
    # an older version of the report, arriving late, changes nothing
    door(w, "DRO", updated=stamp(w.t - 5))
    assert [(a.alert_id, a.cleared) for a in w.fired(RULE)] == [(alert.alert_id, True)]


def test_a_containers_history_in_the_store_has_its_e_seal_and_reefer_reports(w: World) -> None:
    """`history events --container` must show the door opened, not only the moves."""
    w.equipment("DISC", craneId="STS03")
    door(w, "DRO")
    reefer = {**EXAMPLES["conformance_300_request_reefer"], "eventID": "rf-1"}
    reefer["equipmentDetails"] = {"equipmentReference": BOX, "ISOEquipmentCode": "45R1"}
    w.send("reefer", reefer)
    w.send("iot", {**EXAMPLES["conformance_300_request_iot"], "eventID": "other"})
    kinds = [e.kind for e in w.events.events(container=BOX)]
    assert kinds == ["equipment", "iot", "reefer"]
