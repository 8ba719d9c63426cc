"""The test gateway as a separate process, for end-to-end tests of the real console.

    python -m tests.support.gateway_process --state-dir DIR --port-file FILE
        [--port P] [--heartbeat S] [--token T[=ADDR,ADDR]]... [--containers N]
        [--retain N] [--new-epoch] [--session-queue N] [--part-bytes N] [--script F]

Serves `/terminal` (feed KHH-T7) and `/clearance` (feed KHH-CUS) on loopback.
Each feed's log is journalled in DIR, so a restarted process keeps its epoch
and retained events (clients resume across the restart) unless started with
`--new-epoch`.  When both servers listen it writes FILE atomically:
``{"port": P, "control_port": C, "pid": PID}``.

The control channel is a second loopback websocket: send one JSON command,
receive one JSON answer (``{"ok": true, ...}`` or ``{"ok": false, "error": ...}``).
Commands (`feed` is "terminal" or "clearance", default "terminal"):

    emit {feed, n, pad_bytes?, interval_s?}   n valid events (spread over time if interval_s)
    event {feed, kind, body, source?, time?, id?}
    skip {feed, n}            new_epoch {feed}
    drop {code?, reason?}     silent {seconds}      reject_tokens {on?}
    hostile {feed, name, numbered?}   (name from HOSTILE_FRAMES, or "binary"; numbered:
                              the fault in a frame that holds the next seq of the log)
    raw {feed, text, binary?}
    corrections {feed, mode: "accept"|"reject", reason?}
    restart {down_s?, new_epoch?}   (in-process: sessions closed 1001, same port)
    state {}                  stop {}

    sleep {seconds}           (useful in scripts)

`--script F` plays a JSON-lines file of such commands, one after the other,
once the port file is written: a timeline of faults for a rehearsal.

SIGTERM stops gracefully (sessions closed with 1001); SIGKILL is a crash.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import pathlib
import signal
import sys
from typing import Any

import orjson
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from testbed.gateway.journal import FeedJournal
from testbed.gateway.server import Gateway
from tests.support.gateway import TestGateway, initial_yard
from tests.support.hostile import BINARY_EVENT, BROKEN_EVENT_BODY, HOSTILE_FRAMES, numbered_frame

FEEDS = {"terminal": ("/terminal", "KHH-T7"), "clearance": ("/clearance", "KHH-CUS")}


class ProcessState:
    """The state of the running process: feeds, gateway, control server."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.state_dir = pathlib.Path(args.state_dir)
        self.feeds: dict[str, TestGateway] = {}
        self.journals: list[FeedJournal] = []
        for role, (_path, name) in FEEDS.items():
            journal = FeedJournal(self.state_dir / f"{role}.jsonl")
            yard = initial_yard(role, args.containers)
            log = journal.open_log(name, role, retain=args.retain, on_event=yard.apply)
            if args.new_epoch:
                log.new_epoch()
            self.journals.append(journal)
            self.feeds[role] = TestGateway(
                name, role, heartbeat_s=args.heartbeat, log=log, yard=yard,
            )
        self.gateway = self._make_gateway(args.port)
        self.stopped = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()

    def _make_gateway(self, port: int) -> Gateway:
        tokens: dict[str, set[str] | None] | None = None
        if self.args.token:
            tokens = {}
            for spec in self.args.token:
                token, _, addresses = spec.partition("=")
                tokens[token] = set(addresses.split(",")) if addresses else None
        return Gateway(
            {FEEDS[role][0]: feed for role, feed in self.feeds.items()},
            port=port, tokens=tokens, session_queue=self.args.session_queue,
            snapshot_part_bytes=self.args.part_bytes,
        )

    async def control(self, ws: ServerConnection) -> None:
        async for frame in ws:
            try:
                command = orjson.loads(frame)
                answer = {"ok": True, **(await self.run(command))}
            except Exception as exc:
                answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            with contextlib.suppress(ConnectionClosed):
                await ws.send(orjson.dumps(answer).decode())

    async def run(self, c: dict[str, Any]) -> dict[str, Any]:
        cmd = c["cmd"]
        feed = self.feeds[c.get("feed", "terminal")]
        path = FEEDS[c.get("feed", "terminal")][0]
        if cmd == "emit":
            interval = float(c.get("interval_s", 0))
            if interval:
                task = asyncio.ensure_future(self._trickle(feed, int(c["n"]), interval))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            else:
                feed.emit(int(c["n"]), pad_bytes=int(c.get("pad_bytes", 0)))
        elif cmd == "event":
            envelope = feed.add_event(c["kind"], c["body"], source=c.get("source", "TEST"),
                                      time=c.get("time"), id=c.get("id"))
            return {"seq": envelope["seq"], "id": envelope["id"]}
        elif cmd == "skip":
            feed.log.skip(int(c.get("n", 1)))
        elif cmd == "new_epoch":
            feed.log.new_epoch()
        elif cmd == "drop":
            await self.gateway.drop_all(int(c.get("code", 1001)), c.get("reason", "dropped"))
        elif cmd == "silent":
            self.gateway.go_silent(float(c["seconds"]))
        elif cmd == "reject_tokens":
            self.gateway.reject_tokens(bool(c.get("on", True)))
        elif cmd == "hostile" and c.get("numbered"):
            name = c["name"]
            envelope = feed.log.append_frame(lambda seq: numbered_frame(name, seq),
                                             binary=name == "binary")
            return {"seq": envelope["seq"]}
        elif cmd == "hostile":
            if c["name"] == "binary":
                await self.gateway.send_raw(path, BINARY_EVENT, binary=True)
            elif c["name"] == "broken_body":
                envelope = feed.add_event("equipment", dict(BROKEN_EVENT_BODY), source="HOSTILE")
                return {"seq": envelope["seq"], "id": envelope["id"]}
            else:
                await self.gateway.send_raw(path, HOSTILE_FRAMES[c["name"]])
        elif cmd == "raw":
            await self.gateway.send_raw(path, c["text"], binary=bool(c.get("binary")))
        elif cmd == "corrections":
            feed.corrections = c["mode"]
            feed.reject_reason = c.get("reason", feed.reject_reason)
        elif cmd == "restart":
            port = self.gateway.port
            await self.gateway.stop()
            await asyncio.sleep(float(c.get("down_s", 0)))
            if c.get("new_epoch"):
                for f in self.feeds.values():
                    f.log.new_epoch()
            self.gateway = self._make_gateway(port)
            await self.gateway.start()
        elif cmd == "sleep":
            await asyncio.sleep(float(c["seconds"]))
        elif cmd == "stop":
            self.stopped.set()
        elif cmd != "state":
            raise ValueError(f"unknown command {cmd!r}")
        return self.state()

    async def _trickle(self, feed: TestGateway, n: int, interval: float) -> None:
        for _ in range(n):
            feed.emit(1)
            await asyncio.sleep(interval)

    def state(self) -> dict[str, Any]:
        return {
            "port": self.gateway.port,
            "feeds": {
                role: {
                    "epoch": f.log.epoch, "first_seq": f.log.first_seq,
                    "last_seq": f.log.last_seq, "retained_from_seq": f.log.retained_from_seq,
                    "sessions": self.gateway.sessions(FEEDS[role][0]),
                    "corrections": [c.request_id for c in f.corrections_seen],
                }
                for role, f in self.feeds.items()
            },
        }


