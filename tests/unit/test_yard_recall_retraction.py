"""Issue 13: a retraction (or a 3.0 update) naming an event of a container the live yard
forgot reads that container back from the store, as a correction does.

Each case is run twice through `World` (the real envelope parser, body normaliser,
SQLite event and alert stores, supervisor and `StoreRecall`): once by the live yard,
which forgets the box 31 minutes after it gated out, and once by a yard that forgets
nothing.  The alert the withdrawn event raised must be withdrawn in both, and both
yards must end holding the same containers, slots and clearance decisions.  A
restart's replay of the store (a fresh supervisor, its own alert store) must agree.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from console.alerts.model import AlertChange
from console.rules.supervisor import Supervisor
from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore
from console.yard.recall import StoreRecall
from console.yard.retention import HISTORY_PER_CONTAINER, Retention
from console.yard.state import YardState
from tests.unit.test_rules_world import BOX, BOX2, LAYOUT, World, stamp

GATE_OUT = "gtot-901234"
SLOT = {"kind": "slot", "block": "A03", "bay": 7, "row": 3, "tier": 1}
NEVER = Retention(departed_after_s=1e12)  # a yard that forgets no departed container


def _gate_out(w: World) -> dict[str, Any]:
    """The box's gate-out, its DCSA `eventID` not its envelope id."""
    return {"eventID": GATE_OUT, "eventType": "EQUIPMENT", "eventClassifierCode": "ACT",
            "eventDateTime": stamp(w.t), "eventCreatedDateTime": stamp(w.t),
            "equipmentEventTypeCode": "GTOT", "equipmentReference": BOX,
            "ISOEquipmentCode": "42G1", "emptyIndicatorCode": "LADEN"}


def _retraction_30(w: World) -> dict[str, Any]:
    return {"eventID": GATE_OUT, "isRetracted": True}


def _retraction_30_full(w: World) -> dict[str, Any]:
    """3.0 with the withdrawn event's other data repeated (DCSA: irrelevant)."""
    return {"eventID": GATE_OUT, "isRetracted": True, "eventDateTime": stamp(w.t),
            "eventClassification": {"eventTypeCode": "EQUIPMENT", "eventClassifierCode": "ACT",
                                    "equipmentEventTypeCode": "GTOT"},
            "equipmentDetails": {"equipmentReference": BOX, "ISOEquipmentCode": "42G1",
                                 "emptyIndicatorCode": "LADEN"}}


def _retraction_beta(w: World) -> dict[str, Any]:
    return {"metadata": {"eventID": "beta-retract-1", "eventType": "EQUIPMENT",
                         "eventCreatedDateTime": stamp(w.t), "retractedEventID": GATE_OUT}}


def _update_30(w: World) -> dict[str, Any]:
    """A 3.0 update of the gate-out: it was a drop into the yard."""
    return {"eventID": GATE_OUT, "eventDateTime": stamp(60), "eventUpdatedDateTime": stamp(w.t),
            "eventClassification": {"eventTypeCode": "EQUIPMENT", "eventClassifierCode": "ACT",
                                    "equipmentEventTypeCode": "DROP"},
            "equipmentDetails": {"equipmentReference": BOX, "ISOEquipmentCode": "42G1",
                                 "emptyIndicatorCode": "LADEN"},
            "terminal": {"position": SLOT}}


SHAPES: dict[str, tuple[Callable[[World], dict[str, Any]], str]] = {
    "3.0 isRetracted": (_retraction_30, "event withdrawn by"),
    "3.0 isRetracted with data": (_retraction_30_full, "event withdrawn by"),
    "3.0 beta retractedEventID": (_retraction_beta, "event withdrawn by"),
    "3.0 eventUpdatedDateTime": (_update_30, "event updated by"),
}


def _run(w: World, late: Callable[[World], dict[str, Any]]) -> list[AlertChange]:
    """DISC, a pending decision, GTOT (its alert raised), 31 minutes of another box's life,
    then the late retraction (or update) of the gate-out; return its changes."""
    w.equipment("DISC", BOX, vehicleId="SC1", craneId="QC1")
    w.later(10).clearance(BOX, "pending")
    w.later(50).send("equipment", _gate_out(w))
    for n in range(4):  # another box, past the retention of the first
        w.later(500).equipment("DISC" if n == 0 else "PICK", BOX2, vehicleId="SC2")
    w.later(10).clearance(BOX2, "released")
    return w.later(10).send("equipment", late(w))


def _facts(yard: YardState) -> dict[str, Any]:
    """What the yard holds that an officer or a rule can ask about (not application numbers,
    which a read-back container takes from the event that brought it back; the events the
    live yard keeps of each container, not those folded into its floor)."""
    return {
        "containers": {ref: (rec.stage, rec.position, rec.empty, rec.iso_code, rec.seals,
                             rec.discharged_at, rec.seen_in_yard, rec.last_event_id,
                             [(i, ev) for _, i, ev in rec.history[-HISTORY_PER_CONTAINER:]])
                       for ref, rec in sorted(yard.containers.items())},
        "slots": dict(sorted(yard.slots.items())),
        "clearances": {ref: [(i, c) for _, i, c in r.history]
                       for ref, r in sorted(yard.clearances.records.items())},
    }


