"""The replay engine: the yard, its vehicles and its open alerts at any past moment.

`ReplayEngine.seek(at_us)` answers what `console.yard.history.state_at`
answers (every stored event stamped before the moment, applied in the order
the console applied them), but from the nearest checkpoint instead of the
beginning:

1. the newest checkpoint whose events are all stamped before the moment;
2. the facts (every event but position reports) stored after it and stamped
   before the moment, read through the facts index between the earliest time
   stored after the checkpoint (`tail_min_us`) and the moment, folded in row
   order through `YardState`;
3. each vehicle's latest position report before the moment, read through the
   vehicle-and-time index (a fleet keeps only its latest report).

When a stored snapshot was applied between the checkpoint and the moment (a
feed reconnected), the rows are folded one by one instead: exact, slower,
rare.  Alerts come from `AlertTimeline`.  A retraction or correction of an
event folded into the checkpoint is applied as a new fact (see
`console.history.frame`).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from console.history.alert_timeline import AlertAtMoment, AlertTimeline
from console.history.cancel import NEVER, Cancellation, interruptible
from console.history.checkpoints import Checkpointer, checkpoint_before, load_frame
from console.history.fold import ROW_COLUMNS, SnapshotMarks, apply_row, fold_rows
from console.history.frame import YardFrame, frame_from_yard, overlay, yard_from_frame
from console.layout import Layout
from console.yard.state import YardState


@dataclass(slots=True)
class ReplayView:
    """The answer to a seek: the yard frame, the open alerts, and how it was built."""

    at_us: int
    frame: YardFrame
    open_alerts: list[AlertAtMoment]
    checkpoint_n: int
    rows_folded: int
    exact_path: bool
    seconds: float


class ReplayEngine:
    """Seeks over one console database (see the module docstring).

    Use from one thread at a time; `refresh` builds the missing checkpoints
    (it writes to the database) and reloads the alerts.
    """

    def __init__(
        self, conn: sqlite3.Connection, layout: Layout | Mapping[str, Any] | None = None,
        checkpointer: Checkpointer | None = None,
    ) -> None:
        self._conn = conn
        self.checkpointer = checkpointer or Checkpointer(conn, layout)
        self._marks = SnapshotMarks(conn)
        self._alerts = AlertTimeline(conn)
        self._cached: tuple[int, YardFrame] | None = None

    def refresh(
        self, cancel: Cancellation = NEVER, progress: Callable[[float], None] | None = None
    ) -> int:
        """Fold what was stored since the last refresh; return new checkpoints written."""
        written = self.checkpointer.catch_up(cancel, progress)
        self._marks = SnapshotMarks(self._conn)
        self._alerts = AlertTimeline(self._conn)
        return written

    def time_range(self) -> tuple[int, int] | None:
        """The first and last event times stored (UTC microseconds), or None when empty."""
        row = self._conn.execute("SELECT min(time_us), max(time_us) FROM events").fetchone()
        if row is None or row[0] is None:
            return None
        return int(row[0]), int(row[1])

    def _frame(self, n: int) -> YardFrame:
        if self._cached is None or self._cached[0] != n:
            self._cached = (n, load_frame(self._conn, n))
        return self._cached[1]

    def seek(self, at_us: int, cancel: Cancellation = NEVER) -> ReplayView:
        """The yard as of `at_us` (exclusive), built as the module docstring says."""
        started = time.perf_counter()
        cp = checkpoint_before(self._conn, at_us)
        after = cp.n if cp is not None else 0
        base = self._frame(cp.n) if cp is not None else YardFrame(None)
        marks = [m for m in self._marks.marks
                 if m.trigger_n > after and (m.time_us is None or m.time_us < at_us)]
        with interruptible(self._conn, cancel):
            if marks:
                yard = yard_from_frame(base)
                rows = self._conn.execute(
                    f"SELECT {ROW_COLUMNS} FROM events WHERE n > ? AND time_us < ? ORDER BY n",
                    (after, at_us),
                ).fetchall()
                folded = fold_rows(yard, rows, marks, self._marks.load)
                frame = frame_from_yard(yard, at_us)
            else:
                facts = self._facts(after, at_us)
                moves = self._vehicle_moves(base, after, at_us, cancel)
                frame = _fold_sparse(base, facts, moves, at_us)
                folded = len(facts) + len(moves)
        cancel.raise_if_cancelled()
        return ReplayView(
            at_us, frame, self._alerts.open_at(at_us), after, folded, bool(marks),
            time.perf_counter() - started,
        )

    def seek_row(self, n: int, cancel: Cancellation = NEVER) -> ReplayView:
        """The yard right after stored row `n` was applied (as the live console held it).

        Folds every row from the newest checkpoint at or before `n`, one by one.
        """
        started = time.perf_counter()
        row = self._conn.execute(
            "SELECT n FROM replay_checkpoints WHERE n <= ? ORDER BY n DESC LIMIT 1", (n,)
        ).fetchone()
        after = int(row[0]) if row is not None else 0
        yard = yard_from_frame(self._frame(after)) if after else YardState()
        with interruptible(self._conn, cancel):
            rows = self._conn.execute(
                f"SELECT {ROW_COLUMNS} FROM events WHERE n > ? AND n <= ? ORDER BY n", (after, n)
            ).fetchall()
            folded = fold_rows(yard, rows, self._marks.between(after, n), self._marks.load)
        at = self._conn.execute("SELECT max(time_us) FROM events WHERE n <= ?", (n,)).fetchone()
        at_us = int(at[0]) + 1 if at[0] is not None else 0
        return ReplayView(
            at_us, frame_from_yard(yard, at_us), self._alerts.open_at(at_us), after, folded,
            True, time.perf_counter() - started,
        )

    def _facts(self, after: int, at_us: int) -> list[Any]:
        """Every non-telemetry row after row `after` stamped before `at_us`, in row order."""
        low = self._lowest_time_after(after, at_us)
        if low is None:
            return []
        rows = self._conn.execute(
            f"SELECT {ROW_COLUMNS}, container FROM events INDEXED BY review_events_facts "
            "WHERE kind != 'position' AND time_us >= ? AND time_us < ? AND n > ?",
            (low, at_us, after),
        ).fetchall()
        rows.sort(key=lambda r: r[0])
        return rows

    def _vehicle_moves(
        self, base: YardFrame, after: int, at_us: int, cancel: Cancellation
    ) -> list[Any]:
        """Each vehicle's latest report before `at_us`, when stored after row `after`."""
        ids = set(base.vehicles)
        ids.update(r[0] for r in self._conn.execute(
            "SELECT vehicle_id FROM review_vehicles WHERE first_n > ?", (after,)))
        moves = []
        for vid in sorted(ids):
            cancel.raise_if_cancelled()
            row = self._conn.execute(
                f"SELECT {ROW_COLUMNS} FROM events INDEXED BY review_events_vehicle_time "
                "WHERE kind = 'position' AND vehicle_id = ? AND time_us < ? "
                "ORDER BY time_us DESC, n DESC LIMIT 1",
                (vid, at_us),
            ).fetchone()
            if row is not None and row[0] > after:
                moves.append(row)
        return moves

    def _lowest_time_after(self, after: int, at_us: int) -> int | None:
        """The earliest event time stored after row `after`, as far as it matters before `at_us`."""
        if after == 0:
            row = self._conn.execute("SELECT min(time_us) FROM events").fetchone()
            return int(row[0]) if row[0] is not None else None
        lows = [
            int(r[0]) for r in self._conn.execute(
                "SELECT min(tail_min_us) FROM replay_checkpoints "
                "WHERE n >= ? AND tail_min_us < ?", (after, at_us),
            ) if r[0] is not None
        ]
        last = self._conn.execute(
            "SELECT n, tail_min_us FROM replay_checkpoints ORDER BY n DESC LIMIT 1"
        ).fetchone()
        open_from = int(last[0]) if last is not None and last[1] is None else after
        if last is None or last[1] is None:
            row = self._conn.execute(
                "SELECT min(time_us) FROM events NOT INDEXED WHERE n > ?", (max(open_from, after),)
            ).fetchone()
            if row[0] is not None:
                lows.append(int(row[0]))
        return min(lows) if lows else None


