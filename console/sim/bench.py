"""`yard-console bench sim`: what the simulator sustains, beside what the transport allows.

Three numbers, each with its baseline measured in the same run:

- events per second from the model, through the gateway, to a connected
  client on loopback, with vehicles idle (no position traffic) and cameras
  idle; baseline: the same number of pre-built events, each `orjson.dumps`-ed
  and sent over a bare websockets server to the same client;
- the same with vehicles moving (positions at 1 Hz per vehicle);
- the time from `hello` to the last part of a full-yard snapshot (about 85k
  containers); baseline: `orjson.dumps` of the same snapshot alone.

Targets: at least 5,000 msg/s; a full snapshot in under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import time
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import ServerConnection, serve

from console.protocol.messages import SUBPROTOCOL, hello
from console.sim.runner import Simulator

TARGET_RATE = 5000.0
TARGET_SNAPSHOT_S = 2.0


async def _open(url: str) -> tuple[ClientConnection, int]:
    """Connect, say hello, read welcome and the snapshot; return the socket and its seq."""
    ws = await connect(url, subprotocols=[SUBPROTOCOL], compression=None, max_size=2**21)  # type: ignore[list-item]
    await ws.send(orjson.dumps(hello("BENCH", None, None)).decode())
    seq = 0
    while True:
        msg = orjson.loads(await ws.recv())
        if msg["type"] == "snapshot":
            seq = int(msg["seq"])
            if msg.get("part", 1) == msg.get("parts", 1):
                return ws, seq


async def _receive(ws: ClientConnection, n: int) -> float:
    got = 0
    while got < n:
        msg = orjson.loads(await ws.recv())
        if msg.get("type") == "event":
            got += 1
    return time.perf_counter()


async def sim_rate(sim: Simulator, n: int, positions: bool) -> float:
    model = sim.model
    model.set_positions(positions)
    feed = sim.feed("/terminal").log
    ws, _ = await _open(sim.url("/terminal"))
    try:
        start_seq = feed.last_seq
        t0 = time.perf_counter()
        receiving = asyncio.create_task(_receive(ws, n))
        while feed.last_seq - start_seq < n:
            emissions = model.advance(model.now + (1.0 if positions else 60.0))
            budget = n - (feed.last_seq - start_seq)
            sim.publish([e for e in emissions if e.feed != "clearance"][:budget])
            sim.publish([e for e in emissions if e.feed == "clearance"])
            while (
                sim.gateway.sessions()
                and not receiving.done()
                and feed.last_seq - start_seq > 0
                and _backlog(sim) > 4000
            ):
                await asyncio.sleep(0.001)
            await asyncio.sleep(0)
        t1 = await receiving
        return n / (t1 - t0)
    finally:
        await ws.close()
        model.set_positions(True)


def _backlog(sim: Simulator) -> int:
    sessions = sim.gateway._sessions["/terminal"].values()
    return max((len(s._live) for s in sessions), default=0)


async def baseline_rate(events: list[dict[str, Any]]) -> float:
    async def handler(ws: ServerConnection) -> None:
        await ws.recv()
        await ws.send(orjson.dumps({"type": "snapshot", "seq": 0}).decode())
        for e in events:
            await ws.send(orjson.dumps(e))

    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        t0 = time.perf_counter()
        ws, _ = await _open(f"ws://127.0.0.1:{port}/")
        t1 = await _receive(ws, len(events))
        await ws.close()
    return len(events) / (t1 - t0)


async def snapshot_time(sim: Simulator, rounds: int = 3) -> tuple[float, int, float]:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        ws, _ = await _open(sim.url("/terminal"))
        best = min(best, time.perf_counter() - t0)
        await ws.close()
    snap = sim.feed("/terminal").snapshot()
    t0 = time.perf_counter()
    orjson.dumps(snap)
    return best, len(snap["containers"]), time.perf_counter() - t0


async def measure(n: int, seed: int) -> dict[str, float]:
    sim = Simulator(seed=seed, free_run=False, retain=max(200_000, 2 * n))
    await sim.start()
    gc.freeze()  # as `yard-console simulate` does once its yard is built
    try:
        snap_s, containers, dump_s = await snapshot_time(sim)
        events_rate = await sim_rate(sim, n, positions=False)
        log = sim.feed("/terminal").log
        sample = log.events_between(max(1, log.last_seq - n + 1), log.last_seq)[0]
        full_rate = await sim_rate(sim, n, positions=True)
    finally:
        await sim.stop()
    base = await baseline_rate(sample)
    return {
        "events_rate": events_rate,
        "full_rate": full_rate,
        "baseline_rate": base,
        "snapshot_s": snap_s,
        "containers": containers,
        "dump_s": dump_s,
    }


def run(args: argparse.Namespace) -> int:
    r = asyncio.run(measure(int(args.messages), int(args.seed)))
    print(
        f"simulator → gateway → client, vehicles idle   {r['events_rate']:9.0f} msg/s"
        f"   (target ≥ {TARGET_RATE:.0f})"
    )
    print(f"simulator → gateway → client, vehicles moving {r['full_rate']:9.0f} msg/s")
    print(f"baseline: orjson.dumps + bare websocket send  {r['baseline_rate']:9.0f} msg/s")
    print(
        f"full snapshot, hello → last part ({r['containers']:.0f} containers) "
        f"{r['snapshot_s']:.3f} s   (target < {TARGET_SNAPSHOT_S:.0f} s)"
    )
    print(f"baseline: orjson.dumps of that snapshot alone  {r['dump_s']:.3f} s")
    ok = r["events_rate"] >= TARGET_RATE and r["snapshot_s"] < TARGET_SNAPSHOT_S
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1
