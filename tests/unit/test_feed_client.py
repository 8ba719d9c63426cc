"""The feed client and engine against the real gateway on loopback, into a real SQLite file.

Each test runs the whole spine in one process (gateway, client, writer thread,
store) and checks what an officer or installer would: every valid event stored
exactly once, every rejected message quarantined, and the feed state in words.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from console.deadline import within
from console.engine import Engine
from console.feed.config import FeedConfig
from console.feed.status import FeedStatus
from console.model import FeedEvent, Snapshot
from console.store.base import StoreError
from console.store.sqlite import SqliteEventStore
from tests.support.gateway import TestGateway, running_gateway
from tests.support.hostile import BINARY_EVENT, BROKEN_EVENT_BODY, HOSTILE_FRAMES

TOKEN = "t0ken"


def in_loop(test: Callable[..., Any]) -> Callable[..., None]:
    """Run an async test body in a fresh event loop (with a hard time limit)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(within(test(*args, **kwargs), 60))

    return run


class Recorder:
    """Observer keeping everything the engine reports."""

    def __init__(self) -> None:
        self.statuses: list[FeedStatus] = []
        self.events: list[FeedEvent] = []
        self.snapshots: list[Snapshot] = []
        self.problems: list[StoreError | None] = []

    def on_feed_status(self, status: FeedStatus) -> None:
        self.statuses.append(status)

    def on_store_problem(self, error: StoreError | None) -> None:
        self.problems.append(error)

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        self.events.extend(events)

    def on_snapshot(self, feed: str, snapshot: Snapshot) -> None:
        self.snapshots.append(snapshot)

    def on_layout(self, feed: str, layout: dict[str, Any]) -> None:
        pass

    def on_alerts(self, changes: Sequence[Any]) -> None:
        pass

    def states(self) -> list[str]:
        return [s.state for s in self.statuses]


async def until(pred: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def stored_ids(db: Path) -> list[str]:
    store = SqliteEventStore(db, readonly=True)
    try:
        return [e.id for e in store.events()]
    finally:
        store.close()


def feed(url: str, **kw: Any) -> FeedConfig:
    kw.setdefault("backoff_initial_s", 0.05)
    kw.setdefault("backoff_max_s", 0.2)
    kw.setdefault("replay_timeout_s", 1.0)
    kw.setdefault("duplicate_station_retry_s", 0.3)
    return FeedConfig(url=url, token=TOKEN, **kw)


async def start_engine(db: Path, *feeds: FeedConfig) -> tuple[Engine, Recorder]:
    engine = Engine(SqliteEventStore(db), list(feeds))
    rec = Recorder()
    engine.observers.append(rec)
    await engine.start()
    return engine, rec


@in_loop
async def test_snapshot_then_live_events_are_stored_once(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    before = gw.emit(5)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        after = gw.emit(20)
        await until(lambda: len(rec.events) == 20)
        await engine.stop()
    assert rec.snapshots[0].seq == before[-1]["seq"]
    assert len(rec.snapshots[0].containers) > 0
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in after]
    assert rec.states()[:2] == ["connected", "snapshot"]


@in_loop
async def test_reconnect_resumes_without_duplicates_or_holes(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        sent = gw.emit(30)
        await until(lambda: len(rec.events) == 30)
        await server.drop_all(1001, "restart")
        sent += gw.emit(30)  # while the console is away
        await until(lambda: "resumed" in rec.states())
        sent += gw.emit(10)
        await until(lambda: len(rec.events) == 70)
        await engine.stop()
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in sent]
    resumed = [s for s in rec.statuses if s.state == "resumed"]
    assert resumed[0].detail == "resumed after event 30"
    gone = [s for s in rec.statuses if s.state == "disconnected"]
    assert "restarting" in (gone[0].detail or "")


@in_loop
async def test_a_gap_the_gateway_cannot_replay_is_recorded_and_the_feed_goes_on(
    tmp_path: Path,
) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        first = gw.emit(3)
        gw.log.skip(2)
        rest = gw.emit(4)
        await until(lambda: len(rec.events) == 7)
        await engine.stop()
    store = SqliteEventStore(tmp_path / "c.db", readonly=True)
    gaps = list(store.gaps())
    store.close()
    lost_from = first[-1]["seq"] + 1
    assert [(g.from_seq, g.to_seq) for g in gaps] == [(lost_from, lost_from + 1)]
    gap_status = [s for s in rec.statuses if s.state == "gap"]
    assert f"events {lost_from}–{lost_from + 1} are missing for good" in (
        gap_status[0].detail or ""
    )
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in first + rest]


