"""One tile's stream: which camera, which of its streams, running only while someone looks.

`CameraFeed` is what a tile widget holds.  It starts a `StreamReader` on the
camera's sub stream (or its main stream when the tile is enlarged) when the
tile becomes visible and stops it when the tile is hidden, so a tile nobody
sees decodes nothing.  Switching streams starts a fresh reader with a fresh
slot: the new stream never shows the old one's picture.  `status()` is the
watchdog's verdict (`console.cameras.watchdog`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from console.cameras.reader import StreamReader
from console.cameras.slot import Frame, SlotCounters
from console.cameras.watchdog import (
    DEFAULT_CONNECT_GRACE_S,
    DEFAULT_STALE_AFTER_S,
    StreamStatus,
    TileState,
    classify,
)
from console.layout import Camera

ReaderFactory = Callable[[str], StreamReader]


class CameraFeed:
    def __init__(
        self,
        camera: Camera,
        *,
        enlarged: bool = False,
        reader_factory: ReaderFactory | None = None,
        stale_after_s: float = DEFAULT_STALE_AFTER_S,
        connect_grace_s: float = DEFAULT_CONNECT_GRACE_S,
    ) -> None:
        self.camera = camera
        self._enlarged = enlarged
        self._factory: ReaderFactory = reader_factory or (
            lambda url: StreamReader(url, name=camera.id)
        )
        self.stale_after_s = stale_after_s
        self.connect_grace_s = connect_grace_s
        self._reader: StreamReader | None = None
        self._last: Frame | None = None
        self._started_wall: float | None = None

    @property
    def url(self) -> str | None:
        return self.camera.enlarged_url() if self._enlarged else self.camera.tile_url()

    @property
    def enlarged(self) -> bool:
        return self._enlarged

    @property
    def active(self) -> bool:
        return self._reader is not None

    def start(self) -> None:
        """Begin decoding (idempotent)."""
        self._started_wall = time.time()
        if self._reader is not None or self.url is None:
            return
        self._reader = self._factory(self.url)
        self._reader.start()

    def stop(self, wait_s: float = 0.0) -> bool:
        """Stop decoding (idempotent); the last frame is forgotten.

        Returns at once by default; with `wait_s` it waits that long for the
        reader's thread and returns whether it has ended (tests, shutdown).
        """
        ended = True
        if self._reader is not None:
            ended = self._reader.stop(wait_s)
            self._reader = None
        self._last = None
        self._started_wall = None
        return ended

    def set_enlarged(self, enlarged: bool) -> None:
        """Switch between sub and main stream; restarts the reader only if the URL changes."""
        if enlarged == self._enlarged:
            return
        before = self.url
        self._enlarged = enlarged
        if self._reader is not None and self.url != before:
            self.stop()
            self.start()

    def take(self) -> Frame | None:
        """The newest frame if there is one the caller has not had yet."""
        if self._reader is None:
            return None
        frame = self._reader.slot.take()
        if frame is not None:
            self._last = frame
        return frame

    @property
    def last_frame(self) -> Frame | None:
        """The newest frame handed out (what the tile shows; what a snapshot saves)."""
        return self._last

    def counters(self) -> SlotCounters:
        if self._reader is None:
            return SlotCounters(0, 0, 0)
        return self._reader.slot.counters()

    def fps(self, now: float | None = None) -> float:
        if self._reader is None:
            return 0.0
        return self._reader.slot.fps(time.monotonic() if now is None else now)

    def status(self, now: float | None = None) -> StreamStatus:
        now = time.monotonic() if now is None else now
        if self._reader is None:
            if self._started_wall is not None and self.url is None:
                return StreamStatus(
                    TileState.NO_SIGNAL, None, self._started_wall,
                    error="the layout gives this camera no stream",
                )
            return StreamStatus(TileState.OFF, None, None)
        return classify(
            self._reader.report(), now,
            stale_after_s=self.stale_after_s, connect_grace_s=self.connect_grace_s,
        )
