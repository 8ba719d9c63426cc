"""The window's models fed as the engine feeds them: through the one core yard.

The map never reads events (`ui.yard.picture`); the engine's supervisor applies
them to `console.yard.state.YardState` and hands its change sets on
(`on_yard_changes`).  Window tests without an engine use these stand-ins for
that path: events go through a real core yard, and what it changed reaches the
picture or display exactly as in the console.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from console.layout import Layout, as_layout
from console.model import FeedEvent, Snapshot
from console.yard.state import YardState
from ui.display import DisplayState
from ui.yard.picture import YardPicture


class FedPicture(YardPicture):
    """A picture with its own core yard in front (a test stand-in for the supervisor)."""

    def __init__(self, layout: Layout | dict[str, Any]) -> None:
        read = as_layout(layout)
        super().__init__(read)
        self.core = YardState(read, changes=True)

    def apply_events(self, events: Iterable[FeedEvent], arrived: float | None = None) -> int:
        """Apply events to the core yard; the picture takes its change set. Returns how
        many changes the set held."""
        for ev in events:
            self.core.apply(ev.feed, ev)
        return self.apply_changes(self.core.take_changes(), arrived)

    def apply_snapshot(self, snap: Snapshot, role: str = "terminal") -> int:
        self.core.apply_snapshot(snap.feed, role, snap)
        return self.apply_changes(self.core.take_changes())


class FedDisplay(DisplayState):
    """A display whose events and snapshots also go through a core yard, as the engine's."""

    def __init__(self, layout: Layout | dict[str, Any] | None = None) -> None:
        super().__init__(layout)
        self.core = YardState(self.terminal_layout, changes=True)

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        super().on_events(feed, events)
        for ev in events:
            self.core.apply(feed, ev)
        self.on_yard_changes(self.core.take_changes())

    def on_snapshot(self, feed: str, snapshot: Snapshot, role: str = "terminal") -> None:
        super().on_snapshot(feed, snapshot)
        self.core.apply_snapshot(feed, role, snapshot)
        self.on_yard_changes(self.core.take_changes())

    def on_layout(self, feed: str, layout: Layout | dict[str, Any]) -> None:
        self.core.set_layout(as_layout(layout))
        super().on_layout(feed, layout)