@in_loop
async def test_duplicates_are_ignored(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        sent = gw.emit(5)
        await until(lambda: len(rec.events) == 5)
        for env in sent[1:4]:
            await server.send_raw("/terminal", _frame(env))
        more = gw.emit(2)
        await until(lambda: len(rec.events) == 7)
        client = engine.clients[next(iter(engine.clients))]
        assert client.counters.duplicates == 3
        await engine.stop()
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in sent + more]


@in_loop
async def test_new_epoch_resyncs_from_a_snapshot(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        old = gw.emit(5)
        await until(lambda: len(rec.events) == 5)
        gw.log.new_epoch()
        await server.drop_all(1001)
        await until(lambda: len(rec.snapshots) == 2)
        new = gw.emit(5)
        await until(lambda: len(rec.events) == 10)
        await engine.stop()
    assert rec.snapshots[1].epoch != rec.snapshots[0].epoch
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in old + new]
    connected = [s for s in rec.statuses if s.state == "connected"]
    assert "new numbering" in (connected[-1].detail or "")


@in_loop
async def test_rejected_token_stops_retrying_with_a_clear_reason(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={"other": None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await within(engine.wait_feeds(), 10)
        await engine.stop()
    assert rec.states() == ["rejected"]
    assert "credentials rejected" in (rec.statuses[0].detail or "")


@in_loop
async def test_hostile_frames_are_quarantined_and_the_feed_goes_on(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        for name, frame in HOSTILE_FRAMES.items():
            # broken_body's fixed seq is meaningless as a raw frame: it goes through the log.
            # invalid UTF-8 goes last: it used to make the connection close (1007).
            if name not in ("broken_body", "invalid_utf8"):
                await server.send_raw("/terminal", frame)
        sent = gw.emit(1)
        broken = gw.add_event("equipment", BROKEN_EVENT_BODY)  # numbered, body rejected
        sent += gw.emit(2)
        await until(lambda: len(rec.events) == 3)
        await server.send_raw("/terminal", HOSTILE_FRAMES["invalid_utf8"])
        await server.send_raw("/terminal", BINARY_EVENT, binary=True)
        sent += gw.emit(2)
        await until(lambda: len(rec.events) == 5)
        await engine.stop()
    store = SqliteEventStore(tmp_path / "c.db", readonly=True)
    quarantined = list(store.quarantine())
    store.close()
    assert len(quarantined) == len(HOSTILE_FRAMES) + 1  # and the binary frame
    by_raw = {q.raw: q for q in quarantined}
    assert by_raw[BINARY_EVENT].code == "binary"
    assert "binary frame" in by_raw[BINARY_EVENT].reason
    assert by_raw[HOSTILE_FRAMES["invalid_utf8"]].code == "bad_encoding"  # its bytes kept
    # Neither closes the connection any more: no reconnect, the session goes on.
    assert "resumed" not in rec.states() and "disconnected" not in rec.states()
    assert all(q.reason for q in quarantined)
    numbered = [q for q in quarantined if q.seq is not None]
    assert [q.seq for q in numbered] == [broken["seq"]]  # it consumed its seq
    assert numbered[0].reason.startswith("equipment event: field ")
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in sent]
    assert "rejected" not in rec.states()


@in_loop
async def test_a_fault_in_the_fast_lane_costs_no_frame(tmp_path: Path) -> None:
    """The lane only saves time: if it raises, the careful path reads the frame, no reconnect."""
    import console.feed.client as client_module

    def broken_lane(raw: str | bytes, feed: str, epoch: str) -> None:
        raise RuntimeError("a bug in the fast lane")

    real = client_module.read_feed_event
    client_module.read_feed_event = broken_lane  # type: ignore[assignment]
    try:
        gw = TestGateway(heartbeat_s=1.0)
        async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
            engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
            await until(lambda: rec.snapshots != [])
            sent = gw.emit(5)
            await until(lambda: len(rec.events) == 5)
            await engine.stop()
    finally:
        client_module.read_feed_event = real
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in sent]
    assert "disconnected" not in rec.states()


@in_loop
async def test_a_silent_gateway_is_declared_stale_and_the_feed_reconnects(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=0.2)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        server.go_silent(1.5)
        await until(lambda: "stale" in rec.states(), timeout=5)
        # The gateway may still hold the dead session: 4409, retried slowly, then resumed.
        await until(lambda: "resumed" in rec.states(), timeout=10)
        sent = gw.emit(2)
        await until(lambda: len(rec.events) == 2)
        await engine.stop()
    stale = next(s for s in rec.statuses if s.state == "stale")
    assert "connection treated as dead" in (stale.detail or "")
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in sent]


