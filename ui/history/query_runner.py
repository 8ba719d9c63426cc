"""Background queries for the history window: cancellable, one lane per kind of question.

`QueryRunner.submit(lane, work)` runs `work(cancel, progress)` on a worker
thread and delivers its result on the UI thread (`finished`), or its error
(`failed`: a `Cancelled` query reports nothing).  A new query in a lane
cancels the one before it (its `Cancellation` interrupts SQLite too), and
each lane runs one query at a time, so a stateful worker (the replay engine)
is never used by two threads.  The UI never waits on a query.

Signals:
    started(str lane, int ticket)
    progress(str lane, int ticket, float share)
    finished(str lane, int ticket, object result)
    failed(str lane, int ticket, str message)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from console.history.cancel import Cancellation, Cancelled

log = logging.getLogger("ui.history")

Work = Callable[[Cancellation, Callable[[float], None]], Any]


class _Relay(QObject):
    progress = Signal(str, int, float)
    done = Signal(str, int, object)
    error = Signal(str, int, str)


class _Task(QRunnable):
    def __init__(self, lane: str, ticket: int, work: Work, cancel: Cancellation,
                 relay: _Relay) -> None:
        super().__init__()
        self.lane, self.ticket, self.work, self.cancel, self.relay = (
            lane, ticket, work, cancel, relay)

    def run(self) -> None:
        if self.cancel.cancelled:
            return
        try:
            result = self.work(self.cancel, self._progress)
        except Cancelled:
            return
        except Exception as exc:
            log.exception("history query %s failed", self.lane)
            self.relay.error.emit(self.lane, self.ticket, str(exc) or type(exc).__name__)
            return
        if not self.cancel.cancelled:
            self.relay.done.emit(self.lane, self.ticket, result)

    def _progress(self, share: float) -> None:
        self.relay.progress.emit(self.lane, self.ticket, share)


class QueryRunner(QObject):
    started = Signal(str, int)
    progress = Signal(str, int, float)
    finished = Signal(str, int, object)
    failed = Signal(str, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {}
        self._current: dict[str, tuple[int, Cancellation]] = {}
        self._ticket = 0
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.done.connect(self._on_done)
        self._relay.error.connect(self._on_error)

    def submit(self, lane: str, work: Work) -> int:
        """Run `work` in `lane`, cancelling the lane's previous query; return its ticket."""
        self.cancel(lane)
        self._ticket += 1
        cancel = Cancellation()
        self._current[lane] = (self._ticket, cancel)
        pool = self._pools.get(lane)
        if pool is None:
            pool = self._pools[lane] = QThreadPool(self)
            pool.setMaxThreadCount(1)
        pool.start(_Task(lane, self._ticket, work, cancel, self._relay))
        self.started.emit(lane, self._ticket)
        return self._ticket

    def cancel(self, lane: str) -> None:
        current = self._current.pop(lane, None)
        if current is not None:
            current[1].cancel()

    def busy(self, lane: str) -> bool:
        return lane in self._current

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel everything and wait for the workers (before the window goes away)."""
        for lane in list(self._current):
            self.cancel(lane)
        for pool in self._pools.values():
            pool.waitForDone(timeout_ms)

    def _live(self, lane: str, ticket: int) -> bool:
        current = self._current.get(lane)
        return current is not None and current[0] == ticket

    def _on_progress(self, lane: str, ticket: int, share: float) -> None:
        if self._live(lane, ticket):
            self.progress.emit(lane, ticket, share)

    def _on_done(self, lane: str, ticket: int, result: object) -> None:
        if self._live(lane, ticket):
            del self._current[lane]
            self.finished.emit(lane, ticket, result)

    def _on_error(self, lane: str, ticket: int, message: str) -> None:
        if self._live(lane, ticket):
            del self._current[lane]
            self.failed.emit(lane, ticket, message)
