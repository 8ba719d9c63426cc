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

Every query takes a `Cancellation`; all of them read through indexes
(`console.store.tables`, `console.history.schema`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from console.history.cancel import NEVER, Cancellation, interruptible
from console.history.schema import has_table
from console.history.table import Table, cell

EVENT_COLUMNS = ("n", "time", "kind", "type", "container", "vehicle", "feed", "id", "corrects",
                 "detail")
ALERT_COLUMNS = ("alert_id", "raised_at", "rule", "severity", "subject", "state", "cleared",
                 "resolution", "handled_by", "cause")
CHANGE_COLUMNS = ("alert_id", "at", "action", "who", "station", "state", "why")


@dataclass(frozen=True, slots=True)
class StoryEvent:
    n: int
    time: str
    kind: str
    event_type: str | None
    container: str | None
    vehicle_id: str | None
    feed: str
    id: str
    corrects: str | None
    body: dict[str, Any]

    def detail(self) -> str:
        b = self.body
        keys = ("classifier", "status", "position", "seals", "truck_plate", "vessel_imo",
                "voyage", "declaration_no", "bill_of_lading", "crane_id", "lane_id", "speed",
                "state", "reason")
        return "; ".join(f"{k}={cell(b[k])}" for k in keys if b.get(k) not in (None, [], ""))

    def row(self) -> tuple[Any, ...]:
        return (self.n, self.time, self.kind, self.event_type, self.container, self.vehicle_id,
                self.feed, self.id, self.corrects, self.detail())


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    alert_id: str
    at: str
    action: str
    who: str
    station: str | None
    state: str
    why: str | None

    def row(self) -> tuple[Any, ...]:
        return (self.alert_id, self.at, self.action, self.who, self.station, self.state, self.why)


@dataclass(slots=True)
class AlertLife:
    """One alert as it stands, with every change in the order it was made."""

    alert_id: str
    raised_at: str
    rule: str
    severity: str
    subject: str
    state: str
    cleared: bool
    resolution: str | None
    cause: str
    event_id: str | None
    detail: dict[str, Any]
    changes: list[ChangeRecord] = field(default_factory=list)

    def handled_by(self) -> str:
        people = [c.who for c in self.changes if c.who != "system"]
        return ", ".join(dict.fromkeys(people))

    def row(self) -> tuple[Any, ...]:
        return (self.alert_id, self.raised_at, self.rule, self.severity, self.subject,
                self.state, int(self.cleared), self.resolution, self.handled_by(), self.cause)


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


_EVENT_SELECT = ("SELECT n, time, kind, event_type, container, vehicle_id, feed, id, corrects, "
                 "body FROM events")
_ALERT_SELECT = ("SELECT alert_id, raised_at, rule, severity, subject, state, cleared, "
                 "resolution, cause, event_id, detail FROM alerts")


def _events(rows: Sequence[Any]) -> list[StoryEvent]:
    return [StoryEvent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], orjson.loads(r[9]))
            for r in rows]


def load_alerts(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[AlertLife]:
    """Alerts matching `where` (SQL on the alerts table), each with its changes."""
    if not has_table(conn, "alerts"):
        return []
    out: list[AlertLife] = []
    for r in conn.execute(f"{_ALERT_SELECT} {where}", params).fetchall():
        out.append(AlertLife(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8], r[9],
                             orjson.loads(r[10])))
    by_id = {a.alert_id: a for a in out}
    ids = list(by_id)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for alert_id, at, action, who, station, state, why in conn.execute(
            "SELECT alert_id, at, action, who, station, state, why FROM alert_changes "
            f"WHERE alert_id IN ({','.join('?' * len(chunk))}) ORDER BY n",
            chunk,
        ):
            by_id[alert_id].changes.append(
                ChangeRecord(alert_id, at, action, who, station, state, why)
            )
    return out


