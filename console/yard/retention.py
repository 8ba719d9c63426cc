"""How much of the live yard's past the console keeps in memory.

The event store keeps every event for ever (events are evidence); the live
yard only needs enough of the past to judge what arrives now.  Two bounds:

* a container's in-memory history keeps its last `HISTORY_PER_CONTAINER`
  equipment events; older ones are folded into the record's `floor` (the
  record as it stood after them), so the current record does not change;
* a container that left the terminal (gated out or loaded onto a vessel) is
  forgotten, with its clearance decisions and the indexes naming its events,
  once `DEPARTED_RETENTION_S` of feed time has passed since it left and it has
  had no event since.  The supervisor never uses a retention shorter than its
  longest timed rule, so no deadline outlives the record it asks about.

Clearance decisions about a container that is not in the yard are let go the
same way, once `departed_after_s` has passed since the latest of them (some
announced containers never arrive).

What was let go is read back from the store when it matters
(`console.yard.recall`): the decisions of a container that arrives after all,
and the whole container when a correction, a retraction or a 3.0 update names
one of its events, which is then replaced, withdrawn or overridden as if the
yard had never let go (`YardState.bring_back`).  Where the store cannot say
(no `recall`, or a record from a snapshot), such an event naming an event of
a forgotten container (or one folded into a record's floor) is applied as a
new event (as one naming an event the console never saw), counted in
`YardState.late_references` and logged as a warning naming the container.
The store still holds the original.

The history review's replay (`console.history`, `console.yard.history`) builds
its yards without a retention: it keeps everything it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

HISTORY_PER_CONTAINER = 64
DEPARTED_RETENTION_S = 1800.0
DEPARTED_STAGES = ("gated_out", "loaded")
# Ids of forgotten events kept (oldest dropped first), so that a correction or a
# retraction naming one is told apart from one naming an event never seen.
FORGOTTEN_IDS_KEPT = 20_000


@dataclass(frozen=True, slots=True)
class Retention:
    """The live yard's memory bounds (feed-time seconds, events per container)."""

    departed_after_s: float = DEPARTED_RETENTION_S
    history_per_container: int = HISTORY_PER_CONTAINER

    def __post_init__(self) -> None:
        if self.departed_after_s < 0 or self.history_per_container < 1:
            raise ValueError("a retention needs a non-negative time and at least one event")
