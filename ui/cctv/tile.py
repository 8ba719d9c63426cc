"""One camera tile: the newest frame of its camera, and in words whether it is live.

The tile holds a `CameraFeed` and polls it on a `QTimer` (30 Hz by default, twice a 15 fps stream),
painting a frame only when a new one arrived and refreshing its caption once
a second otherwise.  It decodes only while visible: `showEvent` starts the
feed, `hideEvent` stops it.  The caption names the camera and gives the
frame's age and the fps; the state is written large across the picture
whenever it is not live ("connecting", "reconnecting", "NO SIGNAL since
hh:mm:ss"), and a picture older than the watchdog's limit is not painted at
all, so a frozen picture can never look live.  A camera the terminal reports
`down` is never called live either, even while its stream still delivers
(an encoder that sends its own NO SIGNAL card): the tile says "device down"
and dims the picture.  The caption is shortened with "…" rather than clipped.

Signals: `activated(str)` on a click (the wall's current tile),
`doubleClicked(str)` (enlarge / restore), `pinToggled(str, bool)`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHideEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from console.cameras.feed import CameraFeed
from console.cameras.slot import Frame
from console.cameras.watchdog import StreamStatus, TileState
from console.layout import Camera

FeedFactory = Callable[[Camera], CameraFeed]

STATE_COLOURS = {
    TileState.LIVE: QColor("#2e7d32"),
    TileState.CONNECTING: QColor("#f9a825"),
    TileState.RECONNECTING: QColor("#ef6c00"),
    TileState.NO_SIGNAL: QColor("#c62828"),
    TileState.OFF: QColor("#616161"),
}


def picture_rects(tile: QSize, image: QSize, *, fill: bool) -> tuple[QRect, QRect]:
    """(where in the tile, which part of the image) to draw a camera picture.

    `fill`: the picture covers the whole tile, its centre kept and the overflow
    cut evenly (a tile in the grid; the whole frame is a double-click away, and
    a saved snapshot keeps it all).  Otherwise the whole frame, letterboxed.
    """
    tw, th, iw, ih = tile.width(), tile.height(), max(1, image.width()), max(1, image.height())
    if fill:
        scale = max(tw / iw, th / ih)
        sw, sh = min(iw, round(tw / scale)), min(ih, round(th / scale))
        return QRect(0, 0, tw, th), QRect((iw - sw) // 2, (ih - sh) // 2, sw, sh)
    scale = min(tw / iw, th / ih)
    w, h = int(iw * scale), int(ih * scale)
    return QRect((tw - w) // 2, (th - h) // 2, w, h), QRect(0, 0, iw, ih)


class CameraTile(QWidget):
    activated = Signal(str)
    doubleClicked = Signal(str)
    pinToggled = Signal(str, bool)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        feed_factory: FeedFactory = CameraFeed,
        poll_hz: float = 30.0,
    ) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._feed_factory = feed_factory
        self._feed: CameraFeed | None = None
        self._frame: Frame | None = None
        self._image: QImage | None = None
        self.whole_picture = False  # enlarged: the whole frame, letterboxed; else fill the tile
        self._status = StreamStatus(TileState.OFF, None, None)
        self._pinned = False
        self._current = False
        self._device_state = "unknown"
        self._caption_at = 0.0
        self.frames_painted = 0
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(1000 / poll_hz)))
        self._timer.timeout.connect(self.poll)

    # -- what the tile shows ---------------------------------------------------------------
    @property
    def camera(self) -> Camera | None:
        return None if self._feed is None else self._feed.camera

    @property
    def camera_id(self) -> str | None:
        return None if self._feed is None else self._feed.camera.id

    @property
    def feed(self) -> CameraFeed | None:
        return self._feed

    def set_camera(self, camera: Camera | None, *, enlarged: bool = False) -> None:
        """Show another camera (None: an empty tile); the old stream stops at once."""
        if self._feed is not None:
            if camera == self._feed.camera:
                self._feed.set_enlarged(enlarged)
                return
            self._feed.stop()
        self._feed = None if camera is None else self._feed_factory(camera)
        if self._feed is not None:
            self._feed.set_enlarged(enlarged)
        self._frame = None
        self._image = None
        self._device_state = "unknown"
        if self._pinned and camera is None:
            self._pinned = False
        if self.isVisible():
            self._activate()
        self.poll()

    def set_enlarged(self, enlarged: bool) -> None:
        self.whole_picture = enlarged
        if self._feed is not None:
            self._feed.set_enlarged(enlarged)
            self._frame, self._image = None, None

    @property
    def pinned(self) -> bool:
        return self._pinned

    def set_pinned(self, pinned: bool) -> None:
        pinned = pinned and self._feed is not None
        if pinned != self._pinned:
            self._pinned = pinned
            self.pinToggled.emit(self.camera_id or "", pinned)
            self.update()

    def set_current(self, current: bool) -> None:
        self._current = current
        self.update()

    def set_device_state(self, state: str) -> None:
        """The camera's device health as the terminal reports it (`up`, `degraded`, `down`)."""
        self._device_state = state
        self.update()

    def status(self) -> StreamStatus:
        return self._status

    def status_text(self) -> str:
        """The words the tile writes about its stream (and the device, when it is not up),
        in the console's language."""
        if self._feed is None:
            return self.tr("no camera")
        if self._device_state == "down":
            return self.tr("device down")
        s = self._status
        if s.state is TileState.NO_SIGNAL:
            since = datetime.fromtimestamp(s.since_wall or 0.0).strftime("%H:%M:%S")
            return self.tr("NO SIGNAL since %1").replace("%1", since)
        words = {TileState.LIVE: self.tr("live"), TileState.CONNECTING: self.tr("connecting"),
                 TileState.RECONNECTING: self.tr("reconnecting"),
                 TileState.OFF: self.tr("off")}.get(s.state, s.words())
        if self._device_state == "degraded" and s.state is TileState.LIVE:
            return self.tr("%1, device degraded").replace("%1", words)
        return words

    def honest_live(self) -> bool:
        """The tile shows a picture it may call live: a live stream from a device that is up."""
        return self._status.state is TileState.LIVE and self._device_state != "down"

    def caption(self, width: int) -> tuple[str, str]:
        """The caption's left (camera) and right (age, fps, state) texts, fitted to `width`
        pixels of the tile's font: the state is kept whole, the rest shortened with "…"."""
        if self._feed is None:
            return "—", ""
        s = self._status
        fm = self.fontMetrics()
        age = "—" if s.frame_age_s is None else f"{s.frame_age_s * 1000:.0f} ms"
        state = self.status_text()
        fps = self._feed.fps()
        rate = f"{fps:.0f} fps  " if fps >= 0.5 else ""  # not yet two frames: no rate to say
        right = f"{age}  {rate}{state}" if self.honest_live() else state
        if fm.horizontalAdvance(right) > width - 20:
            right = fm.elidedText(right, Qt.TextElideMode.ElideLeft, max(0, width - 20))
        left = self._feed.camera.id + ("  · " + self.tr("pinned") if self._pinned else "")
        room = max(0, width - 20 - fm.horizontalAdvance(right) - 12)
        return fm.elidedText(left, Qt.TextElideMode.ElideRight, room), right

    def shown_frame(self) -> Frame | None:
        """The frame on show, or None when nothing (or nothing recent enough) is shown."""
        return self._frame if self._status.state in (TileState.LIVE, TileState.RECONNECTING) \
            else None

    # -- the poll ----------------------------------------------------------------------
    def poll(self) -> None:
        """Take the newest frame if there is one; repaint when something visible changed."""
        if self._feed is None:
            changed = self._status.state is not TileState.OFF
            self._status = StreamStatus(TileState.OFF, None, None)
            if changed:
                self.update()
            return
        frame = self._feed.take()
        now = time.monotonic()
        status = self._feed.status(now)
        repaint = status.state != self._status.state or status.words() != self._status.words()
        if frame is not None:
            self._frame = frame
            image = frame.image
            h, w = image.shape[:2]
            self._image = QImage(image.data, w, h, image.strides[0], QImage.Format.Format_BGR888)
            repaint = True
        if now - self._caption_at >= 1.0:
            repaint = True
        self._status = status
        if repaint:
            self._caption_at = now
            self.update()

    def _activate(self) -> None:
        if self._feed is not None:
            self._feed.start()
        self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._activate()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()
        if self._feed is not None:
            self._feed.stop()
        self._frame, self._image = None, None
        self._status = StreamStatus(TileState.OFF, None, None)

    def shutdown(self, wait_s: float = 5.0) -> bool:
        """Stop decoding and wait for the reader thread (window closing, tests)."""
        self._timer.stop()
        return self._feed.stop(wait_s) if self._feed is not None else True

    # -- input -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.camera_id is not None:
            self.activated.emit(self.camera_id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.camera_id is not None:
            self.doubleClicked.emit(self.camera_id)
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._feed is None:
            return
        menu = QMenu(self)
        pin = menu.addAction(self.tr("Unpin tile") if self._pinned else self.tr("Pin tile"))
        pin.triggered.connect(lambda: self.set_pinned(not self._pinned))
        menu.popup(event.globalPos())

    # -- painting ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        rect = self.rect()
        p.fillRect(rect, Qt.GlobalColor.black)
        state = self._status.state
        if self._image is not None and state in (TileState.LIVE, TileState.RECONNECTING):
            img = self._image
            target, source = picture_rects(rect.size(), img.size(), fill=not self.whole_picture)
            p.drawImage(target, img, source)
            self.frames_painted += 1
            if state is TileState.RECONNECTING or not self.honest_live():
                p.fillRect(target, QColor(0, 0, 0, 150))
        self._paint_caption(p, rect)
        if self._feed is not None and not self.honest_live():
            font = QFont(self.font())
            font.setPointSizeF(max(10.0, rect.height() / 14))
            font.setBold(True)
            p.setFont(font)
            p.setPen(STATE_COLOURS[state if self._device_state != "down"
                                   else TileState.NO_SIGNAL])
            text = self.status_text()
            if state is TileState.NO_SIGNAL and self._status.error:
                text += "\n" + self._status.error
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        if self._current or self._pinned:
            p.setPen(QColor("#42a5f5") if self._current else QColor("#bdbdbd"))
            p.drawRect(rect.adjusted(0, 0, -1, -1))
        p.end()

    def _paint_caption(self, p: QPainter, rect: QRect) -> None:
        band = QRect(0, 0, rect.width(), p.fontMetrics().height() + 6)
        p.fillRect(band, QColor(0, 0, 0, 170))
        if self._feed is None:
            p.setPen(QColor("#9e9e9e"))
            p.drawText(band.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, "—")
            return
        s = self._status
        left, right = self.caption(band.width())
        p.setPen(Qt.GlobalColor.white)
        p.drawText(band.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter, left)
        p.drawText(band.adjusted(6, 0, -20, 0),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, right)
        p.setBrush(STATE_COLOURS[s.state if self._device_state != "down"
                                 else TileState.NO_SIGNAL])
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(band.right() - 4 - 8, band.center().y() - 4, 8, 8)
        p.setBrush(Qt.BrushStyle.NoBrush)
