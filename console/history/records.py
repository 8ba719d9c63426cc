"""What the review reads back from a store, as typed records (no database types).

`HistoryStore` (`console.history.store`) returns these; every backend
(SQLite today, `console.store.history`; PostgreSQL next) builds the same
records, so nothing in the review depends on how they were stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson

from console.history.table import cell
from console.store.base import StoredEvent


class EventRow(NamedTuple):
    """One stored event, numbered in the order the console applied it (`n`).

    `body_json` is the body as the store keeps it (JSON text): a replay folds
    only a few of the rows it reads (a vehicle's latest report, not each one),
    so the body is parsed only when the row is turned back into an event.
    """

    n: int
    feed: str
    epoch: str
    seq: int
    id: str
    kind: str
    time: str
    source: str | None
    body_json: str
    corrects: str | None
    time_us: int | None = None
    container: str | None = None
    vehicle_id: str | None = None

    def body(self) -> dict[str, Any]:
        fields: dict[str, Any] = orjson.loads(self.body_json)
        return fields

    def stored(self) -> StoredEvent:
        """The row as the event store reads it back, but for `received_at` (not read
        here: empty).  `StoredEvent.feed_event()` makes the feed event: the one place
        where stored events become feed events."""
        return StoredEvent(self.feed, self.epoch, self.seq, self.id, self.kind, self.time,
                           self.source, self.body(), self.corrects, "")


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


class PositionMark(NamedTuple):
    """A position report naming a container: which row, which vehicle, when."""

    n: int
    vehicle_id: str
    time: str


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


@dataclass(frozen=True, slots=True)
class Checkpoint:
    n: int
    max_time_us: int
    tail_min_us: int | None
    tail_end_n: int | None


class SnapshotHead(NamedTuple):
    """A stored snapshot, without its (large) contents."""

    n: int
    feed: str
    epoch: str
    seq: int
    time: str | None
    role: str = "terminal"  # stored with the snapshot (the welcome's role), never guessed


class AlertHead(NamedTuple):
    alert_id: str
    rule: str
    severity: str
    subject: str
    raised_at: str


class ChangeStamp(NamedTuple):
    alert_id: str
    action: str
    at: str
    state: str


class TermSource(NamedTuple):
    """An equipment event or clearance decision, as far as its search terms need it."""

    n: int
    kind: str
    body_json: str
    container: str | None
    time_us: int | None

    def body(self) -> dict[str, Any]:
        fields: dict[str, Any] = orjson.loads(self.body_json)
        return fields


class TermRow(NamedTuple):
    """A search term found in an event body, with the container it names."""

    term: str
    field: str
    container: str
    time_us: int | None
    n: int
