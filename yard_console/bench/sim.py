"""`yard-console bench sim`: what the simulator sustains, beside what the transport allows.

Three numbers, each with its baseline measured in the same run:

- messages per second from the model, through the gateway, to clients in
  other processes on loopback (as the console would be: one on each feed),
  with vehicles idle (no position traffic) and cameras idle, counted over
  both feeds and for the terminal feed alone; baseline: the same terminal
  events, pre-built, each `orjson.dumps`-ed and sent by a bare websockets
  server to the same client;
- the same with vehicles moving (positions at 1 Hz per vehicle);
- the time from `hello` to the last part of a full-yard snapshot (about 85k
  containers); baseline: `orjson.dumps` of the same snapshot alone.

Targets: at least 5,000 msg/s; a full snapshot in under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import time
from typing import Any

import orjson
from websockets.asyncio.server import ServerConnection, serve

from console.deadline import within
from testbed.sim.runner import Simulator
from yard_console.bench.sim_client import open_synced

TARGET_RATE = 5000.0
TARGET_SNAPSHOT_S = 2.0


async def _client(url: str, n: int) -> asyncio.subprocess.Process:
    """Start the reading client in its own process; return once it holds the snapshot."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "yard_console.bench.sim_client",
        url,
        str(n),
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None
    line = await within(proc.stdout.readline(), 120)
    if line.strip() != b"ready":
        raise RuntimeError(f"bench client did not start: {line!r}")
    return proc


async def _result(proc: asyncio.subprocess.Process) -> tuple[int, float, float]:
    """The client's count of events and the wall-clock times of its first and last."""
    assert proc.stdout is not None
    line = await within(proc.stdout.readline(), 300)
    await proc.wait()
    answer = orjson.loads(line)
    return int(answer["events"]), float(answer["first"]), float(answer["last"])


def _rate(results: list[tuple[int, float, float]]) -> float:
    """Events per second over the window from the first event seen to the last."""
    events = sum(r[0] for r in results)
    window = max(r[2] for r in results) - min(r[1] for r in results if r[0])
    return (events - 1) / window


async def sim_rate(sim: Simulator, n: int, positions: bool) -> tuple[float, float]:
    """Messages per second from the model through the gateway to clients in another process.

    One client reads `n` events of the terminal feed, another reads the clearance
    feed meanwhile; returns (terminal feed alone, both feeds together)."""
    model = sim.model
    model.set_positions(positions)
    feed = sim.feed("/terminal").log
    terminal = await _client(sim.url("/terminal"), n)
    clearance = await _client(sim.url("/clearance"), 0)
    try:
        start_seq = feed.last_seq
        while feed.last_seq - start_seq < n:
            emissions = model.advance(model.now + (1.0 if positions else 60.0))
            budget = n - (feed.last_seq - start_seq)
            sim.publish([e for e in emissions if e.feed != "clearance"][:budget])
            sim.publish([e for e in emissions if e.feed == "clearance"])
            while _backlog(sim) > 4000:
                await asyncio.sleep(0.001)
            await asyncio.sleep(0)
        alone = await _result(terminal)
        both = await _result(clearance)
        return _rate([alone]), _rate([alone, both])
    finally:
        for proc in (terminal, clearance):
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        model.set_positions(True)


def _backlog(sim: Simulator) -> int:
    """Live events waiting in the terminal feed's sessions (bench only: gateway internals)."""
    sessions = sim.gateway._sessions["/terminal"].values()
    return max((len(s._live) for s in sessions), default=0)


async def baseline_rate(events: list[dict[str, Any]]) -> float:
    """The same events, pre-built, each `orjson.dumps`-ed and sent by a bare websockets server."""

    async def handler(ws: ServerConnection) -> None:
        await ws.recv()
        await ws.send(orjson.dumps({"type": "snapshot", "seq": 0}).decode())
        await asyncio.sleep(0.2)
        for e in events:
            await ws.send(orjson.dumps(e))

    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        client = await _client(f"ws://127.0.0.1:{port}/", len(events))
        return _rate([await _result(client)])


async def snapshot_time(sim: Simulator, rounds: int = 3) -> tuple[float, int, float]:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        ws = await open_synced(sim.url("/terminal"))
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
        idle_terminal, idle_both = await sim_rate(sim, n, positions=False)
        log = sim.feed("/terminal").log
        sample = log.events_between(max(1, log.last_seq - n + 1), log.last_seq)[0]
        moving_terminal, moving_both = await sim_rate(sim, n, positions=True)
    finally:
        await sim.stop()
    base = await baseline_rate(sample)
    return {
        "idle_both": idle_both,
        "idle_terminal": idle_terminal,
        "moving_both": moving_both,
        "moving_terminal": moving_terminal,
        "baseline_rate": base,
        "snapshot_s": snap_s,
        "containers": containers,
        "dump_s": dump_s,
    }


def run(args: argparse.Namespace) -> int:
    r = asyncio.run(measure(int(args.messages), int(args.seed)))
    print("simulator → gateway → client processes (msg/s)   both feeds   terminal feed alone")
    print(
        f"  vehicles and cameras idle                        {r['idle_both']:9.0f}"
        f"   {r['idle_terminal']:9.0f}   (target ≥ {TARGET_RATE:.0f}, both feeds)"
    )
    print(
        f"  vehicles moving (1 Hz positions)                 {r['moving_both']:9.0f}"
        f"   {r['moving_terminal']:9.0f}"
    )
    print(
        f"baseline: pre-built events, orjson.dumps + bare websocket send "
        f"{r['baseline_rate']:9.0f} msg/s"
    )
    print(
        f"full snapshot, hello → last part ({r['containers']:.0f} containers) "
        f"{r['snapshot_s']:.3f} s   (target < {TARGET_SNAPSHOT_S:.0f} s)"
    )
    print(f"baseline: orjson.dumps of that snapshot alone  {r['dump_s']:.3f} s")
    ok = r["idle_both"] >= TARGET_RATE and r["snapshot_s"] < TARGET_SNAPSHOT_S
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1
