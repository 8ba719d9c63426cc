"""The yard map: the terminal, every container slot, vehicles, cranes, fence and alerts.

Containers are drawn as one small image per block (`YardPicture`), scaled by
the painter with no smoothing, so 100k slots cost a few `drawImage` calls; only
vehicles, cranes and alert markers are drawn one by one.  A frame is three
cached layers and a few marks: the background (ground, zones, quiet fence,
labels; changes only with the view), the composed picture (the background and
every block; after a change set only the cells it recoloured,
`YardPicture.take_dirty`, are written into it, numpy on its own pixels, all at
once), the overlay layer (alarmed fence, cranes, vessel calls, vehicles; when
only some vehicles and cranes changed, `YardPicture.take_overlay_dirty`, only
their old and new places are cleared and drawn again), then alert
markers, the selection ring and the stale banner.  The widget owns the view
(centre in metres, pixels per metre) and nothing else: it never touches the
network or the store.

Signals:
    container_clicked(str)  – a click on a slot with a container (its number)
    vehicle_clicked(str)    – a click on a vehicle (its id)
    berth_clicked(str)      – a click on a berth (its id; `ui.yard.berths` draws its calls)
    view_changed()          – zoom or pan changed
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from console.yard.vessel_calls import VesselCalls
from ui.yard import berths, overlays
from ui.yard.cellcolours import STATUS_CODE
from ui.yard.legend import status_word
from ui.yard.picture import BlockRaster, YardPicture

# Above this many changed cells in one block, the block's image is drawn again whole (one
# scaled `drawImage` costs about as much as painting this many single cells).
CELLS_PER_BLOCK_REDRAW = 48
LAYERS: tuple[str, ...] = ("zones", "containers", "vehicles", "cranes", "fence", "alerts", "labels")


@dataclass(frozen=True, slots=True)
class AlertMarker:
    alert_id: str
    severity: str
    x: float
    y: float


def _pixels(img: QImage) -> npt.NDArray[np.uint32]:
    """The image's own pixels as a numpy array (rows × words per line)."""
    return np.frombuffer(img.bits(), dtype=np.uint32).reshape(
        img.height(), img.bytesPerLine() // 4)


@dataclass
class _CellGeometry:
    """Per view, for every block: quarter turn (-1: odd angle), image size, on screen; and
    the screen edges of the columns and rows of the blocks learnt so far, flat in `xs` and
    `ys`.  Cell (bay b, row r, from 0) of block i starts at `xs[x0[i] + x_bay[i] * b +
    x_row[i] * r]` (its image column, as `BlockRaster.pixel` maps it, offset to where
    block i's edges are in `xs`), likewise in y; `widest` is the widest cell learnt."""

    quarter: npt.NDArray[np.int64]
    width: npt.NDArray[np.int64]
    height: npt.NDArray[np.int64]
    visible: npt.NDArray[np.bool_]
    x_at: npt.NDArray[np.int64] = field(init=False)
    x0: npt.NDArray[np.int64] = field(init=False)
    x_bay: npt.NDArray[np.int64] = field(init=False)
    x_row: npt.NDArray[np.int64] = field(init=False)
    y0: npt.NDArray[np.int64] = field(init=False)
    y_bay: npt.NDArray[np.int64] = field(init=False)
    y_row: npt.NDArray[np.int64] = field(init=False)
    xs: npt.NDArray[np.int64] = field(init=False)
    ys: npt.NDArray[np.int64] = field(init=False)
    widest: int = 1

    def __post_init__(self) -> None:
        n = len(self.quarter)
        self.x_at = np.full(n, -1, np.int64)
        self.x0, self.y0 = np.zeros(n, np.int64), np.zeros(n, np.int64)
        self.x_bay, self.x_row = np.zeros(n, np.int64), np.zeros(n, np.int64)
        self.y_bay, self.y_row = np.zeros(n, np.int64), np.zeros(n, np.int64)
        self.xs = np.zeros(0, np.int64)
        self.ys = np.zeros(0, np.int64)

    def learn(self, m: YardMap, blocks: npt.NDArray[np.int64]) -> None:
        """Learn the screen edges of `blocks` (quarter-turned ones) from the map."""
        xs, ys = [self.xs], [self.ys]
        nx, ny = len(self.xs), len(self.ys)
        for i in (int(bi) for bi in blocks):
            ex, ey = m.screen_edges(i)
            w, h, q = int(self.width[i]), int(self.height[i]), int(self.quarter[i])
            # image column = cx + bay_step * b + row_step * r, as `BlockRaster.pixel`
            cx, bx, rx = {0: (0, 1, 0), 1: (w - 1, 0, -1), 2: (w - 1, -1, 0), 3: (0, 0, 1)}[q]
            cy, by, ry = {0: (h - 1, 0, -1), 1: (h - 1, -1, 0), 2: (0, 0, 1), 3: (0, 1, 0)}[q]
            self.x_at[i] = nx
            self.x0[i], self.x_bay[i], self.x_row[i] = nx + cx, bx, rx
            self.y0[i], self.y_bay[i], self.y_row[i] = ny + cy, by, ry
            nx, ny = nx + len(ex), ny + len(ey)
            xs.append(ex)
            ys.append(ey)
            self.widest = max(self.widest, int(np.diff(ex).max(initial=1)),
                              int(np.diff(ey).max(initial=1)))
        self.xs, self.ys = np.concatenate(xs), np.concatenate(ys)


class YardMap(QWidget):
    container_clicked = Signal(str)
    vehicle_clicked = Signal(str)
    berth_clicked = Signal(str)
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
        self._background: QImage | None = None
        self._background_key: tuple[object, ...] | None = None
        self.vessel_calls: VesselCalls | None = None  # the display's, drawn by `berths`
        self._composed: QImage | None = None  # background and blocks, for one view
        self._pixels: npt.NDArray[np.uint32] = np.zeros((1, 1), dtype=np.uint32)
        self._placed: list[QRectF] = []  # each block's screen rectangle in that view
        self._edges: dict[int, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = {}
        self._geometry: _CellGeometry | None = None  # every learnt block's edges, flat
        self._overlay: QImage | None = None  # alarmed fence, cranes, vessel calls, vehicles
        self._overlay_key: tuple[object, ...] | None = None
        # A layer drawn anew goes into the previous image when its size is the same.
        self._spare_background: QImage | None = None
        self._spare_composed: QImage | None = None
        self._spare_overlay: QImage | None = None
        self.overlays_drawn = 0  # times the overlay layer was drawn anew
        self.marks_redrawn = 0  # vehicles and cranes drawn again in their places only
        self._marks: overlays.Placed = {}  # where each was drawn in the overlay layer
        self._narrowest: tuple[object, float] = (None, 0.0)  # layout, its narrowest slot
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
        self.invalidate()
        self.fit_all()

    def invalidate(self) -> None:
        """Draw every layer anew at the next paint (as after a zoom or pan)."""
        self._background_key = self._composed_key = self._overlay_key = None

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
        berth = berths.berth_at(self, p)
        return ("berth", berth) if berth is not None else None

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
            return berths.berth_tooltip(self, p)
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
            {"vehicle": self.vehicle_clicked, "berth": self.berth_clicked}.get(
                hit[0], self.container_clicked).emit(hit[1])

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
        p.drawImage(0, 0, self._composed_pixmap())
        p.drawImage(0, 0, self._overlay_layer())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if "alerts" in self.visible_layers:
            overlays.paint_markers(p, self)
        if self.highlight is not None:
            c = self.to_screen(*self.highlight)
            p.setPen(QPen(QColor(255, 255, 255), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(c, 14, 14)
        if self.stale_layers:
            self._paint_stale_banner(p)

    def _view_key(self) -> tuple[object, ...]:
        return (self.width(), self.height(), self.devicePixelRatioF(), self.cx, self.cy,
                self.scale, frozenset(self.visible_layers))

    def _new_image(self, old: QImage | None) -> QImage:
        """An image the size of the widget: `old` again when it has that size (a fresh
        8 MB image costs its page faults on every full redraw), else a new one."""
        dpr = self.devicePixelRatioF()
        w, h = max(1, int(self.width() * dpr)), max(1, int(self.height() * dpr))
        if old is not None and old.width() == w and old.height() == h \
                and old.devicePixelRatio() == dpr:
            return old
        # The backing store's own format: a frame is then a plain copy, not a conversion.
        img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        return img

    def _background_image(self) -> QImage:
        """Everything that changes only with the view: ground, zones, berths, fence, labels."""
        # quiet fence segments are drawn here: an alarm raised or cleared draws it anew
        key = (self._view_key(), id(self.picture.layout), frozenset(self.picture.fence_alarm))
        if self._background is not None and self._background_key == key:
            return self._background
        self._spare_background, self._background = self._background, None
        img = self._new_image(self._spare_background)
        self._spare_background = None
        img.fill(QColor(18, 22, 28))
        p = QPainter(img)
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
        self._background, self._background_key = img, key
        return img

    def _overlay_layer(self) -> QImage:
        """Alarmed fence, cranes, vessel calls and vehicles on a transparent image, drawn
        anew only when one of them (or the view) changed: a frame in which only cells
        changed costs the cells and two copies."""
        labels = berths.vessel_labels(self) if "labels" in self.visible_layers else []
        key = (self._view_key(), id(self.picture), frozenset(self.stale_layers), tuple(labels))
        dirty = self.picture.take_overlay_dirty()
        if self._overlay is not None and self._overlay_key == key and dirty is not None:
            if dirty:
                self._redraw_marks(self._overlay, dirty, labels)
            return self._overlay
        self._spare_overlay, self._overlay = self._overlay, None
        img = self._new_image(self._spare_overlay)
        self._spare_overlay = None
        img.fill(0)
        self._marks = {}
        p = QPainter(img)
        self._paint_overlay(p, labels)
        p.end()
        self._overlay, self._overlay_key = img, key
        self.overlays_drawn += 1
        return img

    def _paint_overlay(self, p: QPainter, labels: list[tuple[float, float, str, bool]],
                       within: overlays.Within | None = None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if "fence" in self.visible_layers:
            overlays.paint_fence(p, self, alarmed=True)
        if "cranes" in self.visible_layers:
            overlays.paint_cranes(p, self, self._marks, within)
        if labels:
            berths.paint_vessel_calls(p, self, labels, within)
        if "vehicles" in self.visible_layers:
            overlays.paint_vehicles(p, self, self._marks, within)

    def _redraw_marks(self, img: QImage, dirty: set[tuple[str, str]],
                      labels: list[tuple[float, float, str, bool]]) -> None:
        """Clear the old and new places of the vehicles and cranes that changed, and draw
        everything that touches them again in the layer's order: the same pixels as the
        whole layer drawn anew, for a few marks' worth of work."""
        region = QRegion()
        for mark in dirty:
            old = self._marks.pop(mark, None)
            if old is not None:
                region += overlays.mark_rect(mark[0], *old).toAlignedRect()
            now = self._mark_point(mark)
            if now is not None:
                region += overlays.mark_rect(mark[0], now.x(), now.y()).toAlignedRect()
        if region.isEmpty():
            return
        p = QPainter(img)
        p.setClipRegion(region)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        p.fillRect(region.boundingRect(), Qt.GlobalColor.transparent)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        self._paint_overlay(p, labels, overlays.Within(region))
        p.end()
        self.marks_redrawn += len(dirty)

    def _mark_point(self, mark: tuple[str, str]) -> QPointF | None:
        kind, ident = mark
        if kind == "vehicle":
            v = self.picture.vehicles.get(ident)
            return self.to_screen(v.x, v.y) if v is not None else None
        at = self.picture.cranes.get(ident)
        return self.to_screen(*at) if at is not None else None

    def _composed_pixmap(self) -> QImage:
        """The background and the blocks: composed anew when the view changed or too many
        cells changed at once, else only the cells recoloured since the last frame are
        written into it (numpy, on the image's own pixels)."""
        dirty = self.picture.take_dirty()
        key = (self._view_key(), id(self.picture), frozenset(self.picture.fence_alarm))
        gridded = self._gridded()
        img = self._composed
        if img is not None and self._composed_key == key and dirty is not None and (
                not dirty or not gridded):
            if dirty and "containers" in self.visible_layers:
                self._write_cells(img, dirty)
                self.cells_repainted += len(dirty)
            return img
        self._spare_composed, self._composed = self._composed, None
        background = self._background_image()
        img = self._new_image(self._spare_composed)
        self._spare_composed = None
        _pixels(img)[...] = _pixels(background)
        p = QPainter(img)
        if "containers" in self.visible_layers:
            self._paint_blocks(p)
            if gridded:
                overlays.paint_grid(p, self)
                overlays.paint_slot_numbers(p, self)
        p.end()
        self._composed, self._composed_key = img, key
        self._edges = {}
        self._geometry = None
        self._pixels = _pixels(img)
        self.recomposed += 1
        return img

    def _gridded(self) -> bool:
        """Zoomed in far enough for the slot grid and numbers (drawn over the cells)."""
        lay = self.picture.layout
        if self._narrowest[0] is not lay:
            self._narrowest = (lay, min((b.slot_width_m for b in lay.blocks), default=0.0))
        return self.scale * self._narrowest[1] >= 7

    def _write_cells(self, img: QImage, cells: dict[tuple[int, int, int], int]) -> None:
        """Write single cells where `_paint_blocks` drew them: each cell's screen pixels
        take its colour (numpy, all cells of all blocks at once).  A block at an odd
        angle, or with many changed cells, is drawn again whole (one scaled `drawImage`)."""
        rasters = self.picture.rasters
        n = len(cells)
        at = np.fromiter(chain.from_iterable(cells), dtype=np.int64, count=3 * n).reshape(n, 3)
        colour = np.fromiter(cells.values(), dtype=np.uint32, count=n)
        bi, b, row = at[:, 0], at[:, 1] - 1, at[:, 2] - 1
        geo = self._cell_geometry()
        touched = np.bincount(bi, minlength=len(rasters))
        whole = touched > 0
        whole &= (geo.quarter < 0) | (touched > CELLS_PER_BLOCK_REDRAW)
        single = ~whole[bi] & geo.visible[bi]
        if single.any():
            bi, b, row, colour = bi[single], b[single], row[single], colour[single]
            if (geo.x_at[bi] < 0).any():
                geo.learn(self, np.unique(bi[geo.x_at[bi] < 0]))
            # where each cell's column and row start in `xs`, `ys` (see `_CellGeometry`)
            ix = geo.x0[bi] + geo.x_bay[bi] * b + geo.x_row[bi] * row
            iy = geo.y0[bi] + geo.y_bay[bi] * b + geo.y_row[bi] * row
            xa, xb, ya, yb = geo.xs[ix], geo.xs[ix + 1], geo.ys[iy], geo.ys[iy + 1]
            k = geo.widest
            dy, dx = np.divmod(np.arange(k * k), k)  # every cell fits in k x k screen pixels
            inside = ((xa[:, None] + dx) < xb[:, None]) & ((ya[:, None] + dy) < yb[:, None])
            stride = self._pixels.shape[1]
            at = (ya * stride + xa)[:, None] + (dy * stride + dx)
            self._pixels.reshape(-1)[at[inside]] = np.broadcast_to(
                colour[:, None], inside.shape)[inside]
        if whole.any():
            view = QRectF(self.rect())
            p = QPainter(img)
            for i in np.flatnonzero(whole):
                self._paint_block(p, rasters[int(i)], view)
            p.end()

    def _cell_geometry(self) -> _CellGeometry:
        if self._geometry is None:
            view = QRectF(self.rect())
            rasters = self.picture.rasters
            self._geometry = _CellGeometry(
                np.array([-1 if r.quarter is None else r.quarter for r in rasters], np.int64),
                np.array([r.size[0] for r in rasters], np.int64),
                np.array([r.size[1] for r in rasters], np.int64),
                np.array([rect.intersects(view) for rect in self._placed], bool))
        return self._geometry

    def screen_edges(self, bi: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Where each column and row of block `bi`'s image starts on the composed image
        (device pixels, clipped to it), as Qt's scaled `drawImage` put them: learnt once
        per view by drawing a one-pixel strip of column (row) numbers the same way."""
        edges = self._edges.get(bi)
        if edges is not None:
            return edges
        r, rect = self.picture.rasters[bi], self._placed[bi]
        img = self._composed
        assert img is not None
        dpr = img.devicePixelRatio()
        out = []
        for n, along_x in ((r.size[0], True), (r.size[1], False)):
            index = np.arange(n, dtype=np.uint32) | np.uint32(0xFF000000)
            src = QImage(n if along_x else 1, 1 if along_x else n,
                         QImage.Format.Format_ARGB32_Premultiplied)
            np.frombuffer(src.bits(), dtype=np.uint32).reshape(
                src.height(), src.bytesPerLine() // 4)[:, :src.width()].flat[:] = index
            length = img.width() if along_x else img.height()
            strip = QImage(length if along_x else 1, 1 if along_x else length,
                           QImage.Format.Format_ARGB32_Premultiplied)
            strip.setDevicePixelRatio(dpr)
            strip.fill(0)
            p = QPainter(strip)
            p.drawImage(QRectF(rect.x(), 0, rect.width(), 1 / dpr) if along_x
                        else QRectF(0, rect.y(), 1 / dpr, rect.height()), src)
            p.end()
            seen = np.frombuffer(strip.constBits(), dtype=np.uint32).reshape(
                strip.height(), strip.bytesPerLine() // 4)[:, :strip.width()].ravel().copy()
            drawn = (seen >> 24) != 0
            at = np.flatnonzero(drawn)
            shown = (seen & 0xFFFFFF).astype(np.int64)
            starts = np.full(n + 1, at[-1] + 1 if at.size else 0, dtype=np.int64)
            if at.size:
                # first screen pixel showing each index; indices not shown get an empty span
                first = np.searchsorted(shown[at], np.arange(n + 1), side="left")
                starts = np.where(first < at.size, at[np.minimum(first, at.size - 1)],
                                  at[-1] + 1)
            out.append(starts)
        edges = (out[0], out[1])
        self._edges[bi] = edges
        return edges

    def _block_rect(self, r: BlockRaster) -> QRectF:
        pts = [self.to_screen(x, y) for x, y in r.block.corners()]
        xs, ys = [q.x() for q in pts], [q.y() for q in pts]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def _paint_blocks(self, p: QPainter) -> None:
        view = QRectF(self.rect())
        self._placed = [self._block_rect(r) for r in self.picture.rasters]
        for r in self.picture.rasters:
            self._paint_block(p, r, view)

    def _paint_block(self, p: QPainter, r: BlockRaster, view: QRectF) -> None:
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
