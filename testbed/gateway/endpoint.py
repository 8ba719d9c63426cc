"""What a gateway needs from whoever produces a feed (the simulator, the test gateway).

An endpoint owns one `FeedLog` and the state that its snapshots describe.  It
must keep the two consistent: `snapshot()` is the state as of
`log.last_seq`, at the moment it is called, and every change of that state
is appended to the log from the gateway's event loop.
"""

from __future__ import annotations

from typing import Any, Protocol

from console.protocol.messages import Correction
from testbed.gateway.feedlog import FeedLog


class FeedEndpoint(Protocol):
    """What a gateway needs from whoever produces a feed."""

    log: FeedLog
    heartbeat_s: float
    layout_version: str | None

    def snapshot(self) -> dict[str, Any]:
        """The whole state as of `log.last_seq`: containers, vehicles, clearances, devices."""
        ...

    def layout(self) -> dict[str, Any] | None:
        """The section 7 layout body, or None when this feed has none."""
        ...

    def correct(self, c: Correction) -> dict[str, Any]:
        """Decide a correction: {"status": "accepted", "replacement_id": ...} or
        {"status": "rejected", "reason": ...}; on acceptance the endpoint appends the
        corrected event (with `corrects`) to its log itself."""
        ...

    def now(self) -> str:
        """The feed's clock, RFC 3339 with an offset."""
        ...
