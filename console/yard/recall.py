"""What the store remembers of one container, for the live yard that let it go.

The live yard forgets (see `console.yard.retention`); the event store never
does.  When the yard needs a container it has let go of again (a late
correction naming one of its events, or a container arriving whose earlier
clearance decisions were forgotten), `StoreRecall` reads that container's
stored equipment and clearance events, in the order they were applied,
through the `EventReader` the composition root hands it
(`console.composition.build_console`: a read-only store of its own on the
console's database, since the store's writer thread owns the writing
connection and the supervisor runs on the event loop's thread).  The recall
neither opens nor closes it: its owner does.

The engine commits an event before the supervisor judges it, so the store
already holds the event being applied: the caller names it (`leave_out`) so
that it is not read back as its own past.
"""

from __future__ import annotations

from collections.abc import Callable

from console.model import FeedEvent
from console.store.base import EventReader

RECALLED_KINDS = ("equipment", "clearance")
Recall = Callable[[str, str | None], list[FeedEvent]]


class StoreRecall:
    """`recall(ref, leave_out)`: the stored equipment and clearance events of one container,
    read through `reader`."""

    def __init__(self, reader: EventReader) -> None:
        self.reader = reader
        self.recalled = 0  # containers read back from the store

    def __call__(self, ref: str, leave_out: str | None = None) -> list[FeedEvent]:
        self.recalled += 1
        return [s.feed_event() for s in self.reader.events(container=ref, kinds=RECALLED_KINDS)
                if s.id != leave_out]
