"""Folding stored event rows into a `YardState`, as the live console folded them.

The store keeps events in the order they were applied (row `n`) and the
latest snapshots of each feed.  A snapshot replaced the feed's state when it
arrived: in the row order that is just before the first stored event of the
same feed and epoch numbered after it.  `SnapshotMarks` finds those points;
`apply_row` applies one row exactly as `console.yard.history.state_at` does
(through `StoredEvent.feed_event`, the one place where stored events become
feed events).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from console.history.records import EventRow, SnapshotHead
from console.history.store import HistoryStore
from console.model import PositionReport, Snapshot
from console.timefmt import try_parse_time, utc_micros
from console.yard.state import YardState

_NEAR_US = 600 * 1_000_000


def apply_row(yard: YardState, row: EventRow) -> None:
    """Apply one stored event row to the yard."""
    event = row.stored().feed_event()
    yard.feed(event.feed).advance(try_parse_time(event.time))
    if isinstance(event.body, PositionReport):
        yard.apply_position(event.feed, event, event.body)
    else:
        yard.apply(event.feed, event)


@dataclass(frozen=True, slots=True)
class SnapshotMark:
    """A stored snapshot and the row before which it was applied."""

    snapshot_n: int
    feed: str
    epoch: str
    seq: int
    time_us: int | None
    trigger_n: int
    role: str = "terminal"


class SnapshotMarks:
    """The stored snapshots of a database, each placed in the row order."""

    def __init__(self, store: HistoryStore) -> None:
        self._store = store
        self.marks: list[SnapshotMark] = []
        for head in store.snapshot_heads():
            time_us = utc_micros(head.time)
            trigger = self._trigger(head, time_us)
            if trigger is not None:
                self.marks.append(
                    SnapshotMark(head.n, head.feed, head.epoch, head.seq, time_us, trigger,
                                 head.role))
        self.marks.sort(key=lambda m: (m.trigger_n, m.snapshot_n))

    def _trigger(self, head: SnapshotHead, time_us: int | None) -> int | None:
        """The first row of the feed after the snapshot.

        Looked for near the snapshot's time through the time index first (a
        whole-table scan costs seconds on 10M rows); events numbered after a
        snapshot are stamped about when it was taken.
        """
        if time_us is not None:
            near = self._store.first_row_after_snapshot(
                head, (time_us - _NEAR_US, time_us + _NEAR_US))
            if near is not None:
                return near
        return self._store.first_row_after_snapshot(head)

    def between(self, after_n: int, upto_n: int) -> list[SnapshotMark]:
        """Snapshots applied before a row in (after_n, upto_n]."""
        return [m for m in self.marks if after_n < m.trigger_n <= upto_n]

    def load(self, mark: SnapshotMark) -> Snapshot | None:
        return self._store.snapshot(mark.snapshot_n)


def fold_rows(
    yard: YardState, rows: Iterable[EventRow], marks: list[SnapshotMark],
    load: Callable[[SnapshotMark], Snapshot | None],
) -> int:
    """Apply rows in order, applying each marked snapshot just before its trigger row.

    Returns how many rows were applied.  `load(mark)` reads a snapshot.
    """
    pending = sorted(marks, key=lambda m: m.trigger_n)
    i = 0
    count = 0
    for row in rows:
        while i < len(pending) and pending[i].trigger_n <= row.n:
            snap = load(pending[i])
            if snap is not None:
                yard.apply_snapshot(pending[i].feed, pending[i].role, snap)
            i += 1
        apply_row(yard, row)
        count += 1
    return count
