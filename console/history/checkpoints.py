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

from collections.abc import Callable, Mapping
from typing import Any

from console.history.cancel import NEVER, Cancellation
from console.history.fold import SnapshotMarks, apply_row, fold_rows
from console.history.frame import (
    YardFrame,
    decode_frame,
    encode_frame,
    frame_from_yard,
    yard_from_frame,
)
from console.history.records import Checkpoint, EventRow
from console.history.store import HistoryStore
from console.layout import Layout, as_layout
from console.yard.state import YardState

__all__ = ["Checkpoint", "Checkpointer", "checkpoint_before", "load_frame"]

DEFAULT_EVERY_S = 900.0
DEFAULT_EVERY_FACTS = 5_000
_CHUNK = 20_000


def checkpoint_before(store: HistoryStore, at_us: int) -> Checkpoint | None:
    """The newest checkpoint all of whose events are stamped before `at_us`."""
    return store.checkpoint_before(at_us)


def load_frame(store: HistoryStore, n: int) -> YardFrame:
    """The frame of checkpoint `n` (KeyError when there is none)."""
    return decode_frame(store.checkpoint_frame(n))


class Checkpointer:
    """Writes replay checkpoints for the events stored so far (see the module docstring)."""

    def __init__(
        self, store: HistoryStore, layout: Layout | Mapping[str, Any] | None = None, *,
        every_s: float = DEFAULT_EVERY_S, every_facts: int = DEFAULT_EVERY_FACTS,
    ) -> None:
        store.prepare()
        self._store = store
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
        self._positions: dict[str, EventRow] = {}
        self._known: set[str] = store.vehicles()

    @property
    def folded_n(self) -> int:
        """The last stored row folded (0 before the first call)."""
        return self._folded_n

    def _resume(self) -> YardState:
        latest = self._store.latest_checkpoint()
        if latest is None:
            return YardState(self._layout)
        self._folded_n = self._last_cp = latest.n
        self._max_time = self._last_cp_time = latest.max_time_us
        return yard_from_frame(load_frame(self._store, latest.n), self._layout)

    def catch_up(
        self, cancel: Cancellation = NEVER, progress: Callable[[float], None] | None = None,
    ) -> int:
        """Fold every row stored since the last call; return how many checkpoints were written."""
        if self._yard is None:
            self._yard = self._resume()
        yard = self._yard
        end = self._store.last_row()
        if end <= self._folded_n:
            return 0
        marks = SnapshotMarks(self._store)
        start = self._folded_n
        written = 0
        while self._folded_n < end:
            cancel.raise_if_cancelled()
            rows = self._store.rows(self._folded_n, min(end, self._folded_n + _CHUNK))
            if not rows:
                break
            for row in rows:
                n = row.n
                here = marks.between(n - 1, n)
                if here:
                    self._flush(yard)
                    fold_rows(yard, [row], here, marks.load)
                elif row.kind == "position" and row.vehicle_id is not None:
                    self._positions[row.vehicle_id] = row
                else:
                    apply_row(yard, row)
                self._folded_n = n
                self._note(row.kind, row.time_us)
                if self._due():
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
            for row in sorted(self._positions.values(), key=lambda r: r.n):
                apply_row(yard, row)
            self._positions.clear()

    def _record_vehicles(self, yard: YardState) -> None:
        """Name the vehicles first seen in this chunk (`first_n` is at or after the
        first row naming each one, which is all a seek needs)."""
        new = [vid for vid in yard.vehicles if vid not in self._known]
        if not new:
            return
        self._store.add_vehicles(new, self._folded_n)
        self._known.update(new)

    def _note(self, kind: str, time_us: int | None) -> None:
        if kind != "position":
            self._facts += 1
        if time_us is None:
            return
        if self._max_time is None or time_us > self._max_time:
            self._max_time = time_us
        if self._seg_min is None or time_us < self._seg_min:
            self._seg_min = time_us

    def _due(self) -> bool:
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
        self._store.write_checkpoint(n, self._max_time, len(frame.containers), blob,
                                     self._last_cp, self._seg_min)
        self._last_cp, self._last_cp_time = n, self._max_time
        self._seg_min = None
        self._facts = 0
