"""The live yard's memory is bounded; the store and the history review keep everything.

A long stream of containers that arrive, are stored and leave goes through the
real parser, the real SQLite store and the real supervisor (`World`).  The live
yard must hold only the containers that are still in the terminal or left
within the retention, each with at most `HISTORY_PER_CONTAINER` events, and
its indexes no larger; the store and a history review (`state_at`) still hold
every event.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from console.protocol.iso6346 import make_number
from console.rules.config import RuleConfig
from console.rules.supervisor import live_retention
from console.yard.containers import record_before
from console.yard.history import state_at
from console.yard.retention import DEPARTED_RETENTION_S, HISTORY_PER_CONTAINER
from tests.unit.test_rules_world import World, stamp

SLOT = {"kind": "slot", "block": "A03", "bay": 3, "row": 2, "tier": 1}
SPACING_S = 120.0
CONTAINERS = 300


def _life(w: World, ref: str) -> None:
    """Discharge, carry, store, release, carry, gate out: one container's visit."""
    w.later(SPACING_S / 6).equipment("DISC", ref, vehicleId="SC1", craneId="QC1")
    w.later(SPACING_S / 6).equipment("DROP", ref, position=SLOT)
    w.later(SPACING_S / 6).clearance(ref, "released")
    w.later(SPACING_S / 6).equipment("PICK", ref, vehicleId="TR1")
    w.later(SPACING_S / 6).equipment("GTIN", ref, laneId="L1")
    w.later(SPACING_S / 6).equipment("GTOT", ref)


def test_a_long_stream_keeps_the_live_yard_under_its_bound(tmp_path: Path) -> None:
    w = World(tmp_path)
    yard = w.sup.yard
    refs = [make_number("RET", n) for n in range(CONTAINERS)]
    peak = {"containers": 0, "history": 0, "index": 0, "clearances": 0}
    for ref in refs:
        _life(w, ref)
        peak["containers"] = max(peak["containers"], len(yard.containers))
        peak["history"] = max(peak["history"],
                              sum(len(c.history) for c in yard.containers.values()))
        peak["index"] = max(peak["index"], len(yard._event_ref), len(yard._by_body_id))
        peak["clearances"] = max(peak["clearances"], len(yard.clearances.records))
    # Containers that left within the retention, plus the one under way.
    within = int(DEPARTED_RETENTION_S / SPACING_S) + 2
    assert peak["containers"] <= within
    assert peak["clearances"] <= within
    assert peak["history"] <= within * 5
    assert peak["index"] <= within * 5
    assert yard.forgotten >= CONTAINERS - within
    # Every container that left long ago is gone from the slot index too.
    assert set(yard.slots.values()) <= set(yard.containers)
    # The store keeps every event: a history review sees every container's visit.
    stored = list(w.events.events(container=refs[0]))
    assert [s.kind for s in stored].count("equipment") == 5
    review = state_at(w.events, stamp(w.t + 1))
    assert len(review.containers) == CONTAINERS
    assert review.containers[refs[0]].stage == "gated_out"
    assert len(review.containers[refs[0]].history) == 5
    assert w.fired() == []
    w.close()


def test_a_container_in_the_terminal_is_never_forgotten(tmp_path: Path) -> None:
    w = World(tmp_path)
    stays = make_number("STY", 1)
    w.equipment("DISC", stays, vehicleId="SC1", craneId="QC1")
    w.later(10).equipment("DROP", stays, position={**SLOT, "bay": 20})
    w.clearance(stays, "released")
    for n in range(40):
        _life(w, make_number("RET", n))
    rec = w.sup.yard.container(stays)
    assert rec is not None and rec.stage == "in_slot"
    assert w.sup.yard.slots[("A03", 20, 2, 1)] == stays
    assert w.sup.yard.clearances.current(stays) is not None
    w.close()


def test_a_busy_container_keeps_its_last_events_and_its_state(tmp_path: Path) -> None:
    w = World(tmp_path)
    ref = make_number("BSY", 7)
    w.equipment("DISC", ref, vehicleId="SC1", craneId="QC1",
                seals=[("CS1", "CUS")])
    moves = 3 * HISTORY_PER_CONTAINER
    for n in range(moves):
        bay = 1 + n % 30
        w.later(30).equipment("DROP", ref, position={**SLOT, "bay": bay})
        w.later(30).equipment("PICK", ref, vehicleId="SC1")
    w.later(30).equipment("DROP", ref, position=SLOT)
    live = w.sup.yard.container(ref)
    assert live is not None
    assert len(live.history) == HISTORY_PER_CONTAINER
    review = state_at(w.events, stamp(w.t + 1)).container(ref)
    assert review is not None and len(review.history) == 2 * moves + 2
    for name in ("stage", "position", "seals", "disc_customs_seals", "discharged_at",
                 "last_event_id", "seen_in_yard"):
        assert getattr(live, name) == getattr(review, name), name
    # A fold from the floor gives the same record; a correction of a kept event still works.
    assert record_before(live, 1 << 60).position == live.position
    last = live.history[-1][1]
    w.later(5).equipment("DROP", ref, position={**SLOT, "bay": 9}, corrects=last)
    corrected = w.sup.yard.container(ref)
    assert corrected is not None and corrected.position is not None
    assert corrected.position.bay == 9 and w.sup.yard.late_references == 0
    w.close()


