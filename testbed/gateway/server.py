"""The server side of the terminal feed protocol (feed-protocol.md), over real websockets.

A `Gateway` serves one or more feeds, each produced by a `FeedEndpoint` (the
simulator, the test gateway) and keyed by URL path.  It does what a real
terminal gateway does: Bearer-token and source-address checks (closing with
4401/4403 right after the handshake), one session per station per feed
(4409), hello/welcome, resume by replay or re-sync by snapshot (split into
parts), heartbeats, layout, replay and snapshot requests, and idempotent
correction answers.  It also offers the faults a control room must survive
(`drop_all`, `go_silent`, `reject_tokens`, `send_raw`), for tests and
rehearsals.

Ordering contract: a session is attached to its feed's live fan-out in the
same synchronous step in which its welcome and its replay or snapshot are
computed, so the stream it receives has neither duplicates nor holes at the
replay→live boundary.  Endpoints must therefore append to their `FeedLog` from
the gateway's event loop.
"""

from __future__ import annotations

import asyncio
import http
import logging
import ssl as ssl_module
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from console.deadline import within
from console.protocol.messages import (
    CLOSE_DUPLICATE_STATION,
    CLOSE_GOING_AWAY,
    CLOSE_POLICY,
    SUBPROTOCOL,
    Hello,
    MessageRejected,
    parse_client_message,
)
from console.protocol.strictjson import MAX_MESSAGE_BYTES
from testbed.gateway.access import AccessPolicy
from testbed.gateway.endpoint import FeedEndpoint
from testbed.gateway.feedlog import Envelope
from testbed.gateway.requests import RequestHandler
from testbed.gateway.session import BinaryFrame, FeedSession, close_reason, encode

__all__ = ["FeedEndpoint", "Gateway"]

log = logging.getLogger("testbed.gateway")


