"""The shift report as a PDF: summary, charts, workload, overdue alerts with their story.

Pages, in order (each section starts a page, so a reader and a test know
where to look): 1 summary figures; 2 charts of alerts per hour and the
response distributions; 3 alarm rate and workload per officer and per shift;
4 and after, the overdue alerts, each with where the time went, its change
log and the container's events around it.  Chinese text (the console's
name, officers' comments) is set in an embedded TrueType font
(`CJK_CANDIDATES`), so any PDF reader shows it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from console.history import pdf_charts
from console.history.cancel import NEVER, Cancellation
from console.history.kpis import TERMINAL_TZ, ShiftPlan
from console.history.queries import StoryEvent
from console.history.report import ShiftReport, why_late
from console.history.report_words import ENGLISH, ReportWords, fill
from console.history.table import cell
from console.timefmt import try_parse_time

# TrueType fonts with Traditional Chinese glyphs that reportlab can embed (Noto CJK is
# CFF-based and cannot be embedded); Debian: fonts-droid-fallback.
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
CJK_FONT = "ReviewCJK"
SECTIONS = ("Summary", "Charts", "Rate and workload", "Overdue alerts")
DEFAULT_TITLE = "Shift report"
PRODUCT = "智慧櫃場監管台 Yard Console"  # in Chinese only, in a Chinese report
DETAIL_FIELDS = ("classifier", "status", "position", "seals", "truck_plate", "vessel_imo",
                 "voyage", "declaration_no", "bill_of_lading", "crane_id", "lane_id", "speed",
                 "state", "reason")


def _register_font() -> str:
    """The embedded font for text that may hold Chinese; Helvetica when none is installed
    (Chinese then shows as blanks, the rest of the report is whole)."""
    if CJK_FONT in pdfmetrics.getRegisteredFontNames():
        return CJK_FONT
    for candidate in CJK_CANDIDATES:
        if os.path.exists(candidate):
            pdfmetrics.registerFont(TTFont(CJK_FONT, candidate))
            return CJK_FONT
    return "Helvetica"


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


def mixed(text: str) -> str:
    """Paragraph markup of `text`: escaped, its CJK runs set in the embedded CJK font
    (the fallback font holds no Latin letters, Helvetica no Chinese)."""
    font = _register_font()
    out, last = [], 0
    for m in _WIDE.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(f'<font name="{font}">{escape(m.group(0))}</font>')
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontSize=18),
        "h2": ParagraphStyle("h2", parent=base["Heading2"]),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontSize=10),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontSize=9),
        "small": ParagraphStyle("s", parent=base["BodyText"], fontSize=7,
                                leading=8.5),
    }


def _local(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, TERMINAL_TZ).strftime("%Y-%m-%d %H:%M")


def _local_time(text: str | None) -> str:
    """An RFC 3339 time (any offset, `Z` too) in the terminal's zone, to the second."""
    seconds = try_parse_time(text) if text else None
    if seconds is None:
        return text or ""
    return datetime.fromtimestamp(seconds, TERMINAL_TZ).strftime("%Y-%m-%d %H:%M:%S")


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f} %"


def _secs(v: float | None, w: ReportWords) -> str:
    return "-" if v is None else fill(w.text("%1 s"), f"{v:.0f}")


