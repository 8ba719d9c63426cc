"""Replay checkpoints: the yard folded up to a stored row, every so often.

`Checkpointer.catch_up` reads the events stored since it last ran, in the
order they were applied, folds them through a `YardState` (snapshots placed
where they were applied, see `console.history.fold`), and every `every_s`
seconds of feed time or `every_facts` non-telemetry events writes a
checkpoint: the frame (`console.history.frame`) as of row `n`, with the
latest event time folded so far (`max_time_us`).  When the next checkpoint is
written, the previous one learns the earliest event time stored between the
two (`tail_min_us`), which is what lets a seek find every late-stamped event
without scanning the whole table.

Building is incremental and resumable: a later call (or a new process)
starts from the newest checkpoint.  It is lazy by design: the review builds
what it needs when it opens a database; a live console may call `catch_up`
from a background thread every few minutes so that the review finds it done
(one writer at a time: each checkpoint is one `BEGIN IMMEDIATE`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from console.history.cancel import NEVER, Cancellation
from console.history.fold import ROW_COLUMNS, SnapshotMarks, apply_row, fold_rows
from console.history.frame import (
    YardFrame,
    decode_frame,
    encode_frame,
    frame_from_yard,
    yard_from_frame,
)
from console.history.schema import ensure_review_tables
from console.layout import Layout, as_layout
from console.timefmt import now_rfc3339
from console.yard.state import YardState

DEFAULT_EVERY_S = 900.0
DEFAULT_EVERY_FACTS = 5_000
_CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class Checkpoint:
    n: int
    max_time_us: int
    tail_min_us: int | None
    tail_end_n: int | None


def checkpoint_before(conn: sqlite3.Connection, at_us: int) -> Checkpoint | None:
    """The newest checkpoint all of whose events are stamped before `at_us`."""
    row = conn.execute(
        "SELECT n, max_time_us, tail_min_us, tail_end_n FROM replay_checkpoints "
        "WHERE max_time_us < ? ORDER BY max_time_us DESC, n DESC LIMIT 1",
        (at_us,),
    ).fetchone()
    return Checkpoint(*row) if row is not None else None


def load_frame(conn: sqlite3.Connection, n: int) -> YardFrame:
    row = conn.execute("SELECT data FROM replay_checkpoints WHERE n = ?", (n,)).fetchone()
    if row is None:
        raise KeyError(n)
    return decode_frame(row[0])


class Checkpointer:
    """Writes replay checkpoints for the events stored so far (see the module docstring)."""

    def __init__(
        self, conn: sqlite3.Connection, layout: Layout | Mapping[str, Any] | None = None, *,
        every_s: float = DEFAULT_EVERY_S, every_facts: int = DEFAULT_EVERY_FACTS,
    ) -> None:
        ensure_review_tables(conn)
        self._conn = conn
        self._layout = as_layout(layout)  # read once, not at every restore
        self.every_us = int(every_s * 1_000_000)
        self.every_facts = every_facts
        self._yard: YardState | None = None
        self._folded_n = 0
        self._max_time: int | None = None
        self._seg_min: int | None = None
        self._last_cp: int | None = None
        self._last_cp_time: int | None = None
        self._facts = 0
        self._positions: dict[str, Any] = {}
        self._known: set[str] = {
            str(r[0]) for r in conn.execute("SELECT vehicle_id FROM review_vehicles")
        }

    @property
    def folded_n(self) -> int:
        """The last stored row folded (0 before the first call)."""
        return self._folded_n

    def _resume(self) -> YardState:
        row = self._conn.execute(
            "SELECT n, max_time_us, data FROM replay_checkpoints ORDER BY n DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return YardState(self._layout)
        self._folded_n = self._last_cp = int(row[0])
        self._max_time = self._last_cp_time = int(row[1])
        return yard_from_frame(decode_frame(row[2]), self._layout)

    def catch_up(
        self, cancel: Cancellation = NEVER, progress: Callable[[float], None] | None = None,
    ) -> int:
        """Fold every row stored since the last call; return how many checkpoints were written."""
        if self._yard is None:
            self._yard = self._resume()
        yard = self._yard
        end = int(self._conn.execute("SELECT coalesce(max(n), 0) FROM events").fetchone()[0])
        if end <= self._folded_n:
            return 0
        marks = SnapshotMarks(self._conn)
        start = self._folded_n
        written = 0
        while self._folded_n < end:
            cancel.raise_if_cancelled()
            rows = self._conn.execute(
                f"SELECT {ROW_COLUMNS}, time_us, vehicle_id FROM events "
                "WHERE n > ? AND n <= ? ORDER BY n",
                (self._folded_n, min(end, self._folded_n + _CHUNK)),
            ).fetchall()
            if not rows:
                break
            for row in rows:
                n = int(row[0])
                here = marks.between(n - 1, n)
                if here:
                    self._flush(yard)
                    fold_rows(yard, [row[:10]], here, marks.load)
                elif row[5] == "position" and row[11] is not None:
                    self._positions[row[11]] = row[:10]
                else:
                    apply_row(yard, row[:10])
                self._folded_n = n
                self._note(row[5], row[3], row[10], n)
                if self._due(row[10]):
                    self._flush(yard)
                    self._write(yard)
                    written += 1
            self._flush(yard)
            self._record_vehicles(yard)
            if progress is not None:
                progress((self._folded_n - start) / max(1, end - start))
        return written

    def _flush(self, yard: YardState) -> None:
        """Apply the latest held position report of each vehicle.

        A vehicle's state is its latest report, and reports touch nothing but
        the fleet, so between two checkpoints only the last report of each
        vehicle is folded: 85% of the rows cost a dictionary write.
        """
        if self._positions:
            for row in sorted(self._positions.values(), key=lambda r: r[0]):
                apply_row(yard, row)
            self._positions.clear()

    def _record_vehicles(self, yard: YardState) -> None:
        """Name the vehicles first seen in this chunk (`first_n` is at or after the
        first row naming each one, which is all a seek needs)."""
        new = [vid for vid in yard.vehicles if vid not in self._known]
        if not new:
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.executemany(
                "INSERT OR IGNORE INTO review_vehicles (vehicle_id, first_n) VALUES (?, ?)",
                [(vid, self._folded_n) for vid in new],
            )
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._known.update(new)

    def _note(self, kind: str, _seq: int, time_us: int | None, n: int) -> None:
        if kind != "position":
            self._facts += 1
        if time_us is None:
            return
        if self._max_time is None or time_us > self._max_time:
            self._max_time = time_us
        if self._seg_min is None or time_us < self._seg_min:
            self._seg_min = time_us

    def _due(self, time_us: int | None) -> bool:
        if self._max_time is None:
            return False
        if self._last_cp_time is None:
            self._last_cp_time = self._max_time
            return False
        return (
            self._max_time - self._last_cp_time >= self.every_us
            or self._facts >= self.every_facts
        )

    def _write(self, yard: YardState) -> None:
        assert self._max_time is not None
        frame = frame_from_yard(yard, self._max_time)
        blob = encode_frame(frame)
        n = self._folded_n
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            if self._last_cp is not None:
                self._conn.execute(
                    "UPDATE replay_checkpoints SET tail_min_us = ?, tail_end_n = ? WHERE n = ?",
                    (self._seg_min, n, self._last_cp),
                )
            self._conn.execute(
                "INSERT OR REPLACE INTO replay_checkpoints "
                "(n, max_time_us, created_at, containers, data) VALUES (?, ?, ?, ?, ?)",
                (n, self._max_time, now_rfc3339(), len(frame.containers), blob),
            )
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._last_cp, self._last_cp_time = n, self._max_time
        self._seg_min = None
        self._facts = 0
