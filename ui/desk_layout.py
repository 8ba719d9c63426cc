"""Desk layout presets: where the queue, the case, the map and the cameras sit on the screens.

The alert queue and the case in hand are the centre of the desk: they take
the right-hand column from the toolbar to the status bar, the queue on top
with room for at least `MIN_QUEUE_ROWS` rows.  The map gives place and
context beside them, the camera wall sits under the map, and the legend and
the feed-health table share the camera wall's space as tabs (the status bar
always says how many feeds are healthy), so neither eats the desk.

Presets (`preset_for` picks one from the screens there are):

- `wide`: one screen of 1600 × 1000 pixels or more (1920 × 1080);
- `compact`: a smaller screen (1280 × 720, 1366 × 768): a wider queue
  column, a shorter camera strip;
- `two_screens`: the map and the camera wall on the second screen, the
  queue and the case on the first.

`saved_layout_fits` decides whether the layout the officer left can be put
back: on the same screen size, or when the saved window still fits; else
the preset of the current screens is applied instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QWidget

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow

PRESETS: tuple[str, ...] = ("wide", "compact", "two_screens")
MIN_QUEUE_ROWS = 8
WIDE_MIN = QSize(1600, 1000)


def available_screens() -> list[QRect]:
    """The available geometry of every screen, the primary one first."""
    primary = QGuiApplication.primaryScreen()
    screens = QGuiApplication.screens()
    ordered = ([primary] if primary is not None else []) + [s for s in screens
                                                            if s is not primary]
    return [s.availableGeometry() for s in ordered]


def preset_for(screens: list[QRect]) -> str:
    if len(screens) >= 2:
        return "two_screens"
    first = screens[0] if screens else QRect(0, 0, 1280, 720)
    wide = first.width() >= WIDE_MIN.width() and first.height() >= WIDE_MIN.height()
    return "wide" if wide else "compact"


def screens_key(screens: list[QRect]) -> str:
    """The screens as saved with a layout: `x,y,w,h` each, the officer's first."""
    return ";".join(f"{r.x()},{r.y()},{r.width()},{r.height()}" for r in screens)


def saved_layout_fits(saved_window: QSize, saved_screen: QSize | None,
                      screens: list[QRect]) -> bool:
    """The saved layout may come back: same screen size as when saved, or its window fits."""
    if not screens:
        return True
    here = screens[0].size()
    if saved_screen is not None and saved_screen == here:
        return True
    return saved_window.width() <= here.width() and saved_window.height() <= here.height()


def apply_preset(window: MainWindow, preset: str, screens: list[QRect]) -> None:
    """Arrange `window`'s docks for `preset` on `screens` (the first is the officer's)."""
    if preset not in PRESETS:
        raise ValueError(f"unknown desk layout {preset!r}; one of {', '.join(PRESETS)}")
    first = screens[0] if screens else QRect(0, 0, 1280, 720)
    if window.isMaximized() or window.isFullScreen():
        window.showNormal()
    window.setGeometry(first)
    window.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    d = window.docks
    right = Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    for name in ("alertsDock", "inspectorDock"):
        d[name].setFloating(False)
        window.addDockWidget(right, d[name], Qt.Orientation.Vertical)
        d[name].show()
    for name in ("cctvDock", "healthDock", "legendDock"):
        d[name].setFloating(False)
        window.addDockWidget(bottom, d[name], Qt.Orientation.Horizontal)
        d[name].show()
    window.tabifyDockWidget(d["cctvDock"], d["healthDock"])
    window.tabifyDockWidget(d["healthDock"], d["legendDock"])
    d["cctvDock"].raise_()
    window.show_map_on_second_screen(screens[1] if preset == "two_screens" else None)
    set_title_bars(window, preset)
    window.operations.set_compact(preset == "compact")
    w, h = first.width(), first.height()
    column = {"wide": 0.5, "compact": 0.56, "two_screens": 1.0}[preset]
    queue_share = {"wide": 0.42, "compact": 0.54, "two_screens": 0.54}[preset]
    queue_h = int(h * queue_share)
    if preset == "compact":  # the queue gets its eight rows, the case everything else
        queue_h = queue_height_for(window, MIN_QUEUE_ROWS)
    window.resizeDocks([d["alertsDock"]], [int(w * column)], Qt.Orientation.Horizontal)
    # Qt scales the sizes to the room there is: give it that room (less toolbar and status
    # bar), so the queue keeps exactly the height asked for.
    room = h - window.toolbar.sizeHint().height() - window.statusBar().sizeHint().height()
    if preset != "compact":
        queue_h = int(room * queue_share)
    window.resizeDocks([d["alertsDock"], d["inspectorDock"]], [queue_h, room - queue_h],
                       Qt.Orientation.Vertical)
    if preset != "two_screens":
        strip = {"wide": 0.34, "compact": 0.3}[preset]
        window.resizeDocks([d["cctvDock"]], [int(h * strip)], Qt.Orientation.Vertical)
    window.desk_preset = preset


def set_title_bars(window: MainWindow, preset: str) -> None:
    """On a small screen the queue and the case go without dock title bars (their filter row
    and tabs say what they are): two lines more for the evidence.  Elsewhere Qt's own."""
    for name in ("alertsDock", "inspectorDock"):
        dock = window.docks[name]
        bare = preset == "compact"
        if bare and dock.titleBarWidget() is None:
            blank = QWidget(dock)
            blank.setObjectName(f"{name}NoTitle")
            dock.setTitleBarWidget(blank)
        elif not bare and dock.titleBarWidget() is not None:
            old = dock.titleBarWidget()
            dock.setTitleBarWidget(None)  # type: ignore[arg-type]
            old.deleteLater()


def queue_height_for(window: MainWindow, rows: int) -> int:
    """The queue dock's height that shows `rows` whole rows (filter row, header, frame; the
    queue elides its columns, so it has no horizontal scroll bar)."""
    q = window.queue
    box = q.layout()
    assert box is not None
    m = box.contentsMargins()
    bar = box.itemAt(0)
    table = q.table
    title = window.docks["alertsDock"].titleBarWidget()
    title_h = title.sizeHint().height() if title is not None else 24
    return (title_h + m.top() + m.bottom() + (bar.sizeHint().height() if bar else 0)
            + box.spacing() + table.horizontalHeader().sizeHint().height()
            + 2 * table.frameWidth() + rows * table.verticalHeader().defaultSectionSize() + 4)


def docks_shown(window: MainWindow) -> list[QDockWidget]:
    """The docks an officer can see now (visible, not hidden behind another tab)."""
    return [dock for dock in window.docks.values()
            if dock.isVisible() and not dock.visibleRegion().isEmpty()]
