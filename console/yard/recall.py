"""What the store remembers of one container, for the live yard that let it go.

The live yard forgets (see `console.yard.retention`); the event store never
does.  When the yard needs a container it has let go of again (a late
correction, retraction or 3.0 update naming one of its events, or a container
arriving whose earlier
clearance decisions were forgotten), `StoreRecall` reads that container's
stored equipment and clearance events, in the order they were applied,
through the `EventReader` the composition root hands it
(`console.composition.build_console`: a read-only store of its own on the
console's database, since the store's writer thread owns the writing
connection and the supervisor runs on the event loop's thread).  The recall
neither opens nor closes it: its owner does.

The engine commits an event (a whole batch of them) before the supervisor
judges it, and a restart replays a store that holds everything: the caller
names the event being applied (`upto`, as feed and id), and only what was
stored before it is read back as its past, never that event nor what came after.
"""

from __future__ import annotations

from collections.abc import Callable

from console.model import FeedEvent
from console.store.base import EventReader

RECALLED_KINDS = ("equipment", "clearance")
Recall = Callable[[str, tuple[str, str] | None], list[FeedEvent]]


class StoreRecall:
    """`recall(ref, upto)`: the stored equipment and clearance events of one container
    applied before the event `upto` = (feed, id), read through `reader`."""

    def __init__(self, reader: EventReader) -> None:
        self.reader = reader
        self.recalled = 0  # containers read back from the store

    def __call__(self, ref: str, upto: tuple[str, str] | None = None) -> list[FeedEvent]:
        self.recalled += 1
        left_out = upto[1] if upto is not None else None
        return [s.feed_event() for s in self.reader.events(
            container=ref, kinds=RECALLED_KINDS, before=upto) if s.id != left_out]