def _alerts(w: World) -> list[tuple[str, str, str, bool]]:
    return sorted((a.rule, a.subject, a.cause, a.cleared) for a in w.fired())


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_late_retraction_of_a_forgotten_event_withdraws_as_if_nothing_was_forgotten(
    tmp_path: Path, shape: str, caplog: pytest.LogCaptureFixture,
) -> None:
    late, why = SHAPES[shape]
    (tmp_path / "live").mkdir()
    (tmp_path / "whole").mkdir()
    live, whole = World(tmp_path / "live"), World(tmp_path / "whole")
    whole.sup.yard.retention = NEVER
    try:
        with caplog.at_level(logging.INFO, logger="console.yard"):
            changes = _run(live, late)
        _run(whole, late)
        yard = live.sup.yard
        assert yard.forgotten == 1, "the live yard forgot the box before the retraction"
        (alert,) = live.fired("GATE_OUT_WITHOUT_RELEASE")
        assert alert.subject == BOX and alert.cause == live.sent[2].id
        assert [(c.action, c.alert.alert_id) for c in changes] == [("clear", alert.alert_id)]
        assert changes[0].why is not None and changes[0].why.startswith(why)
        assert yard.late_references == 0 and yard.recalled == 1
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert any("read back from the store" in r.getMessage() for r in caplog.records)
        assert _facts(yard) == _facts(whole.sup.yard)
        assert _alerts(live) == _alerts(whole)
        rec = yard.container(BOX)
        assert rec is not None and rec.stage != "gated_out"
        # back in the terminal: no longer waiting to be forgotten as a departed box
        live.later(2000).equipment("PICK", BOX2, vehicleId="SC2")
        assert yard.container(BOX) is not None
    finally:
        live.close()
        whole.close()


def _replay(w: World, db: Path) -> tuple[list[AlertChange], YardState]:
    """A restart: a fresh supervisor (with its own alert store) fed every stored event, the
    store already holding all of them, recalling through a read-only reader."""
    alerts = SqliteAlertStore(db)
    fresh = Supervisor(alerts, LAYOUT, wall_clock=lambda: w.wall)
    reader = SqliteEventStore(w.path, readonly=True)
    fresh.yard.recall = StoreRecall(reader)
    try:
        changes = [c for e in w.sent for c in fresh.apply(
            e.feed, "clearance" if e.feed == "CUSTOMS" else "terminal", e)]
        return changes, fresh.yard
    finally:
        reader.close()
        alerts.close()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_replay_of_the_store_agrees_with_the_live_run(tmp_path: Path, shape: str) -> None:
    late, _ = SHAPES[shape]
    w = World(tmp_path)
    try:
        _run(w, late)
        live = [(c.action, c.alert.rule, c.alert.subject, c.alert.cause) for c in w.changes]
        changes, yard = _replay(w, tmp_path / "replay.db")
        assert [(c.action, c.alert.rule, c.alert.subject, c.alert.cause)
                for c in changes] == live
        assert ("clear", "GATE_OUT_WITHOUT_RELEASE", BOX, w.sent[2].id) in live
        assert _facts(yard) == _facts(w.sup.yard)
        assert yard.late_references == 0 and yard.recalled == 1
    finally:
        w.close()


def test_without_a_store_a_late_retraction_is_still_counted_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """A yard with no recall (the store cannot say) keeps the old, logged behaviour."""
    w = World(tmp_path)
    w.sup.yard.recall = None
    try:
        with caplog.at_level(logging.WARNING, logger="console.yard"):
            changes = _run(w, _retraction_30)
        assert changes == []
        assert w.sup.yard.late_references == 1 and w.sup.yard.recalled == 0
        assert any(BOX in r.getMessage() for r in caplog.records)
    finally:
        w.close()


def test_a_retraction_bringing_a_departure_back_keeps_the_box(tmp_path: Path) -> None:
    """A gate-out retracted before the box was forgotten: the box is back on its vehicle,
    so 31 minutes later it is still in the yard (not forgotten as departed)."""
    w = World(tmp_path)
    try:
        w.equipment("DISC", BOX, vehicleId="SC1", craneId="QC1")
        w.later(50).send("equipment", _gate_out(w))
        w.later(10).send("equipment", _retraction_30(w))
        w.later(1900).equipment("DISC", BOX2, vehicleId="SC2")
        rec = w.sup.yard.container(BOX)
        assert rec is not None and rec.stage == "on_vehicle"
        assert [h[2].event_type for h in rec.history] == ["DISC"]
        assert w.sup.yard.forgotten == 0
    finally:
        w.close()


def test_a_retraction_of_an_event_folded_into_the_floor_is_read_back(tmp_path: Path) -> None:
    """The box is still in the yard, but the withdrawn pick is older than its last 64
    events: the box is read back and ends as in a yard that keeps every event."""
    (tmp_path / "live").mkdir()
    (tmp_path / "whole").mkdir()
    worlds = World(tmp_path / "live"), World(tmp_path / "whole")
    worlds[1].sup.yard.retention = Retention(history_per_container=10**6)
    try:
        for w in worlds:
            w.equipment("DISC", BOX, vehicleId="SC1", craneId="QC1")
            w.later(10).send("equipment", {**_gate_out(w), "equipmentEventTypeCode": "PICK",
                                           "terminal": {"vehicleId": "SC1"}})
            for n in range(40):
                w.later(10).equipment("DROP", BOX, position={**SLOT, "bay": 1 + n % 9})
                w.later(10).equipment("PICK", BOX, vehicleId="SC1")
            w.later(10).equipment("DROP", BOX, position=SLOT)
            w.later(10).send("equipment", _retraction_beta(w))
        live, whole = (w.sup.yard for w in worlds)
        assert live.late_references == 0 and live.recalled == 1
        assert GATE_OUT not in [h[2].event_id for h in whole.containers[BOX].history]
        assert _facts(live) == _facts(whole)
    finally:
        for w in worlds:
            w.close()
