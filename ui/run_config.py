"""What `yard-console run` connects to: the workstation configuration, plus `--feed` URLs.

The configuration is the project's one TOML file (`yard-console config init`
writes it; `console.config.loader.load_config` reads and checks it, with line
numbers for every problem).  `--config FILE` names it; without it the usual
places are searched (`$YARD_CONSOLE_CONFIG`, the user's, the site's).
Command-line `--feed` addresses are added to the file's feeds; `--db` wins
over the file's data folder.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.config.loader import ConfigError, load_config
from console.feed.config import FeedConfig
from console.feed.options import feed_configs


@dataclass(slots=True)
class RunPlan:
    feeds: list[FeedConfig]
    db: Path
    roles: dict[str, str] = field(default_factory=dict)  # feed key → configured role
    language: str | None = None
    rules: Any = None
    config: Any = None


def plan_from_args(args: argparse.Namespace) -> RunPlan:
    """Read the configuration and the command line; exits with the problems when unusable."""
    try:
        config = load_config(getattr(args, "config", None))
    except ConfigError as exc:
        print(f"yard-console run: the configuration cannot be used:\n{exc}", file=sys.stderr)
        raise SystemExit(2) from exc
    feeds = config.feed_configs()
    roles = {fc.key: fs.role for fc, fs in zip(feeds, config.feeds, strict=True)}
    if getattr(args, "feed", None):
        try:
            feeds += feed_configs(args)
        except ValueError as exc:
            print(f"yard-console run: {exc}", file=sys.stderr)
            raise SystemExit(2) from exc
    if not feeds:
        print("yard-console run: no feeds; give --feed URL or a configuration with [[feed]] "
              "tables (yard-console config init)", file=sys.stderr)
        raise SystemExit(2)
    db = Path(args.db) if getattr(args, "db", None) else config.db_path
    return RunPlan(feeds, db, roles, config.language, config.rules, config)