def container_story(
    conn: sqlite3.Connection, container: str, cancel: Cancellation = NEVER
) -> ContainerStory:
    """Everything stored about one container (see the module docstring)."""
    ref = container.strip().upper()
    with interruptible(conn, cancel):
        rows = conn.execute(
            f"{_EVENT_SELECT} WHERE container = ? AND kind != 'position' ORDER BY n", (ref,)
        ).fetchall()
        events = _events(rows)
        carriages = _carriages(conn.execute(
            "SELECT n, vehicle_id, time FROM events WHERE container = ? AND kind = 'position' "
            "ORDER BY n", (ref,)).fetchall())
        ids = [e.id for e in events]
        alerts = load_alerts(conn, "WHERE subject = ? ORDER BY raised_s, alert_id", (ref,))
        known = {a.alert_id for a in alerts}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            more = load_alerts(
                conn, f"WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)
            alerts.extend(a for a in more if a.alert_id not in known)
            known.update(a.alert_id for a in more)
        alerts.sort(key=lambda a: (a.raised_at, a.alert_id))
        terms: list[tuple[str, str]] = []
        if has_table(conn, "review_terms"):
            terms = [(f, t) for f, t in conn.execute(
                "SELECT DISTINCT field, term FROM review_terms WHERE container = ? "
                "ORDER BY field, term", (ref,))]
    return ContainerStory(ref, events, alerts, terms, carriages)


def _carriages(rows: Sequence[Any]) -> list[Carriage]:
    out: list[Carriage] = []
    run: list[Any] = []
    for row in [*rows, None]:
        if run and (row is None or row[1] != run[0][1]):
            out.append(Carriage(run[0][1], run[0][2], run[-1][2], len(run), run[0][0]))
            run = []
        if row is not None:
            run.append(row)
    return out


def facts_window(
    conn: sqlite3.Connection, since_us: int, until_us: int, cancel: Cancellation = NEVER,
    *, limit: int = 200_000,
) -> tuple[list[StoryEvent], list[AlertLife]]:
    """The non-telemetry events stamped in [since, until) in applied order, and the alerts
    raised in it."""
    with interruptible(conn, cancel):
        events = _events(conn.execute(
            f"{_EVENT_SELECT} INDEXED BY review_events_facts WHERE kind != 'position' "
            "AND time_us >= ? AND time_us < ? LIMIT ?", (since_us, until_us, limit)).fetchall())
        events.sort(key=lambda e: e.n)
        alerts = load_alerts(conn, "WHERE raised_s >= ? AND raised_s < ? ORDER BY raised_s",
                             (since_us / 1e6, until_us / 1e6))
    return events, alerts


def find_containers(
    conn: sqlite3.Connection, term: str, cancel: Cancellation = NEVER, *, limit: int = 500
) -> list[str]:
    """Containers whose number starts with `term`, or that a document term names."""
    t = term.strip().upper()
    if not t:
        return []
    found: dict[str, None] = {}
    with interruptible(conn, cancel):
        for (ref,) in conn.execute(
            "SELECT DISTINCT container FROM events WHERE container >= ? AND container < ? "
            "LIMIT ?", (t, t + "\uffff", limit)):
            found[ref] = None
        if has_table(conn, "review_terms"):
            for (ref,) in conn.execute(
                "SELECT DISTINCT container FROM review_terms WHERE term = ? LIMIT ?", (t, limit)
            ):
                found[ref] = None
    return list(found)[:limit]


@dataclass(frozen=True, slots=True)
class AlertQuery:
    """What the search form asks; None means 'any'.  Times are feed time, UTC seconds."""

    since_s: float | None = None
    until_s: float | None = None
    rule: str | None = None
    severity: str | None = None
    state: str | None = None
    officer: str | None = None
    text: str | None = None
    limit: int = 50_000


def search_alerts(
    conn: sqlite3.Connection, q: AlertQuery, cancel: Cancellation = NEVER
) -> list[AlertLife]:
    """Alerts matching every given criterion, oldest first, each with its whole life."""
    terms: list[str] = []
    params: list[Any] = []
    for sql, value in (("raised_s >= ?", q.since_s), ("raised_s < ?", q.until_s),
                       ("rule = ?", q.rule), ("severity = ?", q.severity),
                       ("state = ?", q.state)):
        if value is not None:
            terms.append(sql)
            params.append(value)
    if q.officer:
        terms.append("alert_id IN (SELECT alert_id FROM alert_changes WHERE who = ?)")
        params.append(q.officer)
    with interruptible(conn, cancel):
        if q.text and q.text.strip():
            t = q.text.strip()
            subjects = find_containers(conn, t, cancel) or [t.upper()]
            marks = ",".join("?" * len(subjects))
            terms.append(
                f"(subject IN ({marks}) OR alert_id IN (SELECT alert_id FROM alert_changes "
                "WHERE why LIKE ?) OR cause LIKE ?)"
            )
            params.extend(subjects)
            params.extend([f"%{t}%", f"%{t}%"])
        where = ("WHERE " + " AND ".join(terms)) if terms else ""
        return load_alerts(conn, f"{where} ORDER BY raised_s, alert_id LIMIT ?",
                           [*params, q.limit])
