"""`yard-console simulate`: the simulated terminal on loopback (and `bench`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import signal
import sys

from testbed.sim.anomalies import INNOCENT, RULES
from testbed.sim.clock import parse_start
from testbed.sim.dcsa_traffic import SHAPE_CHOICES


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "simulate",
        help="serve a simulated terminal (feeds, cameras, faults) on loopback",
        description="Serve ws://HOST:PORT/terminal and /clearance from a simulated Terminal 7, "
        "camera streams and POST /control/{fault} on the media port.",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="feed port (0: any free port)")
    p.add_argument("--media-port", type=int, default=0, help="cameras and /control (0: any)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--speed", type=float, default=1.0, help="simulated seconds per second")
    p.add_argument(
        "--anomaly-rate",
        type=float,
        default=None,
        help="chance per container move of an anomaly (default 0.02, 0 with --scenario)",
    )
    p.add_argument(
        "--scenario",
        choices=RULES,
        default=None,
        metavar="RULE_ID",
        help="produce this rule's condition 15 s after the feeds open and every 5 simulated "
        f"minutes; one of {', '.join(RULES)}",
    )
    p.add_argument(
        "--innocent",
        action="store_true",
        help="with --scenario, its nearest innocent variant instead (which must raise no "
        f"alert); for {', '.join(sorted(INNOCENT))}",
    )
    p.add_argument("--start", default=None, type=_start,
                   help="simulated start time (RFC 3339 with its offset, or 'now')")
    p.add_argument("--heartbeat", type=float, default=5.0, help="heartbeat period, seconds")
    p.add_argument("--shape", choices=SHAPE_CHOICES, default="mixed",
                   help="DCSA shape of every equipment event (mixed: mostly 2.2, some 3.0)")
    p.add_argument("--dcsa-kinds", action="store_true",
                   help="also send DCSA transport (vessel arrivals, departures), shipment "
                   "(document released, held), IoT (e-seal doors, locations) and reefer events")
    p.add_argument(
        "--token",
        action="append",
        default=[],
        help="accept only this Bearer token (repeatable; default: no check)",
    )
    p.set_defaults(func=run)


def _start(text: str) -> str:
    """`--start` checked when the command line is read (a time needs its offset)."""
    try:
        parse_start(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def run(args: argparse.Namespace) -> int:
    if args.innocent and args.scenario not in INNOCENT:
        print(f"--innocent needs --scenario with one of {', '.join(sorted(INNOCENT))}",
              file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    rate = args.anomaly_rate if args.anomaly_rate is not None else (0.0 if args.scenario else 0.02)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args, rate))
    return 0


async def _serve(args: argparse.Namespace, rate: float) -> None:
    from testbed.sim.runner import Simulator

    tokens: dict[str, set[str] | None] | None = {t: None for t in args.token} or None
    sim = Simulator(
        seed=args.seed,
        speed=args.speed,
        anomaly_rate=rate,
        scenario=args.scenario,
        host=args.host,
        port=args.port,
        media_port=args.media_port,
        start=parse_start(args.start),
        heartbeat_s=args.heartbeat,
        tokens=tokens,
        shape=args.shape,
        dcsa_kinds=args.dcsa_kinds,
        innocent=args.innocent,
    )
    await sim.start()
    gc.freeze()  # this process is the simulator: keep its 85k-box yard out of every collection
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    print(f"terminal feed   {sim.url('/terminal')}", flush=True)
    print(f"clearance feed  {sim.url('/clearance')}", flush=True)
    print(f"cameras/control {sim.media_url}  (GET /control lists the faults)", flush=True)
    print(f"layout          {sim.layout_path}", flush=True)
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await sim.stop()
