"""Simulated time: one clock drives event times, heartbeats and camera overlays.

The terminal runs on Taiwan time (+08:00).  `SimClock` maps the wall clock
onto simulated time at `speed` (1.0 = real time); the traffic model itself
only ever sees simulated seconds since `start`, which is what makes a seed
reproducible whatever the wall clock does.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from console.timefmt import TERMINAL_ZONE, parse_moment
from console.timefmt import terminal_rfc3339 as rfc3339

TERMINAL_TZ = TERMINAL_ZONE
DEFAULT_START = datetime(2026, 11, 28, 20, 0, 0, tzinfo=TERMINAL_TZ)


def parse_start(text: str | None) -> datetime:
    """Read a `--start` value: `now`, an RFC 3339 time, or None for the fixed default.

    A time without an offset is refused (`console.timefmt.TimeFormatError`, a
    ValueError): the simulator does not guess which zone was meant.
    """
    if text is None:
        return DEFAULT_START
    if text == "now":
        return datetime.now(TERMINAL_TZ).replace(microsecond=0)
    return parse_moment(text).astimezone(TERMINAL_TZ)


class SimClock:
    """Simulated seconds since `start`, advancing at `speed` times the wall clock.

    The clock only runs after `run()`; `pause()` freezes it (used by the
    "go silent" fault so that a silent feed's clock stops too).
    """

    def __init__(self, start: datetime = DEFAULT_START, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.start = start.astimezone(TERMINAL_TZ)
        self.speed = speed
        self._base_sim = 0.0
        self._base_wall: float | None = None

    def run(self) -> None:
        if self._base_wall is None:
            self._base_wall = time.monotonic()

    def pause(self) -> None:
        self._base_sim = self.seconds()
        self._base_wall = None

    def seek(self, sim_seconds: float) -> None:
        """Set the simulated time (before `run`, e.g. after a warm-up)."""
        self._base_sim = sim_seconds
        if self._base_wall is not None:
            self._base_wall = time.monotonic()

    def seconds(self) -> float:
        """Simulated seconds elapsed since `start`."""
        if self._base_wall is None:
            return self._base_sim
        return self._base_sim + (time.monotonic() - self._base_wall) * self.speed

    def at(self, sim_seconds: float) -> datetime:
        return self.start + timedelta(seconds=sim_seconds)

    def stamp(self, sim_seconds: float) -> str:
        """`rfc3339` of simulated second `sim_seconds` (`start` is already at +08:00)."""
        return rfc3339(self.start + timedelta(seconds=sim_seconds))

    def now(self) -> str:
        return self.stamp(self.seconds())
