"""`yard-console config init|check|show`: write, check and print the configuration file.

`check` prints every problem as `FILE:LINE: setting: what is wrong` and exits
1 when any is an error (0 with warnings only); `show` prints the settings
the console will use, defaults filled in and secrets hidden; `init` writes
the commented template (refusing to overwrite without `--force`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from console.audit.key_setup import announce_station_key
from console.config.loader import check_config
from console.config.paths import user_config_file
from console.config.render import render_effective, render_template


def register(sub: Any) -> None:
    config = sub.add_parser(
        "config", help="write, check or show the workstation configuration",
        description="The workstation's configuration file (TOML): feeds, station, data "
        "folder, cameras, rule thresholds, language.")
    csub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    init = csub.add_parser("init", help="write a commented configuration file")
    init.add_argument("--config", type=Path, help=f"file to write (default {user_config_file()})")
    init.add_argument("--feed", metavar="URL", help="the first feed's address")
    init.add_argument("--token-file", type=Path, help="the first feed's token file")
    init.add_argument("--station", help="this workstation's station id")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(func=_init)
    for name, func, text in (("check", _check, "check the file; every problem with its line"),
                             ("show", _show, "print the settings in force (secrets hidden)")):
        p = csub.add_parser(name, help=text)
        p.add_argument("--config", type=Path, help="configuration file (default: "
                       "$YARD_CONSOLE_CONFIG, else the user's, else the machine's)")
        p.set_defaults(func=func)


def _init(args: argparse.Namespace) -> int:
    path: Path = args.config or user_config_file()
    if path.exists() and not args.force:
        print(f"yard-console config init: {path} exists; give --force to overwrite",
              file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    token_file = args.token_file.resolve() if args.token_file else None
    path.write_text(render_template(args.feed, token_file, args.station), encoding="utf-8")
    print(f"wrote {path}; edit it, then run: yard-console config check --config {path}")
    print(announce_station_key(path))
    return 0


def _check(args: argparse.Namespace) -> int:
    checked = check_config(args.config)
    if checked.source is None:
        print("no configuration file found (looked for $YARD_CONSOLE_CONFIG, "
              f"{user_config_file()}); write one with: yard-console config init",
              file=sys.stderr)
        return 1
    for problem in checked.problems:
        print(problem.describe(checked.source), file=sys.stderr)
    if checked.config is None:
        errors = sum(p.severity == "error" for p in checked.problems)
        print(f"{checked.source}: {errors} error(s); the console cannot start with this file",
              file=sys.stderr)
        return 1
    if not checked.config.feeds:
        print(f"{checked.source}: no [[feed]] table: the console would connect to nothing",
              file=sys.stderr)
        return 1
    c = checked.config
    print(f"{checked.source}: OK ({len(c.feeds)} feed(s), station {c.station}, "
          f"database {c.db_path})")
    return 0


def _show(args: argparse.Namespace) -> int:
    checked = check_config(args.config)
    if checked.config is None:
        for problem in checked.problems:
            print(problem.describe(checked.source), file=sys.stderr)
        return 1
    sys.stdout.write(render_effective(checked.config))
    return 0
