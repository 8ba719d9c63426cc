"""One client's session on a gateway feed: what it is sent, in what order, and when.

Why a session owns two outgoing queues: answers (welcome, replay, snapshot
parts, replies to requests) must go out whole and first, however large, while
live events must never pile up without bound behind a slow client.  Live
events wait in a bounded queue; when it overflows the session is closed with
1001 and the client resumes from where it got, so one slow console never
holds back the others or the gateway's memory.

A single sender task writes to the socket.  It sends a heartbeat (with the
log's `last_seq`) whenever nothing was sent for `heartbeat_s`, and sends
nothing at all while the gateway is silenced (`silent_for() > 0`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

import orjson
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from console.deadline import within
from console.protocol.messages import CLOSE_GOING_AWAY, CLOSE_POLICY
from testbed.gateway.feedlog import FeedLog

log = logging.getLogger("testbed.gateway.session")

CLOSE_REASON_LIMIT = 123  # bytes, RFC 6455
DEAD_PEER_GRACE_S = 1.0
MAX_PENDING_ANSWER_BYTES = 64 * 1024 * 1024  # three full-yard snapshots
MAX_PENDING_ANSWERS = 10_000  # messages and replays not yet sent


def close_reason(text: str) -> str:
    """`text` cut to what a close frame can carry (123 bytes of UTF-8)."""
    raw = text.encode("utf-8")[:CLOSE_REASON_LIMIT]
    return raw.decode("utf-8", "ignore")


class BinaryFrame(bytes):
    """Bytes to be sent as a binary frame (everything else goes out as text frames)."""


def encode(message: dict[str, Any]) -> bytes:
    """The frame of one message; a log entry made by `FeedLog.append_frame` as it was given."""
    frame = message.get("frame")
    if frame is not None:
        return BinaryFrame(frame) if message.get("binary") else bytes(frame)
    return orjson.dumps(message)


class FeedSession:
    """The outgoing side of one connected, welcomed client."""

    def __init__(
        self,
        ws: ServerConnection,
        *,
        path: str,
        station: str,
        log: FeedLog,
        heartbeat_s: float,
        now: Callable[[], str],
        clock: Callable[[], float],
        silent_for: Callable[[], float],
        max_live: int,
        ping_interval_s: float | None,
        ping_timeout_s: float,
    ) -> None:
        self.ws = ws
        self.path = path
        self.station = station
        self.log = log
        self.heartbeat_s = heartbeat_s
        self._now = now
        self._clock = clock
        self._silent_for = silent_for
        self._max_live = max_live
        self._ping_interval_s = ping_interval_s
        self._ping_timeout_s = ping_timeout_s
        self._urgent: collections.deque[bytes | str | Iterator[bytes]] = collections.deque()
        self._urgent_bytes = 0
        self._live: collections.deque[bytes] = collections.deque()
        self._wake = asyncio.Event()
        self._closing = False
        self._tasks: list[asyncio.Task[None]] = []
        self.sent = 0

    # ------------------------------------------------------------ queueing

    def send_first(self, data: bytes | str | Iterator[bytes]) -> None:
        """Queue an answer: it goes out before any waiting live event.

        An iterator is a long answer (a replay) encoded only as it is sent.  A
        client that asks faster than it reads (answers piling up beyond
        MAX_PENDING_ANSWER_BYTES or MAX_PENDING_ANSWERS) is closed with 1008."""
        if self._closing:
            return
        if isinstance(data, bytes | str):
            self._urgent_bytes += len(data)
        self._urgent.append(data)
        if (self._urgent_bytes > MAX_PENDING_ANSWER_BYTES
                or len(self._urgent) > MAX_PENDING_ANSWERS):
            log.warning("session %s on %s asks faster than it reads: closing it",
                        self.station, self.path)
            self.close_soon(CLOSE_POLICY, "too many requests waiting for their answers")
            return
        self._wake.set()

    def send_first_lazily(self, messages: Iterator[bytes]) -> None:
        self.send_first(messages)

    def _next_urgent(self) -> bytes | str | None:
        while self._urgent:
            head = self._urgent[0]
            if isinstance(head, bytes | str):
                self._urgent.popleft()
                self._urgent_bytes -= len(head)
                return head
            item = next(head, None)
            if item is not None:
                return item
            self._urgent.popleft()
        return None

    def push_live(self, data: bytes) -> None:
        """Queue a live event; close the session (1001) when the client cannot keep up."""
        if self._closing:
            return
        if len(self._live) >= self._max_live:
            log.warning("session %s on %s is too slow (%d queued): closing it",
                        self.station, self.path, len(self._live))
            self.close_soon(CLOSE_GOING_AWAY, "client too slow; resume")
            return
        self._live.append(data)
        self._wake.set()

    def close_soon(self, code: int, reason: str) -> None:
        """Close from synchronous code (a log callback); idempotent."""
        if self._closing:
            return
        self._closing = True
        self._live.clear()
        self._tasks.append(asyncio.ensure_future(self.ws.close(code, close_reason(reason))))

    async def close(self, code: int, reason: str) -> None:
        self._closing = True
        self._live.clear()
        await self.ws.close(code, close_reason(reason))

    # ------------------------------------------------------------ tasks

    def start(self) -> None:
        self._tasks.append(asyncio.ensure_future(self._send_loop()))
        if self._ping_interval_s:
            self._tasks.append(asyncio.ensure_future(self._ping_loop(self._ping_interval_s)))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await task

    async def _wait_out_silence(self) -> None:
        while (remaining := self._silent_for()) > 0:
            await asyncio.sleep(remaining)

    async def _send_loop(self) -> None:
        last_sent = self._clock()
        try:
            while True:
                await self._wait_out_silence()
                urgent = self._next_urgent()
                if urgent is not None:
                    data: bytes | str = urgent
                elif self._live:
                    data = self._live.popleft()
                else:
                    idle = self._clock() - last_sent
                    if idle < self.heartbeat_s:
                        self._wake.clear()
                        with contextlib.suppress(TimeoutError):
                            await within(self._wake.wait(), self.heartbeat_s - idle)
                        continue
                    data = encode(
                        {"type": "heartbeat", "time": self._now(), "last_seq": self.log.last_seq}
                    )
                if isinstance(data, BinaryFrame):
                    await self.ws.send(bytes(data), text=False)
                elif isinstance(data, bytes):
                    await self.ws.send(data, text=True)
                else:
                    await self.ws.send(data)
                self.sent += 1
                last_sent = self._clock()
        except ConnectionClosed:
            return

    async def _drop_dead_peer(self) -> None:
        """Close with 1011, but do not wait the whole close timeout for a peer that is gone."""
        closing = asyncio.ensure_future(self.ws.close(1011, "keepalive ping timeout"))
        self._closing = True
        self._live.clear()
        done, _ = await asyncio.wait([closing], timeout=DEAD_PEER_GRACE_S)
        if not done:
            self.ws.transport.abort()
            with contextlib.suppress(ConnectionClosed):
                await closing

    async def _ping_loop(self, interval: float) -> None:
        """Keepalive pings, paused while silenced; an unanswered ping closes with 1011."""
        try:
            while True:
                await asyncio.sleep(interval)
                await self._wait_out_silence()
                pong = await self.ws.ping()
                try:
                    await within(pong, self._ping_timeout_s)
                except TimeoutError:
                    if self._silent_for() > 0:
                        continue
                    await self._drop_dead_peer()
                    return
        except ConnectionClosed:
            return
