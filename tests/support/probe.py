"""`Probe`: a deliberately plain protocol client that records exactly what a gateway sends.

It is not the console's feed client (that one hides gaps, duplicates and
reconnects by design); it shows every frame, so that tests can assert on the
gateway's behaviour message by message.  Every frame it receives is checked
with `parse_server_message` and the 1 MiB limit unless `strict=False`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from ssl import SSLContext
from typing import Any, ClassVar

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from console.deadline import within
from console.protocol.messages import SUBPROTOCOL, hello, parse_server_message
from console.protocol.strictjson import MAX_MESSAGE_BYTES


class ProbeClosed(Exception):
    """The gateway closed the connection; `code` and `reason` say how."""

    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"closed {code} {reason!r}")
        self.code = code
        self.reason = reason


class Probe:
    """One raw client session."""

    opened: ClassVar[list[Probe]] = []

    def __init__(self, ws: ClientConnection, *, strict: bool = True) -> None:
        self.ws = ws
        self.strict = strict
        self.received: list[dict[str, Any]] = []
        Probe.opened.append(self)

    @classmethod
    async def close_all(cls) -> None:
        """Close every probe still open (tests call this before their loop ends)."""
        probes, cls.opened = cls.opened, []
        await asyncio.gather(*(p.close() for p in probes), return_exceptions=True)

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        token: str | None = None,
        station: str | None = "WS-PROBE",
        resume: tuple[str, int] | None = None,
        subprotocols: list[str] | None = None,
        strict: bool = True,
        local_address: str | None = None,
        ssl: SSLContext | None = None,
    ) -> Probe:
        """Open the websocket and (unless `station` is None) send `hello`."""
        headers = {"Authorization": f"Bearer {token}"} if token is not None else None
        options: dict[str, Any] = {}
        if local_address is not None:
            options["local_addr"] = (local_address, 0)
        if ssl is not None:
            options["ssl"] = ssl
        ws = await connect(
            url,
            additional_headers=headers,
            subprotocols=[SUBPROTOCOL] if subprotocols is None else subprotocols,  # type: ignore[list-item]
            compression=None,
            max_size=None,
            ping_interval=None,
            open_timeout=5,
            close_timeout=2,
            **options,
        )
        probe = cls(ws, strict=strict)
        if station is not None:
            epoch, after = resume if resume is not None else (None, None)
            with contextlib.suppress(ConnectionClosed):  # refused: `closed()` tells how
                await probe.send(hello(station, epoch, after))
        return probe

    async def send(self, message: dict[str, Any] | bytes | str) -> None:
        if isinstance(message, dict):
            message = orjson.dumps(message)
        if isinstance(message, bytes):
            await self.ws.send(message, text=True)
        else:
            await self.ws.send(message)

    async def recv(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next message, decoded; `ProbeClosed` when the gateway closed."""
        try:
            frame = await within(self.ws.recv(), timeout)
        except ConnectionClosed as exc:
            rcvd = exc.rcvd
            raise ProbeClosed(rcvd.code if rcvd else None, rcvd.reason if rcvd else "") from None
        raw = frame.encode() if isinstance(frame, str) else frame
        if self.strict:
            assert len(raw) <= MAX_MESSAGE_BYTES, f"message of {len(raw)} bytes"
            parse_server_message(raw)
        message: dict[str, Any] = orjson.loads(raw)
        self.received.append(message)
        return message

    async def recv_until(
        self, done: Callable[[dict[str, Any]], bool], timeout: float = 10.0,
        skip_heartbeats: bool = True,
    ) -> list[dict[str, Any]]:
        """Messages up to and including the first for which `done` is true."""
        out: list[dict[str, Any]] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            message = await self.recv(max(0.01, deadline - loop.time()))
            if skip_heartbeats and message["type"] == "heartbeat":
                if done(message):
                    return out
                continue
            out.append(message)
            if done(message):
                return out

    async def sync(self, timeout: float = 10.0) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Welcome, then the whole snapshot or replay up to the welcome's `last_seq`."""
        welcome = await self.recv(timeout)
        assert welcome["type"] == "welcome", welcome
        target = welcome["last_seq"]

        def synced(m: dict[str, Any]) -> bool:
            if m["type"] == "snapshot":
                return bool(m.get("part", 1) == m.get("parts", 1))
            if m["type"] == "event":
                return bool(m["seq"] >= target)
            return m["type"] == "heartbeat"

        resume_to_nothing = False
        first = await self.recv(timeout)
        if first["type"] == "heartbeat" or (first["type"] == "event" and first["seq"] > target):
            resume_to_nothing = True  # a resume at last_seq has nothing to replay
        if resume_to_nothing or synced(first):
            return welcome, [first]
        return welcome, [first, *await self.recv_until(synced, timeout)]

    async def events(self, n: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The next `n` event messages (other messages are kept in `received`)."""
        out: list[dict[str, Any]] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(out) < n:
            message = await self.recv(max(0.01, deadline - loop.time()))
            if message["type"] == "event":
                out.append(message)
        return out

    async def closed(self, timeout: float = 5.0) -> ProbeClosed:
        """Read until the gateway closes; return how it closed."""
        try:
            while True:
                await self.recv(timeout)
        except ProbeClosed as exc:
            return exc

    async def close(self) -> None:
        await self.ws.close()
