"""Shift KPIs from the stored alerts and their changes.

For alerts raised (feed time) in [since, until):

- how many per hour, by rule and by severity;
- time to acknowledge and time to resolve (`console.audit.response_times`,
  on the console's clock, from the alerts' own change log) against the
  3-minute target, and the share handled within it;
- officers' workload: their acknowledgements, resolutions, comments and
  other actions on those alerts;
- per-shift load (shifts start at `ShiftPlan.starts` local hours): alerts
  raised, and actions taken, placed on the feed clock by their delay after
  the alert was raised (see `console.history.alert_timeline`);
- the alarm rate per 10 minutes against the ISA-18.2 flood threshold (more
  than 10 new alerts in 10 minutes), counted in fixed 10-minute windows;
- the overdue alerts: not resolved within the target, with their story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from console.alerts.flood import FloodMeter
from console.audit.response_times import (
    TARGET_S,
    ResponseSummary,
    ResponseTime,
    milestones_from_changes,
    response_times,
    summarize,
)
from console.history.cancel import NEVER, Cancellation
from console.history.records import AlertLife, ChangeRecord
from console.history.store import HistoryStore
from console.timefmt import TERMINAL_ZONE
from console.timefmt import parse_time as _seconds

FLOOD_WINDOW_S = FloodMeter().window_s
FLOOD_LIMIT = FloodMeter().limit
TERMINAL_TZ = TERMINAL_ZONE


@dataclass(frozen=True, slots=True)
class ShiftPlan:
    """Shifts start at these local hours (three eight-hour shifts by default)."""

    starts: tuple[int, ...] = (7, 15, 23)
    tz: timezone = TERMINAL_TZ

    def shift_of(self, at_s: float) -> str:
        """The shift containing `at_s`, named by its local start: `2026-11-28 23:00`."""
        local = datetime.fromtimestamp(at_s, self.tz)
        hours = sorted(self.starts)
        start_hour = max((h for h in hours if h <= local.hour), default=None)
        day = local.date()
        if start_hour is None:
            start_hour = hours[-1]
            day = day - timedelta(days=1)
        return f"{day.isoformat()} {start_hour:02d}:00"

    def span(self, shift: str) -> str:
        """A shift named by `shift_of` with its end: `2026-11-28 15:00–23:00`.

        Named by its start alone, a shift read as the time of its alerts (an alert at
        20:00 listed under "15:00"); with its end it reads as the period it is."""
        day, _, start = shift.partition(" ")
        try:
            hour = int(start.split(":")[0])
        except ValueError:
            return shift
        hours = sorted(self.starts)
        later = [h for h in hours if h > hour]
        end = later[0] if later else hours[0]
        return f"{day} {hour:02d}:00–{end:02d}:00"


@dataclass(frozen=True, slots=True)
class OfficerLoad:
    who: str
    acknowledged: int
    resolved: int
    commented: int
    other: int

    @property
    def total(self) -> int:
        return self.acknowledged + self.resolved + self.commented + self.other


@dataclass(frozen=True, slots=True)
class ShiftLoad:
    shift: str
    raised: int
    actions: int
    officers: int


@dataclass(slots=True)
class KpiReport:
    since_s: float
    until_s: float
    target_s: float
    alerts: list[AlertLife]
    hourly: dict[tuple[float, str, str], int]  # (hour start, rule, severity) → count
    by_rule: Counter[str]
    by_severity: Counter[str]
    response: list[ResponseTime]
    summary: ResponseSummary
    acked_within_target: int
    officers: list[OfficerLoad]
    shifts: list[ShiftLoad]
    rate_10min: list[tuple[float, int]]  # (window start, alerts raised in it)
    flood_limit: int = FLOOD_LIMIT
    overdue: list[AlertLife] = field(default_factory=list)

    @property
    def ack_times_s(self) -> list[float]:
        return [t for r in self.response if (t := r.time_to_ack_s) is not None]

    @property
    def resolve_times_s(self) -> list[float]:
        return [t for r in self.response if (t := r.time_to_resolve_s) is not None]

    @property
    def share_acked_within_target(self) -> float | None:
        n = len(self.response)
        return self.acked_within_target / n if n else None

    @property
    def share_resolved_within_target(self) -> float | None:
        n = len(self.response)
        return self.summary.resolved_within_target / n if n else None

    @property
    def flood_windows(self) -> list[tuple[float, int]]:
        return [(t, c) for t, c in self.rate_10min if c > self.flood_limit]


class _Change:
    """Adapter: what `milestones_from_changes` reads of a change."""

    __slots__ = ("action", "alert", "at")

    def __init__(self, c: ChangeRecord) -> None:
        self.alert = c
        self.action = c.action
        self.at = c.at


def compute_kpis(
    store: HistoryStore, since_s: float, until_s: float, *,
    target_s: float = TARGET_S, shifts: ShiftPlan | None = None,
    cancel: Cancellation = NEVER,
) -> KpiReport:
    """The KPIs of the alerts raised in [since_s, until_s) (see the module docstring)."""
    plan = shifts or ShiftPlan()
    with store.interruptible(cancel):
        alerts = store.alerts_raised(since_s, until_s)
    hourly: Counter[tuple[float, str, str]] = Counter()
    rate: Counter[float] = Counter()
    raised_s: dict[str, float] = {}
    for a in alerts:
        t = _seconds(a.raised_at)
        raised_s[a.alert_id] = t
        hourly[(since_s + (t - since_s) // 3600 * 3600, a.rule, a.severity)] += 1
        rate[since_s + (t - since_s) // FLOOD_WINDOW_S * FLOOD_WINDOW_S] += 1
    cancel.raise_if_cancelled()
    changes = [c for a in alerts for c in a.changes]
    response = response_times(milestones_from_changes(_Change(c) for c in changes))
    acks = [r.time_to_ack_s for r in response]
    acked_within = sum(1 for a in acks if a is not None and a <= target_s)
    windows: list[tuple[float, int]] = []
    t = since_s
    while t < until_s:
        windows.append((t, rate.get(t, 0)))
        t += FLOOD_WINDOW_S
    late = {r.alert_id for r in response if not r.resolved_within(target_s)}
    return KpiReport(
        since_s=since_s, until_s=until_s, target_s=target_s, alerts=alerts,
        hourly=dict(hourly),
        by_rule=Counter(a.rule for a in alerts),
        by_severity=Counter(a.severity for a in alerts),
        response=response, summary=summarize(response, target_s=target_s),
        acked_within_target=acked_within,
        officers=_officers(changes), shifts=_shifts(alerts, raised_s, plan),
        rate_10min=windows,
        overdue=[a for a in alerts if a.alert_id in late],
    )


def _officers(changes: list[ChangeRecord]) -> list[OfficerLoad]:
    counts: dict[str, Counter[str]] = {}
    for c in changes:
        if c.who == "system":
            continue
        kind = {"acknowledge": "ack", "resolve": "resolve", "comment": "comment"}.get(
            c.action, "other")
        counts.setdefault(c.who, Counter())[kind] += 1
    loads = [OfficerLoad(who, n["ack"], n["resolve"], n["comment"], n["other"])
             for who, n in counts.items()]
    loads.sort(key=lambda o: (-o.total, o.who))
    return loads


def _shifts(alerts: list[AlertLife], raised_s: dict[str, float], plan: ShiftPlan
            ) -> list[ShiftLoad]:
    raised: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    people: dict[str, set[str]] = {}
    for a in alerts:
        t0 = raised_s[a.alert_id]
        raised[plan.shift_of(t0)] += 1
        raise_at = next((_seconds(c.at) for c in a.changes if c.action == "raise"), None)
        for c in a.changes:
            if c.who == "system":
                continue
            at = _seconds(c.at)
            feed_t = t0 + max(0.0, at - raise_at) if raise_at is not None else at
            shift = plan.shift_of(feed_t)
            actions[shift] += 1
            people.setdefault(shift, set()).add(c.who)
    names = sorted(set(raised) | set(actions))
    return [ShiftLoad(s, raised[s], actions[s], len(people.get(s, ()))) for s in names]
