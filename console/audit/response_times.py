"""How long alerts waited: time to acknowledge and time to resolve.

The supervisors' figure is that an alert is handled within 3 minutes of
being raised.  The alerts area records every change of an alert; this module
turns those changes, from the alerts' own records (`milestones_from_changes`)
or from the audit trail (`milestones_from_audit`), into one `ResponseTime`
per alert and a `ResponseSummary` over many.  All times are the console's
clock (when the alert was raised in the console, when an officer acted), not
the feed's: the two clocks may differ.

Conventions: an alert's clock starts when it was raised (its arrival in the
console); the first acknowledgement counts for time-to-ack, and a resolution
without an earlier acknowledgement (acknowledge and resolve in one step)
counts as both; the first resolution counts for time-to-resolve even if a
supervisor later reopens the alert (`reopened` says so).  Changes dated
before the alert's raising (clocks of different stations) are ignored, so
no time is ever negative.  An alert not yet
acknowledged or resolved has `None` there and counts as open.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from console.audit.entries import AuditEntry
from console.timefmt import parse_moment

TARGET_S = 180.0

MilestoneKind = Literal["raised", "acknowledged", "resolved", "reopened"]

# The alert changes that matter here, by the alerts area's action names
# (`console.alerts.model.ACTIONS`); in the audit trail they appear as
# `alert.<action>` with the alert id as target.
CHANGE_MILESTONES: dict[str, MilestoneKind] = {
    "raise": "raised",
    "acknowledge": "acknowledged",
    "ack": "acknowledged",
    "resolve": "resolved",
    "reopen": "reopened",
}


class _AlertLike(Protocol):
    @property
    def alert_id(self) -> str: ...


class AlertChangeLike(Protocol):
    """What `milestones_from_changes` reads of a `console.alerts.model.AlertChange`."""

    @property
    def alert(self) -> _AlertLike: ...

    @property
    def action(self) -> str: ...

    @property
    def at(self) -> str: ...


@dataclass(frozen=True, slots=True)
class AlertMilestone:
    alert_id: str
    at: datetime  # timezone-aware
    kind: MilestoneKind


@dataclass(frozen=True, slots=True)
class ResponseTime:
    alert_id: str
    raised_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    reopened: bool

    @property
    def time_to_ack_s(self) -> float | None:
        if self.acknowledged_at is None:
            return None
        return (self.acknowledged_at - self.raised_at).total_seconds()

    @property
    def time_to_resolve_s(self) -> float | None:
        if self.resolved_at is None:
            return None
        return (self.resolved_at - self.raised_at).total_seconds()

    def resolved_within(self, target_s: float = TARGET_S) -> bool:
        t = self.time_to_resolve_s
        return t is not None and t <= target_s


@dataclass(frozen=True, slots=True)
class ResponseSummary:
    alerts: int
    resolved: int
    resolved_within_target: int
    target_s: float
    median_ack_s: float | None
    median_resolve_s: float | None
    p90_resolve_s: float | None
    longest_open: ResponseTime | None  # the oldest alert not yet resolved


def milestones_from_changes(changes: Iterable[AlertChangeLike]) -> Iterator[AlertMilestone]:
    """The milestones among the alerts area's stored changes (their `at`: the console clock)."""
    for change in changes:
        kind = CHANGE_MILESTONES.get(change.action)
        if kind is not None:
            yield AlertMilestone(change.alert.alert_id, parse_moment(change.at), kind)


def milestones_from_audit(entries: Iterable[AuditEntry]) -> Iterator[AlertMilestone]:
    """The milestones among audit entries (`alert.raise`, `alert.acknowledge`, `alert.resolve`,
    `alert.reopen`; `alert.ack` is read as `alert.acknowledge`).

    `details["raised_at"]` on an `alert.raise` entry, when present, is used as
    the raise time (an alert raised by the engine may be written a moment later).
    """
    for entry in entries:
        prefix, _, action = entry.action.partition(".")
        kind = CHANGE_MILESTONES.get(action) if prefix == "alert" else None
        if kind is None or entry.target is None:
            continue
        at = entry.at
        if kind == "raised" and isinstance(entry.details.get("raised_at"), str):
            at = entry.details["raised_at"]
        yield AlertMilestone(entry.target, parse_moment(at), kind)


def response_times(milestones: Iterable[AlertMilestone]) -> list[ResponseTime]:
    """One `ResponseTime` per alert that has a `raised` milestone, in order of raising."""
    raised: dict[str, datetime] = {}
    acked: dict[str, datetime] = {}
    resolved: dict[str, datetime] = {}
    reopened: set[str] = set()
    for m in sorted(milestones, key=lambda m: m.at):
        if m.kind == "raised":
            raised.setdefault(m.alert_id, m.at)
        elif m.alert_id not in raised:
            continue
        elif m.kind == "acknowledged":
            acked.setdefault(m.alert_id, m.at)
        elif m.kind == "resolved":
            acked.setdefault(m.alert_id, m.at)
            resolved.setdefault(m.alert_id, m.at)
        else:
            reopened.add(m.alert_id)
    out = [ResponseTime(a, at, acked.get(a), resolved.get(a), a in reopened)
           for a, at in raised.items()]
    out.sort(key=lambda r: r.raised_at)
    return out


def summarize(times: Iterable[ResponseTime], *, target_s: float = TARGET_S) -> ResponseSummary:
    """Counts and medians for a shift report; `longest_open` is the oldest unresolved alert."""
    items = list(times)
    acks = [t for r in items if (t := r.time_to_ack_s) is not None]
    resolves = sorted(t for r in items if (t := r.time_to_resolve_s) is not None)
    still_open = [r for r in items if r.resolved_at is None]
    p90 = None
    if resolves:
        p90 = resolves[math.ceil(0.9 * len(resolves)) - 1]
    return ResponseSummary(
        alerts=len(items),
        resolved=len(resolves),
        resolved_within_target=sum(1 for r in items if r.resolved_within(target_s)),
        target_s=target_s,
        median_ack_s=statistics.median(acks) if acks else None,
        median_resolve_s=statistics.median(resolves) if resolves else None,
        p90_resolve_s=p90,
        longest_open=min(still_open, key=lambda r: r.raised_at) if still_open else None,
    )
