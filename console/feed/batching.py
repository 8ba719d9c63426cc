"""What a feed has received and not yet handed to the store writer: one pending batch.

Events, quarantined messages and permanent gaps collect in one `WriteBatch`
while frames come in; the client hands it over (`take`) once the frames that
arrived together are read, or at once when `FLUSH_EVENTS` have piled up, and
then waits while more than `BACKLOG_LIMIT` events are queued for the writer.
The resume point travels with the batch: it is the sequencer's position at
the moment the batch is taken, so a batch never claims an event it lacks.
"""

from __future__ import annotations

from console.store.base import FeedCursor, WriteBatch
from console.timefmt import now_rfc3339

FLUSH_EVENTS = 1000
BACKLOG_LIMIT = 20_000


class Batcher:
    """The pending batch of one feed, and whether its resume point moved."""

    __slots__ = ("cursor_moved", "pending", "scheduled")

    def __init__(self) -> None:
        self.pending = WriteBatch.empty()
        self.cursor_moved = False  # events were applied or given up since the last batch
        self.scheduled = False  # a hand-over is already due once the current frames are read

    @property
    def full(self) -> bool:
        return len(self.pending.events) >= FLUSH_EVENTS

    def take(self, cursor: FeedCursor) -> WriteBatch | None:
        """The pending batch, ending at `cursor` if it moved; None if there is nothing to
        hand over."""
        self.scheduled = False
        if self.cursor_moved:
            self.cursor_moved = False
            self.pending.cursors = [cursor]
        if not self.pending:
            return None
        batch, self.pending = self.pending, WriteBatch.empty()
        batch.received_at = now_rfc3339()
        return batch
