"""One stream, decoded by OpenCV in its own thread, newest frame into a `FrameSlot`.

Each started reader owns a daemon thread that opens the stream (FFmpeg
backend: RTSP over TCP, HTTP MJPEG), reads as fast as frames come, and puts
each into its slot.  When the stream fails to open, ends, or stays silent
past `read_timeout_s` (OpenCV's interrupt callback cuts the blocking read),
the reader releases it and tries again after an exponential backoff with
jitter, capped at `backoff_cap_s` so that a camera that comes back is live
again within a few seconds.

A reader is started once and stopped once.  `stop` does not wait for a read
in progress (that could block the UI for a whole read timeout): it marks the
run as over, and the thread drops whatever it still decodes and exits on its
own.  cv2 releases the GIL while it decodes, so several readers share the
machine's cores.
"""

from __future__ import annotations

import atexit
import dataclasses
import logging
import os
import random
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

import cv2

from console.cameras.slot import FrameSlot
from console.cameras.watchdog import ReaderPhase, ReaderReport

log = logging.getLogger("console.cameras")

# RTSP over TCP (UDP loses packets behind firewalls and NAT) and a socket timeout
# in microseconds (FFmpeg 5+: `timeout`, not `stimeout`).  An installer's own
# setting of the variable wins.
# FFmpeg's default 5 s of stream analysis makes an RTSP open take about 2 s; half a
# second finds an H.264 stream's parameters and keeps reconnects quick.
os.environ.setdefault(
    "OPENCV_FFMPEG_CAPTURE_OPTIONS",
    "rtsp_transport;tcp|timeout;5000000|analyzeduration;500000|probesize;1000000",
)
# OpenCV and FFmpeg otherwise print every refused connection to stderr.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

DEFAULT_OPEN_TIMEOUT_S = 4.0
DEFAULT_READ_TIMEOUT_S = 2.0


def open_capture(url: str, open_timeout_s: float, read_timeout_s: float) -> Any:
    """A `cv2.VideoCapture` on `url` with the FFmpeg backend and both timeouts set."""
    return cv2.VideoCapture(
        url,
        cv2.CAP_FFMPEG,
        [
            cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(open_timeout_s * 1000),
            cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(read_timeout_s * 1000),
        ],
    )


class Backoff:
    """Delay before reconnect attempt `n` (1-based): first·factor^(n-1), capped, ±jitter."""

    def __init__(
        self,
        first_s: float = 0.25,
        factor: float = 2.0,
        cap_s: float = 2.0,
        jitter: float = 0.2,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.first_s, self.factor, self.cap_s, self.jitter = first_s, factor, cap_s, jitter
        self._rng = rng

    def delay(self, attempt: int) -> float:
        base = min(self.cap_s, self.first_s * self.factor ** max(0, attempt - 1))
        return max(0.0, base * (1.0 + self.jitter * (2.0 * self._rng() - 1.0)))


_running: weakref.WeakSet[StreamReader] = weakref.WeakSet()


def stop_all_readers(wait_s: float = DEFAULT_READ_TIMEOUT_S + 1.0) -> int:
    """Stop every running reader and wait for their threads; return how many are still alive.

    Registered with `atexit`: a reader thread still inside FFmpeg while the
    interpreter finalises aborts the process.
    """
    readers = list(_running)
    for reader in readers:
        reader.stop()
    deadline = time.monotonic() + wait_s
    for reader in readers:
        reader.join(max(0.0, deadline - time.monotonic()))
    return sum(1 for r in readers if r.alive)


atexit.register(stop_all_readers)


class StreamReader:
    """Decode `url` into `slot` until stopped; `report()` is the watchdog's input."""

    def __init__(
        self,
        url: str,
        slot: FrameSlot | None = None,
        *,
        open_timeout_s: float = DEFAULT_OPEN_TIMEOUT_S,
        read_timeout_s: float = DEFAULT_READ_TIMEOUT_S,
        backoff: Backoff | None = None,
        name: str = "",
    ) -> None:
        self.url = url
        self.slot = slot if slot is not None else FrameSlot()
        self.open_timeout_s = open_timeout_s
        self.read_timeout_s = read_timeout_s
        self.backoff = backoff or Backoff()
        self._name = name or url
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._report = ReaderReport(ReaderPhase.IDLE, time.monotonic(), time.time())
        self.reconnects = 0
        self.opens = 0  # how many times the stream opened (for checks)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a StreamReader is started once; make a new one")
        self._update(phase=ReaderPhase.CONNECTING, started=time.monotonic(),
                     started_wall=time.time())
        self._thread = threading.Thread(
            target=self._run, name=f"camera-reader {self._name}", daemon=True
        )
        _running.add(self)
        self._thread.start()

    def stop(self, wait_s: float = 0.0) -> bool:
        """End the run; wait up to `wait_s` for the thread; True when it has ended."""
        self._stop.set()
        self._update(phase=ReaderPhase.IDLE)
        if self._thread is None:
            return True
        if wait_s > 0:
            self._thread.join(wait_s)
        return not self._thread.is_alive()

    def join(self, wait_s: float) -> bool:
        """Wait up to `wait_s` for a stopped reader's thread; True when it has ended."""
        if self._thread is not None:
            self._thread.join(wait_s)
        return not self.alive

    @property
    def running(self) -> bool:
        return self._thread is not None and not self._stop.is_set()

    @property
    def alive(self) -> bool:
        """True while the thread exists, even after `stop` (it may be inside a read)."""
        return self._thread is not None and self._thread.is_alive()

    def report(self) -> ReaderReport:
        with self._lock:
            return self._report

    def _update(self, **changes: Any) -> None:
        with self._lock:
            if self._stop.is_set():
                changes["phase"] = ReaderPhase.IDLE
            self._report = dataclasses.replace(self._report, **changes)

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            attempt += 1
            self._update(phase=ReaderPhase.CONNECTING, attempts=attempt)
            try:
                error = self._stream_once()
            except Exception as exc:  # a bug must not end the camera: log it and retry
                log.exception("camera %s: the reader failed", self._name)
                error = f"internal error: {exc!r}"
            if self._stop.is_set():
                break
            if error is None:
                attempt = 0
                error = "the stream ended or fell silent"
            self.reconnects += 1
            delay = self.backoff.delay(max(1, attempt))
            log.info("camera %s: %s; retrying in %.1f s", self._name, error, delay)
            self._update(phase=ReaderPhase.WAITING, last_error=error)
            self._stop.wait(delay)
        self._update(phase=ReaderPhase.IDLE)
        _running.discard(self)

    def _stream_once(self) -> str | None:
        """Open and read until the stream fails; None if it had delivered frames, else why not."""
        try:
            cap = open_capture(self.url, self.open_timeout_s, self.read_timeout_s)
        except cv2.error as exc:
            return f"cannot open the stream ({exc})"
        try:
            if not cap.isOpened():
                return "cannot open the stream"
            self.opens += 1
            got_any = False
            while not self._stop.is_set():
                ok, image = cap.read()
                if not ok or image is None:
                    break
                if self._stop.is_set():
                    break
                now, wall = time.monotonic(), time.time()
                self.slot.put(image, now, wall)
                got_any = True
                self._update(phase=ReaderPhase.STREAMING, last_frame=now,
                             last_frame_wall=wall, attempts=0, last_error=None)
            return None if got_any else "the stream opened but sent no picture"
        finally:
            cap.release()
