"""The reading side of `bench sim`, in a process of its own (as the console would be).

    python -m yard_console.bench.sim_client URL N

Connects, says hello, reads the welcome and the whole snapshot, prints
`ready`, then reads N events (N = 0: until no event came for 1.5 s) and
prints one JSON line: the number of events and the wall-clock times of the
first and the last (`time.time()`, comparable between processes).  Measuring
in another process keeps the client's own cost off the simulator's core.
"""

from __future__ import annotations

import asyncio
import sys
import time

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from console.deadline import within
from console.protocol.messages import SUBPROTOCOL, hello


async def open_synced(url: str) -> ClientConnection:
    """Connect, say hello, and read up to the last part of the snapshot."""
    ws = await connect(
        url,
        subprotocols=[Subprotocol(SUBPROTOCOL)],
        compression=None,
        max_size=2**21,
    )
    await ws.send(orjson.dumps(hello("BENCH", None, None)).decode())
    while True:
        msg = orjson.loads(await ws.recv())
        if msg["type"] == "snapshot" and msg.get("part", 1) == msg.get("parts", 1):
            return ws


async def read_events(ws: ClientConnection, n: int) -> tuple[int, float, float]:
    """Read `n` events (0: until 1.5 s without one); the count, the first and last times."""
    got, first, last = 0, 0.0, 0.0
    while n == 0 or got < n:
        try:
            frame = await within(ws.recv(), 1.5 if n == 0 and got else 120)
        except TimeoutError:
            break
        msg = orjson.loads(frame)
        if msg.get("type") == "event":
            last = time.time()
            if got == 0:
                first = last
            got += 1
    return got, first, last


async def main(url: str, n: int) -> None:
    ws = await open_synced(url)
    print("ready", flush=True)
    got, first, last = await read_events(ws, n)
    await ws.close()
    print(orjson.dumps({"events": got, "first": first, "last": last}).decode(), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
