"""Is this camera's stream usable?  The installer's check and the doctor's camera part.

`check_stream` watches one URL the way a tile would: a `StreamReader` decodes
it while a viewer polls its slot at `poll_hz`.  A frame's age is measured when
the viewer first takes it (arrival from the decoder to being shown: the
latency the console adds); the age of the picture on show at every poll is
kept too (it also grows while the camera itself stalls).  The result is one
JSON-ready dict with exactly the keys of `RESULT_KEYS`.
`check_cameras` does the same for every stream of a layout, several at a time.
"""

from __future__ import annotations

import contextlib
import math
import socket
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from console.cameras.reader import StreamReader
from console.layout import Layout, as_layout

RESULT_KEYS = ("url", "opened", "frames", "fps", "width", "height", "frame_age_ms_p99", "error")
DEFAULT_POLL_HZ = 30.0


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100.0 * len(ordered)))
    return ordered[rank - 1]


@dataclass(slots=True)
class ViewStats:
    """What a viewer saw of one reader: frames taken, their ages when taken, and the
    age of the picture on show at each poll."""

    reader: StreamReader
    taken: int = 0
    ages_s: list[float] = field(default_factory=list)
    picture_ages_s: list[float] = field(default_factory=list)
    width: int | None = None
    height: int | None = None
    first: float | None = None
    last: float | None = None

    def fps(self) -> float:
        if self.taken < 2 or self.first is None or self.last is None or self.last <= self.first:
            return 0.0
        return (self.taken - 1) / (self.last - self.first)


def watch(readers: Sequence[StreamReader], seconds: float,
          poll_hz: float = DEFAULT_POLL_HZ) -> list[ViewStats]:
    """Poll every reader's slot at `poll_hz` for `seconds` (readers already started)."""
    stats = [ViewStats(r) for r in readers]
    period = 1.0 / poll_hz
    end = time.monotonic() + seconds
    tick = time.monotonic()
    while True:
        now = time.monotonic()
        if now >= end:
            break
        for st in stats:
            frame = st.reader.slot.take()
            if frame is not None:
                st.ages_s.append(max(0.0, now - frame.arrived))
                st.taken += 1
                st.first = frame.arrived if st.first is None else st.first
                st.last = frame.arrived
                st.height, st.width = frame.image.shape[:2]
            newest = st.reader.slot.peek()
            if newest is not None:
                st.picture_ages_s.append(max(0.0, now - newest.arrived))
        tick += period
        time.sleep(max(0.0, tick - time.monotonic()))
    return stats


def _result(url: str, st: ViewStats) -> dict[str, Any]:
    p99 = percentile(st.ages_s, 99)
    error = None
    if st.taken == 0:
        error = st.reader.report().last_error or "no picture within the check's time"
        if st.reader.opens == 0:
            error = _why_not_open(url, error)
    return {
        "url": url,
        "opened": st.reader.opens > 0,
        "frames": st.taken,
        "fps": round(st.fps(), 2),
        "width": st.width,
        "height": st.height,
        "frame_age_ms_p99": None if p99 is None else round(p99 * 1000.0, 1),
        "error": error,
    }


def _why_not_open(url: str, fallback: str) -> str:
    """Tell a refused or unreachable address apart from a server that has no such stream."""
    parts = urlsplit(url)
    default = {"rtsp": 554, "http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port or default
    except ValueError:
        return f"the address {url!r} has no valid port"
    if not parts.hostname or port is None:
        return f"{fallback} (unsupported address {url!r})"
    with contextlib.suppress(OSError), socket.create_connection((parts.hostname, port), 2.0):
        return f"{parts.hostname}:{port} answers, but no video stream could be opened at {url}"
    return f"nothing accepts connections at {parts.hostname}:{port}"


def check_streams(urls: Sequence[str], seconds: float = 5.0) -> list[dict[str, Any]]:
    """Check several streams at once (each its own reader); results in the order given."""
    readers = [StreamReader(u, open_timeout_s=min(5.0, seconds), name=u) for u in urls]
    for r in readers:
        r.start()
    try:
        stats = watch(readers, seconds)
    finally:
        for r in readers:
            r.stop()
        for r in readers:
            r.join(r.read_timeout_s + r.open_timeout_s + 1.0)
    return [_result(u, st) for u, st in zip(urls, stats, strict=True)]


def check_stream(url: str, seconds: float = 5.0) -> dict[str, Any]:
    """One JSON-ready object with the keys of `RESULT_KEYS`."""
    return check_streams([url], seconds)[0]


def check_cameras(
    layout: Layout | Mapping[str, Any], seconds: float = 3.0, at_once: int = 16
) -> list[dict[str, Any]]:
    """Check every stream (sub and main) of every camera in the layout.

    Each result is `check_stream`'s object plus `camera` (its id) and `which`
    (`substream` or `stream`); a camera with no stream at all gets one result
    with `url` null and an error.  `at_once` streams are checked together, so
    600 cameras take about 600·2/16 × `seconds`.
    """
    jobs: list[tuple[str, str, str]] = []
    results: list[dict[str, Any]] = []
    for cam in as_layout(layout).cameras:
        urls = [("substream", cam.substream), ("stream", cam.stream)]
        present = [(which, url) for which, url in urls if url]
        if len(present) == 2 and present[0][1] == present[1][1]:
            present = present[:1]
        if not present:
            results.append({"camera": cam.id, "which": None} | dict.fromkeys(RESULT_KEYS)
                           | {"opened": False, "frames": 0,
                              "error": "the layout gives this camera no stream"})
        jobs.extend((cam.id, which, url) for which, url in present)
    for start in range(0, len(jobs), at_once):
        batch = jobs[start:start + at_once]
        checked = check_streams([url for _c, _w, url in batch], seconds)
        results.extend({"camera": c, "which": w} | r
                       for (c, w, _u), r in zip(batch, checked, strict=True))
    return results
