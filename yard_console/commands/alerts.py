"""`yard-console history alerts` and `yard-console alerts rules`.

`add_history_alerts` is called by the `history` command group (it owns the
group; this area only adds its listing).  `register` adds the `alerts`
command group for what needs no running console: the rule catalogue with the
thresholds in force.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from console.alerts.model import STATES, Alert, AlertChange, alert_to_dict
from console.rules.catalogue import RULE_IDS, RULES
from console.rules.config import RuleConfig
from console.store.office.alert_rows import COMPONENT, SqliteAlertStore
from console.timefmt import parse_time

ALERT_FIELDS = list(alert_to_dict(Alert("", "", "", "", "", "", None, "")).keys())
CHANGE_FIELDS = ["at", "action", "who", "station", "why", *ALERT_FIELDS]


def add_history_alerts(hsub: Any) -> None:
    p = hsub.add_parser("alerts", help="alerts and their changes, as stored")
    p.add_argument("--db", required=True, type=Path, help="the console's database file")
    p.add_argument("--since", help="raised at or after this RFC 3339 time (with offset)")
    p.add_argument("--until", help="raised before this RFC 3339 time (with offset)")
    p.add_argument("--rule", choices=RULE_IDS, help="only this rule")
    p.add_argument("--state", choices=STATES, help="only alerts now in this state")
    p.add_argument("--changes", action="store_true",
                   help="print every change of the selected alerts (who, when, where, why)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.set_defaults(func=history_alerts)


def register(sub: Any) -> None:
    p = sub.add_parser("alerts", help="the supervision rules and their alerts")
    asub = p.add_subparsers(dest="alerts_command", metavar="WHAT", required=True)
    r = asub.add_parser("rules", help="the rules with their severities and default thresholds")
    r.set_defaults(func=_rules)


def _time(text: str | None, name: str) -> float | None:
    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError:
        raise SystemExit(f"yard-console history alerts: --{name} {text!r} is not a time "
                         "like 2026-11-28T20:01:02+08:00") from None


def history_alerts(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    since, until = _time(args.since, "since"), _time(args.until, "until")
    if not args.db.exists():
        print(f"yard-console history alerts: no database at {args.db}", file=sys.stderr)
        return 2
    store = SqliteAlertStore(args.db, readonly=True)
    try:
        if not _has_alerts(store):
            return 0
        alerts = list(store.alerts(since=since, until=until, rule=args.rule, state=args.state))
        if args.changes:
            rows = [_change_row(c) for a in alerts for c in store.changes(a.alert_id)]
            _write(rows, CHANGE_FIELDS, args.format, out)
        else:
            _write([alert_to_dict(a) for a in alerts], ALERT_FIELDS, args.format, out)
    finally:
        store.close()
    return 0


def _has_alerts(store: SqliteAlertStore) -> bool:
    from console.store.schema import component_version

    return component_version(store.connection, COMPONENT) > 0


def _change_row(c: AlertChange) -> dict[str, Any]:
    return {"at": c.at, "action": c.action, "who": c.who, "station": c.station,
            "why": c.why, **alert_to_dict(c.alert)}


def _write(rows: list[dict[str, Any]], fields: list[str], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
        return
    w = csv.DictWriter(out, fields, extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v
                    for k, v in row.items()})


def _rules(args: argparse.Namespace) -> int:
    config = dataclasses.asdict(RuleConfig())
    for key in ("stop_allowed_zone_kinds", "disabled"):
        config[key] = sorted(config[key])
    for spec in RULES:
        print(json.dumps({"rule": spec.id, "severity": spec.severity, "subject": spec.subject,
                          "summary": spec.summary}, ensure_ascii=False))
    print(json.dumps({"thresholds": config}, ensure_ascii=False))
    return 0
