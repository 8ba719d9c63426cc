"""The shift report's content: figures, charts' data and the overdue alerts' stories.

It also writes down the audit trail's length and head at the time it is made
(`audit`), so that a later `history audit --verify --expect COUNT:HEAD` shows
whether entries were removed or rewritten since.

`build_shift_report` gathers everything the PDF (`console.history.pdf`) and
the window's report tab show, for alerts raised in [since, until) on the
feed's clock.  An overdue alert is one not resolved within the target; its
story is its whole change log and the events of the container it names
around the moment it was raised, and a sentence saying where time was lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from console.audit.anchor import Head
from console.history.cancel import NEVER, Cancellation
from console.history.kpis import KpiReport, ShiftPlan, compute_kpis
from console.history.queries import AlertLife, StoryEvent, container_story
from console.history.store import HistoryStore
from console.timefmt import parse_moment, try_parse_time

STORY_EVENTS = 12


@dataclass(slots=True)
class OverdueStory:
    alert: AlertLife
    events: list[StoryEvent]
    why_late: str


@dataclass(slots=True)
class ShiftReport:
    title: str
    since_s: float
    until_s: float
    generated_at: str
    source: str
    kpis: KpiReport
    overdue: list[OverdueStory]
    audit: Head | None = None  # the audit trail's length and head when the report was made


def _duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


def why_late(alert: AlertLife, target_s: float) -> str:
    """Where the time went, in one sentence (console clock, from the alert's changes)."""
    raised = next((c for c in alert.changes if c.action == "raise"), None)
    if raised is None:
        return "the raising of this alert was not recorded"
    t0 = parse_moment(raised.at)
    parts: list[str] = []
    ack = next((c for c in alert.changes if c.action in ("acknowledge", "resolve")), None)
    if ack is None:
        parts.append("never acknowledged")
    else:
        waited = (parse_moment(ack.at) - t0).total_seconds()
        parts.append(f"acknowledged after {_duration(waited)} by {ack.who}")
    res = next((c for c in alert.changes if c.action == "resolve"), None)
    if res is None:
        parts.append(f"still {alert.state}")
    else:
        took = (parse_moment(res.at) - t0).total_seconds()
        parts.append(f"resolved after {_duration(took)} by {res.who} "
                     f"({_duration(max(0.0, took - target_s))} over the target)")
    if any(c.action == "escalate" for c in alert.changes):
        parts.append("escalated")
    if any(c.action == "shelve" for c in alert.changes):
        parts.append("shelved at some point")
    return "; ".join(parts)


def build_shift_report(
    store: HistoryStore, since_s: float, until_s: float, *,
    shifts: ShiftPlan | None = None, source: str = "", cancel: Cancellation = NEVER,
    title: str = "Shift report",
) -> ShiftReport:
    kpis = compute_kpis(store, since_s, until_s, shifts=shifts, cancel=cancel)
    stories: list[OverdueStory] = []
    for alert in kpis.overdue:
        cancel.raise_if_cancelled()
        story = container_story(store, alert.subject, cancel)
        raised = try_parse_time(alert.raised_at) or 0.0
        around = sorted(story.events, key=lambda e: abs((try_parse_time(e.time) or 0) - raised))
        events = sorted(around[:STORY_EVENTS], key=lambda e: e.n)
        stories.append(OverdueStory(alert, events, why_late(alert, kpis.target_s)))
    return ShiftReport(
        title=title, since_s=since_s, until_s=until_s,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"), source=source,
        kpis=kpis, overdue=stories, audit=store.audit_head(),
    )
