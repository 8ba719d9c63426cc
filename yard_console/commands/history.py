"""`yard-console history …`: reading back what the store holds.

Other areas add their own listings here through `add_history_*` functions
(alerts, audit), each taking the `history` sub-parsers.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

from console.timefmt import parse_time_arg

# (module, function) pairs that add more `history` listings when their area exists.
EXTRA_LISTINGS: tuple[tuple[str, str], ...] = (
    ("yard_console.commands.alerts", "add_history_alerts"),
    ("yard_console.commands.audit", "add_history_audit"),
    ("yard_console.commands.review", "add_history_report"),
)


def register(sub: Any) -> None:
    history = sub.add_parser("history", help="read back events, alerts and rejected messages")
    hsub = history.add_subparsers(dest="history_command", metavar="WHAT", required=True)

    ev = hsub.add_parser("events", help="stored events, in the order they were applied")
    ev.add_argument("--db", required=True, type=Path)
    ev.add_argument("--container", help="one container number")
    ev.add_argument("--since", type=parse_time_arg, help="RFC 3339 time (with offset)")
    ev.add_argument("--until", type=parse_time_arg, help="RFC 3339 time (with offset)")
    ev.add_argument("--feed", help="only this feed")
    ev.add_argument("--format", choices=("jsonl", "csv", "dcsa"), default="jsonl",
                    help="dcsa: one DCSA Track & Trace 3.0 event per line (DCSA events only)")
    ev.set_defaults(func=_events)

    q = hsub.add_parser("quarantine", help="rejected messages and why they were rejected")
    q.add_argument("--db", required=True, type=Path)
    q.add_argument("--feed", help="only this feed")
    q.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    q.set_defaults(func=_quarantine)

    g = hsub.add_parser("gaps", help="permanent gaps: event ranges the gateway could not replay")
    g.add_argument("--db", required=True, type=Path)
    g.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    g.set_defaults(func=_gaps)

    for module, function in EXTRA_LISTINGS:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is not None and module.startswith(exc.name):
                continue  # that area is not part of this build
            raise
        getattr(mod, function)(hsub)


def _open(db: Path) -> Any:
    from console.store.sqlite import SqliteEventStore

    if not db.exists():
        raise SystemExit(f"yard-console history: no database at {db}")
    return SqliteEventStore(db, readonly=True)


def _events(args: argparse.Namespace) -> int:
    from console.store.export import write_events

    store = _open(args.db)
    rows = store.events(container=args.container, since=args.since, until=args.until,
                        feed=args.feed)
    try:
        if args.format == "dcsa":
            _write_dcsa(rows)
        else:
            write_events(rows, args.format, sys.stdout)
    finally:
        _close_stream(rows)
        store.close()
    return 0


def _write_dcsa(events: Any) -> None:
    import orjson

    from console.protocol.dcsa_export import dcsa_30_event

    for stored in events:
        out = dcsa_30_event(stored.feed_event().body)
        if out is not None:
            sys.stdout.write(orjson.dumps(out).decode() + "\n")


def _close_stream(rows: Any) -> None:
    """Finish a row stream before its store closes, also when the output went away midway
    (`history events | head`): a generator left open would be finalised later against a
    closed database and print an error."""
    close = getattr(rows, "close", None)
    if close is not None:
        close()


def _quarantine(args: argparse.Namespace) -> int:
    from console.store.export import write_quarantine

    store = _open(args.db)
    rows = store.quarantine(feed=args.feed)
    try:
        write_quarantine(rows, args.format, sys.stdout)
    finally:
        _close_stream(rows)
        store.close()
    return 0


def _gaps(args: argparse.Namespace) -> int:
    import csv
    import dataclasses

    import orjson

    store = _open(args.db)
    try:
        rows = [dataclasses.asdict(g) for g in store.gaps()]
    finally:
        store.close()
    if args.format == "jsonl":
        for row in rows:
            sys.stdout.write(orjson.dumps(row).decode() + "\n")
    else:
        w = csv.DictWriter(sys.stdout, ["feed", "epoch", "from_seq", "to_seq", "recorded_at"])
        w.writeheader()
        w.writerows(rows)
    return 0
