"""HTTP on loopback beside the gateway: camera streams (MJPEG) and the fault control endpoint.

    GET  /cameras/{id}/sub.mjpg    640×360 MJPEG at the camera's `fps`
    GET  /cameras/{id}/main.mjpg   1280×720 MJPEG
    GET  /cameras/{id}/frame.jpg   one frame (what OCR images link to)
    GET  /control                  the faults on offer
    POST /control/{fault}?k=v      run a fault (loopback clients only)

Nothing is rendered for a camera nobody watches: a stream is drawn only
while a client reads it, and clients of the same stream share each frame
(one render and one JPEG encoding per frame whatever the number of viewers).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import orjson

from console.deadline import within
from testbed.sim.camera_view import CameraView, encode_jpeg
from testbed.sim.cameras_plan import MAIN_SIZE, SUBSTREAM_SIZE
from testbed.sim.faults import describe

if TYPE_CHECKING:
    from testbed.sim.runner import Simulator

log = logging.getLogger("testbed.sim.media")
BOUNDARY = "yardframe"


class SharedStream:
    """One camera at one size: the latest encoded frame, rendered at most once per frame slot."""

    def __init__(self, view: CameraView, fps: float) -> None:
        self.view = view
        self.fps = fps
        self._slot = -1
        self._jpeg = b""
        self.rendered = 0

    def frame(self, slot: int, sim_seconds: float) -> bytes:
        if slot != self._slot:
            self._jpeg = encode_jpeg(self.view.render(sim_seconds))
            self._slot = slot
            self.rendered += 1
        return self._jpeg


class MediaServer:
    def __init__(self, sim: Simulator, host: str, port: int) -> None:
        self.sim = sim
        self.host = host
        self.port = port
        self.streams: dict[tuple[str, str], SharedStream] = {}
        self.viewers: dict[tuple[str, str], int] = {}
        self._server: asyncio.Server | None = None
        self._clients: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for task in list(self._clients):
                task.cancel()
            await asyncio.gather(*self._clients, return_exceptions=True)
            # A connection accepted in the same instant may not have run yet, and a stream
            # whose viewer stopped reading holds unsent frames that a polite close waits for:
            # both are cut, or their sockets outlive the loop.
            for writer in list(self._writers):
                writer.transport.abort()
            self._writers.clear()
            await self._server.wait_closed()
            self._server = None

    def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Called as the connection is made: it is known to `stop` before its task first runs."""
        self._writers.add(writer)
        task = asyncio.get_running_loop().create_task(self._serve(reader, writer))
        self._clients.add(task)
        task.add_done_callback(self._clients.discard)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        stopping = False
        try:
            head = await within(reader.readuntil(b"\r\n\r\n"), 10)
            method, target = head.split(b" ", 2)[:2]
            url = urlsplit(target.decode("ascii", "replace"))
            args = dict(parse_qsl(url.query))
            await self._route(method.decode(), url.path, args, writer)
        except (
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            TimeoutError,
            ValueError,
            ConnectionError,
        ):
            pass
        except asyncio.CancelledError:
            # The simulator is stopping (or the loop is closing): the client is told by its
            # connection closing, not by a traceback in the log.  The task is the server's
            # own, ended here; nothing waits on its cancellation.
            stopping = True
        finally:
            self._writers.discard(writer)
            if stopping:
                writer.transport.abort()
            else:
                writer.close()
                with contextlib.suppress(Exception):
                    await within(writer.wait_closed(), 5)
                writer.transport.abort()

    async def _route(
        self, method: str, path: str, args: dict[str, str], writer: asyncio.StreamWriter
    ) -> None:
        parts = path.strip("/").split("/")
        if parts[0] == "cameras" and len(parts) == 3 and method == "GET":
            await self._camera(parts[1], parts[2], writer)
        elif parts[0] == "control" and len(parts) == 1 and method == "GET":
            await _respond(writer, 200, "application/json", describe())
        elif parts[0] == "control" and len(parts) == 2 and method == "POST":
            peer = writer.get_extra_info("peername")
            if not ipaddress.ip_address(peer[0]).is_loopback:
                await _respond(writer, 403, "text/plain", b"control is for loopback clients only")
                return
            try:
                answer = await self.sim.faults.apply(parts[1], args)
            except KeyError:
                await _respond(writer, 404, "text/plain", f"no fault {parts[1]!r}".encode())
                return
            except ValueError as exc:
                await _respond(writer, 400, "text/plain", str(exc).encode())
                return
            await _respond(writer, 200, "application/json", orjson.dumps(answer))
        else:
            await _respond(writer, 404, "text/plain", b"not found")

    def _stream(self, camera_id: str, size_name: str) -> SharedStream | None:
        key = (camera_id, size_name)
        if key not in self.streams:
            cam = next((c for c in self.sim.layout["cameras"] if c["id"] == camera_id), None)
            if cam is None:
                return None
            size = MAIN_SIZE if size_name == "main" else SUBSTREAM_SIZE
            self.streams[key] = SharedStream(
                CameraView(cam, self.sim.model, size), float(cam["fps"])
            )
        return self.streams[key]

    async def _camera(self, camera_id: str, name: str, writer: asyncio.StreamWriter) -> None:
        size_name = {"sub.mjpg": "sub", "main.mjpg": "main", "frame.jpg": "sub"}.get(name)
        stream = self._stream(camera_id, size_name) if size_name else None
        if stream is None:
            await _respond(writer, 404, "text/plain", b"no such camera or stream")
            return
        model = self.sim.model
        if name == "frame.jpg":
            jpeg = encode_jpeg(stream.view.render(model.clock.seconds()))
            if (camera_id, "sub") not in self.viewers:
                self.streams.pop((camera_id, "sub"), None)
            await _respond(writer, 200, "image/jpeg", jpeg)
            return
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary="
            + BOUNDARY.encode()
            + b"\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"
        )
        key = (camera_id, size_name or "sub")
        self.viewers[key] = self.viewers.get(key, 0) + 1
        period = 1.0 / stream.fps
        try:
            next_at = time.monotonic()
            while True:
                slot = int(time.monotonic() / period)
                jpeg = stream.frame(slot, model.clock.seconds())
                writer.write(
                    b"--"
                    + BOUNDARY.encode()
                    + b"\r\nContent-Type: image/jpeg\r\nContent-Length: "
                    + str(len(jpeg)).encode()
                    + b"\r\n\r\n"
                    + jpeg
                    + b"\r\n"
                )
                await writer.drain()
                next_at += period
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        finally:
            self.viewers[key] -= 1
            if self.viewers[key] == 0:
                del self.viewers[key]
                self.streams.pop(key, None)


async def _respond(writer: asyncio.StreamWriter, status: int, ctype: str, body: bytes) -> None:
    reason = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found"}.get(
        status, "Error"
    )
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}"
        "\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()
