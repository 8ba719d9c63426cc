"""What a supervisor asks of the stored evidence, as plain queries.

- `container_story`: every stored event naming a container, in the order
  the console applied them (the position reports of the vehicles carrying it
  folded into runs per vehicle), with every alert about it and each alert's
  whole life (who, when, from which station, why);
- `facts_window`: the events of a time range except position telemetry
  (the replay shows vehicles), with the alerts raised in it;
- `search_alerts`: alerts by rule, severity, state, officer, time range and a
  free term (container number, truck plate, vessel IMO or voyage, bill of
  lading, declaration number, or words of an officer's comment);
- `find_containers`: the containers a term leads to.

Every query takes the review's store (`console.history.store.HistoryStore`)
and a `Cancellation`; the store reads through its indexes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from console.history.cancel import NEVER, Cancellation
from console.history.records import (
    AlertLife,
    AlertQuery,
    ChangeRecord,
    PositionMark,
    StoryEvent,
)
from console.history.store import HistoryStore
from console.history.table import Table, cell

__all__ = [
    "AlertLife", "AlertQuery", "Carriage", "ChangeRecord", "ContainerStory", "StoryEvent",
    "alerts_table", "changes_table", "container_story", "facts_window", "find_containers",
    "search_alerts",
]

EVENT_COLUMNS = ("n", "time", "kind", "type", "container", "vehicle", "feed", "id", "corrects",
                 "detail")
ALERT_COLUMNS = ("alert_id", "raised_at", "rule", "severity", "subject", "state", "cleared",
                 "resolution", "handled_by", "cause")
CHANGE_COLUMNS = ("alert_id", "at", "action", "who", "station", "state", "why")


@dataclass(frozen=True, slots=True)
class Carriage:
    """A run of position reports of one vehicle carrying the container."""

    vehicle_id: str
    first_time: str
    last_time: str
    reports: int
    first_n: int


@dataclass(slots=True)
class ContainerStory:
    """Events naming the container (position reports folded into `carriages`)."""

    container: str
    events: list[StoryEvent]
    alerts: list[AlertLife]
    terms: list[tuple[str, str]]  # (field, term) from its documents
    carriages: list[Carriage] = field(default_factory=list)

    def events_table(self) -> Table:
        return Table(f"events of {self.container}", EVENT_COLUMNS,
                     [tuple(cell(v) for v in e.row()) for e in self.events])

    def alerts_table(self) -> Table:
        return alerts_table(f"alerts about {self.container}", self.alerts)


def alerts_table(title: str, alerts: Sequence[AlertLife]) -> Table:
    return Table(title, ALERT_COLUMNS, [tuple(cell(v) for v in a.row()) for a in alerts],
                 [a.alert_id for a in alerts])


def changes_table(title: str, alerts: Sequence[AlertLife]) -> Table:
    rows = [tuple(cell(v) for v in c.row()) for a in alerts for c in a.changes]
    return Table(title, CHANGE_COLUMNS, rows)


def container_story(
    store: HistoryStore, container: str, cancel: Cancellation = NEVER
) -> ContainerStory:
    """Everything stored about one container (see the module docstring)."""
    ref = container.strip().upper()
    with store.interruptible(cancel):
        events = store.story_facts(ref)
        carriages = _carriages(store.story_positions(ref))
        alerts = store.alerts_about(ref)
        known = {a.alert_id for a in alerts}
        more = store.alerts_of_events([e.id for e in events])
        for a in more:
            if a.alert_id not in known:
                alerts.append(a)
                known.add(a.alert_id)
        alerts.sort(key=lambda a: (a.raised_at, a.alert_id))
        terms = store.container_terms(ref)
    return ContainerStory(ref, events, alerts, terms, carriages)


def _carriages(marks: Sequence[PositionMark]) -> list[Carriage]:
    out: list[Carriage] = []
    run: list[PositionMark] = []
    for mark in [*marks, None]:
        if run and (mark is None or mark.vehicle_id != run[0].vehicle_id):
            out.append(Carriage(run[0].vehicle_id, run[0].time, run[-1].time, len(run),
                                run[0].n))
            run = []
        if mark is not None:
            run.append(mark)
    return out


def facts_window(
    store: HistoryStore, since_us: int, until_us: int, cancel: Cancellation = NEVER,
    *, limit: int = 200_000,
) -> tuple[list[StoryEvent], list[AlertLife]]:
    """The non-telemetry events stamped in [since, until) in applied order, and the alerts
    raised in it."""
    with store.interruptible(cancel):
        events = store.facts_window(since_us, until_us, limit)
        alerts = store.alerts_raised(since_us / 1e6, until_us / 1e6)
    return events, alerts


def find_containers(
    store: HistoryStore, term: str, cancel: Cancellation = NEVER, *, limit: int = 500
) -> list[str]:
    """Containers whose number starts with `term`, or that a document term names."""
    t = term.strip().upper()
    if not t:
        return []
    found: dict[str, None] = {}
    with store.interruptible(cancel):
        for ref in store.containers_from(t, limit):
            found[ref] = None
        for ref in store.containers_named_by(t, limit):
            found[ref] = None
    return list(found)[:limit]


def search_alerts(
    store: HistoryStore, q: AlertQuery, cancel: Cancellation = NEVER
) -> list[AlertLife]:
    """Alerts matching every given criterion, oldest first, each with its whole life."""
    with store.interruptible(cancel):
        subjects: list[str] = []
        if q.text and q.text.strip():
            t = q.text.strip()
            subjects = find_containers(store, t, cancel) or [t.upper()]
        return store.search_alerts(q, subjects)
