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
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from console.history import pdf_charts
from console.history.cancel import NEVER, Cancellation
from console.history.kpis import TERMINAL_TZ
from console.history.report import ShiftReport

# TrueType fonts with Traditional Chinese glyphs that reportlab can embed (Noto CJK is
# CFF-based and cannot be embedded); Debian: fonts-droid-fallback.
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
CJK_FONT = "ReviewCJK"
SECTIONS = ("Summary", "Charts", "Rate and workload", "Overdue alerts")


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


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f} %"


def _secs(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f} s"


def _grid(rows: list[list[Any]], widths: list[float] | None = None, size: float = 8) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", size),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", size),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0bec5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return t


def _summary(r: ShiftReport, st: dict[str, ParagraphStyle]) -> list[Any]:
    k = r.kpis
    s = k.summary
    figures = [
        ["Figure", "Value"],
        ["Alerts raised", str(len(k.alerts))],
        ["By severity", ", ".join(f"{sev} {k.by_severity.get(sev, 0)}"
                                  for sev in pdf_charts.SEVERITIES)],
        ["Resolved", str(s.resolved)],
        [f"Acknowledged within {k.target_s / 60:.0f} min", _pct(k.share_acked_within_target)],
        [f"Resolved within {k.target_s / 60:.0f} min", _pct(k.share_resolved_within_target)],
        ["Median time to acknowledge", _secs(s.median_ack_s)],
        ["Median time to resolve", _secs(s.median_resolve_s)],
        ["90th percentile time to resolve", _secs(s.p90_resolve_s)],
        ["Overdue alerts", str(len(r.overdue))],
        ["10-minute windows in flood", f"{len(k.flood_windows)} of {len(k.rate_10min)}"],
        ["Peak alerts in 10 minutes", str(max((c for _t, c in k.rate_10min), default=0))],
    ]
    rules = [["Rule", "Alerts"]] + [[rule, str(n)] for rule, n in k.by_rule.most_common()]
    return [
        Paragraph(mixed(f"智慧櫃場監管台 Yard Console — {r.title}"), st["title"]),
        Paragraph(mixed(f"{_local(r.since_s)} to {_local(r.until_s)} (UTC+08:00); "
                         f"generated {r.generated_at}; {r.source}"), st["body"]),
        *_audit_head(r, st),
        Spacer(1, 6 * mm), Paragraph(SECTIONS[0], st["h2"]),
        _grid(figures, [80 * mm, 80 * mm], 9), Spacer(1, 6 * mm),
        Paragraph("Alerts by rule", st["h3"]), _grid(rules, [80 * mm, 30 * mm]),
    ]


def _audit_head(r: ShiftReport, st: dict[str, ParagraphStyle]) -> list[Any]:
    """The audit trail's length and head, to check the trail against later."""
    if r.audit is None:
        return []
    return [Paragraph(mixed(
        f"Audit trail when this report was made: {r.audit.count} entries, head "
        f"{r.audit.head}. Check it later with: yard-console history audit --verify "
        f"--expect {r.audit.count}:{r.audit.head}"), st["body"])]


def _workload(r: ShiftReport, st: dict[str, ParagraphStyle]) -> list[Any]:
    k = r.kpis
    officers = [["Officer", "Acknowledged", "Resolved", "Comments", "Other", "Total"]] + [
        [o.who, o.acknowledged, o.resolved, o.commented, o.other, o.total] for o in k.officers]
    shifts = [["Shift (local start)", "Alerts raised", "Officer actions", "Officers"]] + [
        [s.shift, s.raised, s.actions, s.officers] for s in k.shifts]
    return [
        Paragraph(SECTIONS[2], st["h2"]), pdf_charts.alarm_rate(k), Spacer(1, 4 * mm),
        Paragraph("Workload per officer", st["h3"]), _grid(officers), Spacer(1, 4 * mm),
        Paragraph("Workload per shift", st["h3"]), _grid(shifts),
    ]


def _overdue(r: ShiftReport, st: dict[str, ParagraphStyle], cancel: Cancellation) -> list[Any]:
    out: list[Any] = [Paragraph(SECTIONS[3], st["h2"])]
    if not r.overdue:
        out.append(Paragraph("No alert missed the target in this period.", st["body"]))
    for story in r.overdue:
        cancel.raise_if_cancelled()
        a = story.alert
        out.append(Paragraph(mixed(f"{a.rule} ({a.severity}) — {a.subject} — raised "
                                    f"{a.raised_at} — {a.state}"), st["h3"]))
        out.append(Paragraph(mixed(story.why_late), st["body"]))
        changes = [["When (console)", "Action", "Who", "Station", "Why"]] + [
            [c.at[:19], c.action, c.who, c.station or "",
             Paragraph(mixed(c.why or ""), st["small"])] for c in a.changes]
        out.append(_grid(changes, [38 * mm, 22 * mm, 25 * mm, 22 * mm, 60 * mm], 7))
        if story.events:
            events = [["Time (feed)", "Kind", "Type", "Detail"]] + [
                [e.time[:23], e.kind, e.event_type or "",
                 Paragraph(mixed(e.detail()), st["small"])] for e in story.events]
            out.append(Spacer(1, 2 * mm))
            out.append(_grid(events, [42 * mm, 20 * mm, 14 * mm, 91 * mm], 7))
        out.append(Spacer(1, 5 * mm))
    return out


def render_pdf(
    report: ShiftReport, path: str | os.PathLike[str], *, cancel: Cancellation = NEVER,
    progress: Callable[[float], None] | None = None,
) -> int:
    """Write the report to `path`; return the number of pages."""
    st = _styles()
    k = report.kpis
    story: list[Any] = [*_summary(report, st), PageBreak(),
                        Paragraph(SECTIONS[1], st["h2"]), pdf_charts.alerts_per_hour(k),
                        Spacer(1, 4 * mm),
                        pdf_charts.response_distribution("Time to acknowledge", k.ack_times_s,
                                                         k.target_s),
                        Spacer(1, 4 * mm),
                        pdf_charts.response_distribution("Time to resolve", k.resolve_times_s,
                                                         k.target_s),
                        PageBreak(), *_workload(report, st), PageBreak(),
                        *_overdue(report, st, cancel)]
    if progress is not None:
        progress(0.5)
    pages: list[int] = []
    doc = SimpleDocTemplate(os.fspath(path), pagesize=A4, title=f"Yard Console {report.title}",
                            leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm)

    def number(canvas: Any, _doc: Any) -> None:
        pages.append(canvas.getPageNumber())
        canvas.setFont("Helvetica", 7)
        canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"page {canvas.getPageNumber()}")

    doc.build(story, onFirstPage=number, onLaterPages=number)
    if progress is not None:
        progress(1.0)
    return len(pages)
