"""What the inspector can tell about a container or an alert, from the events seen.

`Dossiers` keeps, per container, the latest equipment and clearance events
(bounded) and an index of recent events by id, so that an alert's evidence
(the event that raised it) can be shown without asking the store.  The store
keeps everything; this is the window's short memory.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable

from console.model import Clearance, EquipmentEvent, FeedEvent

PER_CONTAINER = 60
RECENT_EVENTS = 50_000


class Dossiers:
    def __init__(self) -> None:
        self._by_container: dict[str, deque[FeedEvent]] = {}
        self._by_id: OrderedDict[str, FeedEvent] = OrderedDict()

    def record(self, events: Iterable[FeedEvent]) -> None:
        for ev in events:
            body = ev.body
            if isinstance(body, EquipmentEvent | Clearance):
                ref = body.equipment_reference
                q = self._by_container.get(ref)
                if q is None:
                    q = self._by_container[ref] = deque(maxlen=PER_CONTAINER)
                q.append(ev)
                if isinstance(body, EquipmentEvent) and body.ocr is not None:
                    ocr_ref = body.ocr.equipment_reference
                    if ocr_ref and ocr_ref != ref:
                        self._by_container.setdefault(
                            ocr_ref, deque(maxlen=PER_CONTAINER)).append(ev)
            self._by_id[ev.id] = ev
            if len(self._by_id) > RECENT_EVENTS:
                self._by_id.popitem(last=False)

    def events(self, ref: str) -> list[FeedEvent]:
        return list(self._by_container.get(ref, ()))

    def equipment(self, ref: str) -> list[EquipmentEvent]:
        return [e.body for e in self._by_container.get(ref, ())
                if isinstance(e.body, EquipmentEvent)]

    def clearances(self, ref: str) -> list[tuple[FeedEvent, Clearance]]:
        return [(e, e.body) for e in self._by_container.get(ref, ())
                if isinstance(e.body, Clearance)]

    def event(self, event_id: str | None) -> FeedEvent | None:
        return self._by_id.get(event_id) if event_id else None

    def known(self, ref: str) -> bool:
        return ref in self._by_container
