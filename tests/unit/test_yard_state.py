"""Yard state: snapshots, lifecycle, seals by source, clearance history, state at time T."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.model import ContainerState, DeviceReport, Position, PositionReport, Snapshot
from console.timefmt import parse_time
from console.yard.history import state_at
from tests.unit.test_rules_world import BOX, BOX2, LAYOUT, World, stamp


@pytest.fixture
def w(tmp_path: Path) -> Iterator[World]:
    world = World(tmp_path)
    yield world
    world.close()


def test_container_lifecycle_positions_seals_weights_and_ocr(w: World) -> None:
    yard = w.sup.yard
    w.equipment("DISC", craneId="STS03", vehicleId="SC17", grossWeightKg=27400,
                tareWeightKg=3800, seals=[("CS1", "CUS"), ("CA1", "CAR")],
                ocr={"equipmentReference": BOX, "confidence": 0.97})
    rec = yard.containers[BOX]
    assert rec.stage == "on_vehicle" and rec.vehicle_id() == "SC17"
    assert rec.seals == {"CUS": frozenset({"CS1"}), "CAR": frozenset({"CA1"})}
    assert rec.disc_customs_seals == {"CS1"} and rec.gross_weight_kg == 27400
    assert rec.ocr is not None and rec.ocr.confidence == 0.97
    w.later(60).equipment("DROP", position={"kind": "slot", "block": "A03", "bay": 12,
                                            "row": 4, "tier": 2})
    assert rec.stage == "in_slot" and yard.slots[("A03", 12, 4, 2)] == BOX
    w.later(60).equipment("RMVD", seals=[("CA1", "CAR")])
    w.later(1).equipment("RSEA", seals=[("PH9", "PHY")])
    assert rec.seals == {"PHY": frozenset({"PH9"})} and rec.disc_customs_seals == {"CS1"}
    w.later(60).equipment("PICK", vehicleId="SC20")
    assert rec.stage == "on_vehicle" and ("A03", 12, 4, 2) not in yard.slots
    w.later(60).equipment("GTOT", laneId="G2-OUT-04")
    assert rec.stage == "gated_out" and rec.position is None
    assert [h[2].event_type for h in rec.history] == ["DISC", "DROP", "RMVD", "RSEA", "PICK",
                                                      "GTOT"]


def test_vehicle_zone_speed_cargo_and_feed_clock(w: World) -> None:
    w.position("SC17", 150, 120, 3.5)
    v = w.sup.yard.vehicles["SC17"]
    assert v.location.zone_ids() == ("TS1",) and v.carrying == BOX and v.speed == 3.5
    w.later(1).position("SC17", 320, 210, 0.0, carrying=None)
    assert v.location.block == "A03" and v.carrying is None
    assert w.sup.yard.fleet.carrier_of == {}
    assert w.sup.yard.feeds["KHH-T7"].clock == parse_time(stamp(1))
    w.sup.heartbeat("KHH-T7", stamp(-50))
    assert w.sup.yard.feeds["KHH-T7"].clock == parse_time(stamp(1))
    assert w.sup.yard.feeds["KHH-T7"].events == 2


def test_clearance_history_answers_what_was_in_force(w: World) -> None:
    assert w.sup.yard.stage_of(BOX) is None
    w.clearance(status="pending")
    assert w.sup.yard.stage_of(BOX) == "on_vessel"
    first = w.sup.yard.applied
    w.later(60).clearance(status="hold")
    w.later(60).clearance(status="released")
    book = w.sup.yard.clearances
    assert [h[2].status for h in book.records[BOX].history] == ["pending", "hold", "released"]
    assert book.at(BOX, first + 1) is not None
    assert book.at(BOX, first + 1).status == "pending"  # type: ignore[union-attr]
    assert book.current(BOX).status == "released"  # type: ignore[union-attr]


def test_snapshot_replaces_what_its_role_owns(w: World) -> None:
    w.equipment("DISC", BOX2, craneId="STS03")
    snap = Snapshot("KHH-T7", "epoch-2", 500, stamp(10), containers=[
        ContainerState(BOX, "42G1", "LADEN", Position("slot", "A03", 1, 1, 1))],
        vehicles=[PositionReport("SC30", 150, 120, speed=0.0, carrying=BOX)],
        devices=[DeviceReport("CAM-1", "down", "camera")])
    changes = w.sup.apply_snapshot("KHH-T7", "terminal", snap)
    yard = w.sup.yard
    assert set(yard.containers) == {BOX} and yard.containers[BOX].stage == "in_slot"
    assert yard.slots == {("A03", 1, 1, 1): BOX}
    assert yard.vehicles["SC30"].location.zone_ids() == ("TS1",)
    assert [c.alert.rule for c in changes] == ["DEVICE_DOWN"]
    assert w.sup.apply_snapshot("KHH-T7", "terminal", snap) == []


def test_state_at_a_past_time_from_the_store(w: World) -> None:
    w.equipment("DISC", craneId="STS03", vehicleId="SC17")
    w.later(300).equipment("DROP", position={"kind": "slot", "block": "A03", "bay": 3,
                                             "row": 1, "tier": 1})
    w.later(300).clearance(status="released")
    w.later(300).equipment("GTOT")
    w.later(1).position("SC17", 150, 120, 2.0, carrying=None)
    before_drop = state_at(w.events, stamp(100), layout=LAYOUT)
    assert before_drop.containers[BOX].stage == "on_vehicle"
    assert before_drop.clearances.current(BOX) is None
    stored = state_at(w.events, stamp(650), layout=LAYOUT)
    assert stored.containers[BOX].stage == "in_slot"
    assert stored.clearances.current(BOX).status == "released"  # type: ignore[union-attr]
    end = state_at(w.events, stamp(2000), layout=LAYOUT)
    assert end.containers[BOX].stage == "gated_out"
    assert end.vehicles["SC17"].location.zone_ids() == ("TS1",)
    live = w.sup.yard.containers[BOX]
    assert end.containers[BOX].history == live.history
