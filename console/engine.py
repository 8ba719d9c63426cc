"""The engine: feeds → strict parser → one durable store → yard state → rules → alerts.

One `Engine` runs the feed clients, commits what they deliver through the
single store writer, and only then hands events to the supervisor (yard state
and rules), so that what the rules have seen is always what the store holds.
Per feed at most one batch is in flight: if a commit fails (disk full, database
locked), the batches behind it are dropped, the feed reconnects and resumes
from the last committed event, and nothing is lost or applied twice.

Whoever follows the engine (the window, the headless printer, the correction
sender's link) is an `EngineObserver`, subscribed with `Engine.subscribe`: one
list, one protocol, every notification in commit order.  The engine sets
nothing process-wide (garbage collector, thread switch interval): the
composition root does (`console.composition.ConsoleParts.start`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from console.feed.client import FeedClient
from console.feed.config import FeedConfig
from console.feed.status import FeedStatus
from console.layout import Layout
from console.model import FeedEvent, Snapshot
from console.protocol.messages import CorrectionResult, ErrorMessage
from console.store.base import EventStore, FeedCursor, StoreError, WriteBatch
from console.store.writer import StoreWriter
from console.yard.changes import YardChanges

log = logging.getLogger("console.engine")


class EngineObserver(Protocol):
    """Whoever follows what the engine does (the window, the headless printer, the
    correction sender): `Engine.subscribe` it; `QuietObserver` ignores what it is not told."""

    def on_feed_status(self, status: FeedStatus) -> None:
        """A feed changed state (`FeedStatus.detail`: why, in words)."""

    def on_store_problem(self, error: StoreError | None) -> None:
        """The store failed to commit (None: it commits again)."""

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        """Events of `feed`, committed, before the rules judge them."""

    def on_snapshot(self, feed: str, snapshot: Snapshot) -> None:
        """A snapshot of `feed`, committed."""

    def on_layout(self, feed: str, layout: Layout) -> None:
        """The terminal's layout, read once when its feed sent it."""

    def on_alerts(self, changes: Sequence[Any]) -> None:
        """Alert changes, from the rules or published by the officers' side."""

    def on_correction_result(self, feed: str, result: CorrectionResult) -> None:
        """The gateway's answer to a correction the console sent."""

    def on_gateway_error(self, feed: str, error: ErrorMessage) -> None:
        """The gateway's error answer to a request of the console's (by `request_id`)."""

    def on_yard_changes(self, changes: YardChanges) -> None:
        """What the supervisor's yard changed after judging a batch (or a restore)."""


class QuietObserver:
    """An observer that ignores everything: subclass it and override what you need."""

    def on_feed_status(self, status: FeedStatus) -> None:
        pass

    def on_store_problem(self, error: StoreError | None) -> None:
        pass

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        pass

    def on_snapshot(self, feed: str, snapshot: Snapshot) -> None:
        pass

    def on_layout(self, feed: str, layout: Layout) -> None:
        pass

    def on_alerts(self, changes: Sequence[Any]) -> None:
        pass

    def on_correction_result(self, feed: str, result: CorrectionResult) -> None:
        pass

    def on_gateway_error(self, feed: str, error: ErrorMessage) -> None:
        pass

    def on_yard_changes(self, changes: YardChanges) -> None:
        pass


class Supervision(Protocol):
    """What the engine needs from the rules (console.rules)."""

    def apply_snapshot(self, feed_key: str, role: str, snap: Snapshot) -> list[Any]: ...

    def apply(self, feed_key: str, role: str, event: FeedEvent) -> list[Any]: ...

    def heartbeat(self, feed_key: str, time: str) -> list[Any]: ...

    def feed_status(
        self, feed_key: str, state: str, at_console_time: float, detail: str | None = None
    ) -> list[Any]: ...

    def tick(self, console_time: float) -> list[Any]: ...

    def set_layout(self, layout: Layout) -> None: ...

    def take_yard_changes(self) -> YardChanges: ...


@dataclass
class _FeedPipe:
    """The commit pipeline of one feed: queued batches, the one in flight, a late heartbeat."""

    queued: deque[WriteBatch] = field(default_factory=deque)
    in_flight: asyncio.Future[int] | None = None
    queued_events: int = 0
    heartbeat: str | None = None
    role: str = "terminal"
    idle: asyncio.Event = field(default_factory=asyncio.Event)


