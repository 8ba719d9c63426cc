"""The bounded latest-frame slot between a stream reader and whoever shows its frames.

A slot holds one frame.  The reader puts every frame it decodes; a newer frame
replaces one nobody took, and that frame counts as dropped.  Latency therefore
never grows: a slow consumer sees fewer frames, never older ones (Frigate's
rule: drop and count rather than queue).  The counters are what the bench and
the tile's fps figure read.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]

# How far back the delivered-rate figure looks.
FPS_WINDOW_S = 2.0


@dataclass(frozen=True, slots=True)
class Frame:
    """One decoded frame: BGR pixels (height × width × 3, C-contiguous) and when it arrived.

    `arrived` is on the monotonic clock (for ages), `arrived_wall` on the wall
    clock (for what an officer reads and what evidence records); `index`
    counts frames put into the slot since it was made, from 1.
    """

    image: Image
    arrived: float
    arrived_wall: float
    index: int


@dataclass(frozen=True, slots=True)
class SlotCounters:
    produced: int  # frames the reader put
    delivered: int  # frames a consumer took
    dropped: int  # frames replaced before anyone took them


class FrameSlot:
    """Thread-safe one-frame mailbox; `put` never blocks, `take` returns only a new frame."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._taken_index = 0
        self._produced = 0
        self._delivered = 0
        self._dropped = 0
        self._arrivals: deque[float] = deque(maxlen=256)

    def put(self, image: Image, arrived: float, arrived_wall: float) -> Frame:
        with self._lock:
            if self._frame is not None and self._frame.index > self._taken_index:
                self._dropped += 1
            self._produced += 1
            frame = Frame(image, arrived, arrived_wall, self._produced)
            self._frame = frame
            self._arrivals.append(arrived)
            return frame

    def take(self) -> Frame | None:
        """The newest frame if it was not taken before, else None."""
        with self._lock:
            frame = self._frame
            if frame is None or frame.index <= self._taken_index:
                return None
            self._taken_index = frame.index
            self._delivered += 1
            return frame

    def peek(self) -> Frame | None:
        """The newest frame whether taken or not (for a snapshot or a check)."""
        with self._lock:
            return self._frame

    def clear(self) -> None:
        """Forget the held frame (a new stream must never show the old one's picture)."""
        with self._lock:
            if self._frame is not None and self._frame.index > self._taken_index:
                self._dropped += 1
            self._frame = None
            self._taken_index = self._produced
            self._arrivals.clear()

    def counters(self) -> SlotCounters:
        with self._lock:
            return SlotCounters(self._produced, self._delivered, self._dropped)

    def fps(self, now: float) -> float:
        """Frames per second arriving over the last `FPS_WINDOW_S` (0 when fewer than two)."""
        with self._lock:
            recent = [t for t in self._arrivals if now - t <= FPS_WINDOW_S]
        if len(recent) < 2 or recent[-1] <= recent[0]:
            return 0.0
        return (len(recent) - 1) / (recent[-1] - recent[0])
