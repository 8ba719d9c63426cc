"""Retention: old raw telemetry may be thinned; the evidence never.

Only position reports (`kind = 'position'`, hundreds a second) are ever
removed, and only when older than `keep_raw_days`: of those, one report per
vehicle per `thin_to_s` seconds is kept (the first of each period), and so is
every report an alert names as its evidence.  Equipment events, clearance
decisions, fence and device reports, alerts and their changes, corrections
and the audit trail are never touched, whatever the policy says.

Thinning walks old data an hour at a time (or one thinning period, when
longer), each slice one short
`BEGIN IMMEDIATE` transaction (the live writer waits a few milliseconds at
most), and remembers how far it got (`review_progress`), so running it every
night costs only the new day.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from console.history.cancel import NEVER, Cancellation
from console.history.schema import ensure_review_tables, has_table

JOB = "retention"
_HOUR_US = 3600 * 1_000_000


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """Raw telemetry younger than `keep_raw_days` is kept whole; older, thinned."""

    keep_raw_days: float = 30.0
    thin_to_s: float = 60.0

    def __post_init__(self) -> None:
        if self.keep_raw_days < 1:
            raise ValueError("raw telemetry is kept at least one day")
        if self.thin_to_s < 1:
            raise ValueError("thinned telemetry keeps at least one report per vehicle a second")


@dataclass(frozen=True, slots=True)
class ThinningResult:
    removed: int
    hours: int
    up_to_us: int | None


def thin_telemetry(
    conn: sqlite3.Connection, policy: RetentionPolicy, now_us: int, *,
    cancel: Cancellation = NEVER, progress: Callable[[float], None] | None = None,
) -> ThinningResult:
    """Thin the position reports older than the policy allows (see the module docstring)."""
    ensure_review_tables(conn)
    cutoff = now_us - int(policy.keep_raw_days * 86400 * 1_000_000)
    bucket = int(policy.thin_to_s * 1_000_000)
    step = max(_HOUR_US, -(-_HOUR_US // bucket) * bucket)
    row = conn.execute("SELECT last_n FROM review_progress WHERE job = ?", (JOB,)).fetchone()
    start = int(row[0]) if row is not None else None
    if start is None:
        first = conn.execute("SELECT min(time_us) FROM events").fetchone()[0]
        if first is None:
            return ThinningResult(0, 0, None)
        start = int(first) // step * step
    evidence = "AND id NOT IN (SELECT event_id FROM alerts WHERE event_id IS NOT NULL)" if (
        has_table(conn, "alerts")) else ""
    removed = hours = 0
    lo = start
    total = max(1, cutoff - start)
    while lo + step <= cutoff:
        cancel.raise_if_cancelled()
        hi = lo + step
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "DELETE FROM events WHERE n IN ("
                " SELECT n FROM events INDEXED BY review_events_vehicle_time"
                " WHERE kind = 'position' AND vehicle_id IS NOT NULL"
                " AND time_us >= :lo AND time_us < :hi"
                " AND n NOT IN (SELECT min(n) FROM events INDEXED BY review_events_vehicle_time"
                "   WHERE kind = 'position' AND vehicle_id IS NOT NULL"
                "   AND time_us >= :lo AND time_us < :hi"
                "   GROUP BY vehicle_id, time_us / :bucket)"
                f" {evidence})",
                {"lo": lo, "hi": hi, "bucket": bucket},
            )
            removed += max(0, cur.rowcount)
            conn.execute(
                "INSERT INTO review_progress (job, last_n) VALUES (?, ?) "
                "ON CONFLICT (job) DO UPDATE SET last_n = excluded.last_n", (JOB, hi))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        hours += 1
        lo = hi
        if progress is not None:
            progress((lo - start) / total)
    return ThinningResult(removed, hours, lo if hours else None)


# `review_progress.last_n` holds, for this job, the feed time (UTC microseconds) up to which
# telemetry has been thinned.
