"""The map legend: what each cell colour and marker shape means, in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ui import severity as sev
from ui.yard import cellcolours as cc
from ui.yard.overlays import CRANE_FILL, EMPTY_VEHICLE


def status_word(code: int) -> str:
    """The translated name of a cell status code (context `YardLegend`)."""
    translate = QCoreApplication.translate
    words = {
        cc.NO_CONTAINER: translate("YardLegend", "empty slot"),
        cc.RELEASED: translate("YardLegend", "released"),
        cc.PENDING: translate("YardLegend", "pending"),
        cc.NOT_ON_MANIFEST: translate("YardLegend", "not on manifest"),
        cc.INSPECT: translate("YardLegend", "inspect"),
        cc.HOLD: translate("YardLegend", "hold"),
    }
    return words[code]


class YardLegend(QWidget):
    """A compact painted legend; repaints itself when the language changes."""

    ROW = 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yardLegend")

    def entries(self) -> list[tuple[str, str]]:
        """(kind, text) pairs in drawing order; kind is `cell:<code>`, `empty`, `sev:<s>`…"""
        translate = QCoreApplication.translate
        rows = [(f"cell:{c}", status_word(c)) for c in reversed(cc.CODES)]
        rows.append(("empty", translate("YardLegend", "paler = empty container")))
        rows.append(("height", translate("YardLegend", "brighter = taller stack")))
        rows.append(("unknown", translate("YardLegend", "clearance not yet known")))
        rows += [(f"sev:{s}", sev.label(s)) for s in sev.SEVERITIES]
        rows.append(("vehicle", translate("YardLegend", "vehicle, filled = its cargo")))
        rows.append(("vehicle-empty", translate("YardLegend", "vehicle, empty")))
        rows.append(("crane", translate("YardLegend", "crane")))
        rows.append(("fence", translate("YardLegend", "fence in alarm")))
        return rows

    COLUMN = 175
    CELL_ROWS = len(cc.CODES) + 3  # the cell colours, paler, brighter, not yet known

    def columns(self) -> int:
        """Two columns when they fit (cell colours | shapes), else one."""
        return 2 if self.width() >= 2 * self.COLUMN else 1

    def sizeHint(self) -> QSize:
        rows = max(self.CELL_ROWS, len(self.entries()) - self.CELL_ROWS)
        return QSize(2 * self.COLUMN, self.ROW * rows + 8)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        entries = self.entries()
        split = self.CELL_ROWS if self.columns() == 2 else len(entries)  # colours | shapes
        for i, (kind, text) in enumerate(entries):
            col, row = (0, i) if i < split else (1, i - split)
            x0, y = col * self.COLUMN, 4 + row * self.ROW
            p.save()
            p.translate(x0, 0)
            box = QRectF(6, y + 3, 14, 12)
            if kind.startswith("cell:"):
                p.fillRect(box, QColor(*cc.swatch(int(kind[5:]))))
            elif kind == "empty":
                p.fillRect(box, QColor(*cc.swatch(cc.RELEASED, empty=True)))
            elif kind == "unknown":  # before the clearance snapshot is in
                p.fillRect(box, QColor(*cc.swatch(cc.NOT_ON_MANIFEST, clearance_known=False)))
            elif kind == "height":
                p.fillRect(QRectF(6, y + 3, 7, 12), QColor(*cc.swatch(cc.PENDING, height=1)))
                p.fillRect(QRectF(13, y + 3, 7, 12), QColor(*cc.swatch(cc.PENDING, height=5)))
            elif kind.startswith("sev:"):
                sev.paint_mark(p, kind[4:], 13, y + 9, 6.5)
            elif kind.startswith("vehicle"):
                c = box.center()
                arrow = QPolygonF([c + QPointF(7, 0), c + QPointF(-4, 4), c + QPointF(-4, -4)])
                if kind == "vehicle":
                    p.setPen(QPen(QColor(245, 245, 245), 1))
                    p.setBrush(QColor(*cc.swatch(cc.HOLD, height=5)))
                else:
                    p.setPen(QPen(EMPTY_VEHICLE, 1.5))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPolygon(arrow)
            elif kind == "crane":
                p.setPen(QPen(QColor(20, 20, 20), 1))
                p.setBrush(CRANE_FILL)
                p.drawRect(QRectF(9, y + 3, 8, 12))
            elif kind == "fence":
                pen = QPen(QColor(255, 60, 50), 3)
                pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
                cy = box.center().y()
                p.drawLine(QPointF(box.left(), cy), QPointF(box.right(), cy))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(28, y, self.COLUMN - 30, self.ROW),
                       Qt.AlignmentFlag.AlignVCenter, text)
            p.restore()
        p.end()
