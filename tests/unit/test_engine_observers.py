"""One observer interface: whoever follows the engine subscribes, and is told everything
(feed states, committed events, the gateway's answers) until it unsubscribes.

A real gateway on loopback, a real SQLite file; the correction goes over the
real websocket and the gateway's answer comes back through the observer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from console.deadline import within
from console.engine import Engine, QuietObserver
from console.feed.status import FeedStatus
from console.model import FeedEvent
from console.protocol.messages import CorrectionResult
from console.store.sqlite import SqliteEventStore
from tests.support.gateway import TestGateway, running_gateway
from tests.unit.test_feed_client import TOKEN, feed, in_loop, until


class Follower(QuietObserver):
    def __init__(self) -> None:
        self.states: list[str] = []
        self.events: list[FeedEvent] = []
        self.results: list[CorrectionResult] = []

    def on_feed_status(self, status: FeedStatus) -> None:
        self.states.append(status.state)

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        self.events.extend(events)

    def on_correction_result(self, feed: str, result: CorrectionResult) -> None:
        self.results.append(result)


@in_loop
async def test_subscribers_hear_everything_until_they_unsubscribe(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine = Engine(SqliteEventStore(tmp_path / "c.db"), [feed(server.url("/terminal"))])
        stays, leaves = Follower(), Follower()
        engine.subscribe(stays)
        engine.subscribe(leaves)
        engine.subscribe(stays)  # twice: still told once
        await engine.start()
        try:
            await until(lambda: "snapshot" in stays.states)
            first = gw.emit(3)
            await until(lambda: len(stays.events) == 3)
            assert [e.id for e in leaves.events] == [e["id"] for e in first]
            engine.unsubscribe(leaves)
            engine.unsubscribe(leaves)  # not subscribed any more: nothing happens
            gw.emit(2)
            await until(lambda: len(stays.events) == 5)
            client = engine.terminal_client()
            assert client is not None
            await client.send({"type": "correction", "request_id": "r-1",
                               "event_id": first[0]["id"], "changes": {"sealNumbers": ["X1"]}})
            await client.send({"type": "correction", "request_id": "r-2",
                               "event_id": "no-such-event", "changes": {"sealNumbers": ["X"]}})
            await until(lambda: len(stays.results) == 2)
        finally:
            await engine.stop()
    assert stays.states.count("snapshot") == 1  # subscribed twice, told once
    assert len(leaves.events) == 3 and leaves.results == []
    assert [(r.request_id, r.status) for r in stays.results] == [
        ("r-1", "accepted"), ("r-2", "rejected")]
    assert stays.results[0].replacement_id == f"{first[0]['id']}#1"


class Broken(QuietObserver):
    """An observer that fails on events (a window half torn down, a bug in a panel)."""

    def __init__(self) -> None:
        self.calls = 0

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        self.calls += 1
        raise RuntimeError("Internal C++ object (DisplayState) already deleted.")


@in_loop
async def test_an_observer_that_raises_neither_stalls_the_feed_nor_the_stop(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Before, an exception raised while a committed batch was handed on left the feed's
    pipe busy: nothing after it was stored and `stop` waited for ever."""

    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        store = SqliteEventStore(tmp_path / "c.db")
        engine = Engine(store, [feed(server.url("/terminal"))])
        broken, follower = Broken(), Follower()
        engine.subscribe(broken)
        engine.subscribe(follower)
        await engine.start()
        try:
            await until(lambda: "snapshot" in follower.states)
            gw.emit(3)
            await until(lambda: broken.calls >= 1)
            gw.emit(4)
            await until(lambda: broken.calls >= 2)
        finally:
            await within(engine.stop(), 20)
    assert engine.final_event_count == 7  # every event after the failure stored too
    assert "could not be handed on" in caplog.text
