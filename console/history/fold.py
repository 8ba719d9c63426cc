"""Folding stored event rows into a `YardState`, as the live console folded them.

The store keeps events in the order they were applied (row `n`) and the
latest snapshots of each feed.  A snapshot replaced the feed's state when it
arrived: in the row order that is just before the first stored event of the
same feed and epoch numbered after it.  `SnapshotMarks` finds those points;
`apply_row` applies one row exactly as `console.yard.history.state_at` does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from console.model import FeedEvent, PositionReport, Snapshot, body_from_dict
from console.store.rows import decode_snapshot
from console.timefmt import try_parse_time, utc_micros
from console.yard.state import YardState

ROW_COLUMNS = "n, feed, epoch, seq, id, kind, time, source, body, corrects"
_NEAR_US = 600 * 1_000_000
Row = tuple[int, str, str, int, str, str, str, str | None, str, str | None]


def apply_row(yard: YardState, row: Row | tuple[Any, ...]) -> None:
    """Apply one stored event row (columns `ROW_COLUMNS`) to the yard."""
    _n, feed, epoch, seq, id_, kind, time, source, body, corrects = row
    event = FeedEvent(
        feed, epoch, seq, id_, kind, time, source, body_from_dict(kind, orjson.loads(body)),
        corrects,
    )
    yard.feed(feed).advance(try_parse_time(time))
    if isinstance(event.body, PositionReport):
        yard.apply_position(feed, event, event.body)
    else:
        yard.apply(feed, event)


def snapshot_role(snap: Snapshot) -> str:
    """`clearance` for a feed whose snapshot holds only clearance decisions."""
    if snap.containers or snap.vehicles or snap.devices:
        return "terminal"
    return "clearance" if snap.clearances else "terminal"


@dataclass(frozen=True, slots=True)
class SnapshotMark:
    """A stored snapshot and the row before which it was applied."""

    snapshot_n: int
    feed: str
    epoch: str
    seq: int
    time_us: int | None
    trigger_n: int


class SnapshotMarks:
    """The stored snapshots of a database, each placed in the row order."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.marks: list[SnapshotMark] = []
        rows = conn.execute("SELECT n, feed, epoch, seq, time FROM snapshots ORDER BY n").fetchall()
        for snap_n, feed, epoch, seq, time in rows:
            time_us = utc_micros(time)
            trigger = self._trigger(feed, epoch, seq, time_us)
            if trigger is not None:
                self.marks.append(SnapshotMark(snap_n, feed, epoch, seq, time_us, trigger))
        self.marks.sort(key=lambda m: (m.trigger_n, m.snapshot_n))

    def _trigger(self, feed: str, epoch: str, seq: int, time_us: int | None) -> int | None:
        """The first row of the feed after the snapshot.

        Looked for near the snapshot's time through the time index first (a
        whole-table scan costs seconds on 10M rows); events numbered after a
        snapshot are stamped about when it was taken.
        """
        sql = "SELECT min(n) FROM events WHERE feed = ? AND epoch = ? AND seq > ?"
        if time_us is not None:
            near = self._conn.execute(
                sql + " AND time_us >= ? AND time_us < ?",
                (feed, epoch, seq, time_us - _NEAR_US, time_us + _NEAR_US),
            ).fetchone()[0]
            if near is not None:
                return int(near)
        found = self._conn.execute(sql, (feed, epoch, seq)).fetchone()[0]
        return int(found) if found is not None else None

    def between(self, after_n: int, upto_n: int) -> list[SnapshotMark]:
        """Snapshots applied before a row in (after_n, upto_n]."""
        return [m for m in self.marks if after_n < m.trigger_n <= upto_n]

    def load(self, mark: SnapshotMark) -> Snapshot | None:
        row = self._conn.execute(
            "SELECT data FROM snapshots WHERE n = ?", (mark.snapshot_n,)
        ).fetchone()
        return decode_snapshot(row[0]) if row is not None else None


def fold_rows(
    yard: YardState, rows: Iterator[Row] | list[Row], marks: list[SnapshotMark],
    load: Any,
) -> int:
    """Apply rows in order, applying each marked snapshot just before its trigger row.

    Returns how many rows were applied.  `load(mark)` reads a snapshot.
    """
    pending = sorted(marks, key=lambda m: m.trigger_n)
    i = 0
    count = 0
    for row in rows:
        while i < len(pending) and pending[i].trigger_n <= row[0]:
            snap = load(pending[i])
            if snap is not None:
                yard.apply_snapshot(pending[i].feed, snapshot_role(snap), snap)
            i += 1
        apply_row(yard, row)
        count += 1
    return count
