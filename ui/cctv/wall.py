"""The CCTV wall: 1, 4, 9 or 16 tiles, filled with the cameras that see the officer's place.

Public slots (what the window and the alert queue call):

- `follow_point(x, y)`: fill the wall with the cameras whose field of view
  covers the point, nearest first (`console.cameras.geometry`); pinned tiles
  stay as they are.
- `follow_position(position, vehicles)`, `follow_fence_segment(segment_id)`:
  the same for a container's position and a fence segment.
- `show_cameras(ids)`: show exactly these cameras (a camera picked on the map).
- `show_area(area_id)`: the cameras standing in a zone or block.
- `set_tile_count(n)`, `set_alert(alert_id)`, `apply_device(report)`,
  `snapshot()`, `shutdown()`.

A double-click enlarges a tile to the whole wall on the camera's main stream;
another restores the grid on the sub streams.  Tiles not on show decode
nothing.  The snapshot key (S, or F9) saves the current tile's picture through
the `evidence` callable given at construction (the composition root binds it
to the database, `console.store.office.evidence_rows.take`), attached to the selected
alert.

Signals: `camerasShown(list)` (ids on the wall, in tile order),
`evidenceTaken(object)` (an `EvidenceRecord`), `message(str)` (plain words for
the officer: no camera for a place, a snapshot that could not be saved).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from console.cameras.evidence_record import EvidenceRecord
from console.cameras.feed import CameraFeed
from console.cameras.geometry import cameras_covering, cameras_in_polygon
from console.cameras.places import area_polygon, fence_point, position_point
from console.cameras.registry import CameraRegistry
from console.cameras.slot import Frame
from console.cameras.watchdog import TileState
from console.layout import Camera, Layout, as_layout
from console.model import DeviceReport, Position
from console.store.base import StoreError
from ui.cctv.tile import CameraTile, FeedFactory

TILE_COUNTS = (1, 4, 9, 16)
EvidenceSink = Callable[[Frame, str, str | None], EvidenceRecord]


class CameraWall(QWidget):
    camerasShown = Signal(list)
    evidenceTaken = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        registry: CameraRegistry,
        *,
        layout: Layout | Mapping[str, Any] | None = None,
        evidence: EvidenceSink | None = None,
        tiles: int = 4,
        feed_factory: FeedFactory = CameraFeed,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cameraWall")
        self.registry = registry
        self._layout: Layout = as_layout(layout)
        self._evidence = evidence
        self._alert_id: str | None = None
        self._named: Callable[[str], list[str]] | None = None
        self._count = tiles if tiles in TILE_COUNTS else 4
        self._enlarged: CameraTile | None = None
        self._current: CameraTile | None = None

        self._size_box = QComboBox()
        for n in TILE_COUNTS:
            self._size_box.addItem("", n)
        self._size_box.setCurrentIndex(TILE_COUNTS.index(self._count))
        self._size_box.currentIndexChanged.connect(
            lambda i: self.set_tile_count(TILE_COUNTS[i]))
        self._picker = QLineEdit()
        self._picker.returnPressed.connect(self._pick)
        self._note = QLabel()
        self._note.setWordWrap(True)
        self._note.hide()  # shown while it has something to say (`_say`)
        bar = QHBoxLayout()
        bar.addWidget(self._size_box)
        bar.addWidget(self._picker, 1)
        # Parented to the wall: a tile off the grid is hidden, never a stray top-level window.
        self.tiles = [
            CameraTile(self, feed_factory=feed_factory) for _ in range(max(TILE_COUNTS))
        ]
        for tile in self.tiles:
            tile.activated.connect(lambda _cid, t=tile: self._set_current(t))
            tile.doubleClicked.connect(lambda _cid, t=tile: self.toggle_enlarged(t))
        self._grid = QGridLayout()
        self._grid.setSpacing(2)
        root = QVBoxLayout(self)
        root.setContentsMargins(2, 2, 2, 2)
        root.addLayout(bar)
        root.addWidget(self._note)
        root.addLayout(self._grid, 1)
        self._arrange()
        self.retranslate()
        for key in ("S", "F9"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.snapshot)

    # -- layout of the tiles ---------------------------------------------------------
    def tile_count(self) -> int:
        return self._count

    def visible_tiles(self) -> list[CameraTile]:
        if self._enlarged is not None:
            return [self._enlarged]
        return self.tiles[: self._count]

    def shown_ids(self) -> list[str | None]:
        """Camera ids of the tiles in use, in tile order (None for an empty tile)."""
        return [t.camera_id for t in self.tiles[: self._count]]

    def set_tile_count(self, n: int) -> None:
        if n not in TILE_COUNTS:
            raise ValueError(f"the wall shows 1, 4, 9 or 16 tiles, not {n}")
        self._count = n
        self._size_box.setCurrentIndex(TILE_COUNTS.index(n))
        for tile in self.tiles[n:]:
            tile.set_pinned(False)
        self._restore_enlarged()
        self._arrange()

    def _arrange(self) -> None:
        """Put the tiles on show in the grid; hide (and so stop) the others.

        A tile that stays on show is not hidden in between: its stream goes on.
        """
        shown = self.visible_tiles()
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            if tile not in shown:
                tile.hide()
        side = math.isqrt(len(shown))
        for i, tile in enumerate(shown):
            self._grid.addWidget(tile, i // side, i % side)
            tile.show()
        self.camerasShown.emit([t.camera_id for t in self.tiles[: self._count]])

    def toggle_enlarged(self, tile: CameraTile) -> None:
        """Enlarge `tile` to the whole wall on the main stream, or restore the grid."""
        if self._enlarged is tile:
            self._restore_enlarged()
        elif tile.camera_id is not None:
            self._restore_enlarged()
            self._enlarged = tile
            tile.set_enlarged(True)
            self._set_current(tile)
        self._arrange()

    def _restore_enlarged(self) -> None:
        if self._enlarged is not None:
            self._enlarged.set_enlarged(False)
            self._enlarged = None

    def _set_current(self, tile: CameraTile) -> None:
        if self._current is not None:
            self._current.set_current(False)
        self._current = tile
        tile.set_current(True)

    def current_tile(self) -> CameraTile | None:
        """The tile a snapshot takes: the enlarged one, the last clicked, else the first live."""
        if self._enlarged is not None:
            return self._enlarged
        if self._current is not None and self._current in self.visible_tiles():
            return self._current
        return next((t for t in self.visible_tiles() if t.shown_frame() is not None), None)

    # -- choosing cameras ------------------------------------------------------------
    def show_cameras(self, ids: Iterable[str]) -> list[str]:
        """Fill the unpinned tiles with these cameras in order; return the ids shown.

        Unknown ids are reported in `message`; a camera already in a pinned tile is
        not shown twice; unpinned tiles beyond the list are emptied.
        """
        wanted: list[Camera] = []
        unknown: list[str] = []
        for cid in ids:
            cam = self.registry.get(cid)
            if cam is None:
                unknown.append(cid)
            elif cam not in wanted:
                wanted.append(cam)
        if unknown:
            self.message.emit(self.tr("unknown camera: %1").replace("%1", ", ".join(unknown)))
        pinned_ids = {t.camera_id for t in self.tiles[: self._count] if t.pinned}
        queue = [c for c in wanted if c.id not in pinned_ids]
        self._restore_enlarged()
        for tile in self.tiles[: self._count]:
            if tile.pinned:
                continue
            tile.set_camera(queue.pop(0) if queue else None)
            tile.set_device_state(self.registry.state(tile.camera_id or ""))
        self._arrange()
        shown = [cid for cid in self.shown_ids() if cid is not None]
        self._note.setText("")
        self._note.hide()  # an empty line would only push the tiles down
        return shown

    def follow_point(self, x: float, y: float) -> list[str]:
        """Show the cameras that see (x, y), nearest first, keeping pinned tiles."""
        seeing = cameras_covering(self.registry, x, y)
        if not seeing:
            self._say(self.tr("no camera sees (%1, %2)").replace("%1", f"{x:.0f}").replace(
                "%2", f"{y:.0f}"))
            return []
        return self.show_cameras(c.id for c in seeing)

    def follow_position(
        self, position: Position, vehicles: Mapping[str, tuple[float, float]] | None = None
    ) -> list[str]:
        point = position_point(self._layout, position, vehicles)
        if point is None:
            self._say(self.tr("the layout does not place this position"))
            return []
        return self.follow_point(*point)

    def follow_fence_segment(self, segment_id: str) -> list[str]:
        point = fence_point(self._layout, segment_id)
        if point is None:
            self._say(self.tr("the layout has no fence segment %1").replace("%1", segment_id))
            return []
        return self.follow_point(*point)

    def show_area(self, area_id: str) -> list[str]:
        polygon = area_polygon(self._layout, area_id)
        if polygon is None:
            self._say(self.tr("the layout has no area %1").replace("%1", area_id))
            return []
        cams = cameras_in_polygon(self.registry, polygon)
        if not cams:
            self._say(self.tr("no camera stands in %1").replace("%1", area_id))
            return []
        return self.show_cameras(c.id for c in cams)

    def _pick(self) -> None:
        """The picker: comma- or space-separated camera ids, or one area id."""
        words = [w for w in self._picker.text().replace(",", " ").split() if w]
        if len(words) == 1 and words[0] not in self.registry:
            self.show_area(words[0])
        elif words:
            self.show_cameras(words)

    def settled(self) -> bool:
        """Every tile on show with a camera has left "connecting" (live, no signal, down)."""
        return all(t.status().state is not TileState.CONNECTING
                   for t in self.visible_tiles() if t.camera_id is not None)

    def retranslate(self) -> None:
        for i, n in enumerate(TILE_COUNTS):
            self._size_box.setItemText(i, self.tr("%1 tiles").replace("%1", str(n)))
        self._picker.setPlaceholderText(self.tr("camera ids or area (e.g. CAM-R17-03, Q1)"))
        for tile in self.tiles:
            tile.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, text: str) -> None:
        self._note.setText(text)
        self._note.setVisible(bool(text))
        self.message.emit(text)

    # -- the rest of the world ------------------------------------------------------
    def set_layout(self, layout: Layout | Mapping[str, Any], registry: CameraRegistry) -> None:
        """A new layout; an empty wall (nothing chosen yet) shows its overview."""
        self._layout = as_layout(layout)
        self.registry = registry
        if all(t.camera_id is None for t in self.tiles[: self._count]):
            self.show_overview()

    def show_overview(self) -> list[str]:
        """The wall before any alert: the gates' cameras (every box passes there), then the
        layout's others in its order; the wall is never black while the layout has cameras."""
        gates = [c for z in self._layout.zones if z.kind == "gate"
                 for c in cameras_in_polygon(self.registry, z.polygon)]
        rest = [c for c in self.registry if c not in gates]
        return self.show_cameras(c.id for c in (gates + rest)[: self._count])

    def set_evidence(self, evidence: EvidenceSink | None) -> None:
        """Where S / F9 saves pictures (bound once the console's database is open)."""
        self._evidence = evidence

    def set_evidence_cameras(self, named: Callable[[str], list[str]] | None) -> None:
        """Who says which cameras an alert's evidence names (they go first on the wall)."""
        self._named = named

    def set_alert(self, alert_id: str | None) -> None:
        """The selected alert, to which snapshots are attached; the cameras its evidence
        names go first, ahead of those already chosen for its place."""
        self._alert_id = alert_id
        named = self._named(alert_id) if alert_id is not None and self._named else []
        if named:
            self.show_cameras(named + [c for c in self.shown_ids() if c and c not in named])

    def apply_device(self, report: DeviceReport) -> None:
        if self.registry.apply_device(report):
            for tile in self.tiles:
                if tile.camera_id == report.device_id:
                    tile.set_device_state(report.state)

    def snapshot(self) -> EvidenceRecord | None:
        """Save the current tile's picture as evidence for the selected alert."""
        tile = self.current_tile()
        frame = tile.shown_frame() if tile is not None else None
        if tile is None or frame is None or tile.camera_id is None:
            self._say(self.tr("no live picture to save"))
            return None
        if self._evidence is None:
            self._say(self.tr("evidence cannot be saved: no database"))
            return None
        try:
            record = self._evidence(frame, tile.camera_id, self._alert_id)
        except StoreError as exc:
            self._say(self.tr("the snapshot was not saved: %1").replace("%1", exc.message))
            return None
        self._say(self.tr("snapshot of %1 saved (%2…)").replace("%1", record.camera_id)
                  .replace("%2", record.sha256[:12]))
        self.evidenceTaken.emit(record)
        return record

    def shutdown(self, wait_s: float = 5.0) -> bool:
        """Stop every tile's stream and wait for the readers (window closing)."""
        return all([tile.shutdown(wait_s) for tile in self.tiles])
