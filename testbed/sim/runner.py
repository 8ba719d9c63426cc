"""`Simulator`: the simulated terminal behind a real gateway, inside an existing asyncio loop.

    sim = Simulator(seed=7, speed=10, anomaly_rate=0.02, port=0)
    await sim.start()
    sim.url("/terminal"), sim.url("/clearance"), sim.media_url
    sim.layout          # the layout as served (camera URLs point at sim.media_url)
    sim.layout_path     # the same, written to a temporary file for as long as it runs
    sim.faults          # FaultPanel: drop, skip, new_epoch, silence, hostile, ...
    ...
    await sim.stop()

Free-running (the default), a ticker maps wall time onto simulated time at
`speed` and appends whatever the model emitted to the feeds' logs.  With
`free_run=False` nothing happens until `produce` or `advance` is called: the
conformance suite needs a quiescent gateway.  Building the starting yard
(about 85k boxes) and a warm-up of `warmup_s` simulated seconds (so that the
feeds open on a working quay, not a standing one; feed time `start` is the
end of the warm-up) take a few seconds and run in a worker thread so the
loop stays responsive.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pathlib
import tempfile
from datetime import datetime
from typing import Any

import orjson

from testbed.gateway.feedlog import FeedLog
from testbed.gateway.server import Gateway
from testbed.sim.clock import DEFAULT_START
from testbed.sim.emission import Emission
from testbed.sim.endpoints import SimFeed
from testbed.sim.faults import FaultPanel
from testbed.sim.layout import LAYOUT_VERSION, RESOURCE_PATH, load_layout, with_media_base
from testbed.sim.media import MediaServer
from testbed.sim.traffic import CLEARANCE_FEED, TERMINAL_FEED, TrafficModel

log = logging.getLogger("testbed.sim")

TERMINAL_PATH = "/terminal"
CLEARANCE_PATH = "/clearance"


class Simulator:
    """A running simulated terminal: feeds, cameras and faults (see the module docstring)."""

    def __init__(
        self,
        *,
        seed: int = 7,
        speed: float = 1.0,
        anomaly_rate: float = 0.0,
        scenario: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        media_port: int = 0,
        start: datetime = DEFAULT_START,
        heartbeat_s: float = 5.0,
        retain: int = 200_000,
        tokens: dict[str, set[str] | None] | None = None,
        free_run: bool = True,
        fill_share: float = 0.65,
        snapshot_part_bytes: int = 900_000,
        session_queue: int = 20_000,
        tick_s: float = 0.05,
        warmup_s: float = 900.0,
        shape: str = "mixed",
        dcsa_kinds: bool = False,
        showcase: bool = False,
        innocent: bool = False,
    ) -> None:
        self.seed = seed
        self.speed = speed
        self.anomaly_rate = anomaly_rate
        self.scenario = scenario
        self.host, self.port, self.media_port = host, port, media_port
        self.start_time = start
        self.heartbeat_s = heartbeat_s
        self.retain = retain
        self.tokens = tokens
        self.free_run = free_run
        self.fill_share = fill_share
        self.warmup_s = warmup_s
        self.shape, self.dcsa_kinds = shape, dcsa_kinds
        self.showcase = showcase  # the demo's opening cases (see anomalies.SHOWCASE)
        self.innocent = innocent  # the scenario's innocent variant (see anomalies.INNOCENT)
        self.tick_s = tick_s
        self.snapshot_part_bytes, self.session_queue = snapshot_part_bytes, session_queue
        self.layout_path: pathlib.Path = RESOURCE_PATH  # the served layout, once started
        self._layout_dir: tempfile.TemporaryDirectory[str] | None = None
        self.layout: dict[str, Any] = {}
        self.paths = (TERMINAL_PATH, CLEARANCE_PATH)
        self.faults = FaultPanel(self)
        self._feeds: dict[str, SimFeed] = {}
        self._task: asyncio.Task[None] | None = None
        self._model: TrafficModel | None = None
        self._gateway: Gateway | None = None
        self._media: MediaServer | None = None

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        self._media = MediaServer(self, self.host, self.media_port)
        await self._media.start()
        self.media_port = self._media.port
        self.layout = with_media_base(load_layout(RESOURCE_PATH), self.media_url)
        self._layout_dir = tempfile.TemporaryDirectory(prefix="yard-sim-")
        self.layout_path = pathlib.Path(self._layout_dir.name) / "layout.json"
        self.layout_path.write_bytes(orjson.dumps(self.layout, option=orjson.OPT_INDENT_2))
        self._model = await asyncio.to_thread(
            TrafficModel,
            self.layout,
            seed=self.seed,
            anomaly_rate=self.anomaly_rate,
            scenario=self.scenario,
            start=self.start_time,
            fill_share=self.fill_share,
            warmup_s=self.warmup_s,
            shape=self.shape,
            dcsa_kinds=self.dcsa_kinds,
            showcase=self.showcase,
            innocent=self.innocent,
        )
        self.model.clock.speed = self.speed
        self.model.clock.seek(self.model.now)
        for path, name, role in (
            (TERMINAL_PATH, TERMINAL_FEED, "terminal"),
            (CLEARANCE_PATH, CLEARANCE_FEED, "clearance"),
        ):
            feed_log = FeedLog(name, role, retain=self.retain)
            self._feeds[path] = SimFeed(
                self.model,
                feed_log,
                heartbeat_s=self.heartbeat_s,
                layout=self.layout if role == "terminal" else None,
                layout_version=LAYOUT_VERSION if role == "terminal" else None,
            )
        self._gateway = Gateway(
            dict(self._feeds),
            host=self.host,
            port=self.port,
            tokens=self.tokens,
            snapshot_part_bytes=self.snapshot_part_bytes,
            session_queue=self.session_queue,
        )
        await self._gateway.start()
        self.port = self._gateway.port
        if self.free_run:
            self.model.clock.run()
            self._task = asyncio.get_running_loop().create_task(self._run(), name="simulator")
        log.info(
            "simulator on %s (cameras and control on %s)", self.url(TERMINAL_PATH), self.media_url
        )

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._gateway is not None:
            await self._gateway.stop()
        if self._media is not None:
            await self._media.stop()
        if self._layout_dir is not None:
            self._layout_dir.cleanup()
            self._layout_dir = None

    async def _run(self) -> None:
        """The ticker.  A failing step is logged and skipped (its action is already off the
        schedule), so that one bug never leaves a feed that heartbeats but says nothing."""
        model = self.model
        while True:
            try:
                self.publish(model.advance(model.clock.seconds()))
            except Exception:
                log.exception("simulation step failed at %.1f s; going on", model.now)
            await asyncio.sleep(self.tick_s)

    @staticmethod
    def default_layout() -> dict[str, Any]:
        """The generated layout the simulator serves (camera URLs not yet pointed at it)."""
        return load_layout(RESOURCE_PATH)

    # ------------------------------------------------------------ feeds

    def publish(self, emissions: list[Emission]) -> None:
        """Number the emissions on their feeds (and obey control directives)."""
        terminal = self._feeds[TERMINAL_PATH].log
        clearance = self._feeds[CLEARANCE_PATH].log
        for e in emissions:
            if e.feed == "terminal":
                terminal.append(e.kind, e.body, time=e.stamp, source=e.source, id=e.id)
            elif e.feed == "clearance":
                clearance.append(e.kind, e.body, time=e.stamp, source=e.source, id=e.id)
            elif e.kind == "silence" and self._gateway is not None and self.free_run:
                self._gateway.go_silent(float(e.body["heartbeats"]) * self.heartbeat_s)

    async def produce(self, path: str, n: int) -> None:
        """Step simulated time until `path` has `n` more events (quiescent mode).

        The terminal feed is stepped a second at a time; the clearance feed,
        whose decisions are minutes apart, with vehicles idle and in larger steps."""
        feed = self.feed(path).log
        target = feed.last_seq + n
        model = self.model
        clearance = feed.role == "clearance"
        model.set_positions(not clearance)
        try:
            while feed.last_seq < target:
                emissions = model.advance(model.now + (30.0 if clearance else 1.0))
                for i, e in enumerate(emissions):
                    if feed.last_seq >= target:
                        model.requeue(emissions[i:])
                        break
                    self.publish([e])
                await asyncio.sleep(0)
        finally:
            model.set_positions(True)

    async def advance(self, seconds: float) -> None:
        """Step simulated time by `seconds` (quiescent mode)."""
        self.publish(self.model.advance(self.model.now + seconds))
        await asyncio.sleep(0)

    def feed(self, path_or_name: str) -> SimFeed:
        return self._feeds[self.path_of(path_or_name)]

    @staticmethod
    def path_of(path_or_name: str) -> str:
        return path_or_name if path_or_name.startswith("/") else f"/{path_or_name}"

    # ------------------------------------------------------------ addresses

    @property
    def model(self) -> TrafficModel:
        if self._model is None:
            raise RuntimeError("the simulator is not started")
        return self._model

    @property
    def gateway(self) -> Gateway:
        if self._gateway is None:
            raise RuntimeError("the simulator is not started")
        return self._gateway

    def url(self, path: str) -> str:
        return self.gateway.url(path)

    @property
    def media_url(self) -> str:
        return f"http://{self.host}:{self.media_port}"
