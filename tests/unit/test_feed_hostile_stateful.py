"""A stateful hunt for lost events: the real client against a scripted hostile gateway.

Hypothesis drives one run as a sequence of steps against a real `Gateway`
on loopback, the real `Engine` and a real SQLite file: valid events, every
hostile kind numbered (a frame holding a real `seq`, kept and replayed by the
gateway) and unnumbered (sent live only), binary frames, numbers the gateway
lost, forged heartbeats claiming events that do not exist, snapshots nobody
asked for (any seq, whole or a lone part), re-sent old events (replays) and
closes with several codes.  After every run, from the store:

- every valid numbered event is stored exactly once;
- every rejected frame the console received is in the quarantine;
- the permanent gaps are exactly the numbers the gateway could not deliver
  (lost, or only ever sent unreadable), each once; nothing else is missing.

Bounded: a few dozen runs of at most 14 steps, well under a minute here.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from console.deadline import within
from console.engine import Engine
from console.protocol.strictjson import MAX_MESSAGE_BYTES
from console.store.sqlite import SqliteEventStore
from testbed.gateway.server import Gateway
from tests.support.gateway import TestGateway
from tests.support.hostile import (
    BINARY_EVENT,
    CONSUMES_SEQ,
    HOSTILE_FRAMES,
    UNREADABLE,
    numbered_frame,
)
from tests.unit.test_feed_client import TOKEN, feed

NUMBERED_KINDS = UNREADABLE + CONSUMES_SEQ
# broken_body's envelope is readable: sent live with its fixed seq it would be a forged event.
LIVE_KINDS = (*sorted(set(HOSTILE_FRAMES) - {"broken_body"}), "binary")
STEP_TIMEOUT_S = 10.0


def raw_matches(raw: bytes, frame: bytes) -> bool:
    """The quarantine keeps a frame's bytes (the first 1 MiB + 1 of them)."""
    return raw == frame[: MAX_MESSAGE_BYTES + 1]


