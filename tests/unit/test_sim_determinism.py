"""Same seed, same stream: the bodies a client receives do not depend on the wall clock."""

from __future__ import annotations

import asyncio
import functools
import random
from typing import Any

import orjson

from testbed.sim.clock import DEFAULT_START, rfc3339
from testbed.sim.layout import load_layout
from testbed.sim.runner import Simulator
from testbed.sim.traffic import TrafficModel
from tests.support.probe import Probe

MINUTES = 10


@functools.cache
def layout() -> dict[str, Any]:
    return load_layout()


def stream(seed: int, steps: list[float]) -> list[tuple[Any, ...]]:
    model = TrafficModel(layout(), seed=seed, anomaly_rate=0.05, fill_share=0.2)
    out: list[tuple[Any, ...]] = []
    t = 0.0
    for step in steps:
        t += step
        out += [(e.feed, e.kind, e.id, e.stamp, e.source, e.body) for e in model.advance(t)]
    return out


def test_same_seed_gives_identical_bodies_whatever_the_steps() -> None:
    total = MINUTES * 60.0
    even = [1.0] * int(total)
    rng = random.Random(0)
    uneven: list[float] = []
    while sum(uneven) < total:
        uneven.append(rng.choice((0.05, 0.3, 2.7, 13.0, 61.0)))
    uneven[-1] -= sum(uneven) - total
    a, b = stream(21, even), stream(21, uneven)
    assert len(a) > 10_000
    assert {kind for _, kind, *_ in a} >= {"equipment", "position", "clearance"}
    assert a == b
    c = stream(22, even)
    assert [x[5] for x in c[:200]] != [x[5] for x in a[:200]]


async def _served(seed: int, sim_seconds: float) -> list[tuple[Any, ...]]:
    """Run a free simulator at high speed; replay its feeds from seq 1 over websockets."""
    sim = Simulator(seed=seed, speed=300.0, anomaly_rate=0.05, fill_share=0.05, heartbeat_s=0.25)
    await sim.start()
    try:
        opened = sim.model.now  # the end of the warm-up: feed time `start`
        while sim.model.clock.seconds() < opened + sim_seconds + 30:
            await asyncio.sleep(0.05)
        sim.model.clock.pause()  # production stops; the replay below is the whole story
        await asyncio.sleep(0.2)
        cutoff = rfc3339(sim.model.clock.at(opened + sim_seconds))
        got: list[tuple[Any, ...]] = []
        for path in sim.paths:
            log = sim.feed(path).log
            last = log.last_seq
            probe = await Probe.connect(sim.url(path), resume=(log.epoch, 0))
            welcome, _ = await probe.sync()
            events = [m for m in probe.received if m["type"] == "event"]
            assert welcome["last_seq"] >= last and events[0]["seq"] == 1
            events += await probe.events(max(0, last - len(events)), timeout=20)
            # OCR images link to this run's camera server: its address is the one difference
            media = sim.media_url.encode()
            got += [
                (
                    path,
                    e["kind"],
                    e["id"],
                    e["time"],
                    orjson.loads(orjson.dumps(e["body"]).replace(media, b"MEDIA")),
                )
                for e in events
                if e["time"] <= cutoff
            ]
            await probe.close()
        return got
    finally:
        await Probe.close_all()
        await sim.stop()


def test_same_seed_gives_identical_streams_over_the_wire_at_any_pace() -> None:
    """Two free-running simulators (their ticks fall differently) serve the same events."""

    async def main() -> None:
        a = await _served(31, 240.0)
        b = await _served(31, 240.0)
        assert len(a) > 1000
        assert a == b
        assert all(t[3].endswith("+08:00") for t in a)
        assert a[0][3] >= rfc3339(DEFAULT_START)

    asyncio.run(main())
