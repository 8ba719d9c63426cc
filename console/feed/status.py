"""What a feed is doing, in words an officer understands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The words with which a feed reports a gateway announcing events it then does not
# deliver (its status `extra` then counts them in `false_claims`; ui/ translates them).
CLAIM_WORDS = "the gateway claims events it cannot deliver"

# The states a feed reports (headless JSON `state`).
STATES = ("connected", "resumed", "snapshot", "gap", "stale", "disconnected", "rejected")


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """One change of a feed's state; `detail` is the reason in plain words."""

    feed: str
    state: str
    url: str
    detail: str | None = None
    role: str | None = None
    name: str | None = None  # the gateway's name for the feed (welcome `feed`)
    epoch: str | None = None
    last_seq: int | None = None
    at: str = ""  # RFC 3339, console clock
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": "feed",
            "feed": self.feed,
            "state": self.state,
            "url": self.url,
            "at": self.at,
        }
        for key in ("detail", "role", "name", "epoch", "last_seq"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        d.update(self.extra)
        return d


@dataclass(slots=True)
class FeedCounters:
    """Running counts shown on the feed-health panel."""

    events: int = 0
    duplicates: int = 0
    quarantined: int = 0
    gaps: int = 0
    reconnects: int = 0
    false_claims: int = 0  # heartbeats announcing events the gateway then did not deliver
    last_event_at: float | None = None  # console monotonic clock
    last_message_at: float | None = None