async def play(process: ProcessState, script: str) -> None:
    """Run the commands of a JSON-lines script in order; a failing command is logged."""
    for line in pathlib.Path(script).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            await process.run(orjson.loads(line))
        except Exception:
            logging.getLogger("gateway_process").exception("script command failed: %s", line)


async def serve_forever(args: argparse.Namespace) -> None:
    process = ProcessState(args)
    await process.gateway.start()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, process.stopped.set)
    loop.add_signal_handler(signal.SIGINT, process.stopped.set)
    async with serve(process.control, "127.0.0.1", 0, compression=None,
                     max_size=None) as control:
        control_port = next(iter(control.sockets)).getsockname()[1]
        port_file = pathlib.Path(args.port_file)
        partial = port_file.with_suffix(".tmp")
        partial.write_bytes(orjson.dumps(
            {"port": process.gateway.port, "control_port": control_port, "pid": os.getpid()}))
        partial.replace(port_file)
        script = asyncio.ensure_future(play(process, args.script)) if args.script else None
        await process.stopped.wait()
        if script is not None:
            script.cancel()
        await process.gateway.stop()
    for journal in process.journals:
        journal.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.gateway_process")
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--heartbeat", type=float, default=1.0)
    parser.add_argument("--token", action="append", default=[])
    parser.add_argument("--containers", type=int, default=20)
    parser.add_argument("--retain", type=int, default=200_000)
    parser.add_argument("--session-queue", type=int, default=20_000)
    parser.add_argument("--part-bytes", type=int, default=900_000)
    parser.add_argument("--new-epoch", action="store_true")
    parser.add_argument("--script", help="JSON lines of control commands to play after start")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    asyncio.run(serve_forever(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