class HostileGateway(RuleBasedStateMachine):
    """One console, one gateway, one database per run."""

    def __init__(self) -> None:
        super().__init__()
        self.runner = asyncio.Runner()
        self.gw = TestGateway(heartbeat_s=0.5)
        self.server = Gateway({"/terminal": self.gw}, tokens={TOKEN: None})
        self.valid: dict[int, str] = {}  # seq -> id of every valid event
        self.unreadable: set[int] = set()
        self.consumed: set[int] = set()
        self.lost: set[int] = set()
        self.live_sent: list[bytes] = []
        self.engine: Engine | None = None
        self.db: Path | None = None

    # ------------------------------------------------------------ plumbing

    def run(self, coro: Any) -> Any:
        return self.runner.run(within(coro, STEP_TIMEOUT_S))

    async def _until(self, pred: Any, timeout: float = STEP_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while not pred():
            if time.monotonic() > deadline:
                raise AssertionError("the console did not get there in time")
            await asyncio.sleep(0.01)

    def _client(self) -> Any:
        assert self.engine is not None
        return next(iter(self.engine.clients.values()))

    def _connected(self) -> bool:
        client = self._client()
        return self.server.sessions("/terminal") == 1 and client.welcome is not None

    @initialize(tmp=st.just(None))
    def start(self, tmp: None) -> None:
        import tempfile

        self._dir = tempfile.TemporaryDirectory()
        self.db = Path(self._dir.name) / "console.db"

        async def go() -> None:
            await self.server.start()
            config = feed(self.server.url("/terminal"), replay_timeout_s=0.3)
            self.engine = Engine(SqliteEventStore(self.db), [config])
            await self.engine.start()
            await self._until(self._connected)

        self.run(go())

    # ------------------------------------------------------------ steps

    @rule(n=st.integers(1, 6))
    def valid_events(self, n: int) -> None:
        for env in self.gw.emit(n):
            self.valid[env["seq"]] = env["id"]

    @rule(kind=st.sampled_from(NUMBERED_KINDS))
    def numbered_hostile(self, kind: str) -> None:
        env = self.gw.log.append_frame(lambda seq: numbered_frame(kind, seq),
                                       binary=kind == "binary")
        (self.unreadable if kind in UNREADABLE else self.consumed).add(env["seq"])

    @rule(kind=st.sampled_from(LIVE_KINDS))
    def unnumbered_hostile(self, kind: str) -> None:
        async def go() -> None:
            await self._until(self._connected)
            if kind == "binary":
                await self.server.send_raw("/terminal", BINARY_EVENT, binary=True)
                self.live_sent.append(BINARY_EVENT)
            else:
                await self.server.send_raw("/terminal", HOSTILE_FRAMES[kind])
                self.live_sent.append(HOSTILE_FRAMES[kind])

        self.run(go())

    @rule(n=st.integers(1, 3))
    def gateway_loses(self, n: int) -> None:
        first = self.gw.log.last_seq + 1
        self.gw.log.skip(n)
        self.lost.update(range(first, first + n))

    @rule(ahead=st.sampled_from([1, 5, 1_000, 10**12]))
    def lying_heartbeat(self, ahead: int) -> None:
        claim = {"type": "heartbeat", "time": self.gw.now(),
                 "last_seq": self.gw.log.last_seq + ahead}
        self.run(self.server.send_raw("/terminal", orjson.dumps(claim)))

    @rule(ahead=st.sampled_from([-3, 0, 7, 10**9]), parts=st.sampled_from([1, 2]))
    def unasked_snapshot(self, ahead: int, parts: int) -> None:
        """A snapshot nobody asked for, claiming any seq, complete or only its first part."""
        snap = {"type": "snapshot", "seq": max(0, self.gw.log.last_seq + ahead),
                "time": self.gw.now(), "part": 1, "parts": parts, **self.gw.snapshot()}

        async def go() -> None:
            await self._until(self._connected)
            await self.server.send_raw("/terminal", orjson.dumps(snap))

        self.run(go())

    @rule(back=st.integers(1, 5))
    def old_events_again(self, back: int) -> None:
        """A gateway re-sending events already sent (replays after a glitch)."""
        seqs = sorted(self.valid)[-back:]
        frames = [orjson.dumps(e) for s in seqs for e in self.gw.log.events_between(s, s)[0]]

        async def go() -> None:
            for frame in frames:
                await self.server.send_raw("/terminal", frame)

        self.run(go())

    @rule(code=st.sampled_from([1000, 1001, 1011]))
    def close(self, code: int) -> None:
        async def go() -> None:
            await self.server.drop_all(code, "scripted close")
            await asyncio.sleep(0.05)
            await self._until(self._connected)

        self.run(go())

    # ------------------------------------------------------------ the end

    def teardown(self) -> None:
        if self.engine is None:
            self.runner.close()
            return
        try:
            end = self.gw.emit(1)[0]  # a last valid event shows every earlier hole
            self.valid[end["seq"]] = end["id"]
            self.run(self._until(lambda: self._client().counters.last_event_at is not None
                                 and self._committed() >= end["seq"]))
            self._check()
        finally:
            async def stop() -> None:
                assert self.engine is not None
                await self.engine.stop()
                await self.server.stop()

            self.run(stop())
            self.runner.close()
            self._dir.cleanup()

    def _committed(self) -> int:
        assert self.engine is not None
        cursor = self.engine.committed_cursor(self._client().key)
        return cursor.last_seq if cursor is not None else 0

    def _check(self) -> None:
        assert self.engine is not None and self.db is not None
        self.run(self.engine.settle(self._client().key))
        store = SqliteEventStore(self.db, readonly=True)
        try:
            events = list(store.events())
            quarantine = list(store.quarantine())
            gaps = list(store.gaps())
        finally:
            store.close()
        ids = Counter(e.id for e in events)
        assert [i for i, n in ids.items() if n > 1] == [], "an event stored twice"
        assert {e.seq: e.id for e in events} == self.valid, "valid events lost or invented"
        gap_seqs = Counter(s for g in gaps for s in range(g.from_seq, g.to_seq + 1))
        assert [s for s, n in gap_seqs.items() if n > 1] == [], "a gap recorded twice"
        assert set(gap_seqs) == self.lost | self.unreadable, "gaps are not what was lost"
        assert {q.seq for q in quarantine if q.seq is not None} == self.consumed
        raws = [q.raw for q in quarantine]
        for frame in self.live_sent:
            assert any(raw_matches(raw, frame) for raw in raws), f"not quarantined: {frame[:60]!r}"
        for seq in self.unreadable | self.consumed:
            frame = self.gw.log.events_between(seq, seq)[0][0]["frame"]
            assert any(raw_matches(raw, frame) for raw in raws), f"seq {seq} not quarantined"

    @invariant()
    def never_rejected(self) -> None:
        if self.engine is not None:
            assert self._client().state != "rejected"


HostileGateway.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=14,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: bounded time
    suppress_health_check=[HealthCheck.too_slow],
)
test_client_against_a_hostile_gateway = HostileGateway.TestCase
