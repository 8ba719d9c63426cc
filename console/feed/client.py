"""The console's side of one feed (docs/protocol.md section 2): one connection after another.

`FeedClient.run` connects (`console.feed.transport`: token, TLS, pin), says
hello (resuming from the store's committed cursor), hands the welcome and
every frame after it to the feed's `FeedSession` (`console.feed.session`, the
protocol's state machine, which never sees the socket), sends what the
session asks for, hands its pending batch (`console.feed.batching`) to the
engine once the frames that came together are read, treats silence as a dead
connection, and reconnects with exponential backoff and jitter until it is
cancelled or the gateway refuses its credentials.

Everything the client learns goes to a `FeedSink` (the engine), which commits
it through the single store writer; the client never touches the database.
It resumes only from what the sink reports as committed, so a crash or a
failed commit at any moment costs a replay, never an event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from typing import Any, Protocol

from websockets.exceptions import ConnectionClosed
from websockets.frames import Close

from console.config.logsetup import hide_in_logs
from console.deadline import within
from console.feed.batching import BACKLOG_LIMIT, FLUSH_EVENTS
from console.feed.config import FeedConfig
from console.feed.frames import FeedConnection
from console.feed.session import BINARY_REASON, FeedSession, Reconnect, Rejected, resumes
from console.feed.status import FeedCounters, FeedStatus
from console.feed.transport import check_pin, closed_by, open_connection
from console.layout import Layout
from console.protocol import messages as m
from console.protocol.fast_lane import read_feed_event
from console.protocol.strictjson import dumps
from console.store.base import FeedCursor, WriteBatch

__all__ = [
    "BACKLOG_LIMIT",
    "BINARY_REASON",
    "FLUSH_EVENTS",
    "WELCOME_TIMEOUT_S",
    "FeedClient",
    "FeedSink",
]

log = logging.getLogger("console.feed")

WELCOME_TIMEOUT_S = 10.0


class FeedSink(Protocol):
    """What a feed client needs from the engine."""

    def committed_cursor(self, feed: str) -> FeedCursor | None: ...

    def submit(self, feed: str, batch: WriteBatch) -> None: ...

    async def wait_backlog(self, feed: str, limit: int) -> None: ...

    async def settle(self, feed: str) -> None: ...

    def feed_status(self, status: FeedStatus) -> None: ...

    def heartbeat(self, feed: str, time: str) -> None: ...

    def layout(self, feed: str, layout: Layout) -> None: ...

    def correction_result(self, feed: str, result: m.CorrectionResult) -> None: ...

    def gateway_error(self, feed: str, error: m.ErrorMessage) -> None: ...

    async def rename_feed(self, old: str, new: str) -> FeedCursor | None:
        """Know feed `old` as `new` from now on; the cursor stored under `new`."""
        ...


class FeedClient:
    """One feed, connected for as long as `run` runs."""

    def __init__(
        self,
        config: FeedConfig,
        sink: FeedSink,
        *,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.sink = sink
        if config.token:  # hidden for the process's life: websockets logs it at DEBUG
            hide_in_logs((config.token,))
        self._clock = clock
        self._rng = rng or random.Random()
        self._ws: FeedConnection | None = None
        self._session = FeedSession(config.key, config.url, _ToSink(self), clock=clock,
                                    read_event=read_feed_event)
        self._restart_reason: str | None = None
        self._name: str | None = None  # the gateway's announced name, when it replaced the address

    @property
    def key(self) -> str:
        return self._session.key

    @property
    def welcome(self) -> m.Welcome | None:
        """The current connection's welcome (None while not connected)."""
        return self._session.welcome

    @property
    def state(self) -> str:
        return self._session.state

    @property
    def counters(self) -> FeedCounters:
        return self._session.counters

    # ------------------------------------------------------------------ public

    async def run(self) -> None:
        """Connect and stay connected until cancelled or refused for good."""
        delay = self.config.backoff_initial_s
        while True:
            started = self._clock()
            try:
                await self._connection()
                raise Reconnect("disconnected", "the gateway closed the connection")
            except Rejected as exc:
                self._session.status("rejected", str(exc))
                return
            except Reconnect as exc:
                self._session.status(exc.state, exc.detail)
                wait = exc.delay
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as exc:  # a bug must not stop the feed: report, reconnect
                log.exception("feed %s: unexpected error", self.key)
                self._session.status("disconnected", f"internal error, reconnecting: {exc!r}")
                wait = None
            finally:
                await self._close_connection()
            if self._clock() - started > 60:
                delay = self.config.backoff_initial_s  # the session was healthy: start over
            if wait is None:
                wait = self._rng.uniform(0.5, 1.0) * delay
                delay = min(delay * 2, self.config.backoff_max_s)
            self.counters.reconnects += 1
            await asyncio.sleep(wait)

    async def send(self, message: dict[str, Any]) -> None:
        """Send a client message (a correction); ConnectionError when not connected."""
        ws = self._ws
        if ws is None or self.welcome is None:
            raise ConnectionError(f"feed {self.key} is not connected")
        try:
            await ws.send(dumps(message).decode("utf-8"))
        except ConnectionClosed as exc:
            raise ConnectionError(f"feed {self.key} closed while sending") from exc

    def restart(self, reason: str) -> None:
        """Drop the connection and resume from the committed cursor (e.g. after a failed commit)."""
        self._restart_reason = reason
        if self._ws is not None:
            self._ws.transport.abort()

    # -------------------------------------------------------------- connection

    async def _connection(self) -> None:
        try:
            await self._connection_steps()
        except ConnectionClosed as exc:
            raise self._closed_by(exc.rcvd, exc.sent) from None

    async def _connection_steps(self) -> None:
        self._restart_reason = None
        await self.sink.settle(self.key)
        cursor = self.sink.committed_cursor(self.key)
        ws = await open_connection(self.config)
        self._ws = ws
        check_pin(self.config, ws)
        await ws.send(
            dumps(
                m.hello(
                    self.config.station,
                    cursor.epoch if cursor else None,
                    cursor.last_seq if cursor else None,
                )
            ).decode("utf-8")
        )
        welcome = await self._await_welcome(ws)
        if self._name is None and self.config.named_by_address and welcome.feed != self.key:
            cursor = await self._adopt_name(welcome)
        for request in self._session.begin(welcome, cursor):
            await ws.send(dumps(request).decode("utf-8"))
        watchdog = asyncio.create_task(self._watchdog(ws, welcome.heartbeat_s))
        try:
            await self._receive(ws)
        finally:
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watchdog
            self._session.flush()

    async def _adopt_name(self, welcome: m.Welcome) -> FeedCursor | None:
        """Store this feed under the name the gateway announces; resume what is stored there."""
        old = self.key
        self._name = self._session.key = welcome.feed
        cursor = await self.sink.rename_feed(old, welcome.feed)
        if resumes(cursor, welcome) and cursor is not None:
            raise Reconnect("connected", f"the gateway is feed {welcome.feed}: resuming after "
                            f"its stored event {cursor.last_seq}", delay=0.0)
        return cursor

    async def _await_welcome(self, ws: FeedConnection) -> m.Welcome:
        try:
            frame = await within(ws.next_frame(), WELCOME_TIMEOUT_S)
        except TimeoutError:
            raise Reconnect("disconnected", "the gateway sent no welcome within 10 s") from None
        except ConnectionClosed as exc:
            raise self._closed_by(exc.rcvd, exc.sent) from None
        if frame is None:
            raise self._closed_by(ws.protocol.close_rcvd, ws.protocol.close_sent)
        return self._session.read_welcome(*frame)

    async def _receive(self, ws: FeedConnection) -> None:
        session = self._session
        handle, batch, counters = session.handle, session.batch, session.counters
        clock = self._clock
        loop = asyncio.get_running_loop()
        try:
            while (frame := await ws.next_frame()) is not None:
                counters.last_message_at = clock()
                handle(*frame)
                if len(batch.pending.events) >= FLUSH_EVENTS:
                    session.flush()
                    await self.sink.wait_backlog(self.key, BACKLOG_LIMIT)
                elif not batch.scheduled:
                    batch.scheduled = True
                    loop.call_soon(session.flush)
        except ConnectionClosed as exc:
            raise self._closed_by(exc.rcvd, exc.sent) from None
        # The iterator ends quietly on a normal close (1000/1001): say why all the same.
        raise self._closed_by(ws.protocol.close_rcvd, ws.protocol.close_sent)

    async def _watchdog(self, ws: FeedConnection, heartbeat_s: float) -> None:
        """Treat silence beyond 3 × heartbeat as a dead connection; time out replays."""
        period = min(heartbeat_s / 2, 1.0)
        while True:
            await asyncio.sleep(period)
            now = self._clock()
            last = self.counters.last_message_at or now
            if now - last > 3 * heartbeat_s:
                self._restart_reason = (
                    f"nothing received for {now - last:.0f} s "
                    f"(heartbeat every {heartbeat_s:g} s): connection treated as dead"
                )
                ws.transport.abort()
                return
            self._session.tick(now, self.config.replay_timeout_s)

    def _closed_by(self, rcvd: Close | None, sent: Close | None) -> Exception:
        closed = closed_by(self.config, rcvd, sent, self._restart_reason)
        if closed.quarantine is not None:
            code, reason = closed.quarantine
            self._session.quarantine(b"", code, reason, None)
        return closed.outcome

    async def _close_connection(self) -> None:
        ws, self._ws = self._ws, None
        self._session.end()
        if ws is not None:
            try:
                with contextlib.suppress(Exception):
                    await within(ws.close(), 2)
            finally:  # a close that timed out or was cancelled leaves no socket behind
                ws.transport.abort()

    def _request_soon(self, message: dict[str, Any]) -> None:
        ws = self._ws
        if ws is None:
            return
        task = asyncio.get_running_loop().create_task(_send_quietly(ws, message))
        _BACKGROUND.add(task)
        task.add_done_callback(_BACKGROUND.discard)


class _ToSink:
    """What the session asks for, done: requests on the socket, the rest to the engine."""

    __slots__ = ("_client",)

    def __init__(self, client: FeedClient) -> None:
        self._client = client

    def send(self, message: dict[str, Any]) -> None:
        self._client._request_soon(message)

    def submit(self, batch: WriteBatch) -> None:
        self._client.sink.submit(self._client.key, batch)

    def status(self, status: FeedStatus) -> None:
        self._client.sink.feed_status(status)

    def heartbeat(self, time: str) -> None:
        self._client.sink.heartbeat(self._client.key, time)

    def layout(self, layout: Layout) -> None:
        self._client.sink.layout(self._client.key, layout)

    def correction_result(self, result: m.CorrectionResult) -> None:
        self._client.sink.correction_result(self._client.key, result)

    def gateway_error(self, error: m.ErrorMessage) -> None:
        self._client.sink.gateway_error(self._client.key, error)


async def _send_quietly(ws: FeedConnection, message: dict[str, Any]) -> None:
    with contextlib.suppress(ConnectionClosed):
        await ws.send(dumps(message).decode("utf-8"))


_BACKGROUND: set[asyncio.Task[None]] = set()