def _fold_sparse(base: YardFrame, facts: list[Any], moves: list[Any], at_us: int) -> YardFrame:
    """`base` with the facts and vehicle moves folded in.

    Only the containers, clearances and vehicles those rows name are turned
    back into a `YardState` (a container's fold depends on its own record
    alone); everything else is the checkpoint's, shared, not copied per item.
    """
    refs = {r[10] for r in facts if r[10] is not None}
    vids = {_vehicle_of(r) for r in moves}
    sparse = YardFrame(
        None,
        containers={r: base.containers[r] for r in refs if r in base.containers},
        vehicles={v: base.vehicles[v] for v in vids if v in base.vehicles},
        clearances={r: base.clearances[r] for r in refs if r in base.clearances},
        devices=base.devices, fences=base.fences,
    )
    yard = yard_from_frame(sparse)
    for row in facts:
        apply_row(yard, row[:10])
    for row in moves:
        apply_row(yard, row)
    out = frame_from_yard(yard, at_us)
    gone = set(sparse.containers) - set(out.containers)
    vehicles = dict(base.vehicles)
    vehicles.update(out.vehicles)
    return YardFrame(at_us, overlay(base.containers, out.containers, gone), vehicles,
                     overlay(base.clearances, out.clearances, set()), out.devices, out.fences)


def _vehicle_of(row: Any) -> str:
    return str(orjson.loads(row[8])["vehicle_id"])
