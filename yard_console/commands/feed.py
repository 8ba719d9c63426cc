"""`yard-console headless`: the engine on real feeds, JSON lines on stdout."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from console.feed.config import FeedConfig
from console.feed.options import STATION_DEFAULT, add_connection_options, feed_configs


def register(sub: Any) -> None:
    p = sub.add_parser(
        "headless",
        help="run the engine without a window, printing JSON lines",
        description="Connect to the feeds, store every event, apply the rules and print one "
        "JSON object per line for every feed state change and alert change.",
    )
    p.add_argument(
        "--config",
        type=Path,
        help="workstation configuration (TOML, see `config init`); --feed adds feeds to it, "
        "--db and --station override it",
    )
    p.add_argument(
        "--feed",
        action="append",
        metavar="URL",
        help="gateway feed address (ws:// or wss://); repeat for several feeds",
    )
    p.add_argument("--db", type=Path, help="SQLite database file (created if absent)")
    add_connection_options(p)
    p.add_argument(
        "--operator-commands",
        metavar="FILE",
        help="read officers' operations as JSON lines from FILE ('-': standard input)",
    )
    p.add_argument("--log-level", default="WARNING", help="log level on stderr (default WARNING)")
    p.set_defaults(func=_headless)


def _headless(args: argparse.Namespace) -> int:
    from console.composition import build_console
    from console.headless import JsonLinesObserver, run_headless

    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from console.audit.station_key import StationKeyError, station_signer

    try:
        setup = _settings(args)
        signer = station_signer(args.config)
    except (ValueError, OSError) as exc:
        print(f"yard-console headless: {exc}", file=sys.stderr)
        return 2
    except StationKeyError as exc:
        print(f"yard-console headless: {exc.reason}", file=sys.stderr)
        setup.stop()
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
                lambda: build_console(setup.db, setup.feeds, rules=setup.rules, signer=signer),
                JsonLinesObserver(),
                operator_commands=commands,
                station=setup.station,
            )
        )
    except StoreError as exc:
        print(f"yard-console headless: {exc.message}", file=sys.stderr)
        return 4
    finally:
        if commands is not None and commands is not sys.stdin:
            commands.close()
        setup.stop()


@dataclass
class _Settings:
    feeds: list[FeedConfig]
    db: Path
    station: str
    rules: Any = None
    stop: Callable[[], None] = lambda: None


def _settings(args: argparse.Namespace) -> _Settings:
    """Feeds, database and station from --config and the command line (which wins)."""
    if args.config is None:
        if not args.feed or args.db is None:
            raise ValueError("give --feed and --db, or --config FILE")
        return _Settings(feed_configs(args), args.db, args.station)
    from console.config import ConfigError, load_config
    from console.config.runtime import start_runtime

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        raise ValueError(f"the configuration cannot be used:\n{exc}") from None
    station = args.station if args.station != STATION_DEFAULT else config.station
    feeds = [replace(f, station=station) for f in config.feed_configs()] + feed_configs(args)
    if not feeds:
        raise ValueError(f"{args.config} names no feed, and no --feed was given")
    return _Settings(feeds, args.db or config.db_path, station, config.rules, start_runtime(config))
