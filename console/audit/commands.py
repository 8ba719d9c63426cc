"""`history audit`: list the audit trail and verify its chain.

The `history` command group belongs to the history area; it adds this
command with `add_history_audit(history_subparsers)`.

Exit codes: 0 listed, or the chain verified; 1 the chain is broken (the first
broken entry is named on standard output) or the database cannot be read;
2 for usage errors (argparse).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from typing import Any

from console.audit.trail import AuditEntry, AuditTrail, canonical_json
from console.store.base import StoreError

CSV_FIELDS = ("seq", "at", "actor", "station", "action", "target", "details", "prev_hash", "hash")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="PATH", help="the console database")
    parser.add_argument("--verify", action="store_true",
                        help="check the hash chain instead of listing; exit 1 if it is broken")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                        help="listing format (default jsonl)")
    parser.add_argument("--target", help="only entries about this alert, user or request id")
    parser.add_argument("--action", metavar="PREFIX",
                        help="only actions starting with PREFIX (e.g. 'alert.' or 'user.')")
    parser.set_defaults(func=run_audit)


def add_history_audit(history_subparsers: Any) -> argparse.ArgumentParser:
    """Add `audit` to the `history` group's sub-parsers; returns the new parser."""
    parser: argparse.ArgumentParser = history_subparsers.add_parser(
        "audit", help="list the audit trail or verify its hash chain",
        description="List who did what, when and from where; --verify checks that no "
                    "entry was changed, removed or inserted.")
    _configure(parser)
    return parser


def run_audit(args: argparse.Namespace) -> int:
    try:
        trail = AuditTrail.open(args.db, create=False)
    except StoreError as exc:
        print(f"yard-console: {exc.message}", file=sys.stderr)
        return 1
    try:
        if args.verify:
            result = trail.verify()
            if result.ok:
                print(f"audit trail intact: {result.count} entries, last hash {result.head}")
                return 0
            print(f"audit trail BROKEN: {result.problem}")
            print(f"entries 1–{result.count - 1} verify; entry {result.broken_seq} "
                  "and everything after it cannot be trusted", file=sys.stderr)
            return 1
        entries = trail.entries(target=args.target, action_prefix=args.action)
        try:
            if args.format == "csv":
                _write_csv(entries)
            else:
                for entry in entries:
                    sys.stdout.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
        except ValueError as exc:
            print(f"yard-console: an audit entry cannot be read ({exc}); run with --verify",
                  file=sys.stderr)
            return 1
        return 0
    finally:
        trail.connection.close()


def _write_csv(entries: Iterable[AuditEntry]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for e in entries:
        writer.writerow((e.seq, e.at, e.actor, e.station, e.action, e.target or "",
                         canonical_json(e.details), e.prev_hash, e.hash))
