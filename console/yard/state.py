"""`YardState`: the whole yard, rebuilt from snapshots and updated by events.

The state knows facts, not rules: the supervisor asks it questions (where is
this container, what was its clearance at that moment, who is in this slot)
before and after applying each event.  Only `ACT` equipment events change
containers; planned and estimated events are counted and otherwise ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from console.layout import Layout
from console.model import (
    Clearance,
    DeviceReport,
    EquipmentEvent,
    FeedEvent,
    FenceReport,
    IotEvent,
    Position,
    PositionReport,
    ShipmentEvent,
    Snapshot,
    TransportEvent,
)
from console.timefmt import try_parse_time
from console.yard.changes import (
    ChangeRecorder,
    ContainerChanged,
    ContainerFacts,
    CraneMoved,
    DeviceChanged,
    FenceChanged,
    VehicleMoved,
    YardChanges,
    YardQueries,
)
from console.yard.clearances import ClearanceBook
from console.yard.containers import (
    ContainerRecord,
    fold_event,
    from_base,
    refold,
    trim_history,
)
from console.yard.feeds import FeedHealth
from console.yard.iot_events import IotReports
from console.yard.layout import YardLayout
from console.yard.retention import (
    DEPARTED_STAGES,
    FORGOTTEN_IDS_KEPT,
    HISTORY_PER_CONTAINER,
    Retention,
)
from console.yard.vehicles import Fleet, VehicleBefore, VehicleRecord
from console.yard.vessel_calls import VesselCalls

SlotKey = tuple[str, int, int, int]
log = logging.getLogger("console.yard")


@dataclass(frozen=True, slots=True)
class Replacement:
    """What a correction replaced: the original event, its application number and root id."""

    original: EquipmentEvent
    original_ref: str
    apply_no: int
    root_id: str


class YardState:
    """The yard.  With a `retention` (the live console's) its memory is bounded; without
    one (the history review's replays) it keeps every event it applied.

    With `changes=True` (the live console's supervisor) it records what each input
    changed; `take_changes()` hands that over as one typed change set
    (`console.yard.changes`), which is all the window's map applies."""

    def __init__(
        self, layout: Layout | Mapping[str, Any] | None = None, stop_speed: float = 0.3,
        retention: Retention | None = None, changes: bool = False,
    ) -> None:
        self.layout = YardLayout(layout)
        self.retention = retention
        self._departed: dict[str, float] = {}  # ref -> feed time it left, oldest first
        self.forgotten = 0  # containers forgotten since start (retention)
        self.late_references = 0  # corrections/retractions naming a forgotten event
        self._forgotten_ids: dict[str, str] = {}  # forgotten event id -> its container
        # Containers whose clearance decisions were let go (oldest first): read back from the
        # store should they arrive (again).  `recall` reads the store (`console.yard.recall`).
        self._let_go: dict[str, None] = {}
        self.recall: Callable[[str, tuple[str, str] | None], list[FeedEvent]] | None = None
        self._applying: tuple[str, str] | None = None  # (feed, id) of the event being applied
        self.recalled = 0  # containers read back from the store
        self.stop_speed = stop_speed
        self.containers: dict[str, ContainerRecord] = {}
        self.slots: dict[SlotKey, str] = {}
        self.fleet = Fleet()
        self.clearances = ClearanceBook()
        self.devices: dict[str, DeviceReport] = {}
        self.fences: dict[str, FenceReport] = {}
        self.feeds: dict[str, FeedHealth] = {}
        self.applied = 0
        self._event_ref: dict[str, str] = {}
        self._root: dict[str, str] = {}
        self._by_body_id: dict[str, str] = {}
        self._updated: dict[str, str] = {}  # DCSA eventID -> its 3.0 eventUpdatedDateTime
        self.vessels = VesselCalls()  # not part of snapshots: kept across them
        self.iot = IotReports()  # likewise
        self.cranes: dict[str, SlotKey] = {}  # crane -> the slot of its latest actual move
        self._rec: ChangeRecorder | None = ChangeRecorder(YardQueries(
            self.facts, self._vehicle_now, self.cranes.get, self._fence_now,
            self._device_now)) if changes else None

    @property
    def vehicles(self) -> dict[str, VehicleRecord]:
        return self.fleet.vehicles

    def set_layout(self, layout: Layout | Mapping[str, Any]) -> None:
        self.layout = YardLayout(layout)
        self.fleet.relocate(self.layout)

    def feed(self, key: str) -> FeedHealth:
        health = self.feeds.get(key)
        if health is None:
            health = self.feeds[key] = FeedHealth(key)
        return health

    def container(self, ref: str) -> ContainerRecord | None:
        return self.containers.get(ref)

    def stage_of(self, ref: str) -> str | None:
        """A container's lifecycle stage; `on_vessel` when only a clearance names it so far."""
        rec = self.containers.get(ref)
        if rec is not None:
            return rec.stage
        return "on_vessel" if self.clearances.current(ref) is not None else None

    def root_id(self, event_id: str) -> str:
        """The id of the first event of a correction chain (an event's own id otherwise)."""
        return self._root.get(event_id, event_id)

    def apply_snapshot(self, feed_key: str, role: str, snap: Snapshot) -> None:
        """Replace what the feed's role owns with the snapshot's whole state."""
        self.applied += 1
        health = self.feed(feed_key)
        health.role, health.epoch, health.last_seq = role, snap.epoch, snap.seq
        health.advance(try_parse_time(snap.time))
        noted = self._rec
        if noted is not None:  # all it holds first: any other ref is one it holds nothing of
            for ref in self.clearances.records:
                noted.container(ref)
            if role != "clearance":
                for ref in self.containers:
                    noted.container(ref)
                for box in snap.containers:
                    noted.unknown(box.equipment_reference)
            for c in snap.clearances:
                ref = c.equipment_reference
                if role == "clearance" and ref in self.containers:
                    noted.container(ref)
                else:
                    noted.unknown(ref)
        if role == "clearance":
            self.clearances.clear()
            for c in snap.clearances:
                self.clearances.record(self.applied, None, c)
            self.clearances.snapshot_in = True
            return
        if noted is not None:
            for vid in self.fleet.vehicles:
                noted.vehicle(vid)
            for v in snap.vehicles:
                noted.vehicle(v.vehicle_id)
            for did in self.devices:
                noted.device(did)
            for d in snap.devices:
                noted.device(d.device_id)
        self.containers = {c.equipment_reference: from_base(c) for c in snap.containers}
        self._event_ref = {}
        self._root = {}
        self._by_body_id = {}
        self._updated = {}
        self._departed = {}
        self.slots = {}
        for rec in self.containers.values():
            self._place(rec, None)
        self.fleet.clear()
        for v in snap.vehicles:
            self.fleet.report(v, self.layout, health.clock, None, self.stop_speed)
        self.devices = {d.device_id: d for d in snap.devices}
        for c in snap.clearances:
            self.clearances.record(self.applied, None, c)

    def _count(self, feed_key: str, event: FeedEvent) -> FeedHealth:
        self.applied += 1
        health = self.feed(feed_key)
        health.events += 1
        if event.seq > health.last_seq:
            health.last_seq = event.seq
        health.epoch = event.epoch
        return health

    def apply_position(
        self, feed_key: str, event: FeedEvent, report: PositionReport
    ) -> tuple[VehicleBefore | None, VehicleRecord]:
        """Apply a position report; return (the vehicle as it was, the vehicle now)."""
        health = self._count(feed_key, event)
        if self._rec is not None:
            self._rec.vehicle(report.vehicle_id)
        before, now = self.fleet.report(
            report, self.layout, health.clock, event.id, self.stop_speed
        )
        now.feed = feed_key
        return before, now

    def apply(self, feed_key: str, event: FeedEvent) -> None:
        """Apply one event (rules are judged by the supervisor around this call).

        Only ACT equipment events change containers.  A retraction withdraws the
        event it names (3.0: same `eventID`; 3.0 beta: `retractedEventID`); a 3.0
        event with an `eventUpdatedDateTime` overrides the event with the same
        `eventID` and an earlier update time, and is ignored when it is the older.
        """
        health = self._count(feed_key, event)
        self._applying = (feed_key, event.id)
        body = event.body
        rec = self._rec
        if isinstance(body, EquipmentEvent):
            ref = body.equipment_reference
            if body.retracted:
                held = self._by_body_id.get(body.withdrawn_id)
                # the withdrawn event's container (a bare retraction names none): a gate-out
                # withdrawn puts it back in the terminal, no longer waiting to be forgotten
                ref = self._event_ref.get(held, ref) if held is not None else ref
                self.retract(body.withdrawn_id)
            elif body.classifier == "ACT":
                if event.corrects is not None:
                    self.correct(event)
                elif self.outdated(body):
                    return
                else:
                    if self.overrides(body) is not None:
                        self.retract(body.event_id)
                    elif body.updated_time is not None:
                        self._late("a 3.0 update", body.event_id, "applied as a new event")
                    self.apply_equipment(event.id, body)
                    self.vessels.apply_move(body)
            self._keep_bounded(ref, health.clock)
        elif isinstance(body, PositionReport):
            if rec is not None:
                rec.vehicle(body.vehicle_id)
            self.fleet.report(body, self.layout, health.clock, event.id, self.stop_speed)
        elif isinstance(body, Clearance):
            if rec is not None:
                rec.container(body.equipment_reference)
            self.clearances.record(self.applied, event.id, body)
            if self.retention is not None and health.clock is not None:
                if body.equipment_reference not in self.containers:
                    self.clearances.waiting(body.equipment_reference, health.clock)
                self._expire_clearances(health.clock)
        elif isinstance(body, FenceReport):
            if rec is not None:
                rec.fence(body.segment_id)
            self.fences[body.segment_id] = body
        elif isinstance(body, DeviceReport):
            if rec is not None:
                rec.device(body.device_id)
            self.devices[body.device_id] = body
        elif isinstance(body, TransportEvent):
            self.vessels.apply_transport(event.id, body)
        elif isinstance(body, ShipmentEvent):
            self.vessels.apply_shipment(body)
        elif isinstance(body, IotEvent):
            self.iot.apply(event.id, body)

    def apply_equipment(self, event_id: str, ev: EquipmentEvent) -> ContainerRecord:
        if self._rec is not None:
            self._rec.container(ev.equipment_reference)
        self._crane_at(ev)
        rec = self.containers.get(ev.equipment_reference)
        if rec is None:
            rec = self.containers[ev.equipment_reference] = ContainerRecord(ev.equipment_reference)
            self._arrived(ev.equipment_reference)
        before = rec.position
        rec.history.append((self.applied, event_id, ev))
        fold_event(rec, ev, event_id)
        self._event_ref[event_id] = rec.equipment_reference
        self._by_body_id[ev.event_id] = event_id
        if ev.updated_time is not None:
            self._updated[ev.event_id] = ev.updated_time
        self._place(rec, before)
        return rec

    def _keep_bounded(self, ref: str, clock: float | None) -> None:
        """Apply the retention after an equipment event on `ref` (nothing without one)."""
        if self.retention is None:
            return
        self._departed.pop(ref, None)
        rec = self.containers.get(ref)
        if rec is not None:
            self._forget_events(trim_history(rec, self.retention.history_per_container))
            if rec.stage in DEPARTED_STAGES and clock is not None:
                self._departed[ref] = clock
        if clock is None:
            return
        horizon = clock - self.retention.departed_after_s
        while self._departed:
            oldest, left_at = next(iter(self._departed.items()))
            if left_at > horizon:
                break
            del self._departed[oldest]
            self.forget(oldest)
        self._expire_clearances(clock)

    def _expire_clearances(self, clock: float) -> None:
        """Let go of the decisions about containers that did not arrive within the retention."""
        assert self.retention is not None
        for ref in self.clearances.expire(clock - self.retention.departed_after_s,
                                          self.containers):
            self._note_let_go(ref)

    def _note_let_go(self, ref: str) -> None:
        self._let_go.pop(ref, None)
        self._let_go[ref] = None
        while len(self._let_go) > FORGOTTEN_IDS_KEPT:
            del self._let_go[next(iter(self._let_go))]

    def _arrived(self, ref: str) -> None:
        """A container the yard did not hold: its decisions stay while it does; those let go
        before are read back from the store (they are the ones in force at its gate)."""
        self.clearances.arrived(ref)
        if ref not in self._let_go or self.recall is None:
            return
        del self._let_go[ref]
        decisions = [e for e in self.recall(ref, self._applying)
                     if isinstance(e.body, Clearance)]
        first = self.applied - len(decisions)
        self.clearances.restore(ref, [(first + i, e.id, e.body)
                                      for i, e in enumerate(decisions)
                                      if isinstance(e.body, Clearance)])
        self.recalled += 1

    def bring_back(self, event: FeedEvent) -> bool:
        """Before an event naming an event the live yard let go of (a correction, a
        retraction in any shape, a 3.0 update): read that container back from the store
        (its events and decisions, in their order), so that the correction takes its
        original's place, the retraction withdraws it, the update overrides it, as if the
        yard had never let go.  False when nothing it names was let go, or the store
        cannot say (no `recall`, the original not stored, or a record from a snapshot,
        whose base is not among the stored events): the event is then applied as one
        naming an event never seen."""
        named = self.names_forgotten(event)
        if self.recall is None or named is None:
            return False
        ref, envelope, named_id = named
        live = self.containers.get(ref)
        if live is not None and live.base is not None:
            return False
        # The events its record held when the yard let them go, or holds now: not those a
        # correction already replaced (the store keeps those too, under the same container).
        held = {i for i, r in self._forgotten_ids.items() if r == ref}
        if live is not None:
            held.update(h[1] for h in live.history)
        stored = [e for e in self.recall(ref, (event.feed, event.id))
                  if e.id in held or isinstance(e.body, Clearance)]
        if not any(e.id == named_id if envelope else
                   isinstance(e.body, EquipmentEvent) and e.body.event_id == named_id
                   for e in stored):
            return False
        past = YardState(stop_speed=self.stop_speed)
        for e in stored:
            past.apply(e.feed, e)
        rec = past.containers.get(ref)
        if rec is None:
            return False
        shift = self.applied - past.applied - 1  # the past comes just before this event
        rec.history = [(n + shift, i, ev) for n, i, ev in rec.history]
        decisions = past.clearances.records.get(ref)
        self.clearances.restore(ref, [(n + shift, i, c) for n, i, c in decisions.history]
                                if decisions is not None else [])
        before = live.position if live is not None else None
        self.containers[ref] = rec
        for _, event_id, ev in rec.history:
            self._event_ref[event_id] = ref
            self._by_body_id[ev.event_id] = event_id
            if ev.updated_time is not None:
                self._updated[ev.event_id] = ev.updated_time
            if event_id in past._root:
                self._root[event_id] = past._root[event_id]
            self._forgotten_ids.pop(event_id, None)
            self._forgotten_ids.pop(ev.event_id, None)
        self._let_go.pop(ref, None)
        self._place(rec, before)
        self.recalled += 1
        what = ("correction" if event.corrects is not None else
                "retraction" if isinstance(event.body, EquipmentEvent) and event.body.retracted
                else "3.0 update")
        log.info("container %s read back from the store (%d events) for the %s %s of event %s",
                 ref, len(stored), what, event.id, named_id)
        return True

    def names_forgotten(self, event: FeedEvent) -> tuple[str, bool, str] | None:
        """(container, by envelope id?, the id) when `event` names an equipment event the live
        yard let go of: a correction (`corrects`, an envelope id), a retraction or a 3.0
        update (a DCSA `eventID`) of one it no longer holds; None otherwise."""
        body = event.body
        if not isinstance(body, EquipmentEvent):
            return None
        if body.retracted:
            named, envelope = body.withdrawn_id, False
        elif body.classifier != "ACT":
            return None
        elif event.corrects is not None:
            named, envelope = event.corrects, True
        elif body.updated_time is not None:
            named, envelope = body.event_id, False
        else:
            return None
        if not envelope and named in self._by_body_id:
            return None  # held: withdrawn or overridden in place
        ref = self.forgotten_event(named)
        return None if ref is None else (ref, envelope, named)

    def forget(self, ref: str) -> None:
        """Drop a container, its clearance decisions and the indexes naming its events."""
        if self._rec is not None:
            self._rec.forgotten(ref)
        rec = self.containers.pop(ref, None)
        if self.clearances.records.get(ref) is not None:
            self._note_let_go(ref)
        self.clearances.forget(ref)
        self._departed.pop(ref, None)
        if rec is None:
            return
        self.forgotten += 1
        self._forget_events(rec.history)
        if rec.position is not None:
            key = rec.position.slot_key()
            if key is not None and self.slots.get(key) == ref:
                del self.slots[key]

    def _forget_events(self, history: list[tuple[int, str, EquipmentEvent]]) -> None:
        for _, event_id, ev in history:
            self._event_ref.pop(event_id, None)
            self._root.pop(event_id, None)
            if self._by_body_id.get(ev.event_id) == event_id:
                del self._by_body_id[ev.event_id]
                self._updated.pop(ev.event_id, None)
            self._forgotten_ids[event_id] = self._forgotten_ids[ev.event_id] = (
                ev.equipment_reference)
        while len(self._forgotten_ids) > FORGOTTEN_IDS_KEPT:
            del self._forgotten_ids[next(iter(self._forgotten_ids))]

    def _late(self, what: str, event_id: str, outcome: str) -> None:
        ref = self.forgotten_event(event_id)
        if ref is None:
            return
        self.late_references += 1
        log.warning(
            "%s names event %s of container %s, which the live yard no longer holds (the "
            "container left the terminal, or the event is older than its last %d): %s "
            "(the event store keeps the original)",
            what, event_id, ref, HISTORY_PER_CONTAINER, outcome)

    def forgotten_event(self, event_id: str) -> str | None:
        """The container of a recently forgotten event (envelope or DCSA id), if any."""
        return self._forgotten_ids.get(event_id)

    def retracted_event(self, body_event_id: str) -> str | None:
        """The envelope id of the event a DCSA retraction withdraws, if the state holds it."""
        return self._by_body_id.get(body_event_id)

    def overrides(self, ev: EquipmentEvent) -> str | None:
        """The envelope id of the earlier event a 3.0 update `ev` overrides (same `eventID`)."""
        if ev.updated_time is None:
            return None
        return self._by_body_id.get(ev.event_id)

    def outdated(self, ev: EquipmentEvent) -> bool:
        """Is `ev` a 3.0 update older than (or as old as) the one the state holds for its id?"""
        if ev.updated_time is None or ev.event_id not in self._by_body_id:
            return False
        held = self._updated.get(ev.event_id)
        new, old = try_parse_time(ev.updated_time), try_parse_time(held)
        return new is not None and old is not None and new <= old

    def retract(self, body_event_id: str) -> str | None:
        """Withdraw the earlier event with this DCSA `eventID`; return its envelope id."""
        event_id = self._by_body_id.pop(body_event_id, None)
        if event_id is None:
            self._late("a retraction", body_event_id, "nothing withdrawn")
        ref = self._event_ref.get(event_id) if event_id is not None else None
        rec = self.containers.get(ref) if ref is not None else None
        if rec is None:
            return None
        if self._rec is not None:
            self._rec.container(rec.equipment_reference)
        before = rec.position
        rec.history = [h for h in rec.history if h[1] != event_id]
        refold(rec)
        self._place(rec, before)
        return event_id

    def original_of(self, event: FeedEvent) -> Replacement | None:
        """The event a correction replaces, as the state holds it, or None if unknown."""
        if event.corrects is None:
            return None
        ref = self._event_ref.get(event.corrects)
        rec = self.containers.get(ref) if ref is not None else None
        if rec is None:
            return None
        for apply_no, event_id, ev in rec.history:
            if event_id == event.corrects:
                return Replacement(ev, rec.equipment_reference, apply_no, self.root_id(event_id))
        return None

    def correct(self, event: FeedEvent) -> Replacement | None:
        """Put a corrected event in its original's place and fold the affected records again.

        A correction of an event the state never saw is applied as a new event.
        """
        assert isinstance(event.body, EquipmentEvent) and event.corrects is not None
        found = self.original_of(event)
        self._root[event.id] = self.root_id(event.corrects)
        if found is None:
            self._late("a correction", event.corrects, "applied as a new event")
            self.apply_equipment(event.id, event.body)
            return None
        new_ref = event.body.equipment_reference
        if self._rec is not None:
            self._rec.container(found.original_ref)
            self._rec.container(new_ref)
        self._crane_at(event.body)
        old = self.containers[found.original_ref]
        old_pos = old.position
        old.history = [h for h in old.history if h[1] != event.corrects]
        new = self.containers.get(new_ref)
        if new is None:
            new = self.containers[new_ref] = ContainerRecord(new_ref)
        new_pos = new.position
        new.history.append((found.apply_no, event.id, event.body))
        new.history.sort(key=lambda h: h[0])
        self._event_ref[event.id] = new_ref
        self._by_body_id[event.body.event_id] = event.id
        refold(old)
        self._place(old, old_pos)
        if new is not old:
            refold(new)
            self._place(new, new_pos)
            if not old.history and old.base is None:
                del self.containers[old.equipment_reference]
        return found

    def _place(self, rec: ContainerRecord, before: Position | None) -> None:
        old_key = before.slot_key() if before is not None else None
        new_key = rec.position.slot_key() if rec.position is not None else None
        if old_key == new_key:
            return
        if old_key is not None and self.slots.get(old_key) == rec.equipment_reference:
            del self.slots[old_key]
        if new_key is not None:
            held = self.slots.get(new_key)
            if held is not None and held != rec.equipment_reference and self._rec is not None:
                self._rec.container(held)  # displaced: no longer shown in that slot
            self.slots[new_key] = rec.equipment_reference

    def _crane_at(self, ev: EquipmentEvent) -> None:
        key = ev.position.slot_key() if ev.crane_id and ev.position is not None else None
        if ev.crane_id and key is not None:
            self.cranes[ev.crane_id] = key
            if self._rec is not None:
                self._rec.crane(ev.crane_id)

    # -- what the map shows ------------------------------------------------
    def facts(self, ref: str) -> ContainerFacts | None:
        """What the map shows of a container now (None: the yard holds nothing of it).

        Its slot is the ground slot it holds in the yard's slot index: a container
        another one was put on top of (in the same slot and tier) holds none."""
        rec = self.containers.get(ref)
        decided = self.clearances.records.get(ref)
        status = decided.history[-1][2].status if decided is not None else None
        if rec is None:
            return None if decided is None else ContainerFacts(ref, None, status, False, None)
        pos = rec.position
        key = pos.slot_key() if pos is not None and pos.kind == "slot" else None
        if key is not None and self.slots.get(key) != ref:
            key = None
        return ContainerFacts(ref, key, status, rec.empty == "EMPTY", rec.iso_code)

    def _vehicle_now(self, vehicle_id: str) -> VehicleMoved | None:
        v = self.fleet.vehicles.get(vehicle_id)
        if v is None:
            return None
        return VehicleMoved(v.vehicle_id, v.x, v.y, v.heading, v.speed, v.carrying,
                            v.vehicle_type)

    def _fence_now(self, segment_id: str) -> FenceChanged | None:
        f = self.fences.get(segment_id)
        return None if f is None else FenceChanged(segment_id, f.state == "alarm", f.reason)

    def _device_now(self, device_id: str) -> str | None:
        d = self.devices.get(device_id)
        return None if d is None else d.state

    def take_changes(self) -> YardChanges:
        """What changed since the last call (nothing without `changes=True`)."""
        return self._rec.take() if self._rec is not None else YardChanges()

    def everything(self) -> YardChanges:
        """The whole yard as one change set onto an empty map (a replayed moment, a map
        opened late): every container, vehicle, crane position, fence segment, device."""
        items: list[Any] = []
        for ref in self.containers.keys() | self.clearances.records.keys():
            now = self.facts(ref)
            if now is not None:
                items.append(ContainerChanged(None, now))
        items.extend(m for vid in self.fleet.vehicles if (m := self._vehicle_now(vid)))
        items.extend(CraneMoved(cid, slot) for cid, slot in self.cranes.items())
        items.extend(f for sid in self.fences if (f := self._fence_now(sid)))
        items.extend(DeviceChanged(did, d.state) for did, d in self.devices.items())
        return YardChanges(tuple(items))
