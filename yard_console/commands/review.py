"""`yard-console history report` and `history thin-telemetry`: the review from a shell.

    yard-console history report --db PATH --from T --to T --pdf FILE [--csv DIR]
    yard-console history thin-telemetry --db PATH [--keep-days 30] [--thin-to 60]

`report` writes the shift report (`console.history.pdf`) and, with `--csv`,
the tables behind it; it prints where and a one-line summary.  `thin-telemetry`
applies the retention policy (`console.history.retention`).  The console
registers these through `add_history_report` (see `yard_console.commands.history`).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from console.timefmt import parse_time as _seconds
from console.timefmt import parse_time_arg


def add_history_report(hsub: Any) -> None:
    rep = hsub.add_parser("report", help="shift report: KPIs, charts and overdue alerts (PDF)")
    rep.add_argument("--db", required=True, type=Path)
    rep.add_argument("--from", dest="since", required=True, type=parse_time_arg,
                     help="start, RFC 3339 with offset (feed time of the alerts)")
    rep.add_argument("--to", dest="until", required=True, type=parse_time_arg,
                     help="end (exclusive), RFC 3339 with offset")
    rep.add_argument("--pdf", type=Path, help="write the PDF report here")
    rep.add_argument("--csv", type=Path, help="write the report's tables as CSV files here")
    rep.add_argument("--title", default="Shift report")
    rep.set_defaults(func=_report)

    thin = hsub.add_parser("thin-telemetry",
                           help="retention: thin old position reports (never the evidence)")
    thin.add_argument("--db", required=True, type=Path)
    thin.add_argument("--keep-days", type=float, default=30.0,
                      help="position reports younger than this are kept whole")
    thin.add_argument("--thin-to", type=float, default=60.0,
                      help="older ones: one per vehicle per this many seconds")
    thin.set_defaults(func=_thin)


def _report(args: argparse.Namespace) -> int:
    from console.history.pdf import render_pdf
    from console.history.report import build_shift_report
    from console.store.history import open_history

    if not args.db.exists():
        raise SystemExit(f"yard-console history report: no database at {args.db}")
    if args.pdf is None and args.csv is None:
        raise SystemExit("yard-console history report: say where: --pdf FILE and/or --csv DIR")
    since, until = _seconds(args.since), _seconds(args.until)
    if until <= since:
        raise SystemExit("yard-console history report: --to must be after --from")
    store = open_history(args.db, readonly=True)
    try:
        report = build_shift_report(store, since, until, source=str(args.db), title=args.title)
    finally:
        store.close()
    if args.pdf is not None:
        pages = render_pdf(report, args.pdf)
        print(f"wrote {args.pdf} ({pages} pages)")
    if args.csv is not None:
        for path in write_report_csv(report, args.csv):
            print(f"wrote {path}")
    k = report.kpis
    share = k.share_resolved_within_target
    print(f"{len(k.alerts)} alerts, {len(report.overdue)} overdue, resolved within target: "
          f"{'-' if share is None else f'{share * 100:.1f} %'}")
    if report.audit is not None:
        print(f"audit trail: {report.audit.describe()} (check later: yard-console history "
              f"audit --verify --expect {report.audit.count}:{report.audit.head})")
    return 0


def write_report_csv(report: Any, folder: Path) -> list[Path]:
    """The report's tables as CSV files in `folder` (alerts, changes, officers, shifts, rate)."""
    from console.history.queries import alerts_table, changes_table
    from console.history.table import Table, write_csv

    k = report.kpis
    tables = {
        "alerts.csv": alerts_table("alerts", k.alerts),
        "alert_changes.csv": changes_table("changes", k.alerts),
        "officers.csv": Table("officers", ("officer", "acknowledged", "resolved", "comments",
                                           "other", "total"),
                              [(o.who, o.acknowledged, o.resolved, o.commented, o.other, o.total)
                               for o in k.officers]),
        "shifts.csv": Table("shifts", ("shift", "raised", "actions", "officers"),
                            [(s.shift, s.raised, s.actions, s.officers) for s in k.shifts]),
        "rate_10min.csv": Table("rate", ("window_start", "alerts", "flood"),
                                [(datetime.fromtimestamp(t).astimezone().isoformat(), c,
                                  int(c > k.flood_limit)) for t, c in k.rate_10min]),
    }
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = folder / name
        with open(path, "w", newline="", encoding="utf-8") as out:
            write_csv(table, out)
        written.append(path)
    return written


def _thin(args: argparse.Namespace) -> int:
    from console.history.retention import RetentionPolicy, thin_telemetry
    from console.store.history import open_history

    if not args.db.exists():
        raise SystemExit(f"yard-console history thin-telemetry: no database at {args.db}")
    try:
        policy = RetentionPolicy(args.keep_days, args.thin_to)
    except ValueError as exc:
        raise SystemExit(f"yard-console history thin-telemetry: {exc}") from None
    store = open_history(args.db)
    try:
        result = thin_telemetry(store, policy, int(time.time() * 1_000_000))
    finally:
        store.close()
    print(f"removed {result.removed} old position reports over {result.hours} hours")
    sys.stdout.flush()
    return 0
