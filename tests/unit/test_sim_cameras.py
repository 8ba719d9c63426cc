"""Camera streams: served on demand as MJPEG, decodable by OpenCV at the advertised rate."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import cv2
import numpy as np
import orjson
import pytest

from console.deadline import within
from testbed.sim.runner import Simulator


def _read(url: str, seconds: float) -> dict[str, Any]:
    """Decode a stream with OpenCV's FFmpeg reader for `seconds`; frames per second and size."""
    cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
    assert cap.isOpened(), url
    first: float | None = None
    frames, shape = 0, None
    try:
        while True:
            ok, frame = cap.read()
            assert ok, "the stream ended"
            shape = frame.shape
            now = time.monotonic()
            if first is None:
                first = now
            else:
                frames += 1
            if now - first >= seconds:
                return {"fps": frames / (now - first), "shape": shape}
    finally:
        cap.release()


async def _started(**options: Any) -> Simulator:
    s = Simulator(fill_share=0.05, speed=5.0, **options)
    await s.start()
    return s


async def _get(port: int, path: str, method: str = "GET") -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{method} {path} HTTP/1.1\r\nHost: sim\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.mark.slow
def test_sub_and_main_streams_decode_at_the_advertised_rate() -> None:
    async def main() -> None:
        s = await _started()
        try:
            cam = next(c for c in s.layout["cameras"] if c["view"] == "lane")
            assert cam["substream"].startswith(s.media_url)
            sub = await asyncio.to_thread(_read, cam["substream"], 3.0)
            full = await asyncio.to_thread(_read, cam["stream"], 3.0)
        finally:
            await s.stop()
        assert sub["shape"] == (360, 640, 3)
        assert full["shape"] == (720, 1280, 3)
        for got in (sub, full):
            assert cam["fps"] * 0.8 <= got["fps"] <= cam["fps"] * 1.2, got

    asyncio.run(main())


def test_nothing_is_encoded_for_a_camera_nobody_watches() -> None:
    async def main() -> None:
        s = await _started()
        try:
            media = s._media
            assert media is not None
            await asyncio.sleep(0.5)
            assert media.streams == {}
            cam = s.layout["cameras"][7]
            await asyncio.to_thread(_read, cam["substream"], 1.0)
            await asyncio.sleep(0.3)
            assert media.streams == {}  # the reader left: the stream is gone with it
            served = orjson.loads(s.layout_path.read_bytes())
            assert served == s.layout and served["cameras"][7]["substream"] == cam["substream"]
        finally:
            await s.stop()
        assert not s.layout_path.exists()

    asyncio.run(main())


def test_ocr_frames_and_a_down_camera() -> None:
    async def main() -> None:
        s = await _started()
        try:
            cam = next(c for c in s.layout["cameras"] if c["view"] == "crane")
            status, body = await _get(s.media_port, f"/cameras/{cam['id']}/frame.jpg")
            assert status == 200
            lit = cv2.imdecode(np.frombuffer(body, np.uint8), cv2.IMREAD_COLOR)
            assert lit.shape == (360, 640, 3) and lit.mean() > 40
            s.faults.device_down(cam["id"])
            status, body = await _get(s.media_port, f"/cameras/{cam['id']}/frame.jpg")
            dark = cv2.imdecode(np.frombuffer(body, np.uint8), cv2.IMREAD_COLOR)
            assert dark.mean() < 25  # "NO SIGNAL" on black
            status, _ = await _get(s.media_port, "/cameras/CAM-NOPE/sub.mjpg")
            assert status == 404
        finally:
            await s.stop()

    asyncio.run(main())


def test_stopping_with_a_stream_open_closes_it_without_an_error(
        caplog: pytest.LogCaptureFixture) -> None:
    """The demo exits while the CCTV wall still reads a stream: the connection is closed,
    and no CancelledError traceback is logged (it was, at ERROR, by asyncio)."""
    async def main() -> bytes:
        s = await _started()
        try:
            cam = s.layout["cameras"][0]
            reader, writer = await asyncio.open_connection("127.0.0.1", s.media_port)
            writer.write(f"GET /cameras/{cam['id']}/sub.mjpg HTTP/1.1\r\nHost: sim\r\n\r\n"
                         .encode())
            await writer.drain()
            first = await reader.readuntil(b"\r\n\r\n")
            assert first.startswith(b"HTTP/1.1 200 OK")
            await reader.readuntil(b"--yardframe")  # a frame is on its way
        finally:
            await s.stop()
        rest = await within(reader.read(), 10)  # EOF: the server closed its writer
        writer.close()
        await asyncio.sleep(0.1)  # let the loop run the server's done callbacks
        return rest

    with caplog.at_level(logging.WARNING):
        asyncio.run(main())
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


def test_stopping_cuts_a_stream_whose_viewer_stopped_reading() -> None:
    """A viewer that stopped reading leaves frames unsent; a polite close waits for them, so
    the server's socket outlived the loop ("unclosed transport", seen in CI at the demo's
    end).  Stopping cuts it: after the loop is gone no socket is left to be collected."""
    import gc
    import socket
    import sys

    leaked: list[str] = []

    async def main() -> None:
        s = await _started()
        client = socket.socket()
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        client.setblocking(False)
        try:
            await asyncio.get_running_loop().sock_connect(client, ("127.0.0.1", s.media_port))
            cam = s.layout["cameras"][0]
            client.send(f"GET /cameras/{cam['id']}/main.mjpg HTTP/1.1\r\n\r\n".encode())
            media = s._media
            assert media is not None
            deadline = time.monotonic() + 20
            while not any(w.transport.get_write_buffer_size() > 0 for w in media._writers):
                assert time.monotonic() < deadline, "the server never had frames waiting"
                await asyncio.sleep(0.05)
        finally:
            await within(s.stop(), 15)  # it once waited for ever for the unsent frames
        client.close()

    previous = sys.unraisablehook
    sys.unraisablehook = lambda u: leaked.append(f"{u.exc_value!r} in {u.object!r}")
    try:
        asyncio.run(main())
        gc.collect()
    finally:
        sys.unraisablehook = previous
    assert leaked == []