def _grid(rows: list[list[Any]], widths: list[float] | None = None, size: float = 8) -> Table:
    """A table; text cells are set as paragraphs, so Chinese and Latin both show."""
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=size, leading=size * 1.2)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")
    shaped = [[Paragraph(mixed(str(c)), head if i == 0 else cell) if not isinstance(c, Flowable)
               else c for c in row] for i, row in enumerate(rows)]
    t = Table(shaped, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0bec5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return t


def _summary(r: ShiftReport, st: dict[str, ParagraphStyle], w: ReportWords) -> list[Any]:
    k = r.kpis
    s = k.summary
    target = f"{k.target_s / 60:.0f}"
    figures = [
        [w.text("Figure"), w.text("Value")],
        [w.text("Alerts raised"), str(len(k.alerts))],
        [w.text("By severity"), w.text(", ").join(
            f"{w.value('severity', sev)} {k.by_severity.get(sev, 0)}"
            for sev in pdf_charts.SEVERITIES)],
        [w.text("Resolved"), str(s.resolved)],
        [fill(w.text("Acknowledged within %1 min"), target), _pct(k.share_acked_within_target)],
        [fill(w.text("Resolved within %1 min"), target), _pct(k.share_resolved_within_target)],
        [w.text("Median time to acknowledge"), _secs(s.median_ack_s, w)],
        [w.text("Median time to resolve"), _secs(s.median_resolve_s, w)],
        [w.text("90th percentile time to resolve"), _secs(s.p90_resolve_s, w)],
        [w.text("Overdue alerts"), str(len(r.overdue))],
        [w.text("10-minute windows in flood"),
         fill(w.text("%1 of %2"), len(k.flood_windows), len(k.rate_10min))],
        [w.text("Peak alerts in 10 minutes"),
         str(max((c for _t, c in k.rate_10min), default=0))],
    ]
    rules = [[w.text("Rule"), w.text("Alerts")]] + [
        [w.rule(rule), str(n)] for rule, n in k.by_rule.most_common()]
    title = w.text(r.title) if r.title == DEFAULT_TITLE else r.title
    period = fill(w.text("%1 to %2 (terminal time, UTC+08:00); generated %3; %4"),
                  _local(r.since_s), _local(r.until_s), _local_time(r.generated_at), r.source)
    return [
        Paragraph(mixed(f"{w.text(PRODUCT)} — {title}"), st["title"]),
        Paragraph(mixed(period), st["body"]),
        *_audit_head(r, st, w),
        Spacer(1, 6 * mm), Paragraph(mixed(w.text(SECTIONS[0])), st["h2"]),
        _grid(figures, [80 * mm, 80 * mm], 9), Spacer(1, 6 * mm),
        Paragraph(mixed(w.text("Alerts by rule")), st["h3"]), _grid(rules, [80 * mm, 30 * mm]),
    ]


def _audit_head(r: ShiftReport, st: dict[str, ParagraphStyle], w: ReportWords) -> list[Any]:
    """The audit trail's length and head, to check the trail against later."""
    if r.audit is None:
        return []
    return [Paragraph(mixed(fill(w.text(
        "Audit trail when this report was made: %1 entries, head %2. Check it later with "
        "the command below."), r.audit.count, r.audit.head)), st["body"]),
        Paragraph(mixed(f"yard-console history audit --verify "
                        f"--expect {r.audit.count}:{r.audit.head}"), st["small"])]


def _workload(r: ShiftReport, st: dict[str, ParagraphStyle], w: ReportWords) -> list[Any]:
    k = r.kpis
    plan = ShiftPlan()
    officers = [[w.text("Officer"), w.text("Acknowledged"), w.text("Resolved"),
                 w.text("Comments"), w.text("Other"), w.text("Total")]] + [
        [o.who, o.acknowledged, o.resolved, o.commented, o.other, o.total] for o in k.officers]
    shifts = [[w.text("Shift (terminal time)"), w.text("Alerts raised"),
               w.text("Officer actions"), w.text("Officers")]] + [
        [plan.span(s.shift), s.raised, s.actions, s.officers] for s in k.shifts]
    return [
        Paragraph(mixed(w.text(SECTIONS[2])), st["h2"]), pdf_charts.alarm_rate(k, w),
        Spacer(1, 4 * mm),
        Paragraph(mixed(w.text("Workload per officer")), st["h3"]), _grid(officers),
        Spacer(1, 4 * mm),
        Paragraph(mixed(w.text("Workload per shift")), st["h3"]), _grid(shifts),
    ]


def _overdue(r: ShiftReport, st: dict[str, ParagraphStyle], cancel: Cancellation,
             w: ReportWords) -> list[Any]:
    out: list[Any] = [Paragraph(mixed(w.text(SECTIONS[3])), st["h2"])]
    if not r.overdue:
        out.append(Paragraph(mixed(w.text("No alert missed the target in this period.")),
                             st["body"]))
    for story in r.overdue:
        cancel.raise_if_cancelled()
        a = story.alert
        out.append(Paragraph(mixed(fill(w.text("%1 (%2) — %3 — raised %4 — %5"),
                                        w.rule(a.rule), w.value("severity", a.severity),
                                        a.subject, _local_time(a.raised_at),
                                        w.value("state", a.state))), st["h3"]))
        out.append(Paragraph(mixed(why_late(a, r.kpis.target_s, w)), st["body"]))
        changes = [[w.text("When (console)"), w.text("Action"), w.text("Who"),
                    w.text("Station"), w.text("Why")]] + [
            [_local_time(c.at), w.value("action", c.action), w.value("who", c.who),
             c.station or "", Paragraph(mixed(c.why or ""), st["small"])] for c in a.changes]
        out.append(_grid(changes, [38 * mm, 22 * mm, 25 * mm, 22 * mm, 60 * mm], 7))
        if story.events:
            events = [[w.text("Time (feed)"), w.text("Kind"), w.text("Type"),
                       w.text("Detail")]] + [
                [_local_time(e.time), w.value("kind", e.kind),
                 w.value("type", e.event_type or ""),
                 Paragraph(mixed(_event_detail(e, w)), st["small"])] for e in story.events]
            out.append(Spacer(1, 2 * mm))
            out.append(_grid(events, [42 * mm, 20 * mm, 14 * mm, 91 * mm], 7))
        out.append(Spacer(1, 5 * mm))
    return out


def _event_detail(e: StoryEvent, w: ReportWords) -> str:
    """The event's telling fields (`StoryEvent.detail`), each named and its codes in words."""
    b = e.body
    return "; ".join(f"{w.value('field', k)}: {_detail_value(k, b[k], w)}"
                     for k in DETAIL_FIELDS if b.get(k) not in (None, [], ""))


def _detail_value(name: str, v: Any, w: ReportWords) -> str:
    if name == "position" and isinstance(v, dict):
        if v.get("kind") == "slot":
            return " / ".join(str(v.get(k, "")) for k in ("block", "bay", "row", "tier"))
        return " ".join(str(x) for k, x in v.items() if k != "kind" and x is not None)
    if name == "seals" and isinstance(v, list):
        return ", ".join(str(s.get("number", "")) if isinstance(s, dict) else str(s) for s in v)
    return w.value(name, str(cell(v)))


def render_pdf(
    report: ShiftReport, path: str | os.PathLike[str], *, cancel: Cancellation = NEVER,
    progress: Callable[[float], None] | None = None, words: ReportWords = ENGLISH,
) -> int:
    """Write the report to `path` in `words`' language; return the number of pages."""
    w = words
    st = _styles()
    k = report.kpis
    story: list[Any] = [*_summary(report, st, w), PageBreak(),
                        Paragraph(mixed(w.text(SECTIONS[1])), st["h2"]),
                        pdf_charts.alerts_per_hour(k, w),
                        Spacer(1, 4 * mm),
                        pdf_charts.response_distribution(w.text("Time to acknowledge"),
                                                         k.ack_times_s, k.target_s, w),
                        Spacer(1, 4 * mm),
                        pdf_charts.response_distribution(w.text("Time to resolve"),
                                                         k.resolve_times_s, k.target_s, w),
                        PageBreak(), *_workload(report, st, w), PageBreak(),
                        *_overdue(report, st, cancel, w)]
    if progress is not None:
        progress(0.5)
    pages: list[int] = []
    doc = SimpleDocTemplate(os.fspath(path), pagesize=A4, title=f"Yard Console {report.title}",
                            leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm)
    page_word = w.text("page %1")

    def number(canvas: Any, _doc: Any) -> None:
        pages.append(canvas.getPageNumber())
        pdf_charts.draw_mixed(canvas, A4[0] - 15 * mm, 8 * mm,
                              fill(page_word, canvas.getPageNumber()), 7, right=True)

    doc.build(story, onFirstPage=number, onLaterPages=number)
    if progress is not None:
        progress(1.0)
    return len(pages)
