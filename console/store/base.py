"""The storage interface: what the engine needs from a durable store.

SQLite (`console.store.sqlite`) is the first backend; a shared PostgreSQL
backend for a control room of several workstations is expected to implement
the same protocol.  Every write method is one atomic transaction: either all
of it is durable when the call returns, or none of it is and it raises
`StoreError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from console.model import FeedEvent, Snapshot, body_from_dict


class StoreError(RuntimeError):
    """A problem of the environment (disk full, database locked or corrupt).

    `kind` is one of `disk_full`, `locked`, `corrupt`, `readonly`, `io`, `schema`;
    `message` is what an officer or installer reads.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True, slots=True)
class FeedCursor:
    """The resume point of one feed: the last seq whose events are committed."""

    feed: str  # the feed's key in the console's configuration (its URL path or name)
    epoch: str
    last_seq: int
    # `terminal` or `clearance`, as the gateway's welcome announced it; stored with the
    # cursor (None: not told, the stored role stays).  Not part of the resume point.
    role: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class QuarantineEntry:
    """A rejected message, kept with its reason for an installer to inspect."""

    feed: str
    received_at: str  # RFC 3339, console clock
    code: str
    reason: str
    raw: bytes  # the message as received (cut to 1 MiB + 1 byte at most)
    seq: int | None = None
    epoch: str | None = None


@dataclass(frozen=True, slots=True)
class PermanentGap:
    feed: str
    epoch: str
    from_seq: int
    to_seq: int
    recorded_at: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as read back from the store."""

    feed: str
    epoch: str
    seq: int
    id: str
    kind: str
    time: str
    source: str | None
    body: dict[str, Any]  # canonical dict form of the normalised body
    corrects: str | None
    received_at: str

    def feed_event(self) -> FeedEvent:
        """The feed event this was stored from: the one place where stored events are
        turned back into feed events (the replay, `state_at` and the rules' rebuild)."""
        return FeedEvent(
            self.feed, self.epoch, self.seq, self.id, self.kind, self.time, self.source,
            body_from_dict(self.kind, self.body), self.corrects,
        )


@dataclass(slots=True)
class WriteBatch:
    """Everything one commit holds: events, rejected messages, gaps, snapshots, cursors."""

    events: list[FeedEvent]
    quarantine: list[QuarantineEntry]
    gaps: list[PermanentGap]
    snapshots: list[tuple[str, Snapshot]]  # (feed key, snapshot)
    cursors: list[FeedCursor]
    received_at: str = ""

    @classmethod
    def empty(cls) -> WriteBatch:
        return cls([], [], [], [], [])

    def __bool__(self) -> bool:
        return bool(self.events or self.quarantine or self.gaps or self.snapshots or self.cursors)


class EventReader(Protocol):
    """What a reader of the stored events needs (the live yard's recall, a review): the
    events, filtered, in the order they were applied.  Its owner closes it."""

    def events(
        self,
        *,
        container: str | None = None,
        since: str | None = None,
        until: str | None = None,
        feed: str | None = None,
        kinds: Sequence[str] | None = None,
        before: tuple[str, str] | None = None,
    ) -> Iterator[StoredEvent]:
        """Events in the order they were applied, filtered.  `before` = (feed, id): only
        those applied before that stored event (all of them when it is not stored)."""

    def close(self) -> None:
        """Release the database."""


class EventStore(EventReader, Protocol):
    """Durable record of everything the feeds delivered."""

    def write(self, batch: WriteBatch) -> int:
        """Commit the batch atomically; return how many events were new (idempotent on id)."""

    def write_many(self, batches: Sequence[WriteBatch]) -> list[int]:
        """Commit several batches in ONE atomic transaction; new events per batch, in order."""

    def cursor(self, feed: str) -> FeedCursor | None:
        """The committed resume point of a feed, or None if it never committed anything."""

    def events(
        self,
        *,
        container: str | None = None,
        since: str | None = None,
        until: str | None = None,
        feed: str | None = None,
        kinds: Sequence[str] | None = None,
        before: tuple[str, str] | None = None,
    ) -> Iterator[StoredEvent]:
        """Events in the order they were applied, filtered.  `before` = (feed, id): only
        those applied before that stored event (all of them when it is not stored)."""

    def quarantine(self, *, feed: str | None = None) -> Iterator[QuarantineEntry]:
        """Rejected messages, oldest first."""

    def gaps(self, *, feed: str | None = None) -> Iterator[PermanentGap]:
        """Permanent gaps recorded by the feed clients."""

    def latest_snapshot(self, feed: str) -> Snapshot | None:
        """The most recent snapshot stored for a feed."""

    def feed_role(self, feed: str) -> str | None:
        """The role (`terminal`, `clearance`) stored with a feed's cursor; None if never stored."""

    def event_count(self) -> int:
        """How many events the store holds."""

    def close(self) -> None:
        """Release the database."""
