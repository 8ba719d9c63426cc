"""Real streams on loopback: a killed or frozen camera reads NO SIGNAL within 5 s, and
comes back live within 5 s of returning.

Sources: ffmpeg's HTTP MJPEG server, GStreamer's RTSP server (system Python), and
a tiny MJPEG server here that stops sending frames but keeps its socket open.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import cv2
import numpy as np
import pytest

from console.cameras.feed import CameraFeed
from console.cameras.loopback import FfmpegMjpegSource, GstRtspSource, LoopbackSource, free_port
from console.cameras.watchdog import StreamStatus, TileState
from console.layout import Camera
from tests.conftest import require_tool

LIMIT_S = 5.0


def wait_for(
    feed: CameraFeed, want: Callable[[StreamStatus], bool], timeout_s: float
) -> float:
    """Poll like a tile does (about 30 Hz); return the seconds it took, fail on timeout."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout_s:
        feed.take()
        if want(feed.status()):
            return time.monotonic() - t0
        time.sleep(0.03)
    pytest.fail(f"after {timeout_s} s the tile still says {feed.status().words()!r}")


def is_live(s: StreamStatus) -> bool:
    return s.state is TileState.LIVE


def is_no_signal(s: StreamStatus) -> bool:
    return s.state is TileState.NO_SIGNAL


@pytest.fixture
def stopped_feeds() -> Iterator[list[CameraFeed]]:
    """Feeds made by a test; each must stop and its thread end (nothing left decoding)."""
    feeds: list[CameraFeed] = []
    yield feeds
    assert all(f.stop(wait_s=5.0) for f in feeds)


def kill_and_return(source: LoopbackSource, feed: CameraFeed) -> tuple[float, float]:
    assert wait_for(feed, is_live, 8.0) < 8.0
    assert feed.last_frame is not None and feed.last_frame.image.shape == (360, 640, 3)
    source.kill()
    to_no_signal = wait_for(feed, is_no_signal, LIMIT_S)
    assert feed.status().words().startswith("NO SIGNAL since ")
    time.sleep(1.0)  # the camera stays dead a moment: the reader keeps retrying
    source.start()
    to_live = wait_for(feed, is_live, LIMIT_S)
    return to_no_signal, to_live


@pytest.mark.slow
def test_http_mjpeg_camera_killed_shows_no_signal_then_recovers(
    stopped_feeds: list[CameraFeed],
) -> None:
    require_tool("ffmpeg")
    with FfmpegMjpegSource() as src:
        feed = CameraFeed(Camera("CAM-T1", 0, 0, 0, 60, 100, substream=src.url))
        stopped_feeds.append(feed)
        feed.start()
        down, up = kill_and_return(src, feed)
        wait_for(feed, lambda s: s.state is TileState.LIVE and feed.fps() > 0, 2.0)
        time.sleep(1.5)
        assert feed.fps() == pytest.approx(15, abs=3)
        assert feed.status().frame_age_s is not None and feed.status().frame_age_s < 0.5
    assert down < LIMIT_S and up < LIMIT_S


@pytest.mark.slow
def test_rtsp_camera_killed_shows_no_signal_then_recovers(
    stopped_feeds: list[CameraFeed],
) -> None:
    require_tool("gst-launch-1.0")
    with GstRtspSource() as src:
        cam = Camera("CAM-T2", 0, 0, 0, 60, 100, stream=src.url)
        feed = CameraFeed(cam, enlarged=True)
        stopped_feeds.append(feed)
        feed.start()
        assert feed.url == src.url
        down, up = kill_and_return(src, feed)
    assert down < LIMIT_S and up < LIMIT_S


class FreezingMjpegServer:
    """Serves MJPEG; while `frozen`, a connection stays open and sends no more frames."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/cam.mjpg"
        self.frozen = threading.Event()
        self.closing = threading.Event()
        ok, jpg = cv2.imencode(".jpg", np.full((360, 640, 3), 80, np.uint8))
        assert ok
        self.jpeg = jpg.tobytes()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.1)
        self.threads: list[threading.Thread] = []
        self.connections = 0
        self._accept = threading.Thread(target=self._accept_loop, name="freezing-mjpeg")
        self._accept.start()

    def _accept_loop(self) -> None:
        while not self.closing.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            t = threading.Thread(target=self._serve, args=(conn,), name="freezing-mjpeg-conn")
            self.threads.append(t)
            t.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2)
            try:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 200 OK\r\n"
                             b"Content-Type: multipart/x-mixed-replace;boundary=frame\r\n\r\n")
                while not self.closing.is_set():
                    if self.frozen.is_set():
                        time.sleep(0.05)  # the socket stays open; nothing is sent
                        continue
                    conn.sendall(b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: "
                                 + str(len(self.jpeg)).encode() + b"\r\n\r\n"
                                 + self.jpeg + b"\r\n")
                    time.sleep(1 / 15)
            except OSError:
                return

    def close(self) -> None:
        self.closing.set()
        self._accept.join(5)
        for t in self.threads:
            t.join(5)
        self.listener.close()


@pytest.mark.slow
def test_a_stream_that_freezes_with_its_connection_open_shows_no_signal(
    stopped_feeds: list[CameraFeed],
) -> None:
    server = FreezingMjpegServer()
    try:
        feed = CameraFeed(Camera("CAM-F", 0, 0, 0, 60, 100, substream=server.url))
        stopped_feeds.append(feed)
        feed.start()
        wait_for(feed, is_live, 8.0)
        frames_before = feed.counters().produced
        server.frozen.set()
        assert wait_for(feed, is_no_signal, LIMIT_S) < LIMIT_S
        assert server.connections == 1  # detected while the connection was still open
        assert feed.counters().produced - frames_before <= 2
        server.frozen.clear()  # the camera thaws: the next connection streams again
        assert wait_for(feed, is_live, LIMIT_S) < LIMIT_S
        assert server.connections >= 2  # the reader reconnected after its read timeout
    finally:
        assert stopped_feeds[0].stop(wait_s=5.0) if stopped_feeds else True
        server.close()


@pytest.mark.slow
def test_a_stopped_feed_decodes_nothing(stopped_feeds: list[CameraFeed]) -> None:
    require_tool("ffmpeg")
    with FfmpegMjpegSource() as src:
        feed = CameraFeed(Camera("CAM-H", 0, 0, 0, 60, 100, substream=src.url))
        stopped_feeds.append(feed)
        feed.start()
        wait_for(feed, is_live, 8.0)
        assert feed.stop(wait_s=5.0)
        assert feed.status().state is TileState.OFF
        assert feed.counters().produced == 0 and feed.take() is None
        assert threading.active_count() >= 1
        readers = [t for t in threading.enumerate() if t.name.startswith("camera-reader CAM-H")]
        assert readers == []
