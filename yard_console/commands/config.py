"""`yard-console config init|check|show`: write, check and print the configuration file.

`check` prints every problem as `FILE:LINE: setting: what is wrong` and exits
1 when any is an error (0 with warnings only), including a workstation that
is not ready (`console.config.readiness`: a missing clearance or terminal
feed, a role that contradicts its address); `show` prints the settings the
console will use, defaults filled in and secrets hidden; `init` writes the
commented template with every feed given (`--feed` once per feed) and a
commented placeholder for each feed still missing, refusing to overwrite
without `--force`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from console.audit.key_setup import announce_station_key
from console.config.loader import check_config
from console.config.paths import user_config_file
from console.config.readiness import ROLES, readiness_problems, role_in_url
from console.config.render import InitFeed, render_effective, render_template


def register(sub: Any) -> None:
    config = sub.add_parser(
        "config", help="write, check or show the workstation configuration",
        description="The workstation's configuration file (TOML): feeds, station, data "
        "folder, cameras, rule thresholds, language.")
    csub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    init = csub.add_parser("init", help="write a commented configuration file")
    init.add_argument("--config", type=Path, help=f"file to write (default {user_config_file()})")
    init.add_argument("--feed", metavar="[ROLE=]URL", action="append", default=[],
                      help="a feed's address; give it once for the terminal feed and once "
                      "for the clearance feed (the role is read from the address's last "
                      "part, /terminal or /clearance, or given as clearance=URL)")
    init.add_argument("--token-file", type=Path, action="append", default=[],
                      help="token file of the feed given in the same position")
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
    try:
        feeds = init_feeds(args.feed, args.token_file)
    except ValueError as exc:
        print(f"yard-console config init: {exc}", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_template(feeds, args.station), encoding="utf-8")
    print(f"wrote {path}; edit it, then run: yard-console config check --config {path}")
    print(announce_station_key(path))
    for role in ROLES:
        if not any(f.role == role for f in feeds):
            print(f"  still to fill in: the {role} feed (a commented placeholder in the file)")
    return 0


def init_feeds(given: list[str], token_files: list[Path]) -> list[InitFeed]:
    """The feeds of `config init --feed … --token-file …`, each with its role; raises
    `ValueError` in plain words for a role that cannot be told or is given twice."""
    if len(token_files) > len(given):
        raise ValueError(f"{len(token_files)} --token-file for {len(given)} --feed: give each "
                         "token file after the --feed it belongs to")
    feeds: list[InitFeed] = []
    for i, text in enumerate(given):
        role, sep, url = text.partition("=")
        if not sep or "://" in role:
            role, url = "", text
        named = role_in_url(url)
        role = role.strip().lower() or (named or "")
        if role not in ROLES:
            raise ValueError(f"cannot tell whether {url} is the terminal or the clearance feed; "
                             f"write terminal={url} or clearance={url}")
        if named is not None and named != role:
            raise ValueError(f"{url} ends in /{named} but was given as the {role} feed")
        first = next((f for f in feeds if f.role == role), None)
        if first is not None:
            raise ValueError(f"two {role} feeds given ({first.url} and {url}); give one "
                             "terminal and one clearance feed")
        token = token_files[i].resolve() if i < len(token_files) else None
        feeds.append(InitFeed(url.strip(), role, token))
    return feeds


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
    not_ready = readiness_problems(c)
    for problem in not_ready:
        print(problem.describe(checked.source), file=sys.stderr)
    errors = sum(p.severity == "error" for p in not_ready)
    if errors:
        print(f"{checked.source}: {errors} error(s); the workstation is not ready",
              file=sys.stderr)
        return 1
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
