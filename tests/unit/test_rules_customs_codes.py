"""CUSTOMS_STATUS_DISAGREES: the terminal's DCSA 3.0 customs codes against our clearance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_rules_world import BOX, World, stamp

RULE = "CUSTOMS_STATUS_DISAGREES"


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def customs_30(w: World, code: str, event_id: str = "cus-1") -> None:
    body: dict[str, Any] = {
        "eventID": event_id, "eventDateTime": stamp(w.t),
        "eventClassification": {"eventTypeCode": "EQUIPMENT", "eventClassifierCode": "ACT",
                                "equipmentEventTypeCode": code},
        "equipmentDetails": {"equipmentReference": BOX, "ISOEquipmentCode": "22GP",
                             "emptyIndicatorCode": "LADEN", "movementType": "IMPORT"},
    }
    w.send("equipment", body)


def test_a_terminal_release_of_a_held_container_is_an_alert(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="hold")
    w.later(60)
    customs_30(w, "CUSR")
    (alert,) = w.fired(RULE)
    assert alert.subject == BOX and alert.severity == "high"
    assert alert.detail["terminal_code"] == "CUSR" and alert.detail["our_status"] == "hold"


@pytest.mark.parametrize(("status", "code", "fires"), [
    ("released", "CUSR", False), ("inspect", "CUSR", True), ("pending", "CUSR", True),
    ("inspect", "CUSI", False), ("hold", "CUSS", False), ("released", "CUSI", True),
    ("released", "CUSS", True), ("pending", "CUSS", True),
])
def test_each_code_against_each_decision(w: World, status: str, code: str, fires: bool) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status=status)
    customs_30(w, code)
    assert bool(w.fired(RULE)) is fires


def test_a_code_for_a_container_without_clearance_disagrees(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    customs_30(w, "CUSR")
    (alert,) = w.fired(RULE)
    assert alert.detail["our_status"] == "no clearance"


def test_the_alert_clears_when_our_decision_comes_to_agree(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="pending")
    customs_30(w, "CUSR")
    (alert,) = w.fired(RULE)
    changes = w.later(30).clearance(status="released")
    assert ("clear", alert.alert_id) in [(c.action, c.alert.alert_id) for c in changes]


def test_a_retracted_customs_event_withdraws_its_alert(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.clearance(status="hold")
    customs_30(w, "CUSR", event_id="cus-9")
    (alert,) = w.fired(RULE)
    changes = w.later(10).send("equipment", {"eventID": "cus-9", "isRetracted": True})
    assert [(c.action, c.alert.alert_id) for c in changes] == [("clear", alert.alert_id)]
