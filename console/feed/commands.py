"""`yard-console headless`: the engine on real feeds, JSON lines on stdout."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from console.feed.config import FeedConfig


def register(sub: Any) -> None:
    p = sub.add_parser(
        "headless",
        help="run the engine without a window, printing JSON lines",
        description="Connect to the feeds, store every event, apply the rules and print one "
        "JSON object per line for every feed state change and alert change.",
    )
    p.add_argument(
        "--feed",
        action="append",
        required=True,
        metavar="URL",
        help="gateway feed address (ws:// or wss://); repeat for several feeds",
    )
    p.add_argument(
        "--db", required=True, type=Path, help="SQLite database file (created if absent)"
    )
    add_connection_options(p)
    p.add_argument(
        "--operator-commands",
        metavar="FILE",
        help="read officers' operations as JSON lines from FILE ('-': standard input)",
    )
    p.add_argument("--log-level", default="WARNING", help="log level on stderr (default WARNING)")
    p.set_defaults(func=_headless)


def add_connection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--token", help="bearer token for the gateway")
    p.add_argument("--token-file", type=Path, help="file holding the bearer token")
    p.add_argument("--ca", type=Path, help="CA certificate file for wss://")
    p.add_argument("--cert", type=Path, help="client certificate (PEM) for wss://")
    p.add_argument("--key", type=Path, help="client certificate key (PEM)")
    p.add_argument("--pin", help="SHA-256 fingerprint of the gateway certificate to require")
    p.add_argument("--station", default="WS-01", help="this workstation's station id")


def feed_configs(args: argparse.Namespace) -> list[FeedConfig]:
    token = args.token
    if args.token_file is not None:
        token = args.token_file.read_text(encoding="utf-8").strip()
    return [
        FeedConfig(
            url=url,
            token=token,
            ca_file=args.ca,
            cert_file=args.cert,
            key_file=args.key,
            pin_sha256=args.pin,
            station=args.station,
        )
        for url in args.feed
    ]


def _headless(args: argparse.Namespace) -> int:
    from console.composition import build_console
    from console.headless import JsonLinesObserver, run_headless

    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        feeds = feed_configs(args)
    except (ValueError, OSError) as exc:
        print(f"yard-console headless: {exc}", file=sys.stderr)
        return 2
    from console.store.base import StoreError

    commands = None
    if args.operator_commands == "-":
        commands = sys.stdin
    elif args.operator_commands:
        try:
            commands = open(args.operator_commands, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            print(f"yard-console headless: cannot read operator commands: {exc}", file=sys.stderr)
            return 2
    try:
        return asyncio.run(
            run_headless(
                lambda: build_console(args.db, feeds),
                JsonLinesObserver(),
                operator_commands=commands,
                station=args.station,
            )
        )
    except StoreError as exc:
        print(f"yard-console headless: {exc.message}", file=sys.stderr)
        return 4
    finally:
        if commands is not None and commands is not sys.stdin:
            commands.close()
