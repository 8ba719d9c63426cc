"""`KpiPanel`: the shift's KPIs as pyqtgraph charts and workload tables.

Alerts per hour stacked by severity; time to acknowledge and time to resolve
as histograms with the 3-minute target marked and the share within it; the
alarm rate per 10 minutes with the ISA-18.2 flood threshold; workload per
officer and per shift.  `show_kpis(report)` replaces everything at once; the
panel computes nothing (`console.history.kpis` does).
"""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg
from PySide6.QtWidgets import QGridLayout, QLabel, QTableView, QWidget

from console.history.kpis import TERMINAL_TZ, KpiReport, ShiftPlan
from console.history.pdf_charts import histogram
from console.history.table import Table
from ui.history.record_model import RecordTableModel

SEVERITY_COLOURS = {"critical": "#d32f2f", "high": "#f57c00", "medium": "#fbc02d",
                    "low": "#1e88e5"}
BIN_S = 30.0
BINS = 21


class KpiPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiPanel")
        self.headline = QLabel("")
        self.headline.setObjectName("kpiHeadline")
        self.headline.setWordWrap(True)
        self.per_hour = pg.PlotWidget(title=self.tr("Alerts per hour by severity"))
        self.ack = pg.PlotWidget(title=self.tr("Time to acknowledge (s)"))
        self.resolve = pg.PlotWidget(title=self.tr("Time to resolve (s)"))
        self.rate = pg.PlotWidget(title=self.tr("Alerts per 10 minutes (flood above 10)"))
        self.officers = RecordTableModel()
        self.shifts = RecordTableModel()
        grid = QGridLayout(self)
        grid.addWidget(self.headline, 0, 0, 1, 2)
        grid.addWidget(self.per_hour, 1, 0)
        grid.addWidget(self.rate, 1, 1)
        grid.addWidget(self.ack, 2, 0)
        grid.addWidget(self.resolve, 2, 1)
        for col, model in enumerate((self.officers, self.shifts)):
            view = QTableView()
            view.setModel(model)
            view.setObjectName("kpiOfficers" if col == 0 else "kpiShifts")
            grid.addWidget(view, 3, col)
        self.report: KpiReport | None = None

    def show_kpis(self, k: KpiReport) -> None:
        self.report = k
        share = k.share_resolved_within_target
        ack_share = k.share_acked_within_target
        self.headline.setText(self.tr(
            "{n} alerts; acknowledged within target: {a}; resolved within target: {r}; "
            "{f} of {w} ten-minute windows in flood").format(
            n=len(k.alerts), a="-" if ack_share is None else f"{ack_share * 100:.0f} %",
            r="-" if share is None else f"{share * 100:.0f} %",
            f=len(k.flood_windows), w=len(k.rate_10min)))
        self._per_hour(k)
        self._distribution(self.ack, k.ack_times_s, k.target_s)
        self._distribution(self.resolve, k.resolve_times_s, k.target_s)
        self._rate(k)
        self.officers.set_table(Table("officers", ("officer", "acknowledged", "resolved",
                                                   "comments", "other", "total"),
                                      [(o.who, o.acknowledged, o.resolved, o.commented, o.other,
                                        o.total) for o in k.officers]))
        self.shifts.set_table(Table("shifts", ("shift", "raised", "actions", "officers"),
                                    [(ShiftPlan().span(s.shift), s.raised, s.actions,
                                      s.officers)
                                     for s in k.shifts]))

    def _per_hour(self, k: KpiReport) -> None:
        plot = self.per_hour
        plot.clear()
        hours = sorted({h for h, _r, _s in k.hourly})
        base = [0.0] * len(hours)
        for sev, colour in SEVERITY_COLOURS.items():
            heights = [float(sum(c for (h2, _r, s), c in k.hourly.items() if h2 == h and s == sev))
                       for h in hours]
            if any(heights):
                plot.addItem(pg.BarGraphItem(x=list(range(len(hours))), height=heights, y0=base,
                                             width=0.8, brush=colour, name=sev))
            base = [b + h for b, h in zip(base, heights, strict=True)]
        ticks = [(i, datetime.fromtimestamp(h, TERMINAL_TZ).strftime("%H:%M"))
                 for i, h in enumerate(hours)]
        plot.getAxis("bottom").setTicks([ticks[:: max(1, len(ticks) // 12)]])

    def _distribution(self, plot: pg.PlotWidget, values: list[float], target_s: float) -> None:
        plot.clear()
        within = histogram([v for v in values if v <= target_s], BIN_S, BINS)
        late = histogram([v for v in values if v > target_s], BIN_S, BINS)
        xs = [i * BIN_S + BIN_S / 2 for i in range(BINS)]
        plot.addItem(pg.BarGraphItem(x=xs, height=within, width=BIN_S * 0.9, brush="#43a047"))
        plot.addItem(pg.BarGraphItem(x=xs, height=late, y0=within, width=BIN_S * 0.9,
                                     brush="#e53935"))
        plot.addItem(pg.InfiniteLine(pos=target_s, angle=90,
                                     pen=pg.mkPen("w", style=pg.QtCore.Qt.PenStyle.DashLine)))

    def _rate(self, k: KpiReport) -> None:
        plot = self.rate
        plot.clear()
        xs = list(range(len(k.rate_10min)))
        counts = [float(c) for _t, c in k.rate_10min]
        brushes = ["#e53935" if c > k.flood_limit else "#78909c" for c in counts]
        plot.addItem(pg.BarGraphItem(x=xs, height=counts, width=0.9, brushes=brushes))
        ticks = [(i, datetime.fromtimestamp(t, TERMINAL_TZ).strftime("%H:%M"))
                 for i, (t, _c) in enumerate(k.rate_10min)]
        plot.getAxis("bottom").setTicks([ticks[:: max(1, len(ticks) // 12)]])
        plot.addItem(pg.InfiniteLine(pos=k.flood_limit, angle=0,
                                     pen=pg.mkPen("#e53935", style=pg.QtCore.Qt.PenStyle.DashLine)))
