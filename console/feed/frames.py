"""Frames as the gateway sent them: the bytes, and whether the frame was text.

Why not let the websocket library decode text frames: it closes the
connection (1007) on a text frame that is not UTF-8, and a gateway that keeps
such a frame in its log replays it on every resume, so one bad frame would
keep the feed reconnecting for ever.  Reading the bytes undecoded lets the
console quarantine the frame, with its bytes, and go on.  The protocol sends
every message as a text frame; the frame kind is kept so that a binary frame
can be refused with that reason, whatever it holds.
"""

from __future__ import annotations

from collections import deque

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosedOK
from websockets.frames import Frame, Opcode
from websockets.protocol import Event


class FeedConnection(ClientConnection):
    """A client connection that remembers, message by message, which were text frames."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._text: deque[bool] = deque()

    def process_event(self, event: Event) -> None:
        if isinstance(event, Frame) and event.opcode in (Opcode.TEXT, Opcode.BINARY):
            self._text.append(event.opcode is Opcode.TEXT)  # first frame of a message
        super().process_event(event)

    async def next_frame(self) -> tuple[bytes, bool] | None:
        """(bytes, was a text frame) of the next message; None after a normal close."""
        try:
            data = await self.recv(decode=False)
        except ConnectionClosedOK:
            return None
        return data, self._text.popleft()
