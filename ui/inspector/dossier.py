"""What the inspector can tell about a container or an alert, from the events seen.

`Dossiers` keeps, per container, the latest equipment and clearance events
(bounded) and an index of recent events by id, so that an alert's evidence
(the event that raised it) can be shown without asking the store.  The store
keeps everything; this is the window's short memory, and every part of it is
bounded:

* the latest `PER_CONTAINER` events of each container, let go as the live
  yard lets a container go (`console.yard.retention`): once it gated out or
  was loaded and `DEPARTED_RETENTION_S` of feed time passed without a further
  event; and never more than the `CONTAINERS_KEPT` heard from most recently
  (a container quiet for longer is shown from the yard picture alone);
* the last `RECENT_EVENTS` events by id, but position reports (97 % of a
  terminal's traffic, measured on the simulator) in a ring of their own of
  `RECENT_POSITIONS`, so that they do not push the rarer equipment and
  clearance events out; at a real feed's pace that ring still holds a
  vehicle's stop well past the stop rule's minute (`bench soak`, README).
  An alert's evidence is looked up by id and, failing that, among its
  subject's events (`event(event_id, subject)`), so a container's event is
  found as long as its dossier is kept, however far the ring has moved on.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable

from console.model import Clearance, EquipmentEvent, FeedEvent, PositionReport
from console.timefmt import try_parse_time
from console.yard.retention import DEPARTED_RETENTION_S, DEPARTED_STAGES

PER_CONTAINER = 60
CONTAINERS_KEPT = 20_000
RECENT_EVENTS = 2_000
RECENT_POSITIONS = 10_000


class Dossiers:
    def __init__(self) -> None:
        self._by_container: OrderedDict[str, deque[FeedEvent]] = OrderedDict()
        self._by_id: OrderedDict[str, FeedEvent] = OrderedDict()
        self._positions: OrderedDict[str, FeedEvent] = OrderedDict()
        self._departed: OrderedDict[str, float] = OrderedDict()  # ref -> feed time it left
        self._clock: float | None = None  # the latest feed time of a container's event
        self.let_go = 0  # dossiers of departed containers let go

    def record(self, events: Iterable[FeedEvent]) -> None:
        for ev in events:
            body = ev.body
            if isinstance(body, PositionReport):
                _remember(self._positions, ev, RECENT_POSITIONS)
                continue
            if isinstance(body, EquipmentEvent | Clearance):
                ref = body.equipment_reference
                self._append(ref, ev)
                self._note_time(ref, ev, body)
                if isinstance(body, EquipmentEvent) and body.ocr is not None:
                    ocr_ref = body.ocr.equipment_reference
                    if ocr_ref and ocr_ref != ref:
                        self._append(ocr_ref, ev)
            _remember(self._by_id, ev, RECENT_EVENTS)
        self._let_departed_go()

    def _note_time(self, ref: str, ev: FeedEvent, body: EquipmentEvent | Clearance) -> None:
        at = try_parse_time(ev.time)
        if at is None:
            return
        self._clock = at if self._clock is None else max(self._clock, at)
        self._departed.pop(ref, None)
        if isinstance(body, EquipmentEvent) and body.classifier == "ACT" \
                and _LEAVES.get(body.event_type) in DEPARTED_STAGES:
            self._departed[ref] = at

    def _let_departed_go(self) -> None:
        if self._clock is None:
            return
        horizon = self._clock - DEPARTED_RETENTION_S
        while self._departed:
            ref, left_at = next(iter(self._departed.items()))
            if left_at > horizon:
                break
            del self._departed[ref]
            if self._by_container.pop(ref, None) is not None:
                self.let_go += 1

    def _append(self, ref: str, ev: FeedEvent) -> None:
        q = self._by_container.get(ref)
        if q is None:
            q = self._by_container[ref] = deque(maxlen=PER_CONTAINER)
            if len(self._by_container) > CONTAINERS_KEPT:
                oldest, _ = self._by_container.popitem(last=False)
                self._departed.pop(oldest, None)
        else:
            self._by_container.move_to_end(ref)
        q.append(ev)

    def sizes(self) -> dict[str, int]:
        """How much the window remembers (for `bench soak --probe`)."""
        return {"containers": len(self._by_container), "events": len(self._by_id),
                "positions": len(self._positions),
                "container_events": sum(len(q) for q in self._by_container.values())}

    def events(self, ref: str) -> list[FeedEvent]:
        return list(self._by_container.get(ref, ()))

    def equipment(self, ref: str) -> list[EquipmentEvent]:
        return [e.body for e in self._by_container.get(ref, ())
                if isinstance(e.body, EquipmentEvent)]

    def clearances(self, ref: str) -> list[tuple[FeedEvent, Clearance]]:
        return [(e, e.body) for e in self._by_container.get(ref, ())
                if isinstance(e.body, Clearance)]

    def event(self, event_id: str | None, subject: str | None = None) -> FeedEvent | None:
        """A recent event by id, or one of `subject`'s (an alert's) kept events."""
        if not event_id:
            return None
        found = self._by_id.get(event_id) or self._positions.get(event_id)
        if found is None and subject is not None:
            found = next((e for e in self._by_container.get(subject, ()) if e.id == event_id),
                         None)
        return found

    def known(self, ref: str) -> bool:
        return ref in self._by_container


_LEAVES = {"GTOT": "gated_out", "LOAD": "loaded"}


def _remember(ring: OrderedDict[str, FeedEvent], ev: FeedEvent, size: int) -> None:
    ring[ev.id] = ev
    if len(ring) > size:
        ring.popitem(last=False)