@in_loop
async def test_two_feeds_at_once(tmp_path: Path) -> None:
    term, clear = TestGateway(heartbeat_s=1.0), TestGateway("KHH-CUS", "clearance", heartbeat_s=1.0)
    async with running_gateway(
        {"/terminal": term, "/clearance": clear}, tokens={TOKEN: None}
    ) as server:
        engine, rec = await start_engine(
            tmp_path / "c.db", feed(server.url("/terminal")), feed(server.url("/clearance"))
        )
        await until(lambda: len(rec.snapshots) == 2)
        sent = term.emit(4) + clear.emit(4)
        await until(lambda: len(rec.events) == 8)
        await engine.stop()
    assert sorted(stored_ids(tmp_path / "c.db")) == sorted(e["id"] for e in sent)
    roles = {s.role for s in rec.statuses if s.state == "snapshot"}
    assert roles == {"terminal", "clearance"}


def _frame(envelope: dict[str, Any]) -> bytes:
    import orjson

    return orjson.dumps(envelope)


@in_loop
async def test_an_unreadable_numbered_event_is_one_gap_asked_for_once(tmp_path: Path) -> None:
    """A numbered frame that cannot be read, amid a stream: asked for once (not once per
    later event), superseded by the snapshot asked after the replay, recorded as exactly
    its own number; every later event stored."""
    from console.protocol.messages import ReplayRequest
    from tests.support.hostile import numbered_frame

    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        handler = server._requests["/terminal"]
        answer = handler.answer
        asked: list[tuple[int, int]] = []

        def counting(message: Any) -> Any:  # the real handler answers; we only note the asks
            if isinstance(message, ReplayRequest):
                asked.append((message.from_seq, message.to_seq))
            return answer(message)

        handler.answer = counting  # type: ignore[method-assign]
        engine, rec = await start_engine(
            tmp_path / "c.db", feed(server.url("/terminal"), replay_timeout_s=0.5))
        await until(lambda: rec.snapshots != [])
        sent = gw.emit(2)
        hole = gw.log.append_frame(lambda seq: numbered_frame("nan", seq))["seq"]
        sent += gw.emit(200)
        await until(lambda: len(rec.events) == 202)
        await engine.stop()
    assert asked == [(hole, hole)]
    store = SqliteEventStore(tmp_path / "c.db", readonly=True)
    gaps = [(g.from_seq, g.to_seq) for g in store.gaps()]
    store.close()
    assert gaps == [(hole, hole)]
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in sent]
    gap = next(s for s in rec.statuses if s.state == "gap")
    assert gap.detail == (f"event {hole} is missing for good "
                          "(the gateway did not replay them; its snapshot supersedes them)")
