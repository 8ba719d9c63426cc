"""Real camera streams on loopback, for the bench, the tests and an installer's dry run.

Both sources are real servers from Debian packages, run as subprocesses:
`ffmpeg` serving HTTP MJPEG (`-f mpjpeg -listen 1`, one client per process,
the shape the simulator serves) and GStreamer's RTSP server (H.264 over RTP),
which lives in the system Python (`/usr/bin/python3` with `python3-gst-1.0`
and `gir1.2-gst-rtsp-server-1.0`), not in the console's virtual environment.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

SYSTEM_PYTHON = "/usr/bin/python3"

_RTSP_SERVER = r"""
import sys, gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtspServer, GLib
Gst.init(None)
port, width, height, rate = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( videotestsrc is-live=true ! "
    f"video/x-raw,width={width},height={height},framerate={rate}/1 ! "
    f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={rate} ! "
    "rtph264pay name=pay0 pt=96 )"
)
factory.set_shared(True)
server.get_mount_points().add_factory("/cam", factory)
if server.attach(None) == 0:
    sys.exit("cannot listen")
print("ready", flush=True)
GLib.MainLoop().run()
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, timeout_s: float = 10.0) -> None:
    """Return once something accepts TCP connections on the port; raise TimeoutError if not."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout_s} s")


class LoopbackSource:
    """A stream server subprocess; a context manager that kills it on exit."""

    url: str

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self) -> LoopbackSource:
        if self.process is not None and self.process.poll() is None:
            return self
        self.process = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        """Connecting to an `-listen 1` ffmpeg would take its only client: just wait a little."""
        time.sleep(0.3)

    def kill(self) -> None:
        """Kill the server at once (the camera dies), and reap it."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(5)
            if self.process.stdout is not None:
                self.process.stdout.close()
            self.process = None

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> LoopbackSource:
        return self.start()

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.kill()


def ffmpeg_path() -> str:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise FileNotFoundError("ffmpeg is not installed (Debian package: ffmpeg)")
    return ffmpeg


def make_clip(path: Path, size: str = "640x360", rate: int = 15, seconds: int = 10,
              quality: int = 5) -> Path:
    """Encode a test-pattern MJPEG clip once, for sources that then only copy it."""
    subprocess.run(
        [ffmpeg_path(), "-nostdin", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}", "-t", str(seconds),
         "-c:v", "mjpeg", "-q:v", str(quality), str(path)],
        check=True, timeout=120,
    )
    return path


class FfmpegMjpegSource(LoopbackSource):
    """`ffmpeg -re ... -f mpjpeg -listen 1 http://...`: one HTTP MJPEG client, then exit.

    By default ffmpeg draws and encodes its test pattern live; given a `clip`
    (see `make_clip`) it loops that file without re-encoding, which costs the
    machine far less when many sources run at once (the bench).  A test that
    kills the source starts it again explicitly, as a camera that comes back.
    """

    def __init__(
        self, port: int | None = None, size: str = "640x360", rate: int = 15, quality: int = 5,
        clip: Path | None = None,
    ) -> None:
        super().__init__(port)
        self.size, self.rate, self.quality, self.clip = size, rate, quality, clip
        self.url = f"http://127.0.0.1:{self.port}/cam.mjpg"

    def command(self) -> list[str]:
        if self.clip is not None:
            source = ["-stream_loop", "-1", "-i", str(self.clip), "-c", "copy"]
        else:
            source = ["-f", "lavfi", "-i", f"testsrc=size={self.size}:rate={self.rate}",
                      "-c:v", "mjpeg", "-q:v", str(self.quality)]
        return [ffmpeg_path(), "-nostdin", "-loglevel", "error", "-re", *source,
                "-f", "mpjpeg", "-listen", "1", self.url]


class GstRtspSource(LoopbackSource):
    """GStreamer's RTSP server (H.264) at rtsp://127.0.0.1:PORT/cam, shared by all clients."""

    def __init__(
        self, port: int | None = None, width: int = 640, height: int = 360, rate: int = 15
    ) -> None:
        super().__init__(port)
        self.width, self.height, self.rate = width, height, rate
        self.url = f"rtsp://127.0.0.1:{self.port}/cam"

    def command(self) -> list[str]:
        return [
            SYSTEM_PYTHON, "-c", _RTSP_SERVER,
            str(self.port), str(self.width), str(self.height), str(self.rate),
        ]

    def _wait_ready(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        line = self.process.stdout.readline()
        if line.strip() != b"ready":
            self.kill()
            raise RuntimeError(
                "GStreamer's RTSP server did not start (Debian packages python3-gst-1.0, "
                "gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-ugly for x264enc)"
            )
        wait_listening(self.port)
