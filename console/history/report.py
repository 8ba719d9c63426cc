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
from console.history.report_words import ENGLISH, ReportWords, fill
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


def _duration(seconds: float, w: ReportWords = ENGLISH) -> str:
    s = round(seconds)
    if s >= 60:
        return fill(w.text("%1 min %2 s"), s // 60, f"{s % 60:02d}")
    return fill(w.text("%1 s"), s)


def why_late(alert: AlertLife, target_s: float, w: ReportWords = ENGLISH) -> str:
    """Where the time went, in one sentence (console clock, from the alert's changes)."""
    raised = next((c for c in alert.changes if c.action == "raise"), None)
    if raised is None:
        return w.text("the raising of this alert was not recorded")
    t0 = parse_moment(raised.at)
    parts: list[str] = []
    ack = next((c for c in alert.changes if c.action in ("acknowledge", "resolve")), None)
    if ack is None:
        parts.append(w.text("never acknowledged"))
    else:
        waited = (parse_moment(ack.at) - t0).total_seconds()
        parts.append(fill(w.text("acknowledged after %1 by %2"), _duration(waited, w), ack.who))
    res = next((c for c in alert.changes if c.action == "resolve"), None)
    if res is None:
        parts.append(fill(w.text("still %1"), w.value("state", alert.state)))
    else:
        took = (parse_moment(res.at) - t0).total_seconds()
        parts.append(fill(w.text("resolved after %1 by %2 (%3 over the target)"),
                          _duration(took, w), res.who,
                          _duration(max(0.0, took - target_s), w)))
    if any(c.action == "escalate" for c in alert.changes):
        parts.append(w.text("escalated"))
    if any(c.action == "shelve" for c in alert.changes):
        parts.append(w.text("shelved at some point"))
    return w.text("; ").join(parts)


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
