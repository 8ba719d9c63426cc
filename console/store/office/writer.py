"""The office store's writer thread: one connection, one job at a time, in submission order.

`submit(job)` hands a function of the writer's connection to the thread and
answers a `Future` of its result; `settle()` waits until every job submitted
so far has run.  A job that raises fails its own future only; the thread goes
on with the next one.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from console.store.base import StoreError

T = TypeVar("T")

log = logging.getLogger("console.store.office")

class OfficeWriter:
    def __init__(self, name: str = "office-writer") -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = (
            queue.SimpleQueue())
        self._idle = threading.Condition()
        self._pending = 0
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def on_writer_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, job: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._idle:
            if self._closed:
                raise StoreError("io", "the officer-side store is closed")
            self._pending += 1
        self._jobs.put((job, future))
        return future

    def run(self, job: Callable[[], T]) -> T:
        """Submit and wait (or run at once when called on the writer thread itself)."""
        if self.on_writer_thread:
            return job()
        return self.submit(job).result()

    def settle(self, timeout_s: float = 30.0) -> None:
        if self.on_writer_thread:
            return
        with self._idle:
            if not self._idle.wait_for(lambda: self._pending == 0, timeout_s):
                raise StoreError("locked", f"the officer-side store did not finish its writes "
                                         f"within {timeout_s:g} s")

    def close(self) -> None:
        with self._idle:
            if self._closed:
                return
            self._closed = True
        self._jobs.put(None)
        if not self.on_writer_thread:
            self._thread.join()

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            self._one(*item)

    def _one(self, job: Callable[[], Any], future: Future[Any]) -> None:
        try:
            if future.set_running_or_notify_cancel():
                try:
                    result = job()
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
        finally:
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()