def test_a_correction_of_a_forgotten_container_without_the_store_is_said_not_silent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A yard that cannot read the store (`recall` None) applies it as a new event, and
    says so (with the store, the container is read back: the test below)."""
    w = World(tmp_path)
    w.sup.yard.recall = None
    first = make_number("RET", 0)
    _life(w, first)
    gate_out = w.sent[-1].id
    for n in range(1, 30):
        _life(w, make_number("RET", n))
    assert w.sup.yard.container(first) is None
    with caplog.at_level(logging.WARNING, logger="console.yard"):
        w.later(5).equipment("GTOT", first, corrects=gate_out)
    assert w.sup.yard.late_references == 1
    assert f"container {first}, which the live yard no longer holds" in caplog.text
    assert "applied as a new event" in caplog.text
    assert "the event store keeps the original" in caplog.text
    w.close()


def test_the_retention_is_never_shorter_than_the_longest_timed_rule() -> None:
    usual = RuleConfig()
    assert live_retention(usual).departed_after_s >= max(
        DEPARTED_RETENTION_S, usual.transfer_overdue_after_s + 60.0)
    slow = RuleConfig(transfer_overdue_after_s=7200.0)
    assert live_retention(slow).departed_after_s == 7260.0


def test_a_retraction_of_a_folded_event_is_said_not_silent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    w = World(tmp_path)
    ref = make_number("BSY", 8)
    w.equipment("DISC", ref, vehicleId="SC1", craneId="QC1", event_id="DISC-1")
    for _ in range(HISTORY_PER_CONTAINER):
        w.later(30).equipment("INSP", ref)
    live = w.sup.yard.container(ref)
    assert live is not None and live.floor is not None
    assert w.sup.yard.forgotten_event("DISC-1") == ref
    with caplog.at_level(logging.WARNING, logger="console.yard"):
        assert w.sup.yard.retract("DISC-1") is None
    assert w.sup.yard.late_references == 1
    assert f"event DISC-1 of container {ref}, which the live yard no longer holds" \
        in caplog.text
    assert "nothing withdrawn" in caplog.text
    assert live.discharged_at is not None and live.stage == "on_vehicle"


def test_a_late_correction_of_a_forgotten_container_takes_its_originals_place(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The container is read back from the real store and the correction judged as one: the
    gate-out that raised GATE_OUT_WITHOUT_RELEASE was of an empty box, so the alert clears."""
    w = World(tmp_path)
    first = make_number("RET", 0)
    w.equipment("DISC", first, vehicleId="SC1", craneId="QC1")
    w.later(20).equipment("DROP", first, position=SLOT)
    w.later(20).clearance(first, "pending")
    w.later(20).equipment("GTIN", first, laneId="L1")
    w.later(20).equipment("GTOT", first)
    gate_out = w.sent[-1].id
    [raised] = w.fired("GATE_OUT_WITHOUT_RELEASE")
    assert raised.subject == first and raised.is_open
    for n in range(1, 30):
        _life(w, make_number("RET", n))
    yard = w.sup.yard
    assert yard.container(first) is None and yard.clearances.current(first) is None
    with caplog.at_level(logging.WARNING, logger="console.yard"):
        w.later(5).equipment("GTOT", first, empty="EMPTY", corrects=gate_out)
    correction = w.sent[-1].id
    assert yard.late_references == 0 and "no longer holds" not in caplog.text
    assert yard.recalled == 1
    back = yard.container(first)
    assert back is not None and back.stage == "gated_out" and back.empty == "EMPTY"
    ids = [h[1] for h in back.history]
    assert gate_out not in ids and ids[-1] == correction and len(ids) == 4
    assert yard.root_id(correction) == gate_out
    current = yard.clearances.current(first)
    assert current is not None and current.status == "pending"
    after = w.alerts.get(raised.alert_id)
    assert after is not None and after.cleared
    assert [a.alert_id for a in w.fired("GATE_OUT_WITHOUT_RELEASE")] == [raised.alert_id]
    w.close()


def test_clearances_of_containers_that_never_arrive_are_let_go_and_read_back(
    tmp_path: Path
) -> None:
    """A clearance feed announces decisions about boxes still at sea; some never come.  They
    are let go after the retention like departed containers; one that arrives late is
    judged by its decision, read back from the store (no false alarm at its gate)."""
    w = World(tmp_path)
    yard = w.sup.yard
    retention = yard.retention
    assert retention is not None
    refs = [make_number("SEA", n) for n in range(CONTAINERS)]
    peak = 0
    for ref in refs:
        w.later(SPACING_S).clearance(ref, "released")
        peak = max(peak, len(yard.clearances.records))
    within = int(retention.departed_after_s / SPACING_S) + 2
    assert peak <= within
    assert yard.clearances.expired >= CONTAINERS - within
    late = refs[0]
    assert yard.clearances.current(late) is None
    w.later(60).equipment("DISC", late, vehicleId="SC1", craneId="QC1")
    current = yard.clearances.current(late)
    assert current is not None and current.status == "released"
    w.later(60).equipment("DROP", late, position=SLOT)
    w.later(60).equipment("GTIN", late, laneId="L1")
    w.later(60).equipment("GTOT", late)
    assert w.fired("GATE_OUT_WITHOUT_RELEASE") == []
    assert yard.recalled == 1
    w.close()
