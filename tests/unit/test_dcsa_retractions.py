"""DCSA retractions and updates in every shape that has them, through the parser, store and rules.

3.0: `isRetracted` with only the `eventID` (DCSA: other data irrelevant); an event
overrides one with the same `eventID` and an earlier `eventUpdatedDateTime`.
3.0 beta: `metadata.retractedEventID`.  In each case the yard, the alerts and the
container's history follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console.model import EquipmentEvent
from console.protocol.bodies import normalise_body
from tests.unit.test_rules_world import BOX, World


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def gate_out_30(event_id: str, updated: str | None = None, etype: str = "GTOT") -> dict[str, Any]:
    body: dict[str, Any] = {
        "eventID": event_id, "eventDateTime": "2026-11-28T20:05:00+08:00",
        "eventClassification": {"eventTypeCode": "EQUIPMENT", "eventClassifierCode": "ACT",
                                "equipmentEventTypeCode": etype},
        "equipmentDetails": {"equipmentReference": BOX, "ISOEquipmentCode": "22GP",
                             "emptyIndicatorCode": "LADEN"},
    }
    if updated is not None:
        body["eventUpdatedDateTime"] = updated
    return body


def test_a_bare_30_retraction_is_accepted_and_withdraws_the_event(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.later(300).send("equipment", gate_out_30("ev-30-7"))
    (alert,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    bare = {"eventID": "ev-30-7", "isRetracted": True}
    record = normalise_body("equipment", bare)
    assert isinstance(record, EquipmentEvent) and record.retracted
    assert record.withdrawn_id == "ev-30-7"
    changes = w.later(60).send("equipment", bare)
    assert [(c.action, c.alert.alert_id) for c in changes] == [("clear", alert.alert_id)]
    assert w.sup.yard.containers[BOX].stage == "discharged"
    assert [h[2].event_type for h in w.sup.yard.containers[BOX].history] == ["DISC"]


def test_a_30_retraction_with_broken_other_data_is_still_a_retraction() -> None:
    body = {"eventID": "ev-1", "isRetracted": True,
            "eventClassification": {"eventClassifierCode": "MAYBE"}, "eventDateTime": "soon"}
    record = normalise_body("equipment", body)
    assert isinstance(record, EquipmentEvent)
    assert record.retracted and record.event_id == "ev-1" and record.event_type == ""


def test_a_30_retraction_without_an_event_id_is_rejected_with_the_reason() -> None:
    from console.protocol.bodies import BodyRejected

    with pytest.raises(BodyRejected, match="'eventID' is missing"):
        normalise_body("equipment", {"isRetracted": True})


def test_a_30_beta_retraction_withdraws_the_event_it_names(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    beta = {"metadata": {"eventID": "beta-gtot-1", "eventType": "EQUIPMENT",
                         "eventCreatedDateTime": "2026-11-28T20:05:00+08:00"},
            "payload": {"eventClassifierCode": "ACT", "eventDateTime": "2026-11-28T20:05:00+08:00",
                        "equipmentEventTypeCode": "GTOT", "equipmentReference": BOX}}
    w.later(300).send("equipment", beta)
    (alert,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    retraction = {"metadata": {"eventID": "beta-retract-1", "eventType": "EQUIPMENT",
                               "eventCreatedDateTime": "2026-11-28T20:07:00+08:00",
                               "retractedEventID": "beta-gtot-1"}}
    changes = w.later(60).send("equipment", retraction)
    assert [(c.action, c.alert.alert_id) for c in changes] == [("clear", alert.alert_id)]
    assert changes[0].why is not None and "withdrawn" in changes[0].why
    assert w.sup.yard.containers[BOX].stage == "discharged"


def test_a_later_30_update_overrides_the_event_with_the_same_id(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.later(300).send("equipment", gate_out_30("ev-9", "2026-11-28T20:05:00+08:00"))
    (alert,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    # the terminal corrects its own event: it was a drop into the yard, not a gate-out
    update = gate_out_30("ev-9", "2026-11-28T20:06:00+08:00", etype="DROP")
    update["terminal"] = {"position": {"kind": "slot", "block": "A03", "bay": 1, "row": 1,
                                       "tier": 1}}
    changes = w.later(60).send("equipment", update)
    assert ("clear", alert.alert_id) in [(c.action, c.alert.alert_id) for c in changes]
    rec = w.sup.yard.containers[BOX]
    assert rec.stage != "gated_out"
    assert [h[2].event_type for h in rec.history] == ["DISC", "DROP"]


def test_an_older_30_update_than_the_one_held_is_ignored(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.later(300).send("equipment", gate_out_30("ev-9", "2026-11-28T20:06:00+08:00"))
    stale = gate_out_30("ev-9", "2026-11-28T20:05:00+08:00", etype="DROP")
    w.later(60).send("equipment", stale)
    rec = w.sup.yard.containers[BOX]
    assert rec.stage == "gated_out"
    assert [h[2].event_type for h in rec.history] == ["DISC", "GTOT"]
