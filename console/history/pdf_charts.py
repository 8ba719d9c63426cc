"""The shift report's charts, drawn with reportlab's own graphics (no Qt, no files).

Each function returns a `Drawing` a PDF page can hold: alerts per hour
stacked by severity, the time-to-acknowledge and time-to-resolve
distributions with the target marked, and the alarm rate per 10 minutes
with the ISA-18.2 flood threshold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from console.history.kpis import TERMINAL_TZ, KpiReport
from console.history.report_words import ENGLISH, ReportWords, fill

SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_COLOURS = {
    "critical": colors.HexColor("#b71c1c"), "high": colors.HexColor("#ef6c00"),
    "medium": colors.HexColor("#f9a825"), "low": colors.HexColor("#1565c0"),
}
WIDTH, HEIGHT = 480, 190


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")


def runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (run, is_cjk): Chinese runs go to the embedded CJK font (which has
    no Latin letters), the rest to Helvetica (which has no Chinese)."""
    out, last = [], 0
    for m in _WIDE.finditer(text):
        if m.start() > last:
            out.append((text[last:m.start()], False))
        out.append((m.group(0), True))
        last = m.end()
    if last < len(text):
        out.append((text[last:], False))
    return out


def cjk_font() -> str:
    from console.history.pdf import _register_font

    return _register_font()


def mixed_strings(x: float, y: float, text: str, size: float, *, bold: bool = False,
                  right: bool = False) -> list[String]:
    """Chart text in two fonts, side by side (reportlab's `String` takes one font)."""
    latin = "Helvetica-Bold" if bold else "Helvetica"
    parts = [(run, cjk_font() if wide else latin) for run, wide in runs(text)]
    widths = [stringWidth(run, font, size) for run, font in parts]
    at = x - sum(widths) if right else x
    out = []
    for (run, font), width in zip(parts, widths, strict=True):
        out.append(String(at, y, run, fontName=font, fontSize=size))
        at += width
    return out


def draw_mixed(canvas: Any, x: float, y: float, text: str, size: float, *,
               right: bool = False) -> None:
    """The same on a page canvas (the page number)."""
    for s in mixed_strings(x, y, text, size, right=right):
        canvas.setFont(s.fontName, s.fontSize)
        canvas.drawString(s.x, s.y, s.text)


def _frame(title: str) -> Drawing:
    d = Drawing(WIDTH, HEIGHT)
    for s in mixed_strings(0, HEIGHT - 12, title, 10, bold=True):
        d.add(s)
    return d


def _bars(d: Drawing, data: list[list[float]], labels: Sequence[str], fills: Sequence[object],
          *, stacked: bool = False) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, WIDTH - 120, HEIGHT - 60
    chart.data = data if data and data[0] else [[0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 45 if len(labels) > 12 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 12 else "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    if stacked:
        chart.categoryAxis.style = "stacked"
    for i, colour in enumerate(fills):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    d.add(chart)
    return chart


def alerts_per_hour(k: KpiReport, w: ReportWords = ENGLISH) -> Drawing:
    d = _frame(w.text("Alerts per hour, by severity"))
    hours = sorted({h for h, _r, _s in k.hourly})
    data = [[float(sum(c for (h2, _r, s), c in k.hourly.items() if h2 == h and s == sev))
             for h in hours] for sev in SEVERITIES]
    labels = [datetime.fromtimestamp(h, TERMINAL_TZ).strftime("%H:%M") for h in hours]
    _bars(d, data, labels, [SEVERITY_COLOURS[s] for s in SEVERITIES], stacked=True)
    legend = Legend()
    legend.x, legend.y = WIDTH - 70, HEIGHT - 40
    legend.fontSize = 7
    legend.columnMaximum = 4
    names = [w.value("severity", s) for s in SEVERITIES]
    if any(_WIDE.search(n) for n in names):
        legend.fontName = cjk_font()
    legend.colorNamePairs = list(zip([SEVERITY_COLOURS[s] for s in SEVERITIES], names,
                                     strict=True))
    d.add(legend)
    return d


def histogram(values: Sequence[float], bin_s: float, bins: int) -> list[float]:
    """Counts per bin of `bin_s` seconds; the last bin holds everything longer."""
    counts = [0.0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(v // bin_s)))] += 1
    return counts


def response_distribution(title: str, values: Sequence[float], target_s: float,
                          w: ReportWords = ENGLISH) -> Drawing:
    d = _frame(title)
    bin_s, bins = 30.0, 21
    labels = [f"{int(i * bin_s // 60)}:{int(i * bin_s % 60):02d}" for i in range(bins - 1)]
    labels.append(f">{int((bins - 1) * bin_s // 60)}m")
    within = [v for v in values if v <= target_s]
    late = [v for v in values if v > target_s]
    chart = _bars(d, [histogram(within, bin_s, bins), histogram(late, bin_s, bins)], labels,
                  [colors.HexColor("#2e7d32"), colors.HexColor("#c62828")], stacked=True)
    x = chart.x + chart.width * (target_s / bin_s) / bins
    d.add(Line(x, chart.y, x, chart.y + chart.height, strokeColor=colors.black,
               strokeDashArray=[3, 2]))
    for s in mixed_strings(x + 2, chart.y + chart.height - 8,
                           fill(w.text("target %1 min"), int(target_s // 60)), 7):
        d.add(s)
    share = (fill(w.text("%1 of %2 within target"), len(within), len(values)) if values
             else w.text("no data"))
    for s in mixed_strings(WIDTH - 160, HEIGHT - 12, share, 8):
        d.add(s)
    return d


def alarm_rate(k: KpiReport, w: ReportWords = ENGLISH) -> Drawing:
    d = _frame(w.text("Alarm rate per 10 minutes (ISA-18.2 flood: more than 10)"))
    windows = k.rate_10min[-144:]
    values = [float(c) for _t, c in windows]
    labels = [datetime.fromtimestamp(t, TERMINAL_TZ).strftime("%H:%M") if i % 6 == 0 else ""
              for i, (t, _c) in enumerate(windows)]
    fills = [colors.HexColor("#546e7a")]
    chart = _bars(d, [values], labels, fills)
    top = max([*values, float(k.flood_limit) + 2])
    chart.valueAxis.valueMax = top
    for i, v in enumerate(values):
        if v > k.flood_limit:
            chart.bars[(0, i)].fillColor = colors.HexColor("#c62828")
    y = chart.y + chart.height * k.flood_limit / top
    d.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=colors.HexColor("#c62828"),
               strokeDashArray=[3, 2]))
    return d
