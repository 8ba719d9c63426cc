"""`ReplayPanel`: the yard map, vehicles and open alerts as they were at any moment.

A time slider over the stored range, play/pause at a chosen speed, and the
raster yard map (`ui.yard.map_widget.YardMap`) with the alerts open at that
moment listed beside it.  The panel never queries: moving the slider or a
play tick emits `seek_requested(at_us)`; the window runs the seek in the
background (a newer seek cancels an older one) and hands back `show_view`
with a ready `YardPicture`, built off the UI thread by `picture_of`.

Signals:
    seek_requested(int at_us)  (a Python int: microseconds overflow a C int)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.history.frame import YardFrame, yard_from_frame
from console.history.replay import ReplayView
from console.layout import Layout
from console.timefmt import TERMINAL_ZONE
from ui import severity as sev
from ui.alerts.model import state_word
from ui.alerts.rules import rule_title
from ui.yard.map_widget import AlertMarker, YardMap
from ui.yard.picture import YardPicture

SPEEDS = (1, 10, 60, 600, 3600)
TICK_MS = 500
TZ = TERMINAL_ZONE


def picture_of(frame: YardFrame, layout: Layout) -> YardPicture:
    """The map's picture of a replayed frame (pure data and QImage: fine off the UI thread).

    The frame becomes a core `YardState` (`yard_from_frame`) whose whole content is one
    change set: the map never folds anything itself."""
    picture = YardPicture(layout)
    picture.apply_changes(yard_from_frame(frame).everything())
    return picture


class ReplayPanel(QWidget):
    seek_requested = Signal(object)

    def __init__(self, layout: Layout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replayPanel")
        self.map = YardMap(YardPicture(layout))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("replaySlider")
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.play = QPushButton(self.tr("Play"))
        self.play.setObjectName("replayPlay")
        self.play.setCheckable(True)
        self.play.setEnabled(False)
        self.speed = QComboBox()
        self.speed.setObjectName("replaySpeed")
        for s in SPEEDS:
            self.speed.addItem(f"{s}×", s)
        self.speed.setCurrentIndex(2)
        self.when = QLabel("—")
        self.when.setObjectName("replayTime")
        self.alerts = QListWidget()
        self.alerts.setObjectName("replayAlerts")
        self.summary = QLabel("")
        controls = QHBoxLayout()
        for w in (self.play, self.speed, self.slider, self.when):
            controls.addWidget(w)
        controls.setStretch(2, 1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Open alerts at that moment")))
        side_layout.addWidget(self.alerts)
        side_layout.addWidget(self.summary)
        split = QSplitter()
        split.addWidget(self.map)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(controls)
        outer.addWidget(split, 1)
        self._origin_us = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.slider.valueChanged.connect(self._moved)
        self.play.toggled.connect(self._toggle)

    def set_range(self, first_us: int, last_us: int) -> None:
        """The stored time range; the slider moves in seconds from its start."""
        self._origin_us = first_us
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, (last_us - first_us) // 1_000_000))
        self.slider.blockSignals(False)
        self.slider.setEnabled(True)
        self.play.setEnabled(True)

    def at_us(self) -> int:
        return self._origin_us + self.slider.value() * 1_000_000

    def seek_to(self, at_us: int) -> None:
        self.slider.setValue((at_us - self._origin_us) // 1_000_000)

    def show_view(self, view: ReplayView, picture: YardPicture | None) -> None:
        if picture is not None:
            self.map.set_picture(picture)
        self.map.set_markers(self.markers(view))
        self.when.setText(datetime.fromtimestamp(view.at_us / 1e6, TZ).strftime(
            "%Y-%m-%d %H:%M:%S"))
        self.alerts.clear()
        for a in view.open_alerts:
            self.alerts.addItem(f"{sev.label(a.severity)}  {rule_title(a.rule)}  {a.subject}  "
                                f"({state_word(a.state)})")
        self.summary.setText(self.tr("{c} containers, {v} vehicles; {ms:.0f} ms").format(
            c=len(view.frame.containers), v=len(view.frame.vehicles), ms=view.seconds * 1000))

    def markers(self, view: ReplayView) -> list[AlertMarker]:
        """A marker for each open alert whose subject (a container or a vehicle) is on the map."""
        picture = self.map.picture
        out = []
        for a in view.open_alerts:
            point = picture.container_point(a.subject)
            vehicle = picture.vehicles.get(a.subject)
            if point is None and vehicle is not None:
                point = (vehicle.x, vehicle.y)
            if point is not None:
                out.append(AlertMarker(a.alert_id, a.severity, point[0], point[1]))
        return out

    def _moved(self, _value: int) -> None:
        self.seek_requested.emit(self.at_us())

    def _toggle(self, playing: bool) -> None:
        self.play.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing:
            self._timer.start()
        else:
            self._timer.stop()

    def _tick(self) -> None:
        step = int(self.speed.currentData() * TICK_MS / 1000) or 1
        if self.slider.value() >= self.slider.maximum():
            self.play.setChecked(False)
            return
        self.slider.setValue(min(self.slider.maximum(), self.slider.value() + step))

    def closeEvent(self, event: Any) -> None:
        self._timer.stop()
        super().closeEvent(event)
