"""The gateways the conformance suite runs against, and what it needs from each.

A target is made by an async context manager factory taking `TargetOptions`
and yielding a `ConformanceTarget` whose gateway already listens on loopback
in the running event loop.  The target must be quiescent: its feeds produce
events only when `produce` is called (a simulator must be stepped, not free
running), so that the suite can check heartbeats and exact sequences.

To add a gateway (e.g. the simulator), write its factory and add one line to
`TARGETS`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from testbed.gateway.server import Gateway
from tests.support.gateway import TestGateway

TOKEN = "conformance-token"
FOREIGN_TOKEN = "token-of-another-address"  # registered for 10.9.9.9 only


@dataclass(frozen=True)
class TargetOptions:
    heartbeat_s: float = 0.4
    retain: int = 200_000
    session_queue: int = 20_000
    snapshot_part_bytes: int = 900_000
    containers: int = 20


class ConformanceTarget(Protocol):
    """A running gateway under test, with the levers the suite pulls."""

    terminal_path: str  # a feed with role "terminal" (layout, corrections)
    paths: tuple[str, ...]  # every feed path served
    token: str  # valid for 127.0.0.1
    foreign_token: str  # valid only for 10.9.9.9 (so 127.0.0.1 gets 4403)

    def url(self, path: str) -> str: ...

    async def produce(self, path: str, n: int) -> None:
        """Make the feed at `path` append `n` events (valid ones), then return."""
        ...

    async def skip(self, path: str, n: int) -> None:
        """Lose `n` sequence numbers (FeedLog.skip)."""
        ...

    async def new_epoch(self, path: str) -> None: ...

    async def set_corrections(self, path: str, accept: bool) -> None: ...

    def correctable_event_id(self, path: str) -> str:
        """The id of a retained event that a correction may name."""
        ...

    @property
    def gateway(self) -> Gateway: ...


class TestGatewayTarget:
    """The test gateway: a `TestGateway` per feed behind the real `Gateway`."""

    __test__ = False

    def __init__(self, gateway: Gateway, feeds: dict[str, TestGateway]) -> None:
        self._gateway = gateway
        self.feeds = feeds
        self.terminal_path = "/terminal"
        self.paths = tuple(feeds)
        self.token = TOKEN
        self.foreign_token = FOREIGN_TOKEN

    @property
    def gateway(self) -> Gateway:
        return self._gateway

    def url(self, path: str) -> str:
        return self._gateway.url(path)

    async def produce(self, path: str, n: int) -> None:
        for _ in range(n // 100):
            self.feeds[path].emit(100)
            await asyncio.sleep(0.002)
        self.feeds[path].emit(n % 100)
        await asyncio.sleep(0)

    async def skip(self, path: str, n: int) -> None:
        self.feeds[path].log.skip(n)

    async def new_epoch(self, path: str) -> None:
        self.feeds[path].log.new_epoch()

    async def set_corrections(self, path: str, accept: bool) -> None:
        self.feeds[path].corrections = "accept" if accept else "reject"

    def correctable_event_id(self, path: str) -> str:
        feed = self.feeds[path]
        for envelope in reversed(feed.log.events_after(feed.log.retained_from_seq - 1) or []):
            if envelope["kind"] == "equipment":
                return str(envelope["id"])
        while True:
            envelope = feed.emit(1)[0]
            if envelope["kind"] == "equipment":
                return str(envelope["id"])


@contextlib.asynccontextmanager
async def serve_test_gateway(options: TargetOptions) -> AsyncIterator[TestGatewayTarget]:
    feeds = {
        "/terminal": TestGateway("KHH-T7", "terminal", heartbeat_s=options.heartbeat_s,
                                 retain=options.retain, containers=options.containers),
        "/clearance": TestGateway("KHH-CUS", "clearance", heartbeat_s=options.heartbeat_s,
                                  retain=options.retain, containers=options.containers),
    }
    gateway = Gateway(
        dict(feeds), tokens={TOKEN: None, FOREIGN_TOKEN: {"10.9.9.9"}},
        session_queue=options.session_queue, snapshot_part_bytes=options.snapshot_part_bytes,
    )
    await gateway.start()
    try:
        yield TestGatewayTarget(gateway, feeds)
    finally:
        await gateway.stop()


TargetFactory = Callable[[TargetOptions], AbstractAsyncContextManager[ConformanceTarget]]

from tests.conformance.test_sim_conformance import serve_simulator  # noqa: E402  (it imports this module)

TARGETS: dict[str, TargetFactory] = {
    "test-gateway": serve_test_gateway,
    "simulator": serve_simulator,
}
