"""`AlertBook`: the open alerts in memory, every change written through to the store.

The book is where the alert life's invariants live: one alert per id (rule,
subject, cause), never raised twice even after a restart (ids already in the
store are not raised again), every change recorded with who/when/where/why,
and grouping of repeats (ISA-18.2 practice): a new alert of a rule on a
subject that already has an open alert joins that alert's group, the head
counts the repeat, and officer actions on the head apply to the whole group,
so a flapping fence segment is one line in the queue, not a hundred.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from typing import Any

from console.alerts.flood import FloodMeter, queue_order
from console.alerts.model import SYSTEM, Alert, AlertChange, alert_id
from console.alerts.store import AlertStore
from console.timefmt import format_time

# Rules whose alert stands for a condition that holds until it clears: while one is
# open and not cleared, the same condition does not raise another (whatever its cause).
CONDITION_RULES = frozenset(
    {"FEED_STALE", "DEVICE_DOWN", "FENCE_INTRUSION", "RESTRICTED_ZONE", "UNSCHEDULED_STOP"}
)
# Rules whose alerts resolve themselves when cleared.
SELF_RESOLVING = frozenset({"FEED_STALE", "DEVICE_DOWN"})


class AlertBook:
    def __init__(self, store: AlertStore, wall_clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.wall_clock = wall_clock
        self.open: dict[str, Alert] = {}
        self.flood = FloodMeter()
        self._groups: dict[tuple[str, str], list[str]] = {}
        self._by_event: dict[str, set[str]] = {}
        for a in store.open_alerts():
            self._index(a)

    def _index(self, a: Alert) -> None:
        self.open[a.alert_id] = a
        ids = self._groups.setdefault((a.rule, a.subject), [])
        if a.alert_id not in ids:
            ids.append(a.alert_id)
        if a.event_id is not None:
            self._by_event.setdefault(a.event_id, set()).add(a.alert_id)

    def _unindex(self, a: Alert) -> None:
        self.open.pop(a.alert_id, None)
        ids = self._groups.get((a.rule, a.subject))
        if ids is not None and a.alert_id in ids:
            ids.remove(a.alert_id)
            if not ids:
                del self._groups[(a.rule, a.subject)]
        if a.event_id is not None:
            s = self._by_event.get(a.event_id)
            if s is not None:
                s.discard(a.alert_id)
                if not s:
                    del self._by_event[a.event_id]

    def now(self) -> float:
        return self.wall_clock()

    def get(self, alert_id: str) -> Alert | None:
        return self.open.get(alert_id) or self.store.get(alert_id)

    def open_for(self, rule: str, subject: str) -> list[Alert]:
        """Open alerts of a rule on a subject, oldest first."""
        return [self.open[i] for i in self._groups.get((rule, subject), ())]

    def open_by_event(self, event_id: str) -> list[Alert]:
        return [self.open[i] for i in sorted(self._by_event.get(event_id, ()))]

    def heads(self) -> list[Alert]:
        """The queue: open group heads (and open alerts whose head is gone)."""
        return [a for a in self.open.values() if a.heads_group or a.group_id not in self.open]

    def queue(self) -> list[Alert]:
        """The heads an officer should see, most urgent first (see `console.alerts.flood`)."""
        return queue_order(self.heads())

    def in_flood(self) -> bool:
        return self.flood.in_flood(self.now())

    def members(self, head: Alert) -> list[Alert]:
        return [a for a in self.open_for(head.rule, head.subject)
                if a.group_id == head.alert_id and a.alert_id != head.alert_id]

    def commit(self, changes: list[AlertChange]) -> list[AlertChange]:
        """Write changes to the store (one transaction), then update the open set."""
        self.store.record(changes)
        return self.stage(changes)

    def stage(self, changes: list[AlertChange]) -> list[AlertChange]:
        """Update the open set only: the caller writes the changes (the office store's
        writer, in the order they are staged, with their audit entry)."""
        for ch in changes:
            a = ch.alert
            self._unindex(a)
            if a.is_open:
                self._index(a)
        return changes

    def resync(self, alert_ids: Iterable[str]) -> None:
        """Take these alerts again as the store holds them (after a write that failed)."""
        for wanted in alert_ids:
            held = self.open.get(wanted)
            if held is not None:
                self._unindex(held)
            stored = self.store.get(wanted)
            if stored is not None and stored.is_open:
                self._index(stored)

    def change(
        self, a: Alert, action: str, who: str, station: str | None, why: str | None,
        at: float | None = None, **fields: Any,
    ) -> AlertChange:
        """The change (not yet committed) that sets `fields` on `a`."""
        stamp = format_time(self.now() if at is None else at)
        after = dataclasses.replace(a, changed_at=stamp, **fields)
        return AlertChange(after, action, who, station, why, stamp)

    def raise_alert(
        self, *, rule: str, severity: str, subject: str, cause: str, feed: str,
        event_id: str | None, raised_at: str, detail: dict[str, Any] | None = None,
        why: str | None = None,
    ) -> list[AlertChange]:
        """Raise the alert for (rule, subject, cause) unless it exists already."""
        new_id = alert_id(rule, subject, cause)
        if new_id in self.open or self.store.get(new_id) is not None:
            return []
        group = self.open_for(rule, subject)
        if rule in CONDITION_RULES and any(not a.cleared for a in group):
            return []
        head = next((a for a in group if a.heads_group), None)
        stamp = format_time(self.now())
        alert = Alert(
            new_id, rule, severity, subject, cause, feed, event_id, raised_at,
            group_id=head.alert_id if head is not None else new_id,
            changed_at=stamp, detail=dict(detail or {}),
        )
        if head is not None and head.state == "shelved":
            alert = dataclasses.replace(alert, state="shelved", shelved_until=head.shelved_until)
        self.flood.note(self.now())
        changes = [AlertChange(alert, "raise", SYSTEM, None, why, stamp)]
        if head is not None:
            changes.append(self.change(head, "repeat", SYSTEM, None, f"repeat {new_id}",
                                       repeats=head.repeats + 1))
        return self.commit(changes)

    def clear(self, alerts: Iterable[Alert], why: str) -> list[AlertChange]:
        """Mark alerts cleared (their condition no longer holds); self-resolving ones resolve."""
        changes: list[AlertChange] = []
        for a in alerts:
            current = self.get(a.alert_id)
            if current is None or current.cleared:
                continue
            if current.rule in SELF_RESOLVING and current.is_open:
                changes.append(self.change(current, "clear", SYSTEM, None, why, cleared=True,
                                           state="resolved", resolution="cleared",
                                           shelved_until=None))
            else:
                changes.append(self.change(current, "clear", SYSTEM, None, why, cleared=True))
        return self.commit(changes) if changes else []
