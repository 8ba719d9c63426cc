"""What the yard map draws besides the container rasters: ground, fence, machines, markers.

Vehicles, cranes and alert markers are drawn one by one (a few hundred at
most), batched into one path per colour where they can be; zones, berths,
quiet fence segments and block labels only change with the view, so the map
renders them once into its background pixmap.  Each function takes the
painter and the map (for its view: `to_screen`, `world_transform`, `scale`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF, QRegion

from ui import severity as sev
from ui.yard.cellcolours import STATUS_CODE, swatch

if TYPE_CHECKING:
    from ui.yard.map_widget import YardMap

ZONE_FILL: dict[str, QColor] = {
    "quay": QColor(40, 52, 66), "yard": QColor(30, 36, 44), "road": QColor(48, 50, 56),
    "gate": QColor(45, 60, 58), "transfer": QColor(44, 58, 46),
    "restricted": QColor(90, 30, 34), "inspection": QColor(70, 56, 30),
}


def paint_zones(p: QPainter, m: YardMap) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    for z in m.picture.layout.zones:
        p.setBrush(ZONE_FILL.get(z.kind, QColor(34, 40, 48)))
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in z.polygon]))
    pen = QPen(QColor(120, 160, 200), 0)
    pen.setCosmetic(True)
    pen.setWidthF(3)
    p.setPen(pen)
    for b in m.picture.layout.berths:
        p.drawLine(QPointF(b.x1, b.y1), QPointF(b.x2, b.y2))


def paint_grid(p: QPainter, m: YardMap) -> None:
    pen = QPen(QColor(18, 22, 28), 0)
    pen.setCosmetic(True)
    view = QRectF(m.rect())
    p.save()
    p.setTransform(m.world_transform())
    p.setPen(pen)
    for r in m.picture.rasters:
        b = r.block
        pts = [m.to_screen(x, y) for x, y in b.corners()]
        xs, ys = [q.x() for q in pts], [q.y() for q in pts]
        if not QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).intersects(view):
            continue
        p.save()
        p.translate(b.x, b.y)
        p.rotate(b.angle_deg)
        lu, lv = b.bays * b.slot_length_m, b.rows * b.slot_width_m
        for i in range(b.bays + 1):
            p.drawLine(QPointF(i * b.slot_length_m, 0), QPointF(i * b.slot_length_m, lv))
        for j in range(b.rows + 1):
            p.drawLine(QPointF(0, j * b.slot_width_m), QPointF(lu, j * b.slot_width_m))
        p.restore()
    p.restore()


def paint_slot_numbers(p: QPainter, m: YardMap) -> None:
    """Zoomed in to bays and rows: the block id and every fifth bay and row number."""
    f = QFont(p.font())
    f.setPointSizeF(7.5)
    p.setFont(f)
    p.setPen(QColor(190, 200, 215))
    view = QRectF(m.rect()).adjusted(-40, -40, 40, 40)
    for r in m.picture.rasters:
        b = r.block
        pts = [m.to_screen(x, y) for x, y in b.corners()]
        xs, ys = [q.x() for q in pts], [q.y() for q in pts]
        if not QRectF(min(xs), min(ys), max(xs) - min(xs),
                      max(ys) - min(ys)).intersects(view):
            continue
        label = m.to_screen(*b.local_to_world(-b.slot_length_m * 0.5,
                                                 -b.slot_width_m * 1.2))
        p.drawText(label + QPointF(-8, 4), b.id)
        for bay in range(5, b.bays + 1, 5):
            pt = m.to_screen(*b.local_to_world((bay - 0.5) * b.slot_length_m,
                                                  -b.slot_width_m * 0.6))
            if view.contains(pt):
                p.drawText(pt + QPointF(-6, 4), str(bay))
                if bay % 10 == 0:
                    p.drawText(pt + QPointF(-6, 16), b.id)
        for row in range(1, b.rows + 1, 2 if b.rows > 6 else 1):
            pt = m.to_screen(*b.local_to_world(-b.slot_length_m * 0.4,
                                                  (row - 0.5) * b.slot_width_m))
            if view.contains(pt):
                p.drawText(pt + QPointF(-6, 4), str(row))


def paint_fence(p: QPainter, m: YardMap, alarmed: bool) -> None:
    """Quiet segments go into the background; segments in alarm are drawn every frame."""
    alarms = m.picture.fence_alarm
    for seg in m.picture.layout.fence:
        if (seg.id in alarms) != alarmed:
            continue
        pen = QPen(QColor(255, 60, 50) if alarmed else QColor(110, 120, 135),
                   4 if alarmed else 1.5)
        if alarmed:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawPolyline(QPolygonF([m.to_screen(x, y) for x, y in seg.points]))


CRANE_FILL = QColor(150, 154, 160)  # normal equipment: grey, like everything normal
EMPTY_VEHICLE = QColor(170, 176, 184)
# How far from its point a mark's pixels may reach (its pen and antialiasing included).
REACH: dict[str, tuple[float, float]] = {"vehicle": (10.0, 10.0), "crane": (6.0, 8.0)}
Placed = dict[tuple[str, str], tuple[float, float]]  # ("vehicle" | "crane", id) → screen point


def mark_rect(kind: str, x: float, y: float) -> QRectF:
    """The screen rectangle a vehicle's or crane's mark at (x, y) may touch."""
    rx, ry = REACH[kind]
    return QRectF(x - rx, y - ry, 2 * rx, 2 * ry)


class Within:
    """A part of the overlay drawn again: its region, and its bounding box for a quick
    test of the few hundred marks (most of them far away)."""

    def __init__(self, region: QRegion) -> None:
        self.region = region
        box = region.boundingRect()
        self.x0, self.y0 = box.left(), box.top()
        self.x1, self.y1 = box.right() + 1, box.bottom() + 1
        self.single = region.rectCount() == 1

    def touches(self, rect: QRectF) -> bool:
        if rect.right() < self.x0 or rect.left() > self.x1 \
                or rect.bottom() < self.y0 or rect.top() > self.y1:
            return False
        return self.single or self.region.intersects(rect.toAlignedRect())

    def near(self, kind: str, x: float, y: float) -> bool:
        rx, ry = REACH[kind]
        if x + rx < self.x0 or x - rx > self.x1 or y + ry < self.y0 or y - ry > self.y1:
            return False
        return self.single or self.region.intersects(mark_rect(kind, x, y).toAlignedRect())


def _outside(within: Within | None, kind: str, x: float, y: float) -> bool:
    return within is not None and not within.near(kind, x, y)


def paint_cranes(p: QPainter, m: YardMap, placed: Placed | None = None,
                 within: Within | None = None) -> None:
    """Cranes as small upright rectangles (axis-aligned: no antialiasing needed).

    `placed` learns where each was drawn; with `within`, only those touching it are."""
    grey = "cranes" in m.stale_layers
    rects = []
    for crane_id, (x, y) in m.picture.cranes.items():
        c = m.to_screen(x, y)
        if placed is not None:
            placed[("crane", crane_id)] = (c.x(), c.y())
        if _outside(within, "crane", c.x(), c.y()):
            continue
        rects.append(QRectF(c.x() - 4, c.y() - 6, 8, 12))
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(QPen(QColor(20, 20, 20), 1))
    p.setBrush(QColor(90, 90, 90) if grey else CRANE_FILL)
    p.drawRects(rects)
    p.restore()


def _arrow(deg: float) -> QPolygonF:
    a = math.radians(deg)
    c, n = math.cos(a), math.sin(a)
    return QPolygonF([QPointF(8 * c, -8 * n), QPointF(-5 * c - 5 * n, 5 * n - 5 * c),
                      QPointF(-5 * c + 5 * n, 5 * n + 5 * c)])


ARROWS: tuple[QPolygonF, ...] = tuple(_arrow(k * 10.0) for k in range(36))


def paint_vehicles(p: QPainter, m: YardMap, placed: Placed | None = None,
                   within: Within | None = None) -> None:
    """Vehicles as heading arrows; a laden one wears its container's customs colour.

    A container on hold riding towards the gate is then visible as such.
    Arrows come from 36 pre-rotated shapes (10° steps), drawn per colour in a
    fixed order (so that a few drawn again over their old pixels come out the
    same): about 1.6 ms for 250 vehicles, a fifth of building one path of them
    all.  `placed` learns where each was drawn; with `within`, only the
    vehicles touching that region are drawn.
    """
    grey = "vehicles" in m.stale_layers
    buckets: dict[int, list[tuple[float, float, int]]] = {}
    w2, h2, s = m.width() / 2, m.height() / 2, m.scale
    status, known = m.picture.status, m.picture.clearance_known
    for v in m.picture.vehicles.values():
        x, y = (v.x - m.cx) * s + w2, h2 - (v.y - m.cy) * s
        if not (-10 < x < 2 * w2 + 10 and -10 < y < 2 * h2 + 10):
            continue
        if placed is not None:
            placed[("vehicle", v.vehicle_id)] = (x, y)
        if _outside(within, "vehicle", x, y):
            continue
        code = -1 if not v.carrying else STATUS_CODE.get(status.get(v.carrying),
                                                         STATUS_CODE[None])
        buckets.setdefault(code, []).append((x, y, round(v.heading / 10.0) % 36))
    for code, arrows in sorted(buckets.items()):
        if code < 0:
            p.setPen(QPen(EMPTY_VEHICLE if not grey else QColor(110, 110, 110), 1.0))
            p.setBrush(QColor(30, 40, 50))
        else:
            p.setPen(QPen(QColor(245, 245, 245) if not grey else QColor(150, 150, 150), 1.0))
            p.setBrush(QColor(*swatch(code, height=5, clearance_known=known)) if not grey
                       else QColor(120, 120, 120))
        for x, y, k in arrows:
            p.drawConvexPolygon(ARROWS[k].translated(x, y))


def paint_labels(p: QPainter, m: YardMap) -> None:
    if m.scale < 0.6:
        return
    f = QFont(p.font())
    f.setPointSizeF(7.5)
    p.setFont(f)
    p.setPen(QColor(170, 180, 195))
    for r in m.picture.rasters:
        x, y = r.block.local_to_world(0, r.block.rows * r.block.slot_width_m)
        p.drawText(m.to_screen(x, y) + QPointF(2, -3), r.block.id)


def paint_markers(p: QPainter, m: YardMap) -> None:
    for marker in sorted(m.markers, key=lambda mk: -sev.rank(mk.severity)):
        c = m.to_screen(marker.x, marker.y)
        sev.paint_mark(p, marker.severity, c.x(), c.y(), 10)
