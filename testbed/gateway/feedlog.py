"""The numbered event sequence of one feed, as a gateway keeps it (protocol section 2).

A `FeedLog` is the single source of `seq` numbers for one feed in one epoch.
It keeps a window of the most recent `retain` sequence numbers so that a
client can resume (`events_after`) or fill a gap (`events_between`); anything
older has to be re-synchronised from a snapshot.  `skip` consumes numbers
without keeping their events, which is how a gateway that lost messages looks
from the outside: a permanent gap.

Contract: a `FeedLog` is not thread-safe.  Append, skip and start epochs from
the event loop that runs the gateway (from another thread, go through
`loop.call_soon_threadsafe`).  Subscribers are called synchronously inside
`append`, in subscription order, so a gateway that subscribes and reads
`last_seq` in one synchronous step sees neither duplicates nor holes.

An optional `journal` (anything with the `FeedJournalWriter` methods) is told
about every change, so that a restarted gateway can keep its epoch and its
retained events (see `testbed.gateway.journal`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Protocol

Envelope = dict[str, Any]


class FeedJournalWriter(Protocol):
    """Receives every change of a `FeedLog` (for persistence)."""

    def record_epoch(self, epoch: str, first_seq: int) -> None: ...

    def record_event(self, envelope: Envelope) -> None: ...

    def record_skip(self, first: int, n: int) -> None: ...


def new_epoch_name() -> str:
    return uuid.uuid4().hex


class FeedLog:
    """One numbered sequence of events for one feed (one epoch at a time), retained window."""

    def __init__(
        self,
        name: str,
        role: str,
        *,
        retain: int = 200_000,
        first_seq: int = 1,
        epoch: str | None = None,
        journal: FeedJournalWriter | None = None,
    ) -> None:
        if role not in ("terminal", "clearance"):
            raise ValueError(f"unknown role {role!r}")
        if retain < 1 or first_seq < 1:
            raise ValueError("retain and first_seq must be at least 1")
        self.name = name
        self.role = role
        self.retain = retain
        self.journal = journal
        self._events: dict[int, Envelope] = {}
        self._subscribers: list[Callable[[Envelope], None]] = []
        self._epoch_watchers: list[Callable[[str], None]] = []
        self._id_epoch = ""
        self._start(epoch or new_epoch_name(), first_seq)

    def _start(self, epoch: str, first_seq: int) -> None:
        self.epoch = epoch
        self.first_seq = first_seq
        self.last_seq = first_seq - 1
        self.retained_from_seq = first_seq
        self._events.clear()

    # ------------------------------------------------------------ numbering

    def append(
        self,
        kind: str,
        body: dict[str, Any],
        *,
        time: str,
        source: str | None = None,
        id: str | None = None,
        corrects: str | None = None,
    ) -> Envelope:
        """Number one event, keep it, tell the subscribers; return its envelope."""
        seq = self.last_seq + 1
        envelope: Envelope = {
            "type": "event",
            "seq": seq,
            "id": id if id is not None else f"{self.name}:{source}:{self._id_epoch}{seq:09d}",
            "kind": kind,
            "time": time,
            "source": source,
            "body": body,
        }
        if corrects is not None:
            envelope["corrects"] = corrects
        return self._keep(envelope)

    def append_frame(self, make: Callable[[int], bytes], *, binary: bool = False) -> Envelope:
        """Number one frame that is sent exactly as `make(seq)` returns it.

        For tests and rehearsals of a hostile or broken gateway: the frame
        (unreadable JSON, a NaN, a binary frame...) holds a real `seq` of the
        log, so it is sent live, kept, replayed and journalled like any event,
        while the client can only quarantine it and see that number missing."""
        seq = self.last_seq + 1
        envelope: Envelope = {
            "type": "event", "seq": seq, "id": None, "kind": None, "body": None,
            "frame": make(seq), "binary": binary,
        }
        return self._keep(envelope)

    def _keep(self, envelope: Envelope) -> Envelope:
        """Make the numbered `envelope` the log's last: keep, journal, tell the subscribers."""
        self.last_seq = envelope["seq"]
        self._events[self.last_seq] = envelope
        self._trim()
        if self.journal is not None:
            self.journal.record_event(envelope)
        for callback in list(self._subscribers):
            callback(envelope)
        return envelope

    def skip(self, n: int = 1) -> None:
        """Consume `n` numbers without keeping events: a permanent gap for every client."""
        if n < 1:
            raise ValueError("skip at least one number")
        first = self.last_seq + 1
        self.last_seq += n
        self._trim()
        if self.journal is not None:
            self.journal.record_skip(first, n)

    def new_epoch(self, first_seq: int = 1, *, epoch: str | None = None) -> None:
        """Forget the numbering; sessions resuming with the old epoch get a snapshot.

        Generated ids then carry the epoch (`name:source:EPOCH8-seq`), because an
        event `id` must stay unique for all time while `seq` starts again."""
        self._start(epoch or new_epoch_name(), first_seq)
        self._id_epoch = f"{self.epoch[:8]}-"
        if self.journal is not None:
            self.journal.record_epoch(self.epoch, first_seq)
        for watcher in list(self._epoch_watchers):
            watcher(self.epoch)

    def restore(self, envelope: Envelope) -> None:
        """Put back an event read from a journal (no subscribers, no journal)."""
        seq = envelope["seq"]
        if seq <= self.last_seq:
            raise ValueError(f"restored seq {seq} is not above last_seq {self.last_seq}")
        self._events[seq] = envelope
        self.last_seq = seq
        self._trim()

    def restore_skip(self, first: int, n: int) -> None:
        """Put back a skip read from a journal."""
        self.last_seq = max(self.last_seq, first + n - 1)
        self._trim()

    def _trim(self) -> None:
        floor = max(self.first_seq, self.last_seq - self.retain + 1)
        if floor - self.retained_from_seq > len(self._events):  # a big skip: cheaper to filter
            self._events = {s: e for s, e in self._events.items() if s >= floor}
        else:
            for seq in range(self.retained_from_seq, floor):
                self._events.pop(seq, None)
        self.retained_from_seq = max(self.retained_from_seq, floor)

    # ------------------------------------------------------------ reading

    def can_resume(self, epoch: str | None, after_seq: int | None) -> bool:
        """Whether a client at (epoch, after_seq) can be replayed rather than re-synced."""
        return (
            epoch == self.epoch
            and after_seq is not None
            and self.retained_from_seq - 1 <= after_seq <= self.last_seq
        )

    def events_after(self, after_seq: int) -> list[Envelope] | None:
        """Every kept event with `seq > after_seq`; None when that point is not retained.

        Skipped numbers are simply absent (the client sees the gap and asks for
        a replay, which is then unavailable)."""
        if not self.retained_from_seq - 1 <= after_seq <= self.last_seq:
            return None
        found = (self._events.get(s) for s in range(after_seq + 1, self.last_seq + 1))
        return [e for e in found if e is not None]

    def events_between(
        self, from_seq: int, to_seq: int
    ) -> tuple[list[Envelope], list[tuple[int, int]]]:
        """The kept events of `[from_seq, to_seq]`, and the ranges that cannot be replayed.

        Numbers above `last_seq` do not exist yet and are neither.  The work is
        bounded by the retained window whatever range a client asks for."""
        high = min(to_seq, self.last_seq)
        events: list[Envelope] = []
        missing: list[tuple[int, int]] = []
        if from_seq > high:
            return events, missing
        if from_seq < self.retained_from_seq:
            missing.append((from_seq, min(high, self.retained_from_seq - 1)))
        for seq in range(max(from_seq, self.retained_from_seq), high + 1):
            event = self._events.get(seq)
            if event is not None:
                events.append(event)
            elif missing and missing[-1][1] == seq - 1:
                missing[-1] = (missing[-1][0], seq)
            else:
                missing.append((seq, seq))
        return events, missing

    def event(self, event_id: str) -> Envelope | None:
        """The retained event with that `id` (linear search; for corrections only)."""
        for envelope in reversed(self._events.values()):
            if envelope["id"] == event_id:
                return envelope
        return None

    # ------------------------------------------------------------ observers

    def subscribe(self, cb: Callable[[Envelope], None]) -> Callable[[], None]:
        """Call `cb(envelope)` for every appended event; returns the unsubscribe function."""
        self._subscribers.append(cb)

        def unsubscribe() -> None:
            if cb in self._subscribers:
                self._subscribers.remove(cb)

        return unsubscribe

    def watch_epoch(self, cb: Callable[[str], None]) -> Callable[[], None]:
        """Call `cb(new_epoch)` whenever the numbering is reset; returns the unwatch function."""
        self._epoch_watchers.append(cb)

        def unwatch() -> None:
            if cb in self._epoch_watchers:
                self._epoch_watchers.remove(cb)

        return unwatch
