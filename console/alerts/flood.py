"""Alarm-flood measures (ISA-18.2 / EEMUA 191).

An officer handles about one alert per ten minutes in steady state; more than
ten new alerts in ten minutes is a flood.  Two things keep a flood from
burying what matters: repeats of one rule on one subject are grouped under
one head (`AlertBook`), and the queue is ordered by what needs an officer
first (unacknowledged and escalated before acknowledged, then severity, then
newest), with shelved alerts out of the way until they return.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from console.alerts.model import Alert

SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}
STATE_RANK = {"unacknowledged": 0, "escalated": 0, "acknowledged": 1, "shelved": 2}


class FloodMeter:
    """New alerts in a sliding window; a flood is more than `limit` of them."""

    def __init__(self, limit: int = 10, window_s: float = 600.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._times: deque[float] = deque()

    def note(self, at: float) -> None:
        self._times.append(at)

    def count(self, now: float) -> int:
        while self._times and self._times[0] <= now - self.window_s:
            self._times.popleft()
        return len(self._times)

    def in_flood(self, now: float) -> bool:
        return self.count(now) > self.limit


def queue_order(heads: Iterable[Alert]) -> list[Alert]:
    """Group heads in the order an officer should look at them; shelved ones left out."""
    showing = [a for a in heads if a.state != "shelved" and a.is_open]
    showing.sort(key=lambda a: a.raised_at, reverse=True)
    showing.sort(key=lambda a: (STATE_RANK.get(a.state, 3), SEVERITY_RANK.get(a.severity, 4)))
    return showing
