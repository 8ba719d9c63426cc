"""`yard-console review --db PATH`: the history window on a stored console database.

For a supervisor's workstation without live feeds: the window opens the
database (a copy, or the live one: SQLite's WAL lets it read while the
console writes) and builds the missing replay checkpoints and search terms
in the background.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("review", help="history window: search, replay, KPIs and reports")
    p.add_argument("--db", required=True, type=Path, help="the console database to review")
    p.add_argument("--layout", type=Path, help="terminal layout JSON (default: the built-in one)")
    p.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)
    p.set_defaults(func=_review)


def _review(args: argparse.Namespace) -> int:
    from ui.history.app import run_review

    if not args.db.exists():
        raise SystemExit(f"yard-console review: no database at {args.db}")
    return run_review(args.db, args.layout, screenshot=args.screenshot)
