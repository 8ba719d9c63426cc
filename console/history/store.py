"""`HistoryStore`: everything the review asks of the console's database, and nothing more.

The review (queries, KPIs, replay, checkpoints, search terms, retention,
shift reports) reads the events the feeds delivered and the alerts with
their changes, and keeps a few tables of its own (replay checkpoints, search
terms, the vehicles seen, how far each incremental job got).  It does so only
through this protocol, whose results are the typed records of
`console.history.records`: no SQL and no database types outside the store.
The SQLite implementation is `console.store.history.SqliteHistoryStore`; a
PostgreSQL backend (a control room of several workstations) implements the
same methods.

Contract:
- rows are numbered `n` in the order the console applied them; "after row
  `a`" means `n > a`, "up to row `b`" means `n <= b`;
- times are compared as UTC microseconds (`time_us`), so offsets sort right;
  alert times (`raised_s`) are UTC seconds of the feed's clock;
- every method that writes is one atomic transaction;
- `interruptible(cancel)` lets a `Cancellation` stop a long statement run on
  this store inside the block (`Cancelled` is raised, never half a result);
- a store object is used by one thread at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from console.audit.anchor import Head
from console.history.cancel import Cancellation
from console.history.records import (
    AlertHead,
    AlertLife,
    AlertQuery,
    ChangeStamp,
    Checkpoint,
    EventRow,
    PositionMark,
    SnapshotHead,
    StoryEvent,
    TermRow,
    TermSource,
)
from console.model import Snapshot


class HistoryStore(Protocol):
    """The review's reads and its own writes (see the module docstring)."""

    # -- the review's own tables
    def prepare(self) -> int:
        """Create or update the review's tables (and the indexes it reads through); its
        schema version.  Idempotent; needs a store opened for writing."""

    def interruptible(self, cancel: Cancellation) -> AbstractContextManager[None]:
        """A block whose statements `cancel` interrupts (`Cancelled` then leaves it)."""

    # -- events, by row
    def last_row(self) -> int:
        """The number of the last stored event (0 when there is none)."""

    def time_range(self) -> tuple[int, int] | None:
        """The first and last event times stored (UTC microseconds), or None when empty."""

    def rows(self, after_n: int, upto_n: int) -> list[EventRow]:
        """Every event in (after_n, upto_n], in row order, with its search columns."""

    def rows_before(self, after_n: int, before_us: int) -> list[EventRow]:
        """Every event after row `after_n` stamped before `before_us`, in row order."""

    def facts_after(self, after_n: int, from_us: int, before_us: int) -> list[EventRow]:
        """The non-telemetry events after row `after_n` stamped in [from_us, before_us),
        in row order, through the facts index."""

    def latest_position(self, vehicle_id: str, before_us: int) -> EventRow | None:
        """A vehicle's latest position report stamped before `before_us`."""

    def row_of(self, feed: str, event_id: str) -> int | None:
        """The row number of a stored event."""

    def latest_time_upto(self, n: int) -> int | None:
        """The latest event time among rows up to `n`."""

    def earliest_time_after(self, n: int) -> int | None:
        """The earliest event time among rows after `n` (a scan of those rows)."""

    # -- snapshots
    def snapshot_heads(self) -> list[SnapshotHead]:
        """Every stored snapshot, in the order stored."""

    def first_row_after_snapshot(
        self, head: SnapshotHead, near: tuple[int, int] | None = None
    ) -> int | None:
        """The first row of the snapshot's feed and epoch numbered after it; with `near`
        (from_us, before_us), only among rows stamped in that range."""

    def snapshot(self, n: int) -> Snapshot | None:
        """The stored snapshot number `n`."""

    # -- replay checkpoints and vehicles
    def checkpoint_before(self, at_us: int) -> Checkpoint | None:
        """The newest checkpoint all of whose events are stamped before `at_us`."""

    def checkpoint_upto(self, n: int) -> Checkpoint | None:
        """The newest checkpoint at or before row `n`."""

    def latest_checkpoint(self) -> Checkpoint | None:
        """The newest checkpoint."""

    def checkpoint_frame(self, n: int) -> bytes:
        """The frame blob of checkpoint `n` (`console.history.frame`); KeyError if none."""

    def earliest_tail_from(self, n: int, before_us: int) -> int | None:
        """The earliest `tail_min_us` below `before_us` of checkpoints from row `n` on."""

    def write_checkpoint(
        self, n: int, max_time_us: int, containers: int, frame: bytes,
        previous: int | None, previous_tail_min_us: int | None,
    ) -> None:
        """Store a checkpoint at row `n`; the `previous` one learns the earliest time
        stored between the two and where its tail ends (one transaction)."""

    def vehicles(self) -> set[str]:
        """Every vehicle id recorded as seen."""

    def vehicles_first_seen_after(self, n: int) -> list[str]:
        """The vehicles first recorded after row `n`."""

    def add_vehicles(self, vehicle_ids: Sequence[str], first_n: int) -> None:
        """Record vehicles as first seen at row `first_n` (kept when already known)."""

    # -- search terms and incremental jobs
    def job_progress(self, job: str) -> int | None:
        """How far an incremental job got (its own unit), or None before its first run."""

    def term_sources(self, after_n: int, upto_n: int) -> list[TermSource]:
        """The equipment and clearance events in (after_n, upto_n] (where terms are found)."""

    def add_terms(self, terms: Sequence[TermRow], job: str, upto_n: int) -> int:
        """Store terms (duplicates ignored) and the job's progress together; terms added."""

    def thin_positions(self, from_us: int, before_us: int, bucket_us: int, job: str) -> int:
        """Delete the position reports stamped in [from_us, before_us) but the first of
        each vehicle per `bucket_us` and any an alert names as its evidence, recording
        the job's progress as `before_us`, in one transaction; how many rows went."""

    # -- containers, alerts and their changes
    def story_facts(self, container: str) -> list[StoryEvent]:
        """The non-telemetry events naming a container, in row order."""

    def story_positions(self, container: str) -> list[PositionMark]:
        """The position reports of vehicles carrying a container, in row order."""

    def container_terms(self, container: str) -> list[tuple[str, str]]:
        """(field, term) pairs found for a container, sorted."""

    def facts_window(self, since_us: int, until_us: int, limit: int) -> list[StoryEvent]:
        """Non-telemetry events stamped in [since_us, until_us) (at most `limit`)."""

    def containers_from(self, prefix: str, limit: int) -> list[str]:
        """Containers whose number starts with `prefix`."""

    def containers_named_by(self, term: str, limit: int) -> list[str]:
        """Containers a search term names."""

    def has_alerts(self) -> bool:
        """Whether the database holds the alerts area's tables."""

    def alerts_about(self, subject: str) -> list[AlertLife]:
        """Alerts whose subject is `subject`, oldest first, each with its changes."""

    def alerts_of_events(self, event_ids: Sequence[str]) -> list[AlertLife]:
        """Alerts raised by any of these events, each with its changes."""

    def alerts_raised(self, since_s: float, until_s: float) -> list[AlertLife]:
        """Alerts raised in [since_s, until_s), oldest first, each with its changes."""

    def search_alerts(self, q: AlertQuery, subjects: Sequence[str]) -> list[AlertLife]:
        """Alerts matching every criterion of `q` (its text: a subject among `subjects`,
        or words of a comment or the cause), oldest first, at most `q.limit`."""

    def alert_heads(self) -> list[AlertHead]:
        """Every alert, without its changes."""

    def change_stamps(self) -> Iterator[ChangeStamp]:
        """Every alert change, in the order made."""

    def audit_head(self) -> Head | None:
        """The audit trail's length and head now, or None without a trail."""

    def close(self) -> None:
        """Release the database."""
