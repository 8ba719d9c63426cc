"""The console's side of the feed protocol, without a socket (docs/protocol.md section 2).

`FeedSession` is the state machine of one feed from one welcome to the end of
that connection, and again for the next: it is given the welcome, then every
frame as the gateway sent it, and the clock's ticks, and it says what it wants
done through a `SessionOutput` (send a request, hand a batch to the store,
report a state, pass a heartbeat, a layout or a gateway's answer on).  It
holds messages across a gap while it asks for a replay, asks for a snapshot
when the replay does not come, records a permanent gap when neither fills it,
and tells a heartbeat's claim from a real gap.  It never touches a socket or
the database, so every rule can be tested by feeding it messages and reading
what it asks for (tests/unit/test_feed_session.py); `console.feed.client`
connects it to a websocket, and `console.feed.transport` opens that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from console.feed.batching import Batcher
from console.feed.recovery import Recovery, ranges_text
from console.feed.sequencer import MAX_HELD, Sequencer
from console.feed.snapshot_assembly import SnapshotAssembly
from console.feed.status import CLAIM_WORDS, FeedCounters, FeedStatus
from console.layout import Layout
from console.model import FeedEvent, Snapshot
from console.protocol import messages as m
from console.protocol.bodies import BodyRejected, normalise_body
from console.protocol.fast_lane import read_feed_event
from console.protocol.strictjson import MAX_MESSAGE_BYTES, dumps
from console.store.base import FeedCursor, PermanentGap, QuarantineEntry, WriteBatch
from console.timefmt import now_rfc3339

log = logging.getLogger("console.feed")

BINARY_REASON = "a binary frame: the protocol sends every message as a UTF-8 text frame"

FastLane = Callable[[bytes | str, str, str], FeedEvent | None]


class Reconnect(Exception):
    """Leave the current session and connect again (after `delay` seconds if given)."""

    def __init__(self, state: str, detail: str, delay: float | None = None) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail
        self.delay = delay


class Rejected(Exception):
    """The gateway refused us for good (credentials, address, certificate)."""


class SessionOutput(Protocol):
    """What a session asks to be done (the feed client does it; a test records it)."""

    def send(self, message: dict[str, Any]) -> None:
        """Send a request to the gateway soon (a lost connection loses it quietly)."""

    def submit(self, batch: WriteBatch) -> None:
        """Hand a batch to the store writer."""

    def status(self, status: FeedStatus) -> None:
        """Report a change of the feed's state."""

    def heartbeat(self, time: str) -> None:
        """The gateway's clock, from a heartbeat."""

    def layout(self, layout: Layout) -> None:
        """The terminal's layout, read once when its message was parsed."""

    def correction_result(self, result: m.CorrectionResult) -> None:
        """The gateway's answer to a correction."""

    def gateway_error(self, error: m.ErrorMessage) -> None:
        """The gateway's error answer to a request of ours (other than replays)."""


def resumes(cursor: FeedCursor | None, welcome: m.Welcome) -> bool:
    """Whether the gateway still holds every event after the console's committed cursor."""
    return (
        cursor is not None
        and cursor.epoch == welcome.epoch
        and welcome.retained_from_seq - 1 <= cursor.last_seq <= welcome.last_seq
    )