class Engine:
    """Feeds, store and supervision in one asyncio loop (plain, or Qt's through qasync)."""

    def __init__(
        self,
        store: EventStore,
        feeds: Sequence[FeedConfig],
        *,
        supervisor: Supervision | None = None,
        restore: Callable[[EventStore, list[str]], Sequence[Any]] | None = None,
        sync_wait_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.writer = StoreWriter(store)
        self.supervisor = supervisor
        self._restore = restore
        # The subscribers (`subscribe`, `unsubscribe`), told in the order they subscribed.
        self.observers: list[EngineObserver] = []
        self.clients = {f.key: FeedClient(f, self, clock=clock) for f in feeds}
        self.statuses: dict[str, FeedStatus] = {}
        self.current_layout: Layout | None = None
        self.store_problem: StoreError | None = None
        self._clock = clock
        self._committed: dict[str, FeedCursor | None] = {}
        self._pipes: dict[str, _FeedPipe] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self.final_event_count: int | None = None
        # Until every feed is in sync, committed batches wait here before the rules see them.
        self._held: list[tuple[str, WriteBatch | str]] | None = []
        self._synced: set[str] = set()
        self.sync_wait_s = sync_wait_s
        self._sync_timer: asyncio.TimerHandle | None = None

    # ------------------------------------------------------------ observers

    def subscribe(self, observer: EngineObserver) -> None:
        """Tell `observer` everything from now on (after those subscribed before it);
        subscribing it again changes nothing."""
        if all(o is not observer for o in self.observers):
            self.observers.append(observer)

    def unsubscribe(self, observer: EngineObserver) -> None:
        """Tell `observer` nothing more (nothing happens if it was not subscribed)."""
        self.observers = [o for o in self.observers if o is not observer]

    # --------------------------------------------------------------- lifetime

    async def start(self) -> None:
        """Pick up where the last run stopped (yard state, deadlines), then start the feeds."""
        if self._restore is not None:
            restore, keys = self._restore, list(self.clients)
            self._alerts(
                list(
                    await asyncio.wrap_future(self.writer.call(lambda store: restore(store, keys)))
                )
            )
            self._yard_changes()
        for key in self.clients:
            self._committed[key] = await asyncio.wrap_future(
                self.writer.call(functools.partial(_cursor_of, feed=key))
            )
            pipe = _FeedPipe()
            pipe.idle.set()
            self._pipes[key] = pipe
        for client in self.clients.values():
            self._tasks.append(asyncio.create_task(client.run(), name=f"feed {client.key}"))
        self._tasks.append(asyncio.create_task(self._ticker(), name="engine ticker"))
        self._sync_timer = asyncio.get_running_loop().call_later(
            self.sync_wait_s, functools.partial(self._open_when_synced, anyway=True)
        )

    async def stop(self) -> None:
        """Stop the feeds, commit what was received, close the store."""
        if self._sync_timer is not None:
            self._sync_timer.cancel()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        for key in list(self._pipes):
            await self.settle(key)
        self.final_event_count = await asyncio.wrap_future(self.writer.call(_event_count))
        await asyncio.get_running_loop().run_in_executor(None, self.writer.close)

    async def wait_feeds(self) -> None:
        """Wait until every feed client has stopped (rejected for good) or was cancelled."""
        feeds = [t for t in self._tasks if t.get_name().startswith("feed ")]
        await asyncio.gather(*feeds, return_exceptions=True)

    # ------------------------------------------------------------ FeedSink

    def committed_cursor(self, feed: str) -> FeedCursor | None:
        return self._committed.get(feed)

    def submit(self, feed: str, batch: WriteBatch) -> None:
        pipe = self._pipes[feed]
        pipe.queued.append(batch)
        pipe.queued_events += len(batch.events)
        pipe.idle.clear()
        self._pump(feed)

    async def wait_backlog(self, feed: str, limit: int) -> None:
        pipe = self._pipes[feed]
        while pipe.queued_events > limit and pipe.in_flight is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(pipe.in_flight)

    async def settle(self, feed: str) -> None:
        await self._pipes[feed].idle.wait()

    def feed_status(self, status: FeedStatus) -> None:
        self.statuses[status.feed] = status
        if status.state in ("resumed", "rejected"):
            self._synced.add(status.feed)  # resumed: the restored state is current
            self._open_when_synced()
        pipe = self._pipes.get(status.feed)
        if pipe is not None and status.role:
            pipe.role = status.role
        for obs in self.observers:
            obs.on_feed_status(status)
        if self.supervisor is not None:
            self._alerts(
                self.supervisor.feed_status(status.feed, status.state, self._clock(), status.detail)
            )

    async def rename_feed(self, old: str, new: str) -> FeedCursor | None:
        """Feed `old` (its address) is known by the name its gateway announced from now on.

        Its pipe moves to the new name; the cursor, and with a supervisor the
        yard state, stored under that name are picked up as at start-up.
        """
        client = self.clients.pop(old, None)
        if client is not None:
            self.clients[new] = client
        pipe = self._pipes.pop(old, None)
        if pipe is not None:
            await pipe.idle.wait()
            self._pipes[new] = pipe
        self._committed.pop(old, None)
        shown = self.statuses.get(old)
        if shown is not None:  # what was shown under the address is over: say where it went
            self.feed_status(dataclasses.replace(
                shown, state="renamed", detail=f"now known as {new}", at=shown.at))
            self.statuses.pop(old, None)
        self._committed[new] = await asyncio.wrap_future(
            self.writer.call(functools.partial(_cursor_of, feed=new)))
        if self._restore is not None and self._committed[new] is not None:
            restore = self._restore
            self._alerts(list(await asyncio.wrap_future(
                self.writer.call(lambda store: restore(store, [new])))))
            self._yard_changes()
        log.info("feed %s is known as %s, the name its gateway announced", old, new)
        return self._committed[new]

    def heartbeat(self, feed: str, time: str) -> None:
        pipe = self._pipes[feed]
        if pipe.in_flight is None and not pipe.queued:
            if self._held is not None:
                self._held.append((feed, time))
            else:
                self._judge(feed, time)
        else:
            pipe.heartbeat = time  # applied once the events before it are

    def layout(self, feed: str, layout: Layout) -> None:
        """A new layout, read once by the protocol (`console.layout.parse_layout`)."""
        self.current_layout = layout
        if self.supervisor is not None:
            self.supervisor.set_layout(layout)
        for obs in self.observers:
            obs.on_layout(feed, layout)

    def correction_result(self, feed: str, result: CorrectionResult) -> None:
        for obs in self.observers:
            obs.on_correction_result(feed, result)

    def gateway_error(self, feed: str, error: ErrorMessage) -> None:
        for obs in self.observers:
            obs.on_gateway_error(feed, error)

    def publish_alerts(self, changes: Sequence[Any]) -> None:
        """Show alert changes made outside the feeds (officers' actions, terminal answers)."""
        self._alerts(changes)

    def terminal_client(self) -> FeedClient | None:
        """The connected feed of role `terminal` (where corrections go), if any."""
        for client in self.clients.values():
            if client.welcome is not None and client.welcome.role == "terminal":
                return client
        return None

    # -------------------------------------------------------------- pipeline

    def _pump(self, feed: str) -> None:
        pipe = self._pipes[feed]
        if pipe.in_flight is not None or not pipe.queued:
            return
        batch = pipe.queued.popleft()
        # Merge what follows, up to a snapshot (applied alone, in its place).
        if not batch.snapshots:
            while pipe.queued and not pipe.queued[0].snapshots and len(batch.events) < 20_000:
                nxt = pipe.queued.popleft()
                batch.events.extend(nxt.events)
                batch.quarantine.extend(nxt.quarantine)
                batch.gaps.extend(nxt.gaps)
                batch.cursors = nxt.cursors or batch.cursors
        pipe.queued_events -= len(batch.events)
        fut = asyncio.wrap_future(self.writer.submit(batch))
        pipe.in_flight = fut
        fut.add_done_callback(functools.partial(self._committed_one, feed, batch))

    def _committed_one(self, feed: str, batch: WriteBatch, fut: asyncio.Future[int]) -> None:
        """A batch's commit is done: hand it on, then the next one (or the feed is idle).

        The pipe always moves on: an observer or a rule that raises is logged and the
        feed goes on (the batch is stored; before, such an error in this callback left
        the pipe busy for ever: the feed stalled and `stop` waited on it without end)."""
        pipe = self._pipes[feed]
        pipe.in_flight = None
        try:
            exc = fut.exception() if not fut.cancelled() else StoreError("io", "write cancelled")
            if exc is not None:
                self._commit_failed(feed, exc)
            else:
                if self.store_problem is not None:
                    self.store_problem = None
                    for obs in self.observers:
                        obs.on_store_problem(None)
                if batch.cursors:
                    self._committed[feed] = batch.cursors[-1]
                self._dispatch(feed, batch)
        except Exception:
            log.exception("feed %s: a saved batch of %d events could not be handed on in full; "
                          "it stays saved and the feed goes on", feed, len(batch.events))
        if pipe.queued:
            self._pump(feed)
            return
        try:
            if pipe.heartbeat is not None:
                if self._held is not None:
                    self._held.append((feed, pipe.heartbeat))
                else:
                    self._judge(feed, pipe.heartbeat)
        except Exception:
            log.exception("feed %s: a heartbeat could not be judged; the feed goes on", feed)
        finally:
            pipe.heartbeat = None
            pipe.idle.set()

    def _commit_failed(self, feed: str, exc: BaseException) -> None:
        pipe = self._pipes[feed]
        dropped = sum(len(b.events) for b in pipe.queued)
        pipe.queued.clear()
        pipe.queued_events = 0
        error = exc if isinstance(exc, StoreError) else StoreError("io", f"could not save: {exc}")
        log.error(
            "feed %s: commit failed (%s); %d queued events dropped for replay",
            feed,
            error.message,
            dropped,
        )
        if self.store_problem is None or self.store_problem.message != error.message:
            self.store_problem = error
            for obs in self.observers:
                obs.on_store_problem(error)
        client = self.clients.get(feed)
        if client is not None:
            client.restart(
                f"the database could not save the latest events ({error.message}); "
                "nothing saved before is lost, the feed resumes from the last saved event"
            )

    def _dispatch(self, feed: str, batch: WriteBatch) -> None:
        for _key, snap in batch.snapshots:
            for obs in self.observers:
                obs.on_snapshot(feed, snap)
        if batch.events:
            for obs in self.observers:
                obs.on_events(feed, batch.events)
        if self._held is None:
            self._judge(feed, batch)
        else:
            self._held.append((feed, batch))
            if batch.snapshots:
                self._synced.add(feed)
                self._open_when_synced()

    def _judge(self, feed: str, batch: WriteBatch | str) -> None:
        """Hand one committed batch (or a heartbeat's time) to the supervisor."""
        sup = self.supervisor
        if sup is None:
            return
        if isinstance(batch, str):
            self._alerts(sup.heartbeat(feed, batch))
            return
        role = self._pipes[feed].role
        changes: list[Any] = []
        for _key, snap in batch.snapshots:
            changes.extend(sup.apply_snapshot(feed, role, snap))
        apply = sup.apply
        for ev in batch.events:
            changes.extend(apply(feed, role, ev))
        self._yard_changes()
        self._alerts(changes)

    def _yard_changes(self) -> None:
        """Hand what the supervisor's yard changed to the observers (the map)."""
        if self.supervisor is None:
            return
        changes = self.supervisor.take_yard_changes()
        if changes:
            for obs in self.observers:
                obs.on_yard_changes(changes)

    def _open_when_synced(self, *, anyway: bool = False) -> None:
        """Start judging once every feed is in sync, so that no gate-out is judged
        against a clearance feed that has not delivered its state yet."""
        if self._held is None or not (anyway or self._synced >= set(self.clients)):
            return
        held, self._held = self._held, None
        # Each feed's opening snapshot first (the clearance state must be in place before
        # the terminal's first gate-out is judged), then everything in commit order.
        seen: set[str] = set()
        opening = set()
        for i, (feed, batch) in enumerate(held):
            if feed not in seen and not isinstance(batch, str) and batch.snapshots:
                opening.add(i)
            seen.add(feed)
        for i in sorted(opening):
            self._judge(*held[i])
        for i, (feed, batch) in enumerate(held):
            if i not in opening:
                self._judge(feed, batch)

    def _alerts(self, changes: Sequence[Any]) -> None:
        if changes:
            for obs in self.observers:
                obs.on_alerts(changes)

    async def _ticker(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            if self.supervisor is not None:
                try:
                    self._alerts(self.supervisor.tick(self._clock()))
                except Exception:
                    log.exception("supervision tick failed")


def _cursor_of(store: EventStore, *, feed: str) -> FeedCursor | None:
    return store.cursor(feed)


def _event_count(store: EventStore) -> int:
    return store.event_count()

