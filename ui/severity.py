"""How a severity looks: a shape, a word and a colour, never colour alone.

critical = octagon (a stop sign), high = triangle (a warning sign),
medium = diamond, low = circle.  The queue, the map markers and the legend all
draw through `severity_path`, so the officer learns one vocabulary.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
COLOUR: dict[str, QColor] = {
    "critical": QColor(240, 60, 50),
    "high": QColor(245, 150, 40),
    "medium": QColor(230, 210, 70),
    "low": QColor(110, 170, 230),
}
GLYPH: dict[str, str] = {"critical": "■", "high": "▲", "medium": "◆", "low": "●"}


def label(severity: str) -> str:
    """The translated word for a severity (context `Severity`)."""
    words = {
        "critical": QCoreApplication.translate("Severity", "CRITICAL"),
        "high": QCoreApplication.translate("Severity", "HIGH"),
        "medium": QCoreApplication.translate("Severity", "MEDIUM"),
        "low": QCoreApplication.translate("Severity", "LOW"),
    }
    return words.get(severity, severity.upper())


def rank(severity: str) -> int:
    return RANK.get(severity, len(SEVERITIES))


def severity_path(severity: str, cx: float, cy: float, r: float) -> QPainterPath:
    """The marker outline for a severity, centred on (cx, cy) with radius r (pixels)."""
    path = QPainterPath()
    if severity == "critical":
        pts = [QPointF(cx + r * math.cos(math.pi / 8 + k * math.pi / 4),
                       cy + r * math.sin(math.pi / 8 + k * math.pi / 4)) for k in range(8)]
        path.addPolygon(QPolygonF(pts))
    elif severity == "high":
        path.addPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy + r * 0.8),
                                   QPointF(cx - r, cy + r * 0.8)]))
    elif severity == "medium":
        path.addPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy),
                                   QPointF(cx, cy + r), QPointF(cx - r, cy)]))
    else:
        path.addEllipse(QPointF(cx, cy), r * 0.8, r * 0.8)
    path.closeSubpath()
    return path


RADIUS_SCALE: dict[str, float] = {"critical": 1.2, "high": 1.1, "medium": 1.0, "low": 0.75}


def paint_mark(p: QPainter, severity: str, cx: float, cy: float, r: float) -> None:
    """The full mark: the shape (bigger for worse), and a "!" inside critical and high."""
    radius = r * RADIUS_SCALE.get(severity, 1.0)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(QColor(0, 0, 0), max(1.0, r / 6)))
    p.setBrush(COLOUR.get(severity, QColor(200, 200, 200)))
    p.drawPath(severity_path(severity, cx, cy, radius))
    if severity in ("critical", "high") and r >= 5:
        f = QFont(p.font())
        f.setBold(True)
        f.setPixelSize(max(6, int(radius * 1.1)))
        p.setFont(f)
        p.setPen(QColor(255, 255, 255) if severity == "critical" else QColor(20, 20, 20))
        dy = radius * 0.18 if severity == "high" else 0.0
        p.drawText(QRectF(cx - radius, cy - radius + dy, 2 * radius, 2 * radius),
                   Qt.AlignmentFlag.AlignCenter, "!")
    p.restore()
