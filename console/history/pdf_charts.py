"""The shift report's charts, drawn with reportlab's own graphics (no Qt, no files).

Each function returns a `Drawing` a PDF page can hold: alerts per hour
stacked by severity, the time-to-acknowledge and time-to-resolve
distributions with the target marked, and the alarm rate per 10 minutes
with the ISA-18.2 flood threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from console.history.kpis import TERMINAL_TZ, KpiReport

SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_COLOURS = {
    "critical": colors.HexColor("#b71c1c"), "high": colors.HexColor("#ef6c00"),
    "medium": colors.HexColor("#f9a825"), "low": colors.HexColor("#1565c0"),
}
WIDTH, HEIGHT = 480, 190


def _frame(title: str) -> Drawing:
    d = Drawing(WIDTH, HEIGHT)
    d.add(String(0, HEIGHT - 12, title, fontName="Helvetica-Bold", fontSize=10))
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
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = None
    d.add(chart)
    return chart


def alerts_per_hour(k: KpiReport) -> Drawing:
    d = _frame("Alerts per hour, by severity")
    hours = sorted({h for h, _r, _s in k.hourly})
    data = [[float(sum(c for (h2, _r, s), c in k.hourly.items() if h2 == h and s == sev))
             for h in hours] for sev in SEVERITIES]
    labels = [datetime.fromtimestamp(h, TERMINAL_TZ).strftime("%H:%M") for h in hours]
    _bars(d, data, labels, [SEVERITY_COLOURS[s] for s in SEVERITIES], stacked=True)
    legend = Legend()
    legend.x, legend.y = WIDTH - 70, HEIGHT - 40
    legend.fontSize = 7
    legend.columnMaximum = 4
    legend.colorNamePairs = [(SEVERITY_COLOURS[s], s) for s in SEVERITIES]
    d.add(legend)
    return d


def histogram(values: Sequence[float], bin_s: float, bins: int) -> list[float]:
    """Counts per bin of `bin_s` seconds; the last bin holds everything longer."""
    counts = [0.0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(v // bin_s)))] += 1
    return counts


def response_distribution(title: str, values: Sequence[float], target_s: float) -> Drawing:
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
    d.add(String(x + 2, chart.y + chart.height - 8, f"target {int(target_s // 60)} min",
                 fontSize=7))
    share = f"{len(within)} of {len(values)} within target" if values else "no data"
    d.add(String(WIDTH - 160, HEIGHT - 12, share, fontSize=8))
    return d


def alarm_rate(k: KpiReport) -> Drawing:
    d = _frame("Alarm rate per 10 minutes (ISA-18.2 flood: more than 10)")
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
