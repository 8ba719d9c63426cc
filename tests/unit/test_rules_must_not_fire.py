"""Container rules: the boundaries of each rule, and the innocent cases that must raise nothing.

`tests/unit/test_rules_fire.py` has one firing and one innocent sequence per rule;
these are the cases a mutation run showed nobody checked: the exact limits of
the weight rule, tare unknown, a drop with no known carrier, seals read by
OCR, and a customs seal that only the gate or the quay checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.test_rules_fire import discharged, stored
from tests.unit.test_rules_world import BOX, BOX2, World


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


SLOT = {"kind": "slot", "block": "A03", "bay": 2, "row": 1, "tier": 1}


# EMPTY_WEIGHT_MISMATCH: "a container reported or declared EMPTY weighs more than its tare
# + 1,000 kg, or one declared laden weighs within 300 kg of its tare".

def test_laden_box_weighing_empty_without_a_declaration_fires(w: World) -> None:
    discharged(w, iso="22G1", empty="LADEN", grossWeightKg=2400)
    (alert,) = w.fired("EMPTY_WEIGHT_MISMATCH")
    assert alert.detail["tare_kg"] == 2200 and alert.detail["declared_empty"] is None
    assert alert.detail["reported"] == "LADEN"


@pytest.mark.parametrize(("empty", "gross", "fires"), [
    ("EMPTY", 3200, False),  # tare 2,200 + 1,000 exactly: not more than
    ("EMPTY", 3201, True),
    ("LADEN", 2500, False),  # tare + 300 exactly: not within
    ("LADEN", 2499, True),
])
def test_weight_limits_are_exact(w: World, empty: str, gross: int, fires: bool) -> None:
    discharged(w, iso="22G1", empty=empty, grossWeightKg=gross)
    assert bool(w.fired("EMPTY_WEIGHT_MISMATCH")) is fires


def test_gross_weight_with_unknown_tare_raises_nothing(w: World) -> None:
    """A size code the tare table does not know (3 = 30 ft) and no tare sent: no judgement."""
    discharged(w, iso="32G1", empty="EMPTY", grossWeightKg=30_000)
    discharged(w, BOX2, iso="32G1", empty="LADEN", grossWeightKg=100)
    assert "EMPTY_WEIGHT_MISMATCH" not in w.rules_fired()


def test_tare_sent_with_the_event_wins_over_the_size_default(w: World) -> None:
    discharged(w, iso="22G1", empty="EMPTY", grossWeightKg=3900, tareWeightKg=3000)
    assert "EMPTY_WEIGHT_MISMATCH" not in w.rules_fired()  # 3,900 <= 3,000 + 1,000
    discharged(w, BOX2, iso="22G1", empty="EMPTY", grossWeightKg=3900, tareWeightKg=2800)
    (alert,) = w.fired("EMPTY_WEIGHT_MISMATCH")
    assert alert.subject == BOX2 and alert.detail["tare_kg"] == 2800


def test_tare_and_size_remembered_from_an_earlier_event(w: World) -> None:
    discharged(w, iso="22G1", empty="EMPTY", tareWeightKg=3000)
    w.later(60).equipment("DROP", iso=None, empty="EMPTY", grossWeightKg=3900, position=SLOT)
    assert "EMPTY_WEIGHT_MISMATCH" not in w.rules_fired()
    w.later(60).equipment("PICK", iso=None, empty="EMPTY", grossWeightKg=4100, vehicleId="SC19")
    (alert,) = w.fired("EMPTY_WEIGHT_MISMATCH")
    assert alert.detail["tare_kg"] == 3000


def test_size_remembered_from_an_earlier_event_gives_the_default_tare(w: World) -> None:
    discharged(w, iso="L5G1", empty="EMPTY")
    w.later(60).equipment("DROP", iso=None, empty="EMPTY", grossWeightKg=5900, position=SLOT)
    (alert,) = w.fired("EMPTY_WEIGHT_MISMATCH")
    assert alert.detail["tare_kg"] == 4800


def test_declared_empty_box_reported_laden_and_heavy_fires(w: World) -> None:
    w.clearance(BOX, status="pending", declaredEmpty=True)
    discharged(w, iso="22G1", empty="LADEN", grossWeightKg=20_000)
    (alert,) = w.fired("EMPTY_WEIGHT_MISMATCH")
    assert alert.detail["declared_empty"] is True


def test_declared_empty_box_weighing_its_tare_raises_nothing(w: World) -> None:
    w.clearance(BOX, status="pending", declaredEmpty=True)
    discharged(w, iso="22G1", empty="LADEN", grossWeightKg=2200)
    assert "EMPTY_WEIGHT_MISMATCH" not in w.rules_fired()


def test_declared_laden_box_weighing_laden_raises_nothing(w: World) -> None:
    w.clearance(BOX, status="pending", declaredEmpty=False)
    discharged(w, iso="22G1", empty="EMPTY", grossWeightKg=2600)
    assert "EMPTY_WEIGHT_MISMATCH" not in w.rules_fired()


def test_no_gross_weight_raises_nothing(w: World) -> None:
    discharged(w, iso="22G1", empty="EMPTY", tareWeightKg=2200)
    assert "EMPTY_WEIGHT_MISMATCH" not in w.rules_fired()


# LOCATION_CONFLICT

def test_drop_with_no_known_carrier_raises_nothing(w: World) -> None:
    """No position report and no pick: nobody is known to carry it, so no vehicle conflict."""
    w.clearance(BOX, status="released")
    w.equipment("DROP", vehicleId="SC99", position=SLOT)
    assert "LOCATION_CONFLICT" not in w.rules_fired()


def test_drop_by_the_vehicle_that_carries_it_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(1).position("SC17", 500, 80, 4.0, carrying=BOX)
    w.later(30).equipment("DROP", vehicleId="SC17", position=SLOT)
    assert "LOCATION_CONFLICT" not in w.rules_fired()


def test_drop_without_a_vehicle_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(30).equipment("DROP", position=SLOT)
    assert "LOCATION_CONFLICT" not in w.rules_fired()


def test_the_same_box_reported_again_in_its_own_slot_raises_nothing(w: World) -> None:
    discharged(w)
    stored(w, bay=2)
    w.later(60).equipment("DROP", position={**SLOT, "bay": 12})
    assert "LOCATION_CONFLICT" not in w.rules_fired()


def test_discharge_of_a_box_on_a_vehicle_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(60).equipment("DISC", craneId="STS05")
    assert "LOCATION_CONFLICT" not in w.rules_fired()


# SEAL_MISMATCH

def test_customs_seal_read_by_ocr_at_the_gate_raises_nothing(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="released", seals=["CUS-1"])
    stored(w)
    w.later(60).equipment("GTOT", ocr={"equipmentReference": BOX, "confidence": 0.95,
                                       "sealNumbers": ["CUS-1"]})
    assert "SEAL_MISMATCH" not in w.rules_fired()


def test_a_missing_customs_seal_is_judged_at_gate_and_load_only(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="released", seals=["CUS-1"])
    stored(w)  # a yard drop does not read seals
    w.later(60).equipment("PICK", vehicleId="SC19")
    assert "SEAL_MISMATCH" not in w.rules_fired()
    w.later(60).equipment("LOAD", craneId="STS03")
    (alert,) = w.fired("SEAL_MISMATCH")
    assert alert.detail["missing"] == ["CUS-1"]


def test_no_customs_seal_required_raises_nothing_whatever_is_read(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="released")
    stored(w)
    w.later(60).equipment("GTOT", seals=[("X-9", "CAR")])
    assert "SEAL_MISMATCH" not in w.rules_fired()


# GATE_OUT_UNDER_HOLD / GATE_OUT_WITHOUT_RELEASE / UNKNOWN_AT_GATE

def test_released_box_leaving_raises_neither_gate_rule(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="released")
    stored(w)
    w.later(60).equipment("GTOT")
    assert w.rules_fired() & {"GATE_OUT_UNDER_HOLD", "GATE_OUT_WITHOUT_RELEASE",
                              "UNKNOWN_AT_GATE"} == set()


def test_pending_laden_box_is_without_release_not_under_hold(w: World) -> None:
    discharged(w)
    w.later(30).clearance(status="pending")
    stored(w)
    w.later(60).equipment("GTOT")
    fired = w.rules_fired()
    assert "GATE_OUT_WITHOUT_RELEASE" in fired and "GATE_OUT_UNDER_HOLD" not in fired


def test_held_empty_box_leaving_is_under_hold(w: World) -> None:
    discharged(w, empty="EMPTY")
    w.later(30).clearance(status="hold")
    stored(w)
    w.later(60).equipment("GTOT", empty="EMPTY")
    fired = w.rules_fired()
    assert "GATE_OUT_UNDER_HOLD" in fired and "GATE_OUT_WITHOUT_RELEASE" not in fired


def test_empty_box_remembered_from_discharge_leaving_unreleased_raises_nothing(
    w: World,
) -> None:
    discharged(w, empty="EMPTY")
    w.later(60).equipment("GTOT", empty=None)
    assert "GATE_OUT_WITHOUT_RELEASE" not in w.rules_fired()


# CONTAINER_NUMBER_INVALID / OCR_LOW_CONFIDENCE

def test_ocr_reading_equal_to_an_invalid_number_raises_one_alert(w: World) -> None:
    bad = BOX[:10] + str((int(BOX[10]) + 1) % 10)
    w.equipment("DISC", bad, craneId="STS03", ocr={"equipmentReference": bad,
                                                   "confidence": 0.95})
    assert len(w.fired("CONTAINER_NUMBER_INVALID")) == 1


def test_ocr_confidence_at_the_threshold_raises_nothing(w: World) -> None:
    w.equipment("DISC", craneId="STS03", ocr={"equipmentReference": BOX, "confidence": 0.80})
    assert "OCR_LOW_CONFIDENCE" not in w.rules_fired()


def test_a_disabled_rule_raises_nothing(tmp_path: Path) -> None:
    from console.rules.config import RuleConfig

    world = World(tmp_path, config=RuleConfig.from_mapping({"disabled": ["UNKNOWN_AT_GATE"]}))
    try:
        world.clearance(BOX2, status="released")
        world.later(10).equipment("GTOT", BOX2)
        assert world.rules_fired() == set()
    finally:
        world.close()


def test_gate_out_without_release_names_the_status_it_saw(w: World) -> None:
    discharged(w)
    w.later(60).equipment("GTOT")
    w.clearance(BOX2, status="pending")
    discharged(w, BOX2)
    w.later(60).equipment("GTOT", BOX2)
    by_box = {a.subject: a.detail["status"] for a in w.fired("GATE_OUT_WITHOUT_RELEASE")}
    assert by_box == {BOX: "none", BOX2: "pending"}


def test_a_slot_conflict_names_the_slot(w: World) -> None:
    discharged(w)
    stored(w, BOX, bay=7)
    discharged(w, BOX2)
    stored(w, BOX2, bay=7)
    (alert,) = w.fired("LOCATION_CONFLICT")
    assert alert.detail["slot"] == ["A03", 7, 4, 1]


def test_a_drop_without_a_position_is_still_judged_on_the_rest(w: World) -> None:
    """No slot to compare: no location conflict, and the other rules still judge the event."""
    bad = BOX[:10] + str((int(BOX[10]) + 1) % 10)
    w.equipment("DROP", bad, vehicleId="SC17")
    assert w.rules_fired() == {"CONTAINER_NUMBER_INVALID"}


# RESTRICTED_ZONE

def test_restricted_zone_fires_on_the_report_that_enters(w: World) -> None:
    w.position("SC18", 590, 650, 4.0, carrying=BOX2)
    assert "RESTRICTED_ZONE" not in w.rules_fired()
    w.later(1).position("SC18", 610, 650, 4.0, carrying=BOX2)
    (alert,) = w.fired("RESTRICTED_ZONE")
    assert alert.event_id == w.sent[-1].id and alert.raised_at == w.sent[-1].time
