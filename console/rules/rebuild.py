"""Picking up after a restart: the yard and the pending deadlines, rebuilt from the store.

The alert store already holds every alert raised before the restart, and the
feeds resume after their committed cursor, so nothing is lost; but the yard
state and the timed rules' deadlines lived in memory.  `rebuild` replays each
feed's newest stored snapshot and the events committed after it through the
supervisor.  Judging them again raises nothing twice (alert ids name rule,
subject and cause), and a deadline that fell due while the console was down
fires on the feed's clock as soon as the feed speaks again.
"""

from __future__ import annotations

from collections.abc import Sequence

from console.alerts.model import AlertChange
from console.rules.supervisor import Supervisor
from console.store.base import EventStore
from console.timefmt import format_time, try_parse_time

# Events are read from this long before the oldest snapshot: an event stamped
# earlier than its snapshot (source clocks differ) but numbered after it still counts.
LATE_MARGIN_S = 3600.0


def rebuild(
    sup: Supervisor, store: EventStore, feeds: Sequence[tuple[str, str]]
) -> list[AlertChange]:
    """Replay `(feed_key, role)` feeds from the store into `sup`; return the alert changes."""
    roles = dict(feeds)
    changes: list[AlertChange] = []
    after: dict[str, tuple[str, int]] = {}
    since: float | None = None
    complete = True
    for key, role in feeds:
        snap = store.latest_snapshot(key)
        taken = try_parse_time(snap.time) if snap is not None else None
        if snap is None or taken is None:
            complete = False
            continue
        changes += sup.apply_snapshot(key, role, snap)
        after[key] = (snap.epoch, snap.seq)
        since = taken if since is None else min(since, taken)
    bound = format_time(since - LATE_MARGIN_S) if complete and since is not None else None
    for stored in store.events(since=bound):
        feed_role = roles.get(stored.feed)
        if feed_role is None:
            continue
        base = after.get(stored.feed)
        if base is not None and stored.epoch == base[0] and stored.seq <= base[1]:
            continue
        event = stored.feed_event()
        changes += sup.apply(stored.feed, feed_role, event)
    return changes
