"""`yard-console demo` and `yard-console run`: the window, on the simulator or on real feeds."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def _window_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("en", "zh_TW"), help="language (default: the last used)")
    p.add_argument("--settings", type=Path,
                   help="window settings file (default: the user config folder)")
    p.add_argument("--screenshot", type=Path, metavar="FILE",
                   help="save a PNG of the window just before --exit-after quits")
    p.add_argument("--exit-after", type=float, metavar="SECONDS",
                   help="close the window after this many seconds")
    p.add_argument("--state-json", type=Path, metavar="FILE",
                   help="at exit, write what the window shows (alerts, markers, feeds) as JSON")
    p.add_argument("--log-level", default="WARNING", help="log level on stderr (default WARNING)")


def register(sub: Any) -> None:
    from console.feed.options import add_connection_options

    demo = sub.add_parser("demo", help="open the console window on the embedded simulator",
                          description="Start the terminal simulator on loopback and open the "
                          "console window connected to it.")
    demo.add_argument("--seed", type=int, default=7, help="simulation seed (default 7)")
    demo.add_argument("--speed", type=float, default=1.0,
                      help="simulated seconds per real second (default 1)")
    demo.add_argument("--anomaly-rate", type=float, default=0.02,
                      help="chance that a container move brings an anomaly (default 0.02)")
    demo.add_argument("--scenario", metavar="RULE_ID",
                      help="produce this rule's condition 15 s after start and every 5 min")
    demo.add_argument("--db", type=Path, help="database file (default: a temporary file)")
    _window_options(demo)
    demo.set_defaults(func=_run_window)

    run = sub.add_parser("run", help="open the console window on real feeds",
                         description="Open the console window connected to the feeds of the "
                         "workstation configuration and/or --feed URL.")
    run.add_argument("--config", type=Path,
                     help="configuration file (default: $YARD_CONSOLE_CONFIG, then the user's, "
                     "then the site's; see yard-console config init)")
    run.add_argument("--feed", action="append", metavar="URL", help="gateway feed address")
    run.add_argument("--db", type=Path, help="database file (default: the user data folder)")
    add_connection_options(run)
    _window_options(run)
    run.set_defaults(func=_run_window)


def _run_window(args: argparse.Namespace) -> int:
    from ui.app import run_window

    return run_window(args)
