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

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from console.history.alert_timeline import AlertAtMoment, AlertTimeline
from console.history.cancel import NEVER, Cancellation
from console.history.checkpoints import Checkpointer, checkpoint_before, load_frame
from console.history.fold import SnapshotMarks, apply_row, fold_rows
from console.history.frame import YardFrame, frame_from_yard, overlay, yard_from_frame
from console.history.records import EventRow
from console.history.store import HistoryStore
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
        self, store: HistoryStore, layout: Layout | Mapping[str, Any] | None = None,
        checkpointer: Checkpointer | None = None,
    ) -> None:
        self._store = store
        self.checkpointer = checkpointer or Checkpointer(store, layout)
        self._marks = SnapshotMarks(store)
        self._alerts = AlertTimeline(store)
        self._cached: tuple[int, YardFrame] | None = None

    def refresh(
        self, cancel: Cancellation = NEVER, progress: Callable[[float], None] | None = None
    ) -> int:
        """Fold what was stored since the last refresh; return new checkpoints written."""
        written = self.checkpointer.catch_up(cancel, progress)
        self._marks = SnapshotMarks(self._store)
        self._alerts = AlertTimeline(self._store)
        return written

    def time_range(self) -> tuple[int, int] | None:
        """The first and last event times stored (UTC microseconds), or None when empty."""
        return self._store.time_range()

    def _frame(self, n: int) -> YardFrame:
        if self._cached is None or self._cached[0] != n:
            self._cached = (n, load_frame(self._store, n))
        return self._cached[1]

    def seek(self, at_us: int, cancel: Cancellation = NEVER) -> ReplayView:
        """The yard as of `at_us` (exclusive), built as the module docstring says."""
        started = time.perf_counter()
        cp = checkpoint_before(self._store, at_us)
        after = cp.n if cp is not None else 0
        base = self._frame(cp.n) if cp is not None else YardFrame(None)
        marks = [m for m in self._marks.marks
                 if m.trigger_n > after and (m.time_us is None or m.time_us < at_us)]
        with self._store.interruptible(cancel):
            if marks:
                yard = yard_from_frame(base)
                rows = self._store.rows_before(after, at_us)
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
        cp = self._store.checkpoint_upto(n)
        after = cp.n if cp is not None else 0
        yard = yard_from_frame(self._frame(after)) if after else YardState()
        with self._store.interruptible(cancel):
            rows = self._store.rows(after, n)
            folded = fold_rows(yard, rows, self._marks.between(after, n), self._marks.load)
        at = self._store.latest_time_upto(n)
        at_us = at + 1 if at is not None else 0
        return ReplayView(
            at_us, frame_from_yard(yard, at_us), self._alerts.open_at(at_us), after, folded,
            True, time.perf_counter() - started,
        )

    def _facts(self, after: int, at_us: int) -> list[EventRow]:
        """Every non-telemetry row after row `after` stamped before `at_us`, in row order."""
        low = self._lowest_time_after(after, at_us)
        if low is None:
            return []
        return self._store.facts_after(after, low, at_us)

    def _vehicle_moves(
        self, base: YardFrame, after: int, at_us: int, cancel: Cancellation
    ) -> list[EventRow]:
        """Each vehicle's latest report before `at_us`, when stored after row `after`."""
        ids = set(base.vehicles)
        ids.update(self._store.vehicles_first_seen_after(after))
        moves = []
        for vid in sorted(ids):
            cancel.raise_if_cancelled()
            row = self._store.latest_position(vid, at_us)
            if row is not None and row.n > after:
                moves.append(row)
        return moves

    def _lowest_time_after(self, after: int, at_us: int) -> int | None:
        """The earliest event time stored after row `after`, as far as it matters before `at_us`."""
        if after == 0:
            span = self._store.time_range()
            return span[0] if span is not None else None
        tail = self._store.earliest_tail_from(after, at_us)
        lows = [tail] if tail is not None else []
        last = self._store.latest_checkpoint()
        open_from = last.n if last is not None and last.tail_min_us is None else after
        if last is None or last.tail_min_us is None:
            low = self._store.earliest_time_after(max(open_from, after))
            if low is not None:
                lows.append(low)
        return min(lows) if lows else None


def _fold_sparse(
    base: YardFrame, facts: list[EventRow], moves: list[EventRow], at_us: int
) -> YardFrame:
    """`base` with the facts and vehicle moves folded in.

    Only the containers, clearances and vehicles those rows name are turned
    back into a `YardState` (a container's fold depends on its own record
    alone); everything else is the checkpoint's, shared, not copied per item.
    """
    refs = {r.container for r in facts if r.container is not None}
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
        apply_row(yard, row)
    for row in moves:
        apply_row(yard, row)
    out = frame_from_yard(yard, at_us)
    gone = set(sparse.containers) - set(out.containers)
    vehicles = dict(base.vehicles)
    vehicles.update(out.vehicles)
    return YardFrame(at_us, overlay(base.containers, out.containers, gone), vehicles,
                     overlay(base.clearances, out.clearances, set()), out.devices, out.fences)


def _vehicle_of(row: EventRow) -> str:
    return str(row.body()["vehicle_id"])
