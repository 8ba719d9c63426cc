"""The yard map: the terminal, every container slot, vehicles, cranes, fence and alerts.

Containers are drawn as one small image per block (`YardPicture`), scaled by
the painter with no smoothing, so 100k slots cost a few `drawImage` calls; only
vehicles, cranes and alert markers are drawn one by one.  The ground, zones,
fence, labels and every block are composed once per view into a cached pixmap;
after a change set only the cells it recoloured (`YardPicture.take_dirty`) are
painted again into that pixmap, and each frame is that pixmap plus the live
overlays (vehicles, cranes, alarmed fence, alert markers).  The widget owns the
view (centre in metres, pixels per metre) and nothing else: it never touches
the network or the store.

Signals:
    container_clicked(str)  – a click on a slot with a container (its number)
    vehicle_clicked(str)    – a click on a vehicle (its id)
    view_changed()          – zoom or pan changed
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from ui.yard import overlays
from ui.yard.cellcolours import STATUS_CODE
from ui.yard.legend import status_word
from ui.yard.picture import BlockRaster, YardPicture

LAYERS: tuple[str, ...] = ("zones", "containers", "vehicles", "cranes", "fence", "alerts", "labels")


@dataclass(frozen=True, slots=True)
class AlertMarker:
    alert_id: str
    severity: str
    x: float
    y: float


class YardMap(QWidget):
    container_clicked = Signal(str)
    vehicle_clicked = Signal(str)
    view_changed = Signal()

    def __init__(self, picture: YardPicture, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yardMap")
        self.picture = picture
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self.cx, self.cy = picture.layout.width_m / 2, picture.layout.height_m / 2
        self.scale = 1.0
        self._fitted = False
        self.visible_layers: set[str] = set(LAYERS)
        self.stale_layers: set[str] = set()
        self.markers: list[AlertMarker] = []
        self.highlight: tuple[float, float] | None = None
        self._drag: QPointF | None = None
        self._press: QPointF | None = None
        self.latencies: deque[float] = deque(maxlen=20000)
        self.frame_times: deque[float] = deque(maxlen=2000)
        self.frame_cpu: deque[float] = deque(maxlen=2000)
        self.painted_revision = -1
        self._background: QPixmap | None = None
        self._background_key: tuple[object, ...] | None = None
        self._composed: QPixmap | None = None  # background and blocks, for one view
        self._composed_key: tuple[object, ...] | None = None
        self.cells_repainted = 0  # cells painted into the cached picture (not recomposed)
        self.recomposed = 0  # times the whole picture was composed anew

    # -- view ----------------------------------------------------------------
    def fit_all(self) -> None:
        lay = self.picture.layout
        w, h = max(1, self.width()), max(1, self.height())
        self.scale = min(w / lay.width_m, h / lay.height_m) * 0.95
        self.cx, self.cy = lay.width_m / 2, lay.height_m / 2
        self._fitted = True
        self.view_changed.emit()
        self.update()

    def world_transform(self) -> QTransform:
        t = QTransform()
        t.translate(self.width() / 2, self.height() / 2)
        t.scale(self.scale, -self.scale)
        t.translate(-self.cx, -self.cy)
        return t

    def to_screen(self, x: float, y: float) -> QPointF:
        return QPointF((x - self.cx) * self.scale + self.width() / 2,
                       self.height() / 2 - (y - self.cy) * self.scale)

    def to_world(self, p: QPointF) -> tuple[float, float]:
        return ((p.x() - self.width() / 2) / self.scale + self.cx,
                (self.height() / 2 - p.y()) / self.scale + self.cy)

    def zoom_at(self, factor: float, anchor: QPointF | None = None) -> None:
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        wx, wy = self.to_world(anchor)
        self.scale = max(0.05, min(80.0, self.scale * factor))
        nx, ny = self.to_world(anchor)
        self.cx += wx - nx
        self.cy += wy - ny
        self.view_changed.emit()
        self.update()

    def pan_pixels(self, dx: float, dy: float) -> None:
        self.cx -= dx / self.scale
        self.cy += dy / self.scale
        self.view_changed.emit()
        self.update()

    def centre_on(self, x: float, y: float, min_scale: float | None = None) -> None:
        self.cx, self.cy = x, y
        if min_scale is not None and self.scale < min_scale:
            self.scale = min_scale
        self.highlight = (x, y)
        self.view_changed.emit()
        self.update()

    def frame(self, x: float, y: float, metres: float) -> None:
        """Centre on a place and show `metres` of surroundings across the map's shorter side.

        Enough to recognise the place (its block, the lanes and neighbours beside it),
        never zoomed so far that no context remains, nor out to the whole terminal.
        """
        side = max(1, min(self.width(), self.height()))
        self.scale = max(0.05, min(80.0, side / max(1.0, metres)))
        self.centre_on(x, y)

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        (self.visible_layers.add if visible else self.visible_layers.discard)(layer)
        self.update()

    def set_picture(self, picture: YardPicture) -> None:
        self.picture = picture
        self._background = None
        self._composed = None
        self.fit_all()

    def invalidate(self) -> None:
        """Compose the whole picture anew at the next paint (as after a zoom or pan)."""
        self._composed = None

    def set_stale_layers(self, layers: set[str]) -> None:
        self.stale_layers = set(layers)
        self.picture.set_greyed("containers" in self.stale_layers)
        self.update()

    def set_markers(self, markers: list[AlertMarker]) -> None:
        self.markers = markers
        self.update()

    # -- hit testing ---------------------------------------------------------
    def describe_at(self, p: QPointF) -> tuple[str, str] | None:
        """What is under a screen point: ("vehicle", id) or ("container", number)."""
        for v in self.picture.vehicles.values():
            sp = self.to_screen(v.x, v.y)
            if abs(sp.x() - p.x()) <= 7 and abs(sp.y() - p.y()) <= 7:
                return ("vehicle", v.vehicle_id)
        hit = self.slot_at(p)
        if hit is not None:
            stack = self.picture.stack(*hit)
            if stack:
                return ("container", stack[-1][1])
        return None

    def slot_at(self, p: QPointF) -> tuple[int, int, int] | None:
        wx, wy = self.to_world(p)
        for i, r in enumerate(self.picture.rasters):
            hit = r.block.world_to_slot(wx, wy)
            if hit is not None:
                return (i, hit[0], hit[1])
        return None

    def tooltip_text(self, p: QPointF) -> str | None:
        for v in self.picture.vehicles.values():
            sp = self.to_screen(v.x, v.y)
            if abs(sp.x() - p.x()) <= 7 and abs(sp.y() - p.y()) <= 7:
                cargo = v.carrying or self.tr("empty")
                return self.tr("Vehicle %1 · %2 m/s · carrying %3").replace(
                    "%1", v.vehicle_id).replace("%2", f"{v.speed:.1f}").replace("%3", cargo)
        hit = self.slot_at(p)
        if hit is None:
            return None
        block = self.picture.rasters[hit[0]].block
        lines = [self.tr("Block %1 bay %2 row %3").replace("%1", block.id)
                 .replace("%2", str(hit[1])).replace("%3", str(hit[2]))]
        for tier, ref in reversed(self.picture.stack(*hit)):
            status = self.picture.status.get(ref)
            name = status_word(STATUS_CODE.get(status, STATUS_CODE[None]))
            empty = self.tr("empty") if self.picture.empty.get(ref) else self.tr("laden")
            lines.append(f"T{tier}  {ref}  {name}  {empty}")
        return "\n".join(lines)

    # -- input ---------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_at(1.25 ** steps, event.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self._press = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            d = event.position() - self._drag
            self._drag = event.position()
            self.pan_pixels(d.x(), d.y())
            return
        text = self.tooltip_text(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._drag, self._press = self._press, None, None
        if press is None or (event.position() - press).manhattanLength() > 4:
            return
        hit = self.describe_at(event.position())
        if hit is not None:
            (self.vehicle_clicked if hit[0] == "vehicle" else self.container_clicked).emit(hit[1])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        k = event.key()
        moves = {Qt.Key.Key_Left: (60, 0), Qt.Key.Key_Right: (-60, 0),
                 Qt.Key.Key_Up: (0, 60), Qt.Key.Key_Down: (0, -60)}
        if k in moves:
            self.pan_pixels(*moves[Qt.Key(k)])
        elif k in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_at(1.5)
        elif k == Qt.Key.Key_Minus:
            self.zoom_at(1 / 1.5)
        elif k == Qt.Key.Key_Home:
            self.fit_all()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:
        if not self._fitted:
            self.fit_all()

    # -- painting ------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        t0, c0 = time.perf_counter(), time.thread_time()
        painter = QPainter(self)
        self.paint_map(painter)
        painter.end()
        done = time.perf_counter()
        self.frame_times.append(done - t0)
        self.frame_cpu.append(time.thread_time() - c0)
        stamps = self.picture.pending_stamps
        if stamps:
            self.latencies.extend(done - s for s in stamps)
            stamps.clear()
        self.painted_revision = self.picture.revision

    def paint_map(self, p: QPainter) -> None:
        p.drawPixmap(0, 0, self._composed_pixmap())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if "fence" in self.visible_layers:
            overlays.paint_fence(p, self, alarmed=True)
        if "cranes" in self.visible_layers:
            overlays.paint_cranes(p, self)
        if "vehicles" in self.visible_layers:
            overlays.paint_vehicles(p, self)
        if "alerts" in self.visible_layers:
            overlays.paint_markers(p, self)
        if self.highlight is not None:
            c = self.to_screen(*self.highlight)
            p.setPen(QPen(QColor(255, 255, 255), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(c, 14, 14)
        if self.stale_layers:
            self._paint_stale_banner(p)

    def _background_pixmap(self) -> QPixmap:
        """Everything that changes only with the view: ground, zones, berths, fence, labels."""
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, self.cx, self.cy, self.scale,
               frozenset(self.visible_layers), id(self.picture.layout))
        if self._background is not None and self._background_key == key:
            return self._background
        pm = QPixmap(max(1, int(self.width() * dpr)), max(1, int(self.height() * dpr)))
        pm.setDevicePixelRatio(dpr)
        pm.fill(QColor(18, 22, 28))
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if "zones" in self.visible_layers:
            p.save()
            p.setTransform(self.world_transform())
            overlays.paint_zones(p, self)
            p.restore()
        if "fence" in self.visible_layers:
            overlays.paint_fence(p, self, alarmed=False)
        if "labels" in self.visible_layers:
            overlays.paint_labels(p, self)
        p.end()
        self._background, self._background_key = pm, key
        return pm

    def _composed_pixmap(self) -> QPixmap:
        """The background and the blocks: composed anew when the view changed or too many
        cells changed at once, else only the cells recoloured since the last frame."""
        dirty = self.picture.take_dirty()
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, self.cx, self.cy, self.scale,
               frozenset(self.visible_layers), id(self.picture))
        gridded = self._gridded()
        pm = self._composed
        if pm is not None and self._composed_key == key and dirty is not None and (
                not dirty or not gridded):
            if dirty and "containers" in self.visible_layers:
                p = QPainter(pm)
                self._paint_cells(p, dirty)
                p.end()
                self.cells_repainted += len(dirty)
            return pm
        pm = QPixmap(max(1, int(self.width() * dpr)), max(1, int(self.height() * dpr)))
        pm.setDevicePixelRatio(dpr)
        p = QPainter(pm)
        p.drawPixmap(0, 0, self._background_pixmap())
        if "containers" in self.visible_layers:
            self._paint_blocks(p)
            if gridded:
                overlays.paint_grid(p, self)
                overlays.paint_slot_numbers(p, self)
        p.end()
        self._composed, self._composed_key = pm, key
        self.recomposed += 1
        return pm

    def _gridded(self) -> bool:
        """Zoomed in far enough for the slot grid and numbers (drawn over the cells)."""
        lay = self.picture.layout
        return self.scale * min((b.slot_width_m for b in lay.blocks), default=0) >= 7

    def _paint_cells(self, p: QPainter, cells: set[tuple[int, int, int]]) -> None:
        """Paint single cells of the block images where `_paint_blocks` put them."""
        view = QRectF(self.rect())
        rasters = self.picture.rasters
        by_block: dict[int, list[tuple[int, int]]] = {}
        for bi, bay, row in cells:
            by_block.setdefault(bi, []).append((bay, row))
        for bi, slots in by_block.items():
            r = rasters[bi]
            b = r.block
            img = r.image
            if r.quarter is not None:
                rect = self._block_rect(r)
                if not rect.intersects(view):
                    continue
                sx, sy = rect.width() / img.width(), rect.height() / img.height()
                for bay, row in slots:
                    px, py = r.pixel(bay, row)
                    p.drawImage(QRectF(rect.x() + px * sx, rect.y() + py * sy, sx, sy), img,
                                QRectF(px, py, 1, 1))
            else:
                p.save()
                p.setTransform(self.world_transform())
                p.translate(b.x, b.y)
                p.rotate(b.angle_deg)
                for bay, row in slots:
                    p.drawImage(QRectF((bay - 1) * b.slot_length_m, (row - 1) * b.slot_width_m,
                                       b.slot_length_m, b.slot_width_m), img,
                                QRectF(bay - 1, row - 1, 1, 1))
                p.restore()

    def _block_rect(self, r: BlockRaster) -> QRectF:
        pts = [self.to_screen(x, y) for x, y in r.block.corners()]
        xs, ys = [q.x() for q in pts], [q.y() for q in pts]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def _paint_blocks(self, p: QPainter) -> None:
        view = QRectF(self.rect())
        for r in self.picture.rasters:
            b = r.block
            if r.quarter is not None:
                rect = self._block_rect(r)
                if rect.intersects(view):
                    p.drawImage(rect, r.image)
            else:
                p.save()
                p.setTransform(self.world_transform())
                p.translate(b.x, b.y)
                p.rotate(b.angle_deg)
                p.drawImage(QRectF(0, 0, b.bays * b.slot_length_m, b.rows * b.slot_width_m),
                            r.image)
                p.restore()

    def _paint_stale_banner(self, p: QPainter) -> None:
        text = self.tr("STALE FEED — greyed layers may be out of date")
        rect = QRectF(8, 8, p.fontMetrics().horizontalAdvance(text) + 20, 24)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(90, 90, 95, 230))
        p.drawRoundedRect(rect, 4, 4)
        p.setPen(QColor(255, 255, 255))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
