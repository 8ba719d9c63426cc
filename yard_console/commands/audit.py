"""`history audit`: list the audit trail and verify its chain.

The `history` command group belongs to the history area; it adds this
command with `add_history_audit(history_subparsers)`.

A listing ends with the trail's length and head on standard error (what a
shift report writes down).  `--verify` checks the chain and, with the
station key (found beside the configuration, or `--public-key FILE` on a
review workstation), every entry's signature and the signed anchor kept
outside the database; `--expect COUNT:HEAD` checks against figures written
down elsewhere (a shift report).  It also names every officer account whose
row was changed outside the console (`console.store.office.seals`).

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
from pathlib import Path
from typing import Any

from console.audit.anchor import Head
from console.audit.entries import AuditEntry, VerifyResult, canonical_json
from console.audit.station_key import (
    StationKeyError,
    StationVerifier,
    load_verifier,
    workstation_verifier,
)
from console.store.base import StoreError
from console.store.office.audit_trail import AuditTrail

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
    parser.add_argument("--config", type=Path,
                        help="workstation configuration whose station key checks the trail")
    parser.add_argument("--public-key", type=Path, metavar="FILE",
                        help="the station's station.pub, to verify a copied database")
    parser.add_argument("--expect", type=Head.parse, metavar="COUNT:HEAD",
                        help="fail unless the trail still holds this head (from a shift report)")
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
            return _verify(trail, args)
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
        print(f"audit trail: {trail.head().describe()}", file=sys.stderr)
        return 0
    finally:
        trail.connection.close()


def _verifier(args: argparse.Namespace) -> StationVerifier | None:
    if args.public_key is not None:
        return load_verifier(args.public_key)
    return workstation_verifier(args.config)


def _verify(trail: AuditTrail, args: argparse.Namespace) -> int:
    try:
        verifier = _verifier(args)
    except StationKeyError as exc:
        print(f"yard-console: {exc.reason}", file=sys.stderr)
        return 1
    signed = trail.signed_count()
    if verifier is None and signed:
        print(f"audit trail NOT VERIFIED: {signed} entries are signed with a station key, but "
              "no key was found to check them; give --public-key FILE (the station's "
              "station.pub) or --config FILE")
        return 1
    result = trail.verify(verifier, expect=args.expect)
    if not result.ok:
        print(f"audit trail BROKEN: {result.problem}")
        if result.broken_seq is not None:
            print(f"entries 1–{result.broken_seq - 1} verify; entry {result.broken_seq} "
                  "and everything after it cannot be trusted", file=sys.stderr)
        return 1
    print(f"audit trail intact: {result.count} entries, last hash {result.head}")
    _describe_anchoring(result, verifier)
    tampered = _tampered_accounts(trail, verifier)
    for problem in tampered:
        print(f"account NOT TRUSTED: {problem}")
    return 1 if tampered else 0


def _tampered_accounts(trail: AuditTrail, verifier: StationVerifier | None) -> list[str]:
    """Accounts whose row no longer matches its seal in the trail (`console.store.office.seals`)."""
    from console.store.office.seals import AccountSeals
    from console.store.schema import component_version

    if component_version(trail.connection, "officers") < 2:
        return []  # no accounts, or not sealed yet (sealed when the console next opens them)
    return AccountSeals(trail.connection, trail, verifier).problems()


def _describe_anchoring(result: VerifyResult, verifier: StationVerifier | None) -> None:
    if verifier is None:
        print("NOT ANCHORED: this workstation has no station key, so only the hash chain was "
              "checked; a trail cut at the end, emptied, or rewritten and rehashed would pass. "
              "Create the key with `yard-console config init` or `yard-console doctor`, or "
              "compare with a shift report: --expect COUNT:HEAD", file=sys.stderr)
        return
    print(f"signatures: {result.signed} of {result.count} entries signed by station key "
          f"{result.key}")
    if result.signed < result.count:
        print(f"NOT SIGNED: {result.count - result.signed} entries were written before this "
              "station signed its trail (an upgraded database, or a workstation without the "
              "key); for them only the hash chain was checked", file=sys.stderr)
    if result.anchor is not None:
        print(f"anchor: the station signed {result.anchor.describe()}; the trail reaches it")
    else:
        print("anchor: none for this file on this workstation (a copy, or no signed entry "
              "yet); compare the head with the shift report: --expect COUNT:HEAD")


def _write_csv(entries: Iterable[AuditEntry]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for e in entries:
        writer.writerow((e.seq, e.at, e.actor, e.station, e.action, e.target or "",
                         canonical_json(e.details), e.prev_hash, e.hash))
