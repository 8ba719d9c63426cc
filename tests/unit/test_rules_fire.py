"""Every rule fires on a realistic sequence, and stays silent on its nearest innocent one.

Each sequence goes through the real envelope parser, body normaliser, event
store and alert store (see `test_rules_world.World`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.test_rules_world import BOX, BOX2, BOX3, World


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def discharged(w: World, ref: str = BOX, **extra: object) -> None:
    w.equipment("DISC", ref, craneId="STS03", vehicleId="SC17", **extra)


def stored(w: World, ref: str = BOX, bay: int = 12) -> None:
    w.later(60).equipment("DROP", ref, vehicleId="SC17",
                          position={"kind": "slot", "block": "A03", "bay": bay, "row": 4,
                                    "tier": 1})


# GATE_OUT_WITHOUT_RELEASE

def test_laden_gate_out_while_pending_fires_and_a_late_release_clears_it(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="pending")
    stored(w)
    changes = w.later(600).equipment("GTOT", laneId="G2-OUT-04")
    raised = [c for c in changes if c.alert.rule == "GATE_OUT_WITHOUT_RELEASE"]
    assert len(raised) == 1 and raised[0].alert.severity == "critical"
    assert raised[0].alert.subject == BOX and raised[0].alert.state == "unacknowledged"
    w.later(60).clearance(status="released")
    (alert,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    assert alert.cleared and alert.state == "unacknowledged"


def test_gate_out_without_any_clearance_fires(w: World) -> None:
    discharged(w)
    stored(w)
    w.later(60).equipment("GTOT")
    assert len(w.fired("GATE_OUT_WITHOUT_RELEASE")) == 1


def test_released_container_leaving_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="released")
    stored(w)
    w.later(600).equipment("GTOT", laneId="G2-OUT-04")
    assert w.rules_fired() == set()


def test_empty_container_leaving_while_pending_is_not_a_release_breach(w: World) -> None:
    discharged(w, empty="EMPTY", grossWeightKg=3900, tareWeightKg=3800)
    w.later(30).clearance(status="pending", declaredEmpty=True)
    stored(w)
    w.later(60).equipment("GTOT", empty="EMPTY")
    assert "GATE_OUT_WITHOUT_RELEASE" not in w.rules_fired()


def test_two_gate_outs_without_release_give_two_alerts_grouped(w: World) -> None:
    discharged(w)
    stored(w)
    w.later(60).equipment("GTOT")
    w.later(60).equipment("GTIN", laneId="G1-IN-01")
    w.later(60).equipment("GTOT")
    alerts = w.fired("GATE_OUT_WITHOUT_RELEASE")
    assert len(alerts) == 2
    head = next(a for a in alerts if a.heads_group)
    assert head.repeats == 1
    assert all(a.group_id == head.alert_id for a in alerts)


# GATE_OUT_UNDER_HOLD

@pytest.mark.parametrize("status", ["hold", "inspect"])
def test_gate_out_under_hold_or_inspection_fires(w: World, status: str) -> None:
    discharged(w)
    w.later(30).clearance(status=status)
    stored(w)
    w.later(60).equipment("GTOT")
    (alert,) = w.fired("GATE_OUT_UNDER_HOLD")
    assert alert.severity == "critical" and alert.detail["status"] == status
    assert "GATE_OUT_WITHOUT_RELEASE" not in w.rules_fired()


def test_hold_lifted_before_gate_out_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="hold")
    stored(w)
    w.later(60).clearance(status="released")
    w.later(60).equipment("GTOT")
    assert w.rules_fired() == set()


# SEAL_MISMATCH

def test_gate_seal_reading_missing_the_customs_seal_fires(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="released", seals=["TW1234567"])
    stored(w)
    w.later(60).equipment("GTOT", seals=[("TW7654321", "PHY")],
                          ocr={"equipmentReference": BOX, "confidence": 0.97,
                               "sealNumbers": ["TW7654321"]})
    (alert,) = w.fired("SEAL_MISMATCH")
    assert alert.detail["missing"] == ["TW1234567"] and alert.severity == "high"


def test_customs_seal_recorded_at_discharge_must_be_found_at_load(w: World) -> None:
    discharged(w, seals=[("CS0001", "CUS")])
    w.later(30).clearance(status="released")
    w.later(60).equipment("LOAD", seals=[("XX0001", "PHY")])
    (alert,) = w.fired("SEAL_MISMATCH")
    assert alert.detail["missing"] == ["CS0001"]


def test_seal_reading_that_matches_raises_nothing(w: World) -> None:
    discharged(w, seals=[("CS0001", "CUS")])
    w.later(30).clearance(status="released", seals=["TW1234567"])
    stored(w)
    w.later(60).equipment("GTOT", ocr={"equipmentReference": BOX, "confidence": 0.95,
                                       "sealNumbers": ["TW1234567", "CS0001"]})
    assert w.rules_fired() == set()


# CONTAINER_NUMBER_INVALID and OCR_LOW_CONFIDENCE

def test_bad_check_digit_fires_and_a_valid_number_does_not(w: World) -> None:
    bad = BOX[:-1] + str((int(BOX[-1]) + 1) % 10)
    w.equipment("DISC", bad, craneId="STS03")
    w.later(5).equipment("DISC", BOX2, craneId="STS03")
    (alert,) = w.fired("CONTAINER_NUMBER_INVALID")
    assert alert.subject == bad and alert.severity == "medium"


def test_invalid_ocr_reading_fires_on_the_container(w: World) -> None:
    misread = "EGHU9O12346"
    discharged(w, ocr={"equipmentReference": misread, "confidence": 0.91})
    (alert,) = w.fired("CONTAINER_NUMBER_INVALID")
    assert alert.subject == BOX and alert.detail == {"reading": "ocr", "value": misread}


def test_low_ocr_confidence_fires_below_the_threshold_only(w: World) -> None:
    discharged(w, ocr={"equipmentReference": BOX, "confidence": 0.62})
    discharged(w, BOX2, ocr={"equipmentReference": BOX2, "confidence": 0.80})
    (alert,) = w.fired("OCR_LOW_CONFIDENCE")
    assert alert.subject == BOX and alert.severity == "low"


def test_planned_events_are_not_judged(w: World) -> None:
    w.equipment("GTOT", "BAD-NUMBER", classifier="PLN")
    assert w.rules_fired() == set()
    assert "BAD-NUMBER" not in w.sup.yard.containers


# NOT_ON_MANIFEST (10 min on the terminal feed's clock)

def test_no_clearance_ten_minutes_after_discharge_fires(w: World) -> None:
    discharged(w)
    w.later(599).heartbeat()
    assert w.fired("NOT_ON_MANIFEST") == []
    w.later(2).heartbeat()
    (alert,) = w.fired("NOT_ON_MANIFEST")
    assert alert.subject == BOX and alert.severity == "high"
    w.later(30).clearance(status="pending")
    assert w.fired("NOT_ON_MANIFEST")[0].cleared


def test_clearance_arriving_after_nine_minutes_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(540).clearance(status="pending")
    w.later(120).heartbeat()
    w.later(3600).heartbeat()
    assert "NOT_ON_MANIFEST" not in w.rules_fired()


# EMPTY_WEIGHT_MISMATCH

def test_heavy_empty_fires_and_a_plausible_empty_does_not(w: World) -> None:
    discharged(w, iso="22G1", empty="EMPTY", grossWeightKg=5200)
    discharged(w, BOX2, iso="22G1", empty="EMPTY", grossWeightKg=2900)
    (alert,) = w.fired("EMPTY_WEIGHT_MISMATCH")
    assert alert.subject == BOX and alert.detail["tare_kg"] == 2200


def test_declared_laden_at_tare_weight_fires(w: World) -> None:
    w.clearance(BOX, status="pending", declaredEmpty=False)
    discharged(w, iso="L5G1", empty="LADEN", grossWeightKg=4900)
    (alert,) = w.fired("EMPTY_WEIGHT_MISMATCH")
    assert alert.detail["tare_kg"] == 4800
    discharged(w, BOX2, iso="L5G1", empty="LADEN", grossWeightKg=24900)
    assert len(w.fired("EMPTY_WEIGHT_MISMATCH")) == 1


def test_same_weighing_reported_again_raises_once(w: World) -> None:
    discharged(w, iso="22G1", empty="EMPTY", grossWeightKg=5200)
    w.later(60).equipment("DROP", iso="22G1", empty="EMPTY", grossWeightKg=5200,
                          position={"kind": "slot", "block": "A03", "bay": 1, "row": 1,
                                    "tier": 1})
    assert len(w.fired("EMPTY_WEIGHT_MISMATCH")) == 1


# UNSCHEDULED_STOP

def test_loaded_vehicle_standing_on_the_road_for_over_a_minute_fires(w: World) -> None:
    discharged(w)
    w.later(1).position("SC17", 500, 80, 4.0)
    w.later(1).position("SC17", 504, 80, 0.0)
    w.later(60).heartbeat()
    assert w.fired("UNSCHEDULED_STOP") == []
    w.later(1).heartbeat()
    (alert,) = w.fired("UNSCHEDULED_STOP")
    assert alert.subject == "SC17" and alert.detail["zones"] == ["RD1"]
    w.later(5).position("SC17", 506, 80, 2.0)
    assert w.fired("UNSCHEDULED_STOP")[0].cleared


def test_stop_inside_a_transfer_area_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(1).position("SC17", 150, 120, 3.0)
    w.later(1).position("SC17", 151, 120, 0.0)
    w.later(600).heartbeat()
    assert w.rules_fired() - {"NOT_ON_MANIFEST"} == set()


def test_empty_vehicle_standing_on_the_road_raises_nothing(w: World) -> None:
    w.position("SC20", 500, 80, 0.0, carrying=None)
    w.later(300).heartbeat()
    assert w.rules_fired() == set()


def test_stop_in_a_yard_block_raises_nothing(w: World) -> None:
    w.position("SC21", 320, 210, 0.0, carrying=BOX3)
    w.later(300).heartbeat()
    assert w.rules_fired() == set()


# RESTRICTED_ZONE

def test_loaded_vehicle_entering_a_restricted_zone_fires_once(w: World) -> None:
    w.position("SC18", 590, 650, 4.0, carrying=BOX3)
    w.later(1).position("SC18", 610, 650, 4.0, carrying=BOX3)
    w.later(1).position("SC18", 620, 650, 4.0, carrying=BOX3)
    (alert,) = w.fired("RESTRICTED_ZONE")
    assert alert.subject == "SC18" and alert.detail["zones"] == ["R1"]
    w.later(1).position("SC18", 720, 650, 4.0, carrying=BOX3)
    assert w.fired("RESTRICTED_ZONE")[0].cleared


def test_empty_vehicle_entering_a_restricted_zone_raises_nothing(w: World) -> None:
    w.position("SC18", 590, 650, 4.0, carrying=None)
    w.later(1).position("SC18", 610, 650, 4.0, carrying=None)
    assert w.rules_fired() == set()


# TRANSFER_OVERDUE

def test_discharged_container_not_stored_in_thirty_minutes_fires(w: World) -> None:
    discharged(w)
    w.later(60).clearance(status="released")
    w.later(1741).heartbeat()
    (alert,) = w.fired("TRANSFER_OVERDUE")
    assert alert.subject == BOX and alert.severity == "medium"
    stored(w)
    assert w.fired("TRANSFER_OVERDUE")[0].cleared


def test_container_stored_after_twenty_minutes_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(60).clearance(status="released")
    w.later(1140).equipment("DROP", vehicleId="SC17", position={
        "kind": "slot", "block": "A03", "bay": 3, "row": 1, "tier": 1})
    w.later(3600).heartbeat()
    assert w.rules_fired() == set()


# LOCATION_CONFLICT

def test_two_containers_dropped_into_one_slot_fires(w: World) -> None:
    discharged(w)
    stored(w, BOX, bay=7)
    discharged(w, BOX2)
    stored(w, BOX2, bay=7)
    (alert,) = w.fired("LOCATION_CONFLICT")
    assert alert.subject == BOX2 and alert.detail["other"] == BOX


def test_slot_emptied_before_the_next_drop_raises_nothing(w: World) -> None:
    discharged(w)
    stored(w, BOX, bay=7)
    w.later(60).equipment("PICK", BOX, vehicleId="SC19")
    discharged(w, BOX2)
    stored(w, BOX2, bay=7)
    assert "LOCATION_CONFLICT" not in w.rules_fired()


def test_discharge_of_a_container_stored_in_the_yard_fires(w: World) -> None:
    discharged(w)
    stored(w)
    w.later(60).equipment("DISC", craneId="STS05")
    (alert,) = w.fired("LOCATION_CONFLICT")
    assert alert.detail["in_slot"] == "A03/12/4/1"


def test_drop_by_another_vehicle_while_carried_elsewhere_fires(w: World) -> None:
    discharged(w)
    w.later(1).position("SC17", 500, 80, 4.0, carrying=BOX)
    w.later(30).equipment("DROP", vehicleId="SC99", position={
        "kind": "slot", "block": "A03", "bay": 2, "row": 1, "tier": 1})
    (alert,) = w.fired("LOCATION_CONFLICT")
    assert alert.detail["on_vehicle"] == ["SC17"]


# UNKNOWN_AT_GATE

def test_gate_out_of_a_never_seen_container_fires(w: World) -> None:
    w.clearance(BOX3, status="released")
    w.later(10).equipment("GTOT", BOX3)
    assert w.rules_fired() == {"UNKNOWN_AT_GATE"}


def test_gated_in_container_leaving_again_raises_nothing(w: World) -> None:
    w.clearance(BOX3, status="released")
    w.later(10).equipment("GTIN", BOX3, laneId="G1-IN-01")
    w.later(600).equipment("GTOT", BOX3)
    assert w.rules_fired() == set()


# FENCE_INTRUSION

def test_fence_alarm_fires_and_clear_clears_it(w: World) -> None:
    w.fence("F-N-07", "alarm")
    w.later(1).fence("F-N-07", "alarm")
    (alert,) = w.fired("FENCE_INTRUSION")
    assert alert.severity == "critical" and not alert.cleared
    w.later(5).fence("F-N-07", "clear")
    (alert,) = w.fired("FENCE_INTRUSION")
    assert alert.cleared and alert.state == "unacknowledged"


def test_fence_reporting_clear_raises_nothing(w: World) -> None:
    w.fence("F-N-07", "clear")
    assert w.rules_fired() == set()


# FEED_STALE (console clock)

def test_feed_disconnected_over_fifteen_seconds_fires_and_resolves_when_back(w: World) -> None:
    w.sup.feed_status("KHH-T7", "connected", 1000.0)
    w.sup.feed_status("KHH-T7", "disconnected", 1010.0, "connection reset")
    assert w.sup.tick(1025.0) == []
    (change,) = w.sup.tick(1025.5)
    assert change.alert.rule == "FEED_STALE" and change.alert.subject == "KHH-T7"
    assert w.sup.tick(1030.0) == []
    changes = w.sup.feed_status("KHH-T7", "resumed", 1040.0)
    assert [c.alert.state for c in changes] == ["resolved"]
    assert changes[0].alert.cleared and changes[0].alert.resolution == "cleared"


def test_silent_feed_reported_stale_fires_at_once(w: World) -> None:
    (change,) = w.sup.feed_status("KHH-T7", "stale", 1000.0, "nothing for 15 s")
    assert change.alert.rule == "FEED_STALE"


def test_feed_back_within_fifteen_seconds_raises_nothing(w: World) -> None:
    w.sup.feed_status("KHH-T7", "disconnected", 1000.0)
    w.sup.tick(1010.0)
    w.sup.feed_status("KHH-T7", "resumed", 1012.0)
    assert w.sup.tick(1100.0) == []
    assert w.rules_fired() == set()


# DEVICE_DOWN

def test_device_down_fires_medium_degraded_low_and_up_resolves(w: World) -> None:
    w.device("CAM-R17-03", "down")
    w.later(1).device("CAM-R17-03", "down")
    (alert,) = w.fired("DEVICE_DOWN")
    assert alert.severity == "medium"
    w.later(10).device("CAM-R17-03", "degraded")
    alerts = sorted(w.fired("DEVICE_DOWN"), key=lambda a: a.severity)
    assert [a.severity for a in alerts] == ["low", "medium"]
    assert alerts[1].state == "resolved"
    w.later(10).device("CAM-R17-03", "up")
    assert all(a.state == "resolved" and a.cleared for a in w.fired("DEVICE_DOWN"))


def test_device_reporting_up_raises_nothing(w: World) -> None:
    w.device("CAM-R17-03", "up")
    assert w.rules_fired() == set()


def test_without_a_layout_no_stop_is_judged(tmp_path: Path) -> None:
    w = World(tmp_path, layout=None)
    w.position("SC17", 500, 80, 0.0)
    w.later(600).heartbeat()
    assert "UNSCHEDULED_STOP" not in w.rules_fired()
    w.sup.set_layout({"zones": [{"id": "RD1", "kind": "road",
                                 "polygon": [[0, 0], [1000, 0], [1000, 100], [0, 100]]}]})
    w.later(1).position("SC17", 501, 80, 0.0)
    w.later(1).heartbeat()
    assert "UNSCHEDULED_STOP" in w.rules_fired()
    w.close()


def test_a_fault_in_a_rule_is_logged_and_supervision_goes_on(
    w: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import console.rules.supervisor as supervisor

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rule bug")

    monkeypatch.setattr(supervisor, "judge_fence", broken)
    assert w.fence("F-N-07", "alarm") == []
    assert w.sup.faults == 1 and "rules failed on event" in caplog.text
    w.later(1).device("CAM-1", "down")
    assert w.rules_fired() == {"DEVICE_DOWN"}
