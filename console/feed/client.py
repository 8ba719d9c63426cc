"""The console's side of one feed (feed-protocol.md section 2): one session after another.

`FeedClient.run` connects, says hello (resuming from the store's committed
cursor), follows welcome / snapshot / events / heartbeats, holds messages
across a gap while it asks for a replay, records a permanent gap when the
replay cannot fill it, and reconnects with exponential backoff and jitter
until it is cancelled or the gateway refuses its credentials.

Everything the client learns goes to a `FeedSink` (the engine), which commits
it through the single store writer; the client never touches the database.
It resumes only from what the sink reports as committed, so a crash or a
failed commit at any moment costs a replay, never an event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from typing import Any, Protocol

import websockets
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
from websockets.frames import Close

from console.config.logsetup import hide_in_logs
from console.feed.config import FeedConfig, certificate_fingerprint
from console.feed.frames import FeedConnection
from console.feed.plaintext import plaintext_refusal
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

FLUSH_EVENTS = 1000
BACKLOG_LIMIT = 20_000
WELCOME_TIMEOUT_S = 10.0


class FeedSink(Protocol):
    """What a feed client needs from the engine."""

    def committed_cursor(self, feed: str) -> FeedCursor | None: ...

    def submit(self, feed: str, batch: WriteBatch) -> None: ...

    async def wait_backlog(self, feed: str, limit: int) -> None: ...

    async def settle(self, feed: str) -> None: ...

    def feed_status(self, status: FeedStatus) -> None: ...

    def heartbeat(self, feed: str, time: str) -> None: ...

    def layout(self, feed: str, layout: Layout) -> None: ...

    def correction_result(self, feed: str, result: m.CorrectionResult) -> None: ...

    def gateway_error(self, feed: str, error: m.ErrorMessage) -> None: ...

    async def rename_feed(self, old: str, new: str) -> FeedCursor | None:
        """Know feed `old` as `new` from now on; the cursor stored under `new`."""
        ...


class _Reconnect(Exception):
    """Leave the current session and connect again (after `delay` seconds if given)."""

    def __init__(self, state: str, detail: str, delay: float | None = None) -> None:
        super().__init__(detail)
        self.state = state
        self.detail = detail
        self.delay = delay


class _Rejected(Exception):
    """The gateway refused us for good (credentials, address, certificate)."""


BINARY_REASON = "a binary frame: the protocol sends every message as a UTF-8 text frame"

_CLOSE_WORDS = {
    m.CLOSE_NORMAL: "the gateway closed the connection",
    m.CLOSE_GOING_AWAY: "the gateway is restarting",
    m.CLOSE_POLICY: "the gateway refused a message from the console (policy violation)",
    m.CLOSE_TOO_BIG: "the gateway refused a message from the console as too big",
}


class FeedClient:
    """One feed, connected for as long as `run` runs."""

    def __init__(
        self,
        config: FeedConfig,
        sink: FeedSink,
        *,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.sink = sink
        if config.token:  # hidden for the process's life: websockets logs it at DEBUG
            hide_in_logs((config.token,))
        self.counters = FeedCounters()
        self.state = "disconnected"
        self.welcome: m.Welcome | None = None
        self._clock = clock
        self._rng = rng or random.Random()
        self._ws: FeedConnection | None = None
        self._seq: Sequencer[FeedEvent | None] = Sequencer()
        self._epoch = ""
        self._pending = WriteBatch.empty()
        self._flush_scheduled = False
        self._cursor_moved = False
        self._snapshot: SnapshotAssembly | None = None
        self._before_snapshot: list[tuple[int, FeedEvent | None]] = []
        self._opening = False  # waiting for the session's first snapshot
        self._recovery: Recovery | None = None
        self._snapshots_asked = 0  # this session's snapshot requests ...
        self._snapshots_seen = 0  # ... and snapshots received
        self._restart_reason: str | None = None
        self._name: str | None = None  # the gateway's announced name, when it replaced the address

    @property
    def key(self) -> str:
        return self._name or self.config.key

    # ------------------------------------------------------------------ public

    async def run(self) -> None:
        """Connect and stay connected until cancelled or refused for good."""
        delay = self.config.backoff_initial_s
        while True:
            started = self._clock()
            try:
                await self._session()
                raise _Reconnect("disconnected", "the gateway closed the connection")
            except _Rejected as exc:
                self._status("rejected", str(exc))
                return
            except _Reconnect as exc:
                self._status(exc.state, exc.detail)
                wait = exc.delay
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as exc:  # a bug must not stop the feed: report, reconnect
                log.exception("feed %s: unexpected error", self.key)
                self._status("disconnected", f"internal error, reconnecting: {exc!r}")
                wait = None
            finally:
                await self._close_session()
            if self._clock() - started > 60:
                delay = self.config.backoff_initial_s  # the session was healthy: start over
            if wait is None:
                wait = self._rng.uniform(0.5, 1.0) * delay
                delay = min(delay * 2, self.config.backoff_max_s)
            self.counters.reconnects += 1
            await asyncio.sleep(wait)

    async def send(self, message: dict[str, Any]) -> None:
        """Send a client message (a correction); ConnectionError when not connected."""
        ws = self._ws
        if ws is None or self.welcome is None:
            raise ConnectionError(f"feed {self.key} is not connected")
        try:
            await ws.send(dumps(message).decode("utf-8"))
        except ConnectionClosed as exc:
            raise ConnectionError(f"feed {self.key} closed while sending") from exc

    def restart(self, reason: str) -> None:
        """Drop the connection and resume from the committed cursor (e.g. after a failed commit)."""
        self._restart_reason = reason
        if self._ws is not None:
            self._ws.transport.abort()

    # ----------------------------------------------------------------- session

    async def _session(self) -> None:
        try:
            await self._session_steps()
        except ConnectionClosed as exc:
            raise self._closed(exc) from None

    async def _session_steps(self) -> None:
        self._restart_reason = None
        await self.sink.settle(self.key)
        cursor = self.sink.committed_cursor(self.key)
        ws = await self._connect()
        self._ws = ws
        self._check_pin(ws)
        await ws.send(
            dumps(
                m.hello(
                    self.config.station,
                    cursor.epoch if cursor else None,
                    cursor.last_seq if cursor else None,
                )
            ).decode("utf-8")
        )
        welcome = await self._await_welcome(ws)
        if self._name is None and self.config.named_by_address and welcome.feed != self.key:
            cursor = await self._adopt_name(welcome)
        resumed = (
            cursor is not None
            and cursor.epoch == welcome.epoch
            and welcome.retained_from_seq - 1 <= cursor.last_seq <= welcome.last_seq
        )
        self.welcome = welcome
        self._epoch = welcome.epoch
        self._recovery = None
        self._snapshot = None
        self._before_snapshot = []
        self._opening = not resumed
        self._snapshots_asked = self._snapshots_seen = 0
        if resumed and cursor is not None:
            self._seq = Sequencer(cursor.last_seq)
            self._status("resumed", f"resumed after event {cursor.last_seq}")
        else:
            self._seq = Sequencer(0)
            self._snapshot = SnapshotAssembly(self.key, welcome.epoch)
            why = (
                "first connection"
                if cursor is None
                else "the gateway no longer holds the events after the console's last one"
                if cursor.epoch == welcome.epoch
                else "the gateway started a new numbering (epoch)"
            )
            self._status("connected", f"waiting for a snapshot ({why})")
        if welcome.role == "terminal":
            await ws.send('{"type":"layout_request"}')
        watchdog = asyncio.create_task(self._watchdog(ws, welcome.heartbeat_s))
        try:
            await self._receive(ws)
        finally:
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watchdog
            self._flush()

    async def _connect(self) -> FeedConnection:
        refusal = plaintext_refusal(self.config.url, self.config.token,
                                    self.config.allow_plaintext)
        if refusal is not None:
            raise _Rejected(refusal)
        headers = {}
        if self.config.token:
            headers["Authorization"] = f"Bearer {self.config.token}"
        try:
            ws = await connect(
                self.config.url,
                create_connection=FeedConnection,
                additional_headers=headers,
                subprotocols=[websockets.Subprotocol(m.SUBPROTOCOL)],
                compression=None,
                max_size=self.config.max_frame_bytes,
                ssl=self.config.ssl_context(),
                open_timeout=10,
                ping_interval=None,
                close_timeout=2,
                max_queue=64,
            )
            assert isinstance(ws, FeedConnection)
            return ws
        except InvalidStatus as exc:
            code = exc.response.status_code
            if code in (401, 403):
                raise _Rejected(
                    f"credentials rejected by the gateway (HTTP {code})"
                    if code == 401
                    else f"access refused by the gateway (HTTP {code})"
                ) from None
            raise _Reconnect("disconnected", f"the gateway answered HTTP {code}") from None
        except (OSError, TimeoutError, InvalidHandshake) as exc:
            text = str(exc) or type(exc).__name__
            if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
                detail = f"the gateway's certificate is not trusted: {text}"
            elif isinstance(exc, TimeoutError):
                detail = "the gateway did not answer within 10 s"
            elif "did not receive a valid HTTP response" in text and self.config.secure:
                detail = (
                    "the gateway refused the TLS connection: it may not accept this client "
                    "certificate"
                    if self.config.cert_file
                    else "the gateway closed the TLS connection: it may require a client "
                    "certificate (--cert and --key)"
                )
            else:
                detail = f"cannot reach the gateway: {text}"
            raise _Reconnect("disconnected", detail) from None

    async def _adopt_name(self, welcome: m.Welcome) -> FeedCursor | None:
        """Store this feed under the name the gateway announces; resume what is stored there."""
        old, self._name = self.key, welcome.feed
        cursor = await self.sink.rename_feed(old, welcome.feed)
        if (cursor is not None and cursor.epoch == welcome.epoch
                and welcome.retained_from_seq - 1 <= cursor.last_seq <= welcome.last_seq):
            raise _Reconnect("connected", f"the gateway is feed {welcome.feed}: resuming after "
                             f"its stored event {cursor.last_seq}", delay=0.0)
        return cursor

    def _check_pin(self, ws: FeedConnection) -> None:
        if self.config.pin_sha256 is None:
            return
        ssl_object = ws.transport.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        if der is None or certificate_fingerprint(der) != self.config.pin_sha256:
            raise _Rejected("the gateway's certificate does not match the pinned fingerprint")

    async def _await_welcome(self, ws: FeedConnection) -> m.Welcome:
        try:
            frame = await asyncio.wait_for(ws.next_frame(), WELCOME_TIMEOUT_S)
        except TimeoutError:
            raise _Reconnect("disconnected", "the gateway sent no welcome within 10 s") from None
        except ConnectionClosed as exc:
            raise self._closed(exc) from None
        if frame is None:
            raise self._closed_by(ws.protocol.close_rcvd, ws.protocol.close_sent)
        raw, text = frame
        if not text:
            self._quarantine(raw, "binary", BINARY_REASON, None)
            raise _Reconnect("disconnected", "the gateway's welcome was a binary frame")
        try:
            msg = m.parse_server_message(raw)
        except m.MessageRejected as exc:
            self._quarantine(raw, exc.code, exc.reason, None)
            raise _Reconnect(
                "disconnected", f"the gateway's welcome was unreadable: {exc.reason}"
            ) from None
        if not isinstance(msg, m.Welcome):
            raise _Reconnect("disconnected", "the gateway did not start with a welcome")
        self.counters.last_message_at = self._clock()
        return msg

    async def _receive(self, ws: FeedConnection) -> None:
        try:
            while (frame := await ws.next_frame()) is not None:
                self.counters.last_message_at = self._clock()
                self._handle(*frame)
                if len(self._pending.events) >= FLUSH_EVENTS:
                    self._flush()
                    await self.sink.wait_backlog(self.key, BACKLOG_LIMIT)
                elif not self._flush_scheduled:
                    self._flush_scheduled = True
                    asyncio.get_running_loop().call_soon(self._flush)
        except ConnectionClosed as exc:
            raise self._closed(exc) from None
        # The iterator ends quietly on a normal close (1000/1001): say why all the same.
        raise self._closed_by(ws.protocol.close_rcvd, ws.protocol.close_sent)

    async def _watchdog(self, ws: FeedConnection, heartbeat_s: float) -> None:
        """Treat silence beyond 3 × heartbeat as a dead connection; time out replays."""
        period = min(heartbeat_s / 2, 1.0)
        while True:
            await asyncio.sleep(period)
            now = self._clock()
            last = self.counters.last_message_at or now
            if now - last > 3 * heartbeat_s:
                self._restart_reason = (
                    f"nothing received for {now - last:.0f} s "
                    f"(heartbeat every {heartbeat_s:g} s): connection treated as dead"
                )
                ws.transport.abort()
                return
            r = self._recovery
            if r is not None and now - r.since > self.config.replay_timeout_s:
                self._recovery_timed_out(r)
                self._flush()

    def _closed(self, exc: ConnectionClosed) -> Exception:
        return self._closed_by(exc.rcvd, exc.sent)

    def _closed_by(self, rcvd: Close | None, sent: Close | None) -> Exception:
        if self._restart_reason is not None:
            state = (
                "stale" if self._restart_reason.startswith("nothing received") else "disconnected"
            )
            return _Reconnect(state, self._restart_reason)
        code = rcvd.code if rcvd is not None else None
        reason = rcvd.reason if rcvd is not None else ""
        if code == m.CLOSE_BAD_TOKEN:
            return _Rejected("credentials rejected (token missing, unknown or expired)")
        if code == m.CLOSE_BAD_ADDRESS:
            return _Rejected("address not registered for this token at the gateway")
        if code == m.CLOSE_DUPLICATE_STATION:
            return _Reconnect(
                "disconnected",
                f"another session with station id {self.config.station} is connected; "
                "retrying slowly",
                self.config.duplicate_station_retry_s,
            )
        if sent is not None and sent.code == 1007:
            self._quarantine(
                b"",
                "bad_encoding",
                "a text frame that is not valid UTF-8; "
                "the console closed the connection and resumes",
                None,
            )
            return _Reconnect("disconnected", "the gateway sent a frame that is not valid UTF-8")
        if sent is not None and sent.code == m.CLOSE_TOO_BIG:
            self._quarantine(
                b"",
                "too_big",
                f"a message larger than {self.config.max_frame_bytes} bytes; "
                "the console closed the connection",
                None,
            )
            return _Reconnect("disconnected", "the gateway sent a message too large to read")
        words = _CLOSE_WORDS.get(code or 0, "the connection was lost")
        if reason:
            words = f"{words}: {reason}"
        if code is not None:
            words = f"{words} (code {code})"
        return _Reconnect("disconnected", words)

    async def _close_session(self) -> None:
        ws, self._ws = self._ws, None
        self.welcome = None
        self._flush()
        if ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(ws.close(), 2)

    # ---------------------------------------------------------------- messages

    def _handle(self, raw: bytes | str, text: bool = True) -> None:
        if not text:
            self._quarantine(raw, "binary", BINARY_REASON, None)
            return
        try:
            fast = read_feed_event(raw, self.key, self._epoch)
        except Exception:  # the lane only saves time: a fault in it must not cost the frame
            log.exception("feed %s: fast lane failed on a frame; reading it carefully", self.key)
            fast = None
        if fast is not None:
            self._numbered(fast.seq, fast)
            return
        try:
            msg = m.parse_server_message(raw)
        except m.MessageRejected as exc:
            self._quarantine(raw, exc.code, exc.reason, exc.seq)
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
            self.sink.layout(self.key, msg.layout)
        elif isinstance(msg, m.CorrectionResult):
            self.sink.correction_result(self.key, msg)
        elif isinstance(msg, m.ErrorMessage):
            if msg.code == "replay_unavailable":
                self._replay_unavailable(msg)
            elif msg.code == "bad_request" and self._recovery is not None:
                self._replay_refused(msg)
            elif msg.request_id is not None:
                self.sink.gateway_error(self.key, msg)
            else:
                log.warning("feed %s: gateway error %s: %s", self.key, msg.code, msg.message)
        elif isinstance(msg, m.Welcome):
            self._quarantine(raw, "schema", "a second welcome in one session", None)

    def _event(self, env: m.EventEnvelope, raw: str | bytes) -> None:
        item: FeedEvent | None
        try:
            body = normalise_body(env.kind, env.body)
        except BodyRejected as exc:
            self._quarantine(raw, exc.code, exc.reason, env.seq)
            item = None
        else:
            item = FeedEvent(
                feed=self.key,
                epoch=self._epoch,
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
        if self._seq.take_next(seq):  # in order with nothing held: no lists, no clock
            if item is not None:
                self._pending.events.append(item)
                self.counters.events += 1
            self.counters.last_event_at = self.counters.last_message_at
            self._set_cursor()
            if self._recovery is not None:
                self._ask_replay_if_needed()
            return
        if self._seq.held >= MAX_HELD and (first := self._seq.missing()) is not None:
            # Holding more would only grow memory: the hole that blocks them is given up.
            self._record_holes(*first, f"more than {MAX_HELD} later events were waiting for it")
        span = self._seq.span()
        top = span[1] + 1 if span is not None else self._seq.last_applied  # highest seen
        before = self._seq.duplicates
        ready = self._seq.offer(seq, item)
        self._apply(ready)
        self.counters.duplicates += self._seq.duplicates - before
        r = self._recovery
        if ready and r is not None:
            r.since = self._clock()  # the replay is coming: give it time
        if r is not None and seq > top + 1 and seq - 1 > r.to_seq:
            # A new hole beyond what was asked for (not merely one more held event).
            low = max(top + 1, r.to_seq + 1)
            r.to_seq = seq - 1
            r.requests += 1
            self._send_soon({"type": "replay_request", "from_seq": low, "to_seq": seq - 1})
        self._ask_replay_if_needed()

    def _apply(self, ready: list[FeedEvent | None]) -> None:
        if not ready:
            return
        now = self._clock()
        for item in ready:
            if item is not None:
                self._pending.events.append(item)
                self.counters.events += 1
        self.counters.last_event_at = now
        self._set_cursor()

    def _set_cursor(self) -> None:
        """The pending batch moves the resume point (its value is taken at flush time)."""
        self._cursor_moved = True

    # ------------------------------------------------------------------- gaps

    def _ask_replay_if_needed(self, upto: int | None = None) -> None:
        """Ask for what is missing: the holes below held events, or what a heartbeat claims."""
        r = self._recovery
        span = self._seq.span()
        last = self._seq.last_applied
        if r is not None and span is None and (r.claim is None or last >= r.to_seq):
            self._recovery = r = None  # everything asked for has come
        want = span
        if want is None and upto is not None and upto > last:
            want = (last + 1, upto)
        if want is None:
            return
        if r is None:  # (holes found while one is open are asked for by `_numbered`)
            self._recovery = Recovery(want[0], want[1], self._clock(),
                                      claim=upto if span is None else None)
            self._send_soon({"type": "replay_request", "from_seq": want[0], "to_seq": want[1]})

    def _recovery_timed_out(self, r: Recovery) -> None:
        """The replay (or the snapshot after it) did not come in time: go one stage on."""
        span = self._seq.span()
        if span is None:
            self._recovery = None
            if r.claim is not None:
                self._false_claim(r.claim)
            return
        if r.stage == "replay":
            r.stage = "snapshot"
            r.since = self._clock()
            r.snapshot_upto = span[1]
            self._snapshots_asked += 1
            r.snapshot_ordinal = self._snapshots_asked
            self._send_soon({"type": "snapshot_request"})
            return
        self._recovery = None
        self._record_holes(span[0], r.snapshot_upto,
                           "the gateway neither replayed them nor sent a snapshot covering them")
        self._ask_replay_if_needed()

    def _replay_unavailable(self, msg: m.ErrorMessage) -> None:
        """The gateway says it cannot replay (part of) a range: what is still missing is lost."""
        r = self._recovery
        if msg.from_seq is not None and msg.to_seq is not None:
            low, high = msg.from_seq, msg.to_seq
        elif r is not None and r.requests == 1:
            low, high = r.from_seq, r.to_seq
        else:
            return  # which request it answers is unknown: the timeout will settle it
        if self._record_holes(low, high, "the gateway no longer holds them"):
            self._snapshots_asked += 1
            self._send_soon({"type": "snapshot_request"})  # the state around the loss
        self._ask_replay_if_needed()

    def _replay_refused(self, msg: m.ErrorMessage) -> None:
        """A `bad_request` while a claimed range is asked for: nothing beyond exists."""
        r = self._recovery
        if r is not None and r.claim is not None and self._seq.span() is None:
            self._recovery = None
            self._false_claim(r.claim)
        else:
            log.warning("feed %s: gateway error %s: %s", self.key, msg.code, msg.message)

    def _record_holes(self, low: int, high: int, why: str) -> bool:
        """Record as permanent gaps the missing numbers from the first hole, if it lies in
        [low, high], up to `high`; release what they held back.  Whether any was recorded."""
        lost: list[tuple[int, int]] = []
        while (gap := self._seq.missing()) is not None and low <= gap[0] <= high:
            top = min(gap[1], high)
            lost.append((gap[0], top))
            self._pending.gaps.append(
                PermanentGap(self.key, self._epoch, gap[0], top, now_rfc3339()))
            self.counters.gaps += 1
            self._apply(self._seq.give_up() if top == gap[1] else self._seq.skip_to(top))
            self._set_cursor()
        if lost:
            single = len(lost) == 1 and lost[0][0] == lost[0][1]
            which = f"event {lost[0][0]} is" if single else f"events {ranges_text(lost)} are"
            self._status("gap", f"{which} missing for good ({why})")
        return bool(lost)

    def _false_claim(self, claimed: int) -> None:
        self.counters.false_claims += 1
        n = self.counters.false_claims
        self._status(
            self.state,
            f"{CLAIM_WORDS}: it announced event {claimed}, but sent nothing after event "
            f"{self._seq.last_applied} when asked ({n} time{'s' if n > 1 else ''} so far); "
            "the console keeps its place and stores every event that does come",
            extra={"false_claims": n, "claimed_seq": claimed},
        )

    def _heartbeat(self, hb: m.Heartbeat) -> None:
        if hb.time is not None:
            self.sink.heartbeat(self.key, hb.time)
        if not self._opening and hb.last_seq is not None:
            self._ask_replay_if_needed(upto=hb.last_seq)

    def _snapshot_part(self, part: m.SnapshotPart, raw: str | bytes) -> None:
        if self._snapshot is None:
            if self.welcome is None:
                return
            self._snapshot = SnapshotAssembly(self.key, self._epoch)  # asked for mid-session
        done = self._snapshot.add(part)
        for code, reason, entry in self._snapshot.take_rejected():
            self._quarantine(dumps(entry), code, reason, None)
        if done is None:
            return
        self._snapshot = None
        self._apply_snapshot(done)

    def _apply_snapshot(self, snap: Snapshot) -> None:
        self._snapshots_seen += 1
        if self._opening:
            self._seq = Sequencer(snap.seq)
        else:
            self._supersede(snap.seq)
        self._flush()
        batch = WriteBatch.empty()
        batch.snapshots.append((self.key, snap))
        batch.cursors.append(self._cursor())
        self.sink.submit(self.key, batch)
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
        self._status(
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
        r = self._recovery
        if r is None or r.stage != "snapshot" or self._snapshots_seen < r.snapshot_ordinal:
            return
        span = self._seq.span()
        if span is not None:
            self._record_holes(span[0], min(seq, r.snapshot_upto),
                               "the gateway did not replay them; its snapshot supersedes them")
        span = self._seq.span()
        if span is not None and span[0] <= r.snapshot_upto:
            return  # an older snapshot than the holes: the stage's timeout gives them up
        self._recovery = None
        self._ask_replay_if_needed()

    # --------------------------------------------------------------- plumbing

    def _cursor(self) -> FeedCursor:
        """The resume point to commit, with the role the welcome announced (stored with it)."""
        role = self.welcome.role if self.welcome is not None else None
        return FeedCursor(self.key, self._epoch, self._seq.last_applied, role)

    def _flush(self) -> None:
        self._flush_scheduled = False
        if self._cursor_moved:
            self._cursor_moved = False
            self._pending.cursors = [self._cursor()]
        if not self._pending:
            return
        batch, self._pending = self._pending, WriteBatch.empty()
        batch.received_at = now_rfc3339()
        self.sink.submit(self.key, batch)

    def _quarantine(self, raw: str | bytes, code: str, reason: str, seq: int | None) -> None:
        data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
        self._pending.quarantine.append(
            QuarantineEntry(
                feed=self.key,
                received_at=now_rfc3339(),
                code=code,
                reason=reason,
                raw=data[: MAX_MESSAGE_BYTES + 1],
                seq=seq,
                epoch=self._epoch or None,
            )
        )
        self.counters.quarantined += 1
        log.info("feed %s: rejected a message (%s): %s", self.key, code, reason)

    def _send_soon(self, message: dict[str, Any]) -> None:
        ws = self._ws
        if ws is None:
            return
        task = asyncio.get_running_loop().create_task(self._send_quietly(ws, message))
        _BACKGROUND.add(task)
        task.add_done_callback(_BACKGROUND.discard)

    async def _send_quietly(self, ws: FeedConnection, message: dict[str, Any]) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(dumps(message).decode("utf-8"))

    def _status(self, state: str, detail: str | None,
                extra: dict[str, Any] | None = None) -> None:
        self.state = state
        w = self.welcome
        self.sink.feed_status(
            FeedStatus(
                feed=self.key,
                state=state,
                url=self.config.url,
                detail=detail,
                role=w.role if w else None,
                name=w.feed if w else None,
                epoch=self._epoch or None,
                last_seq=self._seq.last_applied if self._epoch else None,
                at=now_rfc3339(),
                extra=extra or {},
            )
        )


_BACKGROUND: set[asyncio.Task[None]] = set()
