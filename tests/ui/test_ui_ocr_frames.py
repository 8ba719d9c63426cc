"""The OCR frame fetcher on real loopback sockets: a frame served, a camera system that
refuses, an address that is not a web address."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.operations.ocr_frames import OcrFrames

JPEG = bytes.fromhex("ffd8ffe000104a46494600") + b"\0" * 64 + bytes.fromhex("ffd9")


@pytest.fixture
def server() -> Iterator[str]:
    class Frame(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(JPEG)))
            self.end_headers()
            self.wfile.write(JPEG)

        def log_message(self, *_args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Frame)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/cameras/CAM-1/frame.jpg"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_frame_is_fetched_once_and_kept(qtbot: QtBot, server: str) -> None:
    frames = OcrFrames()
    try:
        with qtbot.waitSignal(frames.fetched, timeout=5000) as got:
            frames.request(server)
        url, path = got.args
        assert url == server and Path(path).read_bytes() == JPEG
        assert frames.cached(server) == path
        frames.request(server)  # asked once: nothing more happens
    finally:
        frames.close()


def test_a_refusing_camera_system_and_a_bad_address_are_said_in_words(qtbot: QtBot) -> None:
    frames = OcrFrames()
    try:
        refused = f"http://127.0.0.1:{free_port()}/frame.jpg"
        with qtbot.waitSignal(frames.failed, timeout=10_000) as got:
            frames.request(refused)
        assert got.args[0] == refused and "did not give the frame" in got.args[1]
        with qtbot.waitSignal(frames.failed, timeout=1000) as bad:
            frames.request("file:///etc/passwd")
        assert "not a web address" in bad.args[1]
        assert frames.cached(refused) is None
    finally:
        frames.close()
