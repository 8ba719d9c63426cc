"""Deadlines of the timed rules, on each feed's own clock.

A deadline is only a question to ask again later ("has this container been
stored yet?"); nothing is cancelled when the answer changes, the question
simply finds the condition gone.  That keeps the hot path to one heap push per
discharge or stand-still, and makes replays at any speed give the same alerts.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Deadline:
    due: float
    order: int
    rule: str = field(compare=False)
    subject: str = field(compare=False)
    cause: str = field(compare=False)
    event_id: str | None = field(compare=False)


class Deadlines:
    """A heap of deadlines per feed."""

    def __init__(self) -> None:
        self._heaps: dict[str, list[Deadline]] = {}
        self._order = itertools.count()

    def add(
        self, feed: str, due: float, rule: str, subject: str, cause: str, event_id: str | None
    ) -> None:
        heapq.heappush(
            self._heaps.setdefault(feed, []),
            Deadline(due, next(self._order), rule, subject, cause, event_id),
        )

    def due(self, feed: str, clock: float | None) -> list[Deadline]:
        """Remove and return the feed's deadlines strictly before `clock`, earliest first."""
        heap = self._heaps.get(feed)
        out: list[Deadline] = []
        if not heap or clock is None:
            return out
        while heap and heap[0].due < clock:
            out.append(heapq.heappop(heap))
        return out

    def next_due(self, feed: str) -> float:
        """The earliest deadline of a feed (infinity when it has none)."""
        heap = self._heaps.get(feed)
        return heap[0].due if heap else float("inf")

    def pending(self, feed: str | None = None) -> int:
        if feed is not None:
            return len(self._heaps.get(feed, ()))
        return sum(len(h) for h in self._heaps.values())
