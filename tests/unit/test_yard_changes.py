"""The core yard's change sets (issue 15 item 1): what applying input changed, typed."""

from __future__ import annotations

from console.model import (
    Clearance,
    ContainerState,
    DeviceReport,
    EquipmentEvent,
    FeedEvent,
    FenceReport,
    Position,
    PositionReport,
    Snapshot,
)
from console.yard.changes import (
    ContainerChanged,
    ContainerFacts,
    ContainerGone,
    CraneMoved,
    DeviceChanged,
    FenceChanged,
    VehicleGone,
    VehicleMoved,
)
from console.yard.retention import Retention
from console.yard.state import YardState

T0 = "2026-11-28T20:00:00+08:00"
_seq = iter(range(1, 1_000_000))


def ev(body: object, kind: str, corrects: str | None = None, time: str = T0) -> FeedEvent:
    n = next(_seq)
    return FeedEvent("T", "e1", n, f"T:{n}", kind, time, "SRC", body, corrects)


def drop(ref: str, bay: int, row: int = 1, tier: int = 1, *, event_id: str | None = None,
         empty: str = "LADEN", crane: str | None = None, time: str = T0,
         corrects: str | None = None) -> FeedEvent:
    body = EquipmentEvent(event_id or f"d{ref}{bay}{row}{tier}", "ACT", "DROP", time, ref,
                          empty=empty, iso_code="45G1", crane_id=crane,
                          position=Position("slot", "A01", bay, row, tier))
    return ev(body, "equipment", corrects, time)


def move(ref: str, kind: str, time: str = T0) -> FeedEvent:
    return ev(EquipmentEvent(f"{kind}{ref}{time}", "ACT", kind, time, ref), "equipment",
              time=time)


def yard(**kw: object) -> YardState:
    return YardState(changes=True, **kw)  # type: ignore[arg-type]


def apply(y: YardState, *events: FeedEvent) -> list[object]:
    for e in events:
        y.apply("T", e)
    return list(y.take_changes())


def test_a_drop_places_a_container_with_the_facts_the_map_shows() -> None:
    y = yard()
    [c] = apply(y, drop("AAAU1", 3, 2))
    assert c == ContainerChanged(None, ContainerFacts("AAAU1", ("A01", 3, 2, 1), None, False,
                                                      "45G1"))
    assert isinstance(c, ContainerChanged) and c.placed and not c.moved
    assert y.take_changes().items == ()  # taken: nothing is handed over twice


def test_many_moves_in_one_batch_are_one_change_from_where_it_was_to_where_it_is() -> None:
    y = yard()
    apply(y, drop("AAAU1", 1))
    [c] = apply(y, drop("AAAU1", 2), drop("AAAU1", 3), drop("AAAU1", 4))
    assert isinstance(c, ContainerChanged) and c.moved
    assert c.before is not None and c.before.slot == ("A01", 1, 1, 1)
    assert c.after.slot == ("A01", 4, 1, 1)
    [lift] = apply(y, move("AAAU1", "PICK"))
    assert isinstance(lift, ContainerChanged) and lift.lifted and lift.after.slot is None


def test_a_correction_to_another_number_takes_the_first_container_off_the_map() -> None:
    """The old map applied the corrected event as one more and kept both containers."""
    y = yard()
    first = drop("WRNG1", 5, event_id="ev-5")
    apply(y, first)
    changes = apply(y, drop("RGHT1", 5, event_id="ev-5", corrects=first.id))
    gone = [c for c in changes if isinstance(c, ContainerGone)]
    placed = [c for c in changes if isinstance(c, ContainerChanged)]
    assert [g.ref for g in gone] == ["WRNG1"] and not gone[0].forgotten
    assert [p.ref for p in placed] == ["RGHT1"] and placed[0].after.slot == ("A01", 5, 1, 1)
    assert y.facts("WRNG1") is None


def test_a_retraction_puts_the_container_back_where_it_was() -> None:
    y = yard()
    apply(y, drop("AAAU1", 3))
    gate_out = move("AAAU1", "GTOT")
    [out] = apply(y, gate_out)
    assert isinstance(out, ContainerChanged) and out.lifted
    body = gate_out.body
    assert isinstance(body, EquipmentEvent)
    [back] = apply(y, ev(EquipmentEvent(body.event_id, "", "", "", "", retracted=True),
                         "equipment"))
    assert isinstance(back, ContainerChanged) and back.placed
    assert back.after.slot == ("A01", 3, 1, 1)


def test_an_older_30_update_changes_nothing_and_says_so() -> None:
    y = yard()
    first = EquipmentEvent("u1", "ACT", "DROP", T0, "AAAU1", position=Position(
        "slot", "A01", 1, 1, 1), updated_time="2026-11-28T20:01:00+08:00")
    apply(y, ev(first, "equipment"))
    older = EquipmentEvent("u1", "ACT", "DROP", T0, "AAAU1", position=Position(
        "slot", "A01", 9, 1, 1), updated_time="2026-11-28T19:59:00+08:00")
    assert apply(y, ev(older, "equipment")) == []


