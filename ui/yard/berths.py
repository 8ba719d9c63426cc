"""The berths' vessel calls on the yard map: which vessel lies at each berth, or last sailed.

The calls come from the terminal's DCSA transport events (`console.yard.vessel_calls`,
kept by the display): a label beside each berth line names the vessel alongside (blue)
or the one that sailed last (grey), with its voyage and the time.  The map calls
`paint_vessel_calls` once per frame; `berth_at` tells which berth a screen point is on,
`berth_tooltip` what its tooltip says.  Every word goes through Qt's translation
(context `Berths`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from console.yard.vessel_calls import VesselCall

if TYPE_CHECKING:
    from ui.yard.map_widget import YardMap
    from ui.yard.overlays import Within

translate = QCoreApplication.translate
ALONGSIDE = QColor(40, 110, 190, 230)
SAILED = QColor(80, 86, 96, 220)
HIT_PX = 16.0  # the line, and the lower half of its label


def call_state(call: VesselCall) -> str:
    """'alongside since 14:05' or 'sailed 18:40' (the call's feed time, as sent)."""
    clock = call.time[11:16] if len(call.time) >= 16 else call.time
    if call.state == "arrived":
        return translate("Berths", "alongside since %1").replace("%1", clock)
    return translate("Berths", "sailed %1").replace("%1", clock)


def call_label(call: VesselCall) -> str:
    name = call.vessel_name or call.vessel
    voyage = f" {call.voyage}" if call.voyage else ""
    return f"{name}{voyage} · {call_state(call)}"


def vessel_labels(m: YardMap) -> list[tuple[float, float, str, bool]]:
    """What `paint_vessel_calls` draws: per berth with a known call, the berth's middle on
    screen, the label and whether the vessel is alongside (the map keys its cache on it)."""
    calls = m.vessel_calls
    if calls is None or not calls.calls:
        return []
    out = []
    for b in m.picture.layout.berths:
        here = calls.at_berth(b.id)
        if not here:
            continue
        call = here[0]
        mid = m.to_screen((b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2)
        out.append((mid.x(), mid.y(), f"{b.id} · {call_label(call)}", call.state == "arrived"))
    return out


def paint_vessel_calls(p: QPainter, m: YardMap,
                       labels: list[tuple[float, float, str, bool]] | None = None,
                       within: Within | None = None) -> None:
    """A label beside each berth with a known call (its latest one first); with `within`,
    only those touching it."""
    labels = vessel_labels(m) if labels is None else labels
    if not labels:
        return
    f = QFont(p.font())
    f.setPointSizeF(8.0)
    p.save()
    p.setFont(f)
    metrics = p.fontMetrics()
    for x, y, text, alongside in labels:
        w, h = metrics.horizontalAdvance(text) + 12, metrics.height() + 4
        rect = QRectF(x - w / 2, y - h - 6, w, h)
        if within is not None and not within.touches(rect.adjusted(-1, -1, 1, 1)):
            continue
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ALONGSIDE if alongside else SAILED)
        p.drawRoundedRect(rect, 3, 3)
        p.setPen(QColor(240, 244, 250))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    p.restore()


def berth_at(m: YardMap, point: QPointF) -> str | None:
    """The berth whose line passes within a few pixels of a screen point."""
    for b in m.picture.layout.berths:
        a, c = m.to_screen(b.x1, b.y1), m.to_screen(b.x2, b.y2)
        if _distance(point, a, c) <= HIT_PX:
            return b.id
    return None


def berth_tooltip(m: YardMap, point: QPointF) -> str | None:
    berth = berth_at(m, point)
    if berth is None:
        return None
    lines = [translate("Berths", "Berth %1").replace("%1", berth)]
    calls = m.vessel_calls.at_berth(berth) if m.vessel_calls is not None else []
    lines += [call_label(c) for c in calls[:3]]
    if not calls:
        lines.append(translate("Berths", "no vessel call reported"))
    return "\n".join(lines)


def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(p.x() - a.x(), p.y() - a.y())
    t = max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2))
    return math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy))
