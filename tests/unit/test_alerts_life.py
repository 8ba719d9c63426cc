"""The alert life: officer actions, who/when/where/why, restart, replay, corrections."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.alerts import operations as ops
from console.alerts.model import AlertTransitionError
from console.rules.supervisor import Supervisor
from console.store.office.alert_rows import SqliteAlertStore
from tests.unit.test_rules_world import BOX, LAYOUT, World

HEADLESS_KEYS = {"kind", "alert_id", "rule", "severity", "state", "cleared", "subject",
                 "event_id", "raised_at", "changed_at", "feed"}


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def gate_out_unreleased(w: World) -> str:
    w.equipment("DISC", craneId="STS03")
    w.later(60).equipment("GTOT")
    (alert,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    return alert.alert_id


def test_headless_line_has_every_required_key(w: World) -> None:
    gate_out_unreleased(w)
    (line,) = [c.to_json() for c in w.changes if c.alert.rule == "GATE_OUT_WITHOUT_RELEASE"]
    assert set(line) >= HEADLESS_KEYS
    assert line["kind"] == "alert" and line["state"] == "unacknowledged"
    assert line["cleared"] is False and line["feed"] == "KHH-T7"
    assert line["event_id"] == w.sent[-1].id and line["raised_at"] == w.sent[-1].time
    for change in w.changes:
        assert json.loads(json.dumps(change.to_json())) == change.to_json()


def test_acknowledge_then_resolve_records_who_when_where_why(w: World) -> None:
    aid = gate_out_unreleased(w)
    book = w.sup.book
    (ack,) = ops.acknowledge(book, aid, who="A123", station="WS-07", why="taking it")
    assert ack.alert.state == "acknowledged" and ack.to_json()["who"] == "A123"
    with pytest.raises(AlertTransitionError):
        ops.acknowledge(book, aid, who="A123", station="WS-07")
    w.wall += 95
    (res,) = ops.resolve(book, aid, "confirmed_violation", who="A123", station="WS-07",
                         why="truck stopped at checkpoint 2")
    assert res.alert.state == "resolved" and res.alert.resolution == "confirmed_violation"
    history = list(w.alerts.changes(aid))
    assert [c.action for c in history] == ["raise", "acknowledge", "resolve"]
    assert history[-1].who == "A123" and history[-1].station == "WS-07"
    assert history[-1].why == "truck stopped at checkpoint 2"
    assert history[-1].at == "2027-01-15T08:01:35.000Z"
    assert aid not in book.open


def test_resolve_needs_a_known_resolution_and_can_skip_acknowledge(w: World) -> None:
    aid = gate_out_unreleased(w)
    with pytest.raises(AlertTransitionError):
        ops.resolve(w.sup.book, aid, "whatever", who="A1", station="WS-01")
    (res,) = ops.resolve(w.sup.book, aid, "false_alarm", who="A1", station="WS-01")
    assert res.alert.state == "resolved"


def test_shelved_alert_comes_back_unacknowledged_when_time_is_up(w: World) -> None:
    aid = gate_out_unreleased(w)
    with pytest.raises(AlertTransitionError):
        ops.shelve(w.sup.book, aid, 600, "too long", who="A1", station="WS-01")
    with pytest.raises(AlertTransitionError):
        ops.shelve(w.sup.book, aid, 30, " ", who="A1", station="WS-01")
    (sh,) = ops.shelve(w.sup.book, aid, 30, "waiting for the broker", who="A1",
                       station="WS-01")
    assert sh.alert.state == "shelved" and sh.alert.shelved_until == w.wall + 1800
    w.wall += 1799
    assert w.sup.tick(5.0) == []
    w.wall += 1
    (back,) = w.sup.tick(6.0)
    assert back.alert.state == "unacknowledged" and back.who == "system"
    assert back.why == "shelving time is up"


def test_escalate_comment_and_reopen(w: World) -> None:
    aid = gate_out_unreleased(w)
    book = w.sup.book
    assert ops.escalate(book, aid, who="A1", station="WS-01", why="needs a supervisor")[
        0].alert.state == "escalated"
    (c,) = ops.comment(book, aid, "broker called", who="S9", station="WS-02")
    assert c.alert.state == "escalated" and c.why == "broker called"
    ops.resolve(book, aid, "duplicate", who="S9", station="WS-02")
    (r,) = ops.reopen(book, aid, who="S9", station="WS-02", why="not a duplicate after all")
    assert r.alert.state == "unacknowledged" and r.alert.resolution is None
    assert aid in book.open


def test_acting_on_a_group_head_acts_on_its_repeats(w: World) -> None:
    for _ in range(5):
        w.later(1).fence("F-N-07", "alarm")
        w.later(1).fence("F-N-07", "clear")
    alerts = w.fired("FENCE_INTRUSION")
    assert len(alerts) == 5
    heads = w.sup.book.heads()
    assert len(heads) == 1 and heads[0].repeats == 4
    changes = ops.acknowledge(w.sup.book, heads[0].alert_id, who="A1", station="WS-01")
    assert len(changes) == 5 and {c.alert.state for c in changes} == {"acknowledged"}


def test_repeats_of_a_shelved_head_stay_shelved(w: World) -> None:
    w.fence("F-N-07", "alarm")
    (head,) = w.sup.book.heads()
    ops.shelve(w.sup.book, head.alert_id, 60, "maintenance on F-N-07", who="A1",
               station="WS-01")
    w.later(1).fence("F-N-07", "clear")
    w.later(1).fence("F-N-07", "alarm")
    assert {a.state for a in w.fired("FENCE_INTRUSION")} == {"shelved"}


def test_the_same_event_applied_twice_raises_once(w: World) -> None:
    gate_out_unreleased(w)
    before = len(list(w.alerts.changes()))
    for event in list(w.sent):
        w.apply(event)
    raises = [c for c in list(w.alerts.changes())[before:] if c.action == "raise"]
    assert raises == []


def test_restarted_console_picks_up_open_alerts_and_a_replay_raises_nothing(
    w: World, tmp_path: Path
) -> None:
    aid = gate_out_unreleased(w)
    w.later(10).fence("F-N-07", "alarm")
    ops.acknowledge(w.sup.book, aid, who="A1", station="WS-01")
    store = SqliteAlertStore(w.path)
    restarted = Supervisor(store, LAYOUT)
    assert set(restarted.book.open) == {a.alert_id for a in w.fired()}
    assert restarted.book.open[aid].state == "acknowledged"
    changes = [c for e in w.sent for c in restarted.apply(e.feed, "terminal", e)]
    assert [c for c in changes if c.action == "raise"] == []
    store.close()


def test_correction_clears_what_the_misread_raised_and_the_ocr_raises_nothing_new(
    w: World,
) -> None:
    misread = "EGHU9O12345"
    w.equipment("DISC", craneId="STS03")
    w.later(30).clearance(status="released")
    w.later(60).equipment("DROP", position={"kind": "slot", "block": "A03", "bay": 1,
                                            "row": 1, "tier": 1})
    w.later(600).equipment("GTOT", misread, event_id="G-1",
                           ocr={"equipmentReference": misread, "confidence": 0.55})
    assert {a.rule for a in w.fired()} == {
        "CONTAINER_NUMBER_INVALID", "OCR_LOW_CONFIDENCE", "GATE_OUT_WITHOUT_RELEASE",
        "UNKNOWN_AT_GATE"}
    original_id = w.sent[-1].id
    changes = w.later(20).equipment("GTOT", BOX, event_id="G-1", corrects=original_id,
                                    ocr={"equipmentReference": misread, "confidence": 0.55})
    assert all(c.action == "clear" for c in changes)
    by_rule = {a.rule: a for a in w.fired()}
    assert len(w.fired()) == 4
    for rule in ("CONTAINER_NUMBER_INVALID", "GATE_OUT_WITHOUT_RELEASE", "UNKNOWN_AT_GATE"):
        assert by_rule[rule].cleared, rule
    assert not by_rule["OCR_LOW_CONFIDENCE"].cleared
    rec = w.sup.yard.containers[BOX]
    assert rec.stage == "gated_out" and misread not in w.sup.yard.containers


def test_correction_that_still_breaks_a_rule_keeps_the_alert(w: World) -> None:
    w.equipment("DISC", craneId="STS03")
    w.later(60).equipment("GTOT", event_id="G-2")
    (alert,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    w.later(20).equipment("GTOT", event_id="G-2", corrects=w.sent[-1].id, laneId="G2-OUT-01")
    (again,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    assert again.alert_id == alert.alert_id and not again.cleared


def test_nothing_can_be_deleted(w: World) -> None:
    gate_out_unreleased(w)
    conn = sqlite3.connect(w.path)
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM alerts")
    with pytest.raises(sqlite3.IntegrityError, match="never"):
        conn.execute("DELETE FROM alert_changes")
    with pytest.raises(sqlite3.IntegrityError, match="never rewritten"):
        conn.execute("UPDATE alert_changes SET who = 'x'")
    conn.close()


def test_dcsa_30_retraction_withdraws_the_event_and_clears_its_alerts(w: World) -> None:
    def body(retracted: bool) -> dict[str, object]:
        return {
            "eventID": "ev-30-1", "eventDateTime": "2026-11-28T20:05:00+08:00",
            "eventClassification": {"eventTypeCode": "EQUIPMENT", "eventClassifierCode": "ACT",
                                    "equipmentEventTypeCode": "GTOT"},
            "equipmentDetails": {"equipmentReference": BOX, "ISOEquipmentCode": "22GP",
                                 "emptyIndicatorCode": "LADEN"},
            "isRetracted": retracted,
        }

    w.equipment("DISC", craneId="STS03")
    w.later(300).send("equipment", body(False))
    (alert,) = w.fired("GATE_OUT_WITHOUT_RELEASE")
    assert w.sup.yard.containers[BOX].stage == "gated_out"
    changes = w.later(60).send("equipment", body(True))
    assert [(c.action, c.alert.alert_id) for c in changes] == [("clear", alert.alert_id)]
    assert changes[0].why is not None and "withdrawn" in changes[0].why
    assert w.sup.yard.containers[BOX].stage == "discharged"
    assert [h[2].event_type for h in w.sup.yard.containers[BOX].history] == ["DISC"]
