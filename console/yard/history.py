"""What the yard looked like at a past moment, rebuilt from the event store.

The history review asks "where was this container, who carried it, what was
its clearance at 03:12".  The answer is the same fold the live console does:
start from the newest stored snapshot of each named feed taken at or before
the moment (if any), then apply, in the order they were applied, the stored
events whose time is before the moment.  No rules run; nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from console.layout import Layout
from console.model import PositionReport
from console.store.base import EventStore
from console.timefmt import parse_time, try_parse_time
from console.yard.state import YardState


def state_at(
    store: EventStore, at: str, *, layout: Layout | Mapping[str, Any] | None = None,
    feeds: Sequence[str] = (),
) -> YardState:
    """The yard as of `at` (RFC 3339, exclusive).

    `feeds` names the feeds whose latest snapshot may serve as a starting
    point; a snapshot newer than `at` is not usable and that feed is rebuilt
    from its events alone (as far as the store still holds them).
    """
    limit = parse_time(at)
    yard = YardState(layout)
    skip: dict[str, tuple[str, int]] = {}
    for feed in feeds:
        snap = store.latest_snapshot(feed)
        if snap is None:
            continue
        taken = try_parse_time(snap.time)
        if taken is None or taken > limit:
            continue
        yard.apply_snapshot(feed, store.feed_role(feed) or "terminal", snap)
        skip[feed] = (snap.epoch, snap.seq)
    for stored in store.events(until=at):
        base = skip.get(stored.feed)
        if base is not None and stored.epoch == base[0] and stored.seq <= base[1]:
            continue
        event = stored.feed_event()
        health = yard.feed(stored.feed)
        health.advance(try_parse_time(stored.time))
        body = event.body
        if isinstance(body, PositionReport):
            yard.apply_position(stored.feed, event, body)
        else:
            yard.apply(stored.feed, event)
    return yard