def test_a_container_put_in_an_occupied_slot_displaces_the_one_there() -> None:
    y = yard()
    apply(y, drop("LOWR1", 2))
    changes = apply(y, drop("UPPR1", 2))
    by_ref = {c.ref: c for c in changes if isinstance(c, ContainerChanged)}
    assert by_ref["UPPR1"].after.slot == ("A01", 2, 1, 1)
    assert by_ref["LOWR1"].after.slot is None  # the core's slot index holds UPPR1 only
    assert y.slots[("A01", 2, 1, 1)] == "UPPR1"


def test_a_clearance_changes_the_status_shown_and_a_clearance_alone_is_known() -> None:
    y = yard()
    apply(y, drop("AAAU1", 1))
    [c] = apply(y, ev(Clearance("AAAU1", "hold"), "clearance"))
    assert isinstance(c, ContainerChanged) and c.after.status == "hold" and not c.moved
    [alone] = apply(y, ev(Clearance("BBBU2", "released"), "clearance"))
    assert alone == ContainerChanged(None, ContainerFacts("BBBU2", None, "released", False,
                                                          None))


def test_vehicles_cranes_fence_and_devices() -> None:
    y = yard()
    changes = apply(
        y, ev(PositionReport("SC01", 10.0, 20.0, 90.0, 3.0, "AAAU1", "shuttle"), "position"),
        drop("AAAU1", 4, crane="RMG01"),
        ev(FenceReport("F-1", "alarm", "cut"), "fence"),
        ev(DeviceReport("CAM-1", "down", "camera"), "device"))
    assert VehicleMoved("SC01", 10.0, 20.0, 90.0, 3.0, "AAAU1", "shuttle") in changes
    assert CraneMoved("RMG01", ("A01", 4, 1, 1)) in changes
    assert FenceChanged("F-1", True, "cut") in changes
    assert DeviceChanged("CAM-1", "down") in changes
    assert apply(y, ev(FenceReport("F-1", "clear"), "fence")) == [
        FenceChanged("F-1", False, None)]


def test_a_snapshot_is_the_difference_from_the_yard_before_it() -> None:
    y = yard()
    apply(y, drop("KEEP1", 1), drop("LOST1", 2),
          ev(PositionReport("SC09", 1.0, 1.0, 0.0, 0.0, None, None), "position"))
    snap = Snapshot("T", "e2", 10, T0, containers=[
        ContainerState("KEEP1", "45G1", "LADEN", Position("slot", "A01", 1, 1, 1)),
        ContainerState("NEWW1", "22G1", "EMPTY", Position("slot", "A01", 7, 1, 1))],
        vehicles=[PositionReport("SC02", 5.0, 5.0, 0.0, 0.0, None, None)],
        devices=[DeviceReport("CAM-2", "up", "camera")])
    y.apply_snapshot("T", "terminal", snap)
    changes = list(y.take_changes())
    assert ContainerGone(ContainerFacts("LOST1", ("A01", 2, 1, 1), None, False, "45G1"),
                         False) in changes
    assert ContainerChanged(None, ContainerFacts("NEWW1", ("A01", 7, 1, 1), None, True,
                                                 "22G1")) in changes
    assert not any(getattr(c, "ref", None) == "KEEP1" for c in changes)  # unchanged: not sent
    assert VehicleGone("SC09") in changes and DeviceChanged("CAM-2", "up") in changes


def test_a_container_the_retention_forgets_is_gone_and_says_forgotten() -> None:
    y = yard(retention=Retention(departed_after_s=60.0))
    apply(y, drop("LEFT1", 1), ev(Clearance("LEFT1", "released"), "clearance"))
    y.feed("T").advance(1_000.0)
    apply(y, move("LEFT1", "GTOT"))
    y.feed("T").advance(1_100.0)
    changes = apply(y, drop("LATE1", 2))
    assert [c for c in changes if isinstance(c, ContainerGone)] == [ContainerGone(
        ContainerFacts("LEFT1", None, "released", False, "45G1"), True)]
    assert y.facts("LEFT1") is None


def test_everything_describes_the_whole_yard_onto_an_empty_map() -> None:
    y = yard()
    apply(y, drop("AAAU1", 1), ev(Clearance("AAAU1", "hold"), "clearance"),
          ev(PositionReport("SC01", 1.0, 2.0, 0.0, 0.0, None, None), "position"))
    whole = list(y.everything())
    assert ContainerChanged(None, ContainerFacts("AAAU1", ("A01", 1, 1, 1), "hold", False,
                                                 "45G1")) in whole
    assert any(isinstance(c, VehicleMoved) and c.vehicle_id == "SC01" for c in whole)


def test_without_recording_the_yard_keeps_nothing_for_a_taker() -> None:
    y = YardState()
    y.apply("T", drop("AAAU1", 1))
    assert y.take_changes().items == ()