class FeedSession:
    """One feed's protocol state, session after session (`begin` ... `end`)."""

    def __init__(
        self,
        key: str,
        url: str,
        out: SessionOutput,
        *,
        clock: Callable[[], float],
        read_event: FastLane = read_feed_event,
    ) -> None:
        self.key = key  # the feed's name (the gateway's, once it announced one for an address)
        self.url = url
        self.out = out
        self.counters = FeedCounters()
        self.batch = Batcher()
        self.state = "disconnected"
        self.welcome: m.Welcome | None = None
        self.epoch = ""
        self.seq: Sequencer[FeedEvent | None] = Sequencer()
        self._clock = clock
        self._read_event = read_event
        self._snapshot: SnapshotAssembly | None = None
        self._before_snapshot: list[tuple[int, FeedEvent | None]] = []
        self._opening = False  # waiting for the session's first snapshot
        self.recovery: Recovery | None = None
        self._snapshots_asked = 0  # this session's snapshot requests ...
        self._snapshots_seen = 0  # ... and snapshots received

    # --------------------------------------------------------------- lifetime

    def read_welcome(self, raw: bytes, text: bool) -> m.Welcome:
        """The connection's first frame, which must be a welcome (else `Reconnect`)."""
        if not text:
            self.quarantine(raw, "binary", BINARY_REASON, None)
            raise Reconnect("disconnected", "the gateway's welcome was a binary frame")
        try:
            msg = m.parse_server_message(raw)
        except m.MessageRejected as exc:
            self.quarantine(raw, exc.code, exc.reason, None)
            raise Reconnect(
                "disconnected", f"the gateway's welcome was unreadable: {exc.reason}"
            ) from None
        if not isinstance(msg, m.Welcome):
            raise Reconnect("disconnected", "the gateway did not start with a welcome")
        self.counters.last_message_at = self._clock()
        return msg

    def begin(self, welcome: m.Welcome, cursor: FeedCursor | None) -> list[dict[str, Any]]:
        """Start a session after `welcome`, the store's committed `cursor` being where the
        console stands; returns the requests to send before reading on."""
        resumed = resumes(cursor, welcome)
        self.welcome = welcome
        self.epoch = welcome.epoch
        self.recovery = None
        self._snapshot = None
        self._before_snapshot = []
        self._opening = not resumed
        self._snapshots_asked = self._snapshots_seen = 0
        if resumed and cursor is not None:
            self.seq = Sequencer(cursor.last_seq)
            self.status("resumed", f"resumed after event {cursor.last_seq}")
        else:
            self.seq = Sequencer(0)
            self._snapshot = SnapshotAssembly(self.key, welcome.epoch)
            why = (
                "first connection"
                if cursor is None
                else "the gateway no longer holds the events after the console's last one"
                if cursor.epoch == welcome.epoch
                else "the gateway started a new numbering (epoch)"
            )
            self.status("connected", f"waiting for a snapshot ({why})")
        return [{"type": "layout_request"}] if welcome.role == "terminal" else []

    def end(self) -> None:
        """The connection is gone: hand over what is pending."""
        self.welcome = None
        self.flush()

    def tick(self, now: float, replay_timeout_s: float) -> None:
        """The clock moved on: a replay (or the snapshot after it) that is late goes one
        stage on."""
        r = self.recovery
        if r is not None and now - r.since > replay_timeout_s:
            self._recovery_timed_out(r)
            self.flush()

    # ---------------------------------------------------------------- messages

    def handle(self, raw: bytes | str, text: bool = True) -> None:
        """One frame after the welcome, as the gateway sent it."""
        if not text:
            self.quarantine(raw, "binary", BINARY_REASON, None)
            return
        try:
            fast = self._read_event(raw, self.key, self.epoch)
        except Exception:  # the lane only saves time: a fault in it must not cost the frame
            log.exception("feed %s: fast lane failed on a frame; reading it carefully", self.key)
            fast = None
        if fast is not None:
            self._numbered(fast.seq, fast)
            return
        try:
            msg = m.parse_server_message(raw)
        except m.MessageRejected as exc:
            self.quarantine(raw, exc.code, exc.reason, exc.seq)
            if exc.seq is not None:
                self._numbered(exc.seq, None)
            return
        if isinstance(msg, m.EventEnvelope):
            self._event(msg, raw)
        elif isinstance(msg, m.Heartbeat):
            self._heartbeat(msg)
        elif isinstance(msg, m.SnapshotPart):
            self._snapshot_part(msg, raw)
        elif isinstance(msg, m.LayoutMessage):
            self.out.layout(msg.layout)
        elif isinstance(msg, m.CorrectionResult):
            self.out.correction_result(msg)
        elif isinstance(msg, m.ErrorMessage):
            if msg.code == "replay_unavailable":
                self._replay_unavailable(msg)
            elif msg.code == "bad_request" and self.recovery is not None:
                self._replay_refused(msg)
            elif msg.request_id is not None:
                self.out.gateway_error(msg)
            else:
                log.warning("feed %s: gateway error %s: %s", self.key, msg.code, msg.message)
        elif isinstance(msg, m.Welcome):
            self.quarantine(raw, "schema", "a second welcome in one session", None)

    def _event(self, env: m.EventEnvelope, raw: str | bytes) -> None:
        item: FeedEvent | None
        try:
            body = normalise_body(env.kind, env.body)
        except BodyRejected as exc:
            self.quarantine(raw, exc.code, exc.reason, env.seq)
            item = None
        else:
            item = FeedEvent(
                feed=self.key,
                epoch=self.epoch,
                seq=env.seq,
                id=env.id,
                kind=env.kind,
                time=env.time,
                source=env.source,
                body=body,
                corrects=env.corrects,
            )
        self._numbered(env.seq, item)

    def _numbered(self, seq: int, item: FeedEvent | None) -> None:
        if self._opening:
            self._before_snapshot.append((seq, item))
            return
        if self.seq.take_next(seq):  # in order with nothing held: no lists, no clock
            if item is not None:
                self.batch.pending.events.append(item)
                self.counters.events += 1
            self.counters.last_event_at = self.counters.last_message_at
            self.batch.cursor_moved = True
            if self.recovery is not None:
                self._ask_replay_if_needed()
            return
        if self.seq.held >= MAX_HELD and (first := self.seq.missing()) is not None:
            # Holding more would only grow memory: the hole that blocks them is given up.
            self._record_holes(*first, f"more than {MAX_HELD} later events were waiting for it")
        span = self.seq.span()
        top = span[1] + 1 if span is not None else self.seq.last_applied  # highest seen
        before = self.seq.duplicates
        ready = self.seq.offer(seq, item)
        self._apply(ready)
        self.counters.duplicates += self.seq.duplicates - before
        r = self.recovery
        if ready and r is not None:
            r.since = self._clock()  # the replay is coming: give it time
        if r is not None and seq > top + 1 and seq - 1 > r.to_seq:
            # A new hole beyond what was asked for (not merely one more held event).
            low = max(top + 1, r.to_seq + 1)
            r.to_seq = seq - 1
            r.requests += 1
            self.out.send({"type": "replay_request", "from_seq": low, "to_seq": seq - 1})
        self._ask_replay_if_needed()

    def _apply(self, ready: list[FeedEvent | None]) -> None:
        if not ready:
            return
        now = self._clock()
        for item in ready:
            if item is not None:
                self.batch.pending.events.append(item)
                self.counters.events += 1
        self.counters.last_event_at = now
        self.batch.cursor_moved = True  # (the resume point's value is taken at hand-over)

    # ------------------------------------------------------------------- gaps

    def _ask_replay_if_needed(self, upto: int | None = None) -> None:
        """Ask for what is missing: the holes below held events, or what a heartbeat claims."""
        r = self.recovery
        span = self.seq.span()
        last = self.seq.last_applied
        if r is not None and span is None and (r.claim is None or last >= r.to_seq):
            self.recovery = r = None  # everything asked for has come
        want = span
        if want is None and upto is not None and upto > last:
            want = (last + 1, upto)
        if want is None:
            return
        if r is None:  # (holes found while one is open are asked for by `_numbered`)
            self.recovery = Recovery(want[0], want[1], self._clock(),
                                     claim=upto if span is None else None)
            self.out.send({"type": "replay_request", "from_seq": want[0], "to_seq": want[1]})

    def _recovery_timed_out(self, r: Recovery) -> None:
        """The replay (or the snapshot after it) did not come in time: go one stage on."""
        span = self.seq.span()
        if span is None:
            self.recovery = None
            if r.claim is not None:
                self._false_claim(r.claim)
            return
        if r.stage == "replay":
            r.stage = "snapshot"
            r.since = self._clock()
            r.snapshot_upto = span[1]
            self._snapshots_asked += 1
            r.snapshot_ordinal = self._snapshots_asked
            self.out.send({"type": "snapshot_request"})
            return
        self.recovery = None
        self._record_holes(span[0], r.snapshot_upto,
                           "the gateway neither replayed them nor sent a snapshot covering them")
        self._ask_replay_if_needed()

    def _replay_unavailable(self, msg: m.ErrorMessage) -> None:
        """The gateway says it cannot replay (part of) a range: what is still missing is lost."""
        r = self.recovery
        if msg.from_seq is not None and msg.to_seq is not None:
            low, high = msg.from_seq, msg.to_seq
        elif r is not None and r.requests == 1:
            low, high = r.from_seq, r.to_seq
        else:
            return  # which request it answers is unknown: the timeout will settle it
        if self._record_holes(low, high, "the gateway no longer holds them"):
            self._snapshots_asked += 1
            self.out.send({"type": "snapshot_request"})  # the state around the loss
        self._ask_replay_if_needed()

    def _replay_refused(self, msg: m.ErrorMessage) -> None:
        """A `bad_request` while a claimed range is asked for: nothing beyond exists."""
        r = self.recovery
        if r is not None and r.claim is not None and self.seq.span() is None:
            self.recovery = None
            self._false_claim(r.claim)
        else:
            log.warning("feed %s: gateway error %s: %s", self.key, msg.code, msg.message)

    def _record_holes(self, low: int, high: int, why: str) -> bool:
        """Record as permanent gaps the missing numbers from the first hole, if it lies in
        [low, high], up to `high`; release what they held back.  Whether any was recorded."""
        lost: list[tuple[int, int]] = []
        while (gap := self.seq.missing()) is not None and low <= gap[0] <= high:
            top = min(gap[1], high)
            lost.append((gap[0], top))
            self.batch.pending.gaps.append(
                PermanentGap(self.key, self.epoch, gap[0], top, now_rfc3339()))
            self.counters.gaps += 1
            self._apply(self.seq.give_up() if top == gap[1] else self.seq.skip_to(top))
            self.batch.cursor_moved = True
        if lost:
            single = len(lost) == 1 and lost[0][0] == lost[0][1]
            which = f"event {lost[0][0]} is" if single else f"events {ranges_text(lost)} are"
            self.status("gap", f"{which} missing for good ({why})")
        return bool(lost)

    def _false_claim(self, claimed: int) -> None:
        self.counters.false_claims += 1
        n = self.counters.false_claims
        self.status(
            self.state,
            f"{CLAIM_WORDS}: it announced event {claimed}, but sent nothing after event "
            f"{self.seq.last_applied} when asked ({n} time{'s' if n > 1 else ''} so far); "
            "the console keeps its place and stores every event that does come",
            extra={"false_claims": n, "claimed_seq": claimed},
        )

    def _heartbeat(self, hb: m.Heartbeat) -> None:
        if hb.time is not None:
            self.out.heartbeat(hb.time)
        if not self._opening and hb.last_seq is not None:
            self._ask_replay_if_needed(upto=hb.last_seq)

    # -------------------------------------------------------------- snapshots

    def _snapshot_part(self, part: m.SnapshotPart, raw: str | bytes) -> None:
        if self._snapshot is None:
            if self.welcome is None:
                return
            self._snapshot = SnapshotAssembly(self.key, self.epoch)  # asked for mid-session
        done = self._snapshot.add(part)
        for code, reason, entry in self._snapshot.take_rejected():
            self.quarantine(dumps(entry), code, reason, None)
        if done is None:
            return
        self._snapshot = None
        self._apply_snapshot(done)

    def cursor(self) -> FeedCursor:
        """The resume point to commit, with the role the welcome announced (stored with it)."""
        role = self.welcome.role if self.welcome is not None else None
        return FeedCursor(self.key, self.epoch, self.seq.last_applied, role)

    def _apply_snapshot(self, snap: Snapshot) -> None:
        self._snapshots_seen += 1
        if self._opening:
            self.seq = Sequencer(snap.seq)
        else:
            self._supersede(snap.seq)
        self.flush()
        batch = WriteBatch.empty()
        batch.snapshots.append((self.key, snap))
        batch.cursors.append(self.cursor())
        self.out.submit(batch)
        parts = [
            f"{len(items)} {what}"
            for items, what in (
                (snap.containers, "containers"),
                (snap.vehicles, "vehicles"),
                (snap.clearances, "clearances"),
                (snap.devices, "devices"),
            )
            if items
        ]
        self.status(
            "snapshot", f"state of {', '.join(parts) or 'an empty feed'} as of event {snap.seq}"
        )
        held, self._before_snapshot = self._before_snapshot, []
        self._opening = False
        for seq, item in held:
            self._numbered(seq, item)

    def _supersede(self, seq: int) -> None:
        """A snapshot mid-session: it supersedes the holes it was asked for, nothing else.

        Events up to its `seq` that are still on their way are stored when they
        come (the resume point does not jump to the snapshot's `seq`)."""
        r = self.recovery
        if r is None or r.stage != "snapshot" or self._snapshots_seen < r.snapshot_ordinal:
            return
        span = self.seq.span()
        if span is not None:
            self._record_holes(span[0], min(seq, r.snapshot_upto),
                               "the gateway did not replay them; its snapshot supersedes them")
        span = self.seq.span()
        if span is not None and span[0] <= r.snapshot_upto:
            return  # an older snapshot than the holes: the stage's timeout gives them up
        self.recovery = None
        self._ask_replay_if_needed()

    # ---------------------------------------------------------------- outputs

    def flush(self) -> None:
        """Hand the pending batch to the store writer, if there is anything in it."""
        batch = self.batch.take(self.cursor())
        if batch is not None:
            self.out.submit(batch)

    def quarantine(self, raw: str | bytes, code: str, reason: str, seq: int | None) -> None:
        """Set a rejected message aside, with its bytes and the reason in words."""
        data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
        self.batch.pending.quarantine.append(
            QuarantineEntry(
                feed=self.key,
                received_at=now_rfc3339(),
                code=code,
                reason=reason,
                raw=data[: MAX_MESSAGE_BYTES + 1],
                seq=seq,
                epoch=self.epoch or None,
            )
        )
        self.counters.quarantined += 1
        log.info("feed %s: rejected a message (%s): %s", self.key, code, reason)

    def status(self, state: str, detail: str | None,
               extra: dict[str, Any] | None = None) -> None:
        """Report the feed's state (`detail`: why, in plain words)."""
        self.state = state
        w = self.welcome
        self.out.status(
            FeedStatus(
                feed=self.key,
                state=state,
                url=self.url,
                detail=detail,
                role=w.role if w else None,
                name=w.feed if w else None,
                epoch=self.epoch or None,
                last_seq=self.seq.last_applied if self.epoch else None,
                at=now_rfc3339(),
                extra=extra or {},
            )
        )
