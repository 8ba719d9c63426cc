"""The one place where database writes happen: a thread that owns the store.

Feed clients, the alert queue and the audit log never touch the database;
they hand work to the `StoreWriter` and get a `Future`.  The writer takes
whatever has queued up since its last commit and commits it together (up to
`max_events_per_commit` events), so that under load one transaction carries
thousands of events and when idle a lone batch is committed at once, with no
timer to wait for.  Batches and calls run strictly in submission order.

When a commit fails with `StoreError` (disk full, locked, ...), every future
of that transaction fails with that same error and nothing of it is saved:
the caller decides whether to keep the data and resubmit.  The writer keeps
running and the next submission is tried afresh.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from console.store.base import EventStore, StoreError, WriteBatch

T = TypeVar("T")
S = TypeVar("S", bound=EventStore)

log = logging.getLogger("console.store.writer")

DEFAULT_MAX_EVENTS_PER_COMMIT = 5000


@dataclass(slots=True)
class _Write:
    batch: WriteBatch
    future: Future[int]


@dataclass(slots=True)
class _Call:
    fn: Callable[[Any], Any]
    future: Future[Any]


_STOP = object()


class StoreWriter(Generic[S]):
    """Serialises every write to one store on one dedicated thread.

    `on_commit(batches)` is called on the writer thread after each successful
    commit with the batches it held (in order), before their futures resolve;
    it must be quick, and an exception in it is logged, never turned into a
    failed write.  `commits` counts successful commits.
    """

    def __init__(
        self,
        store: S,
        *,
        max_events_per_commit: int = DEFAULT_MAX_EVENTS_PER_COMMIT,
        on_commit: Callable[[list[WriteBatch]], None] | None = None,
        close_store: bool = True,
        name: str = "store-writer",
    ) -> None:
        self._store = store
        self._max_events = max_events_per_commit
        self._on_commit = on_commit
        self._close_store = close_store
        self._queue: queue.SimpleQueue[_Write | _Call | object] = queue.SimpleQueue()
        self._held: _Write | _Call | object | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._queued_events = 0
        self.commits = 0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def queued_events(self) -> int:
        """Events submitted and not yet committed or failed (for the health display)."""
        return self._queued_events

    def submit(self, batch: WriteBatch) -> Future[int]:
        """Queue one batch; the future gives how many of its events were new."""
        future: Future[int] = Future()
        with self._lock:
            self._refuse_if_closed()
            self._queued_events += len(batch.events)
            self._queue.put(_Write(batch, future))
        return future

    def call(self, fn: Callable[[S], T]) -> Future[T]:
        """Run `fn(store)` on the writer thread, after everything submitted before it.

        For other areas' writes (alerts, audit: `store.transaction()` on a
        SQLite store) and reads that must see every earlier write.  `fn` must
        return plain data, never a lazy iterator over the store (wrap
        `store.events(...)` in `list`): the connection belongs to this thread.
        """
        future: Future[T] = Future()
        with self._lock:
            self._refuse_if_closed()
            self._queue.put(_Call(fn, future))
        return future

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise RuntimeError("the store writer is closed")

    def close(self, timeout: float | None = 10.0) -> bool:
        """Commit what is queued, stop the thread, close the store; False on timeout."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._queue.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _next(self) -> _Write | _Call | object:
        item, self._held = self._held, None
        return self._queue.get() if item is None else item

    def _run(self) -> None:
        try:
            while True:
                item = self._next()
                if item is _STOP:
                    break
                if isinstance(item, _Call):
                    self._run_call(item)
                elif isinstance(item, _Write):
                    self._commit(self._gather(item))
        finally:
            if self._close_store:
                try:
                    self._store.close()
                except Exception:
                    log.exception("closing the store failed")

    def _gather(self, first: _Write) -> list[_Write]:
        """`first` and the writes queued behind it, up to the per-commit bound."""
        group = [first]
        events = len(first.batch.events)
        while events < self._max_events:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if not isinstance(item, _Write) or events + len(item.batch.events) > self._max_events:
                self._held = item
                break
            group.append(item)
            events += len(item.batch.events)
        return group

    def _commit(self, group: list[_Write]) -> None:
        live = [w for w in group if w.future.set_running_or_notify_cancel()]
        try:
            if live:
                counts = self._store.write_many([w.batch for w in live])
        except BaseException as exc:
            if not isinstance(exc, StoreError):
                log.exception("writing %d batches failed", len(live))
            for w in live:
                w.future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        finally:
            with self._lock:
                self._queued_events -= sum(len(w.batch.events) for w in group)
        if not live:
            return
        self.commits += 1
        if self._on_commit is not None:
            try:
                self._on_commit([w.batch for w in live])
            except Exception:
                log.exception("on_commit failed after a successful commit")
        for w, count in zip(live, counts, strict=True):
            w.future.set_result(count)

    def _run_call(self, item: _Call) -> None:
        if not item.future.set_running_or_notify_cancel():
            return
        try:
            result = item.fn(self._store)
        except BaseException as exc:
            if not isinstance(exc, StoreError):
                log.exception("a call on the store writer failed")
            item.future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        item.future.set_result(result)