class Gateway:
    """A websocket server for one or more feeds (see module docstring)."""

    def __init__(
        self,
        endpoints: dict[str, FeedEndpoint],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tokens: dict[str, set[str] | None] | None = None,
        ssl: ssl_module.SSLContext | None = None,
        snapshot_part_bytes: int = 900_000,
        clock: Callable[[], float] = time.monotonic,
        session_queue: int = 20_000,
        hello_timeout_s: float = 10.0,
        ping_interval_s: float | None = 20.0,
        ping_timeout_s: float = 20.0,
    ) -> None:
        self.endpoints = endpoints
        self.host = host
        self.port = port
        self.access = AccessPolicy(tokens)
        self.ssl = ssl
        self.snapshot_part_bytes = snapshot_part_bytes
        self.clock = clock
        self.session_queue = session_queue
        self.hello_timeout_s = hello_timeout_s
        self.ping_interval_s = ping_interval_s
        self.ping_timeout_s = ping_timeout_s
        self._server: Server | None = None
        self._sessions: dict[str, dict[str, FeedSession]] = {p: {} for p in endpoints}
        self._requests = {
            p: RequestHandler(e, snapshot_part_bytes=snapshot_part_bytes, answers=OrderedDict())
            for p, e in endpoints.items()
        }
        self._unsubscribe: list[Callable[[], None]] = []
        self._silent_until = 0.0
        self._stopping = False

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        self._stopping = False
        for path, endpoint in self.endpoints.items():
            self._unsubscribe.append(endpoint.log.subscribe(self._fan_out(path)))
            self._unsubscribe.append(endpoint.log.watch_epoch(self._on_new_epoch(path)))
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            subprotocols=[SUBPROTOCOL],  # type: ignore[list-item]
            compression=None,
            max_size=MAX_MESSAGE_BYTES,
            ping_interval=None,
            close_timeout=5,
            process_request=self._check_path,
            ssl=self.ssl,
        )
        sockets = list(self._server.sockets)
        self.port = sockets[0].getsockname()[1]
        log.info("gateway listening on %s:%d for %s", self.host, self.port, sorted(self.endpoints))

    async def stop(self) -> None:
        """Close every session with 1001 and stop listening."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        if self._server is None:
            return
        self._stopping = True
        self._server.close(close_connections=False)  # no new connections from here on
        await self.drop_all(CLOSE_GOING_AWAY, "gateway stopping")
        await self._server.wait_closed()
        self._server = None

    def url(self, path: str) -> str:
        scheme = "wss" if self.ssl is not None else "ws"
        return f"{scheme}://{self.host}:{self.port}{path}"

    # ------------------------------------------------------------ faults

    async def drop_all(self, code: int = 1001, reason: str = "") -> None:
        """Close every session with `code`."""
        sessions = [s for per_path in self._sessions.values() for s in per_path.values()]
        await asyncio.gather(*(s.close(code, reason) for s in sessions), return_exceptions=True)

    def go_silent(self, seconds: float) -> None:
        """Send nothing (no events, heartbeats, pings, pongs or handshakes) for `seconds`.

        Pongs are suppressed by not reading the sockets meanwhile; events
        produced meanwhile wait in each session's queue; a new connection's
        handshake waits (and fails if the silence outlasts the 10 s open timeout)."""
        self._silent_until = self.clock() + seconds
        for per_path in self._sessions.values():
            for session in per_path.values():
                self._hold_pongs(session.ws)

    def _hold_pongs(self, ws: ServerConnection) -> None:
        remaining = self.silent_for()
        if remaining > 0:
            ws.transport.pause_reading()
            asyncio.get_running_loop().call_later(remaining, self._resume_reading, ws.transport)

    def _resume_reading(self, transport: asyncio.BaseTransport) -> None:
        """Read again once the silence is over (a later `go_silent` may have extended it)."""
        remaining = self.silent_for()
        if remaining > 0:
            asyncio.get_running_loop().call_later(remaining, self._resume_reading, transport)
        elif not transport.is_closing() and isinstance(transport, asyncio.ReadTransport):
            transport.resume_reading()

    def silent_for(self) -> float:
        return max(0.0, self._silent_until - self.clock())

    def reject_tokens(self, on: bool = True) -> None:
        """While on, every new session is closed with 4401 after the handshake."""
        self.access.rejecting = on

    async def send_raw(self, path: str, data: bytes | str, *, binary: bool = False) -> None:
        """Send one frame as-is (bytes as a text frame, or a binary one) to every session."""
        frame = BinaryFrame(data.encode() if isinstance(data, str) else data) if binary else data
        for session in list(self._sessions[path].values()):
            session.send_first(frame)
        await asyncio.sleep(0)

    def sessions(self, path: str | None = None) -> int:
        if path is not None:
            return len(self._sessions[path])
        return sum(len(s) for s in self._sessions.values())

    # ------------------------------------------------------------ fan-out

    def _fan_out(self, path: str) -> Callable[[Envelope], None]:
        def deliver(envelope: Envelope) -> None:
            sessions = self._sessions[path]
            if sessions:
                data = encode(envelope)
                for session in list(sessions.values()):
                    session.push_live(data)

        return deliver

    def _on_new_epoch(self, path: str) -> Callable[[str], None]:
        def reset(epoch: str) -> None:
            for session in list(self._sessions[path].values()):
                session.close_soon(CLOSE_GOING_AWAY, "new epoch; re-sync")

        return reset

    # ------------------------------------------------------------ handshake

    async def _check_path(self, ws: ServerConnection, request: Request) -> Response | None:
        """Refuse unknown paths (404); while silenced, answer no handshake either."""
        while (remaining := self.silent_for()) > 0:
            await asyncio.sleep(remaining)
        if request.path.split("?", 1)[0] in self.endpoints:
            return None
        body = f"no feed at {request.path}\n".encode()
        return Response(http.HTTPStatus.NOT_FOUND, "Not Found", Headers(), body)

    async def _handle(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        path = ws.request.path.split("?", 1)[0]
        refusal = self.access.refusal(
            ws.request.headers.get("Authorization"),
            ws.remote_address[0] if ws.remote_address else None,
        )
        if refusal is not None:
            await ws.close(*refusal)
            return
        try:
            first = await within(ws.recv(), self.hello_timeout_s)
        except TimeoutError:
            await ws.close(CLOSE_POLICY, "no hello")
            return
        except ConnectionClosed:
            return
        try:
            hello = _parse(first)
        except MessageRejected as exc:
            await ws.close(CLOSE_POLICY, close_reason(exc.reason))
            return
        if not isinstance(hello, Hello):
            await ws.close(CLOSE_POLICY, "the first message must be hello")
            return
        if self._stopping:
            await ws.close(CLOSE_GOING_AWAY, "gateway stopping")
            return
        if hello.station in self._sessions[path]:
            await ws.close(CLOSE_DUPLICATE_STATION, f"station {hello.station} is already connected")
            return
        session = self._open_session(ws, path, hello)
        try:
            await self._serve_requests(session)
        finally:
            if self._sessions[path].get(hello.station) is session:
                del self._sessions[path][hello.station]
            await session.stop()

    def _open_session(self, ws: ServerConnection, path: str, hello: Hello) -> FeedSession:
        """Welcome, then replay or snapshot, attached to live in one synchronous step."""
        endpoint = self.endpoints[path]
        feed = endpoint.log
        session = FeedSession(
            ws, path=path, station=hello.station, log=feed, heartbeat_s=endpoint.heartbeat_s,
            now=endpoint.now, clock=self.clock, silent_for=self.silent_for,
            max_live=self.session_queue, ping_interval_s=self.ping_interval_s,
            ping_timeout_s=self.ping_timeout_s,
        )
        self._sessions[path][hello.station] = session
        session.send_first(encode({
            "type": "welcome",
            "feed": feed.name,
            "role": feed.role,
            "epoch": feed.epoch,
            "first_seq": feed.first_seq,
            "last_seq": feed.last_seq,
            "retained_from_seq": feed.retained_from_seq,
            "heartbeat_s": endpoint.heartbeat_s,
            "layout_version": endpoint.layout_version,
            "server_time": endpoint.now(),
        }))
        replay = None
        if feed.can_resume(hello.resume_epoch, hello.resume_after_seq):
            assert hello.resume_after_seq is not None
            replay = feed.events_after(hello.resume_after_seq)
        if replay is None:
            for part in self._requests[path].snapshot():
                session.send_first(part)
        else:
            session.send_first(encode(envelope) for envelope in replay)
        log.info("station %s on %s: %s", hello.station, path,
                 "snapshot" if replay is None else f"replay of {len(replay)}")
        self._hold_pongs(ws)
        session.start()
        return session

    async def _serve_requests(self, session: FeedSession) -> None:
        ws = session.ws
        handler = self._requests[session.path]
        try:
            async for frame in ws:
                try:
                    message = _parse(frame)
                except MessageRejected as exc:
                    await session.close(CLOSE_POLICY, exc.reason)
                    return
                if isinstance(message, Hello):
                    await session.close(CLOSE_POLICY, "hello was already received")
                    return
                for answer in handler.answer(message):
                    session.send_first(answer)
        except ConnectionClosed:
            return


def _parse(frame: bytes | str) -> Any:
    if isinstance(frame, bytes):
        raise MessageRejected("binary", "messages must be text frames")
    return parse_client_message(frame)

