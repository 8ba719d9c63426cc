"""What the window shows, kept up to date by the engine: the engine's observer.

`DisplayState` implements the engine's observer protocol
(`console.engine.EngineObserver`: `on_feed_status`, `on_store_problem`,
`on_events`, `on_snapshot`, `on_layout`, `on_alerts`, `on_yard_changes`; the gateway's
answers go to the correction sender, not here) and
folds each call into the display models: the yard picture, the dossiers, the
alert queue and the feed health.  The yard picture takes only the core yard's
change sets (`on_yard_changes`, `console.yard.changes`): events and snapshots
reach the dossiers and the feed health, never the map.  It never draws; it
emits signals and the window decides what to repaint.  Everything runs on the
Qt thread (the engine runs in the same loop through qasync).

Signals:
    picture_changed()        – the yard picture changed (repaint the map)
    layout_replaced()        – a new layout: the map must take `picture` anew
    alerts_changed()         – the alert queue changed (markers, status bar)
    feeds_changed()          – a feed changed state (health, greyed layers)
    store_problem(str)       – a storage problem in words ("" when it is over)
    snapshot_applied()       – a large change set (a snapshot's) was applied in steps and
                               nothing is queued behind it (a good moment for `gc.freeze`)
    devices_reported(list)   – device health reports (`DeviceReport`), e.g. for the CCTV wall
    loading_changed(bool)    – large change sets started / finished applying in steps
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.layout import Layout, as_layout
from console.model import DeviceReport, EquipmentEvent, FeedEvent, Snapshot
from console.yard.changes import YardChanges
from console.yard.clearances import is_clearance_snapshot
from console.yard.vessel_calls import VesselCalls
from ui.alerts.model import AlertQueueModel
from ui.alerts.row import AlertRow
from ui.health.model import FeedHealthModel
from ui.inspector.dossier import Dossiers
from ui.yard.map_widget import AlertMarker
from ui.yard.picture import YardPicture

# What an unhealthy feed makes untrustworthy.  A feed never heard from has no
# known role; its absence may mean missing clearance decisions, so the
# container colours are greyed.
log = logging.getLogger("ui.display")
SNAPSHOT_CHUNK = 1500  # yard changes per event-loop turn: ~10 ms per turn
LOADING_REPAINT_S = 0.25  # while a large change set goes in, the map is redrawn this often
STALE_LAYERS: dict[str, set[str]] = {
    "terminal": {"containers", "vehicles", "cranes", "fence"},
    "clearance": {"containers"},
    "": {"containers"},
}


class DisplayState(QObject):
    picture_changed = Signal()
    layout_replaced = Signal()
    alerts_changed = Signal()
    feeds_changed = Signal()
    store_problem = Signal(str)
    snapshot_applied = Signal()
    devices_reported = Signal(list)
    loading_changed = Signal(bool)

    def __init__(self, layout: Layout | Mapping[str, Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.terminal_layout: Layout = as_layout(
            layout or {"terminal": "", "width_m": 1000, "height_m": 600})
        # Until the clearance feed's snapshot is in, no container is called off the manifest
        # (`ClearanceBook.snapshot_in` in the core; neutral on the map).
        self.picture = YardPicture(self.terminal_layout, clearance_known=False)
        self.dossiers = Dossiers()
        self.vessels = VesselCalls()  # the berths' vessel calls (map and inspector)
        self.alerts = AlertQueueModel()
        self.health = FeedHealthModel()
        self.events_seen = 0
        self.snapshots_seen = 0
        self._queued: deque[tuple[YardChanges, float]] = deque()
        self._current: Iterator[int] | None = None
        self._arrived: float | None = None  # when the events behind the next change set came
        self._shown_at = 0.0  # when a loading step last asked for the map to be redrawn
        self.longest_load_step = 0.0
        self.load_steps = 0
        self._feature_index: tuple[Layout, dict[str, tuple[float, float]]] | None = None
        self._loader = QTimer(self)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_step)

    # -- EngineObserver ------------------------------------------------------
    def on_feed_status(self, status: Any) -> None:
        self.health.apply_status(status)
        self.feeds_changed.emit()

    def on_store_problem(self, error: Any) -> None:
        self.store_problem.emit("" if error is None else str(getattr(error, "message", error)))

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        if self._arrived is None:  # event-to-pixel latency counts from here
            self._arrived = time.perf_counter()
        self.events_seen += len(events)
        self.health.count_events(feed, len(events))
        self.dossiers.record(events)
        for ev in events:
            self.vessels.apply(ev)
        devices = [ev.body for ev in events if isinstance(ev.body, DeviceReport)]
        if devices:
            self.devices_reported.emit(devices)

    def on_snapshot(self, feed: str, snapshot: Snapshot) -> None:
        """A snapshot was committed; the map learns what it changed from the yard."""
        self.snapshots_seen += 1
        if not self.picture.clearance_known and self._is_clearance_feed(feed, snapshot):
            self.picture.set_clearance_known(True)

    def on_yard_changes(self, changes: YardChanges) -> None:
        """Apply what the core yard changed: at once, or a chunk per event-loop turn
        when the set is large (a snapshot's) or others wait (order is kept)."""
        arrived = self._arrived if self._arrived is not None else time.perf_counter()
        self._arrived = None
        if self._queued or self._current is not None or len(changes) > SNAPSHOT_CHUNK:
            self._queued.append((changes, arrived))
            self._start_loading()
        elif self.picture.apply_changes(changes, arrived):
            self.picture_changed.emit()

    def _start_loading(self) -> None:
        if not self._loader.isActive():
            self._loader.start()
            self.loading_changed.emit(True)

    @property
    def loading(self) -> bool:
        """Large change sets still being applied, or sets queued behind them."""
        return self._current is not None or bool(self._queued)

    def _load_step(self) -> None:
        started = time.perf_counter()
        if self._current is None and self._queued:
            changes, arrived = self._queued.popleft()
            self._current = self.picture.change_steps(changes, SNAPSHOT_CHUNK, arrived)
        if self._current is not None:
            try:
                next(self._current)
            except StopIteration:
                self._current = None
        done = not self.loading
        if done:
            self._loader.stop()
            self.loading_changed.emit(False)
            self.snapshot_applied.emit()
        self.load_steps += 1
        now = time.perf_counter()
        self.longest_load_step = max(self.longest_load_step, now - started)
        if done or now - self._shown_at >= LOADING_REPAINT_S:  # a partial yard, now and then
            self._shown_at = now
            self.picture_changed.emit()

    def _finish_loading(self) -> None:
        """Apply what is still queued at once (before the picture is replaced)."""
        while self.loading:
            self._load_step()

    def _is_clearance_feed(self, feed: str, snapshot: Snapshot) -> bool:
        if is_clearance_snapshot(snapshot):
            return True
        return any(ln.feed == feed and ln.role == "clearance" for ln in self.health.lines())

    def on_layout(self, feed: str, layout: Layout | Mapping[str, Any]) -> None:
        layout = as_layout(layout)
        if layout == self.terminal_layout:
            return
        self.set_layout(layout)

    def on_correction_result(self, feed: str, result: Any) -> None:
        pass  # the correction sender takes the gateway's answers (console.composition)

    def on_gateway_error(self, feed: str, error: Any) -> None:
        pass

    def on_alerts(self, changes: Sequence[Any]) -> None:
        self.alerts.apply_changes(changes)
        self.alerts_changed.emit()

    # -- derived -------------------------------------------------------------
    @property
    def layout_body(self) -> dict[str, Any]:
        """The current layout's body as received (for the camera overrides)."""
        return dict(self.terminal_layout.body)

    def set_layout(self, layout: Layout | Mapping[str, Any]) -> None:
        """Take a new layout and draw what the picture holds onto it."""
        self._finish_loading()
        self.terminal_layout = as_layout(layout)
        self.picture = self.picture.relaid(self.terminal_layout)
        self.layout_replaced.emit()

    def stale_layers(self) -> set[str]:
        layers: set[str] = set()
        for role in self.health.stale_roles():
            layers |= STALE_LAYERS.get(role, set())
        return layers

    def locate(self, subject: str) -> tuple[float, float] | None:
        """Where an alert's subject is on the map: container, vehicle, crane, or a layout
        feature (fence segment, camera or other device, lane, zone)."""
        pic = self.picture
        point = pic.container_point(subject)
        if point is not None:
            return point
        v = pic.vehicles.get(subject)
        if v is not None:
            return (v.x, v.y)
        if subject in pic.cranes:
            return pic.cranes[subject]
        return self._features().get(subject)

    def _features(self) -> dict[str, tuple[float, float]]:
        """Fixed places of the layout by id, built once per layout (alert floods ask often)."""
        lay = self.picture.layout
        if self._feature_index is None or self._feature_index[0] is not lay:
            points: dict[str, tuple[float, float]] = {z.id: z.centre() for z in lay.zones}
            points.update({c.id: (c.x, c.y) for c in lay.cameras})
            points.update({ln.id: (ln.x, ln.y) for ln in lay.lanes})
            points.update({c.id: (c.x, c.y) for c in lay.cranes})
            points.update({seg.id: seg.centre() for seg in lay.fence})
            self._feature_index = (lay, points)
        return self._feature_index[1]

    def locate_alert(self, row: AlertRow) -> tuple[float, float] | None:
        """Where an alert happened: its subject now, else where its raising event put it.

        A container that gated out or was loaded is no longer in the yard; the
        lane, vehicle, crane or slot of the event that raised the alert is.
        """
        where = self.locate(row.subject)
        if where is not None:
            return where
        ev = self.dossiers.event(row.event_id, row.subject)
        body: Any = ev.body if ev is not None else None
        if isinstance(body, EquipmentEvent):
            pos = body.position
            key = pos.slot_key() if pos is not None else None
            if key is not None:
                block = self.picture.layout.block(key[0])
                if block is not None:
                    return block.slot_centre(key[1], key[2])
            for ref in (body.lane_id, pos.lane_id if pos else None, body.vehicle_id,
                        pos.vehicle_id if pos else None, body.crane_id,
                        pos.crane_id if pos else None):
                if ref and (found := self.locate(ref)) is not None:
                    return found
        for name in ("lane_id", "vehicle_id", "segment_id", "device_id", "zone_id"):
            value = row.detail.get(name)
            if isinstance(value, str) and (found := self.locate(value)) is not None:
                return found
        return None

    def markers(self) -> list[AlertMarker]:
        out: list[AlertMarker] = []
        for row in self.alerts.rows():
            if row.heads_group and row.state != "resolved":
                where = self.locate_alert(row)
                if where is not None:
                    out.append(AlertMarker(row.alert_id, row.severity, where[0], where[1]))
        return out
