"""Feed health as the supervisor sees it: state, clock and counts per feed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class FeedHealth:
    """One feed.  `clock` is the feed's own time (seconds): the latest event or heartbeat
    time it sent, never going backwards; the timed rules run on it."""

    key: str
    role: str | None = None
    state: str = "disconnected"
    since: float | None = None  # console time of the last state change
    detail: str | None = None
    epoch: str | None = None
    last_seq: int = 0
    clock: float | None = None
    events: int = 0
    gaps: list[str] = field(default_factory=list)

    def advance(self, time: float | None) -> bool:
        """Move the clock forward to `time`; True when it moved."""
        if time is None or (self.clock is not None and time <= self.clock):
            return False
        self.clock = time
        return True
