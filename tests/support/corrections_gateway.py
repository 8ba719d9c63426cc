"""A terminal gateway that speaks only section 6 of the feed protocol, and the console's link.

`Gateway` applies a correction once per `request_id` and answers a repeated
`request_id` with its first answer; it can be stopped and started again on
the same port and can "lose" answers.  `Link` stands in for the feed client:
one reconnecting websocket that hands answers to a `CorrectionSender`.  Used
by the sender's tests and by the crash tests' child processes (importing this
costs no pytest).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from typing import Any

from websockets.asyncio.client import connect as ws_connect
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from console.corrections.sender import CorrectionSender
from console.protocol.messages import (
    Correction,
    CorrectionResult,
    ErrorMessage,
    parse_client_message,
    parse_server_message,
)


class Gateway:
    """A terminal gateway that only knows corrections; its memory outlives restarts."""

    def __init__(self, known_events: set[str]) -> None:
        self.known = known_events
        self.answers: dict[str, dict[str, Any]] = {}
        self.applied: Counter[str] = Counter()
        self.received: list[str] = []
        self.lose_answers = 0  # how many answers to drop on the floor
        self.port = 0
        self._server: Server | None = None

    async def start(self) -> None:
        self._server = await serve(self._session, "127.0.0.1", self.port, compression=None)
        self.port = next(iter(self._server.sockets)).getsockname()[1]

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()
        self._server = None

    async def _session(self, ws: ServerConnection) -> None:
        async for raw in ws:
            msg = parse_client_message(raw)
            if not isinstance(msg, Correction):
                continue
            self.received.append(msg.request_id)
            answer = self.answers.get(msg.request_id) or self._apply(msg)
            if self.lose_answers:
                self.lose_answers -= 1
                continue
            await ws.send(json.dumps(answer))

    def _apply(self, c: Correction) -> dict[str, Any]:
        answer: dict[str, Any] = {"type": "correction_result", "request_id": c.request_id,
                                  "event_id": c.event_id}
        if c.event_id not in self.known:
            answer |= {"status": "rejected",
                       "reason": f"no event {c.event_id} in the terminal's records"}
        else:
            self.applied[c.event_id] += 1
            answer |= {"status": "accepted",
                       "replacement_id": f"{c.event_id}#{self.applied[c.event_id]}"}
        self.answers[c.request_id] = answer
        return answer


class Link:
    """Stands in for the feed client: one reconnecting websocket, `send` or ConnectionError."""

    def __init__(self, port: int, sender: CorrectionSender) -> None:
        self.url = f"ws://127.0.0.1:{port}/"
        self.sender = sender
        self.connections = 0
        self._ws: Any = None

    async def send(self, message: dict[str, Any]) -> None:
        if self._ws is None:
            raise ConnectionError("the terminal feed is not connected")
        try:
            await self._ws.send(json.dumps(message))
        except ConnectionClosed as exc:
            raise ConnectionError("the terminal feed closed while sending") from exc

    async def run(self) -> None:
        while True:
            with contextlib.suppress(OSError, ConnectionClosed, TimeoutError):
                async with ws_connect(self.url, open_timeout=1, compression=None) as ws:
                    self._ws = ws
                    self.connections += 1
                    self.sender.kick()
                    async for raw in ws:
                        msg = parse_server_message(raw)
                        if isinstance(msg, CorrectionResult):
                            self.sender.on_result(msg)
                        elif isinstance(msg, ErrorMessage):
                            self.sender.on_error(msg)
            self._ws = None
            await asyncio.sleep(0.05)
