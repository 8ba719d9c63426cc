"""The history window's questions, as functions run on worker threads.

Each opens its own read-only store (`console.store.history.open_history`: a
store stays on the thread that uses it), answers one question through `console.history`, and
returns plain data for the window to show; each takes the `Cancellation`
its `QueryRunner` lane handed it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from console.history.cancel import Cancellation
from console.history.kpis import KpiReport, compute_kpis
from console.history.queries import (
    AlertLife,
    AlertQuery,
    alerts_table,
    container_story,
    find_containers,
    search_alerts,
)
from console.history.table import Table, write_csv
from console.store.history import open_history


def search(db: Path, q: AlertQuery, cancel: Cancellation
            ) -> tuple[Table, dict[str, AlertLife]]:
    """The alerts table, and each alert's whole life for the changes pane."""
    store = open_history(db, readonly=True)
    try:
        lives = search_alerts(store, q, cancel)
    finally:
        store.close()
    return alerts_table("alerts", lives), {a.alert_id: a for a in lives}


def kpis(db: Path, q: AlertQuery, cancel: Cancellation) -> KpiReport:
    store = open_history(db, readonly=True)
    try:
        return compute_kpis(store, q.since_s or 0.0, q.until_s or 0.0, cancel=cancel)
    finally:
        store.close()


def story(db: Path, ref: str, cancel: Cancellation) -> tuple[str, Table, Table]:
    store = open_history(db, readonly=True)
    try:
        found = find_containers(store, ref, cancel)
        target = found[0] if len(found) == 1 else ref.strip().upper()
        story = container_story(store, target, cancel)
    finally:
        store.close()
    carried = ", ".join(f"{c.vehicle_id} {c.first_time[11:19]}–{c.last_time[11:19]}"
                        for c in story.carriages[:8])
    terms = ", ".join(f"{f}: {t}" for f, t in story.terms)
    title = f"{story.container}: {len(story.events)} events, {len(story.alerts)} alerts" + (
        f"; carried by {carried}" if carried else "") + (f"; {terms}" if terms else "")
    return title, story.events_table(), story.alerts_table()


def write_table(table: Table, path: Path, cancel: Cancellation, progress: Any) -> str:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", newline="", encoding="utf-8") as out:
        rows = write_csv(table, out, cancel=cancel, progress=progress)
    os.replace(tmp, path)
    return f"wrote {rows} rows to {path}"


def write_report(db: Path, q: AlertQuery, path: Path, cancel: Cancellation, progress: Any) -> str:
    from console.history.pdf import render_pdf
    from console.history.report import build_shift_report
    from ui.history.report_words import WindowReportWords

    store = open_history(db, readonly=True)
    try:
        report = build_shift_report(store, q.since_s or 0.0, q.until_s or 0.0, cancel=cancel,
                                    source=str(db))
    finally:
        store.close()
    pages = render_pdf(report, path, cancel=cancel, progress=progress,
                       words=WindowReportWords())
    return f"wrote {path} ({pages} pages)"
