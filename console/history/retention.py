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

from collections.abc import Callable
from dataclasses import dataclass

from console.history.cancel import NEVER, Cancellation
from console.history.store import HistoryStore

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
    store: HistoryStore, policy: RetentionPolicy, now_us: int, *,
    cancel: Cancellation = NEVER, progress: Callable[[float], None] | None = None,
) -> ThinningResult:
    """Thin the position reports older than the policy allows (see the module docstring)."""
    store.prepare()
    cutoff = now_us - int(policy.keep_raw_days * 86400 * 1_000_000)
    bucket = int(policy.thin_to_s * 1_000_000)
    step = max(_HOUR_US, -(-_HOUR_US // bucket) * bucket)
    start = store.job_progress(JOB)
    if start is None:
        span = store.time_range()
        if span is None:
            return ThinningResult(0, 0, None)
        start = span[0] // step * step
    removed = hours = 0
    lo = start
    total = max(1, cutoff - start)
    while lo + step <= cutoff:
        cancel.raise_if_cancelled()
        hi = lo + step
        removed += store.thin_positions(lo, hi, bucket, JOB)
        hours += 1
        lo = hi
        if progress is not None:
            progress((lo - start) / total)
    return ThinningResult(removed, hours, lo if hours else None)


# The job's progress (`HistoryStore.job_progress("retention")`) is the feed time (UTC
# microseconds) up to which telemetry has been thinned.
