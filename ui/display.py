"""What the window shows, kept up to date by the engine: the engine's observer.

`DisplayState` implements the engine's observer protocol
(`console.engine.EngineObserver`: `on_feed_status`, `on_store_problem`,
`on_events`, `on_snapshot`, `on_layout`, `on_alerts`) and folds each call into
the display models: the yard picture, the dossiers, the alert queue and the
feed health.  It never draws; it emits signals and the window decides what to
repaint.  Everything runs on the Qt thread (the engine runs in the same loop
through qasync).

Signals:
    picture_changed()        – the yard picture changed (repaint the map)
    layout_replaced()        – a new layout: the map must take `picture` anew
    alerts_changed()         – the alert queue changed (markers, status bar)
    feeds_changed()          – a feed changed state (health, greyed layers)
    store_problem(str)       – a storage problem in words ("" when it is over)
    snapshot_applied()       – a snapshot was folded in (a good moment for `gc.freeze`)
    devices_reported(list)   – device health reports (`DeviceReport`), e.g. for the CCTV wall
    loading_changed(bool)    – snapshots started / finished folding in
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from console.model import DeviceReport, EquipmentEvent, FeedEvent, Snapshot
from ui.alerts.model import AlertQueueModel
from ui.alerts.row import AlertRow
from ui.health.model import FeedHealthModel
from ui.inspector.dossier import Dossiers
from ui.yard.geometry import TerminalLayout
from ui.yard.map_widget import AlertMarker
from ui.yard.picture import YardPicture

# What an unhealthy feed makes untrustworthy.  A feed never heard from has no
# known role; its absence may mean missing clearance decisions, so the
# container colours are greyed.
log = logging.getLogger("ui.display")
SNAPSHOT_CHUNK = 1500  # containers (or held events) per event-loop turn: ~10 ms per turn
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

    def __init__(self, layout: dict[str, Any] | None = None, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.layout_body: dict[str, Any] = layout or {"terminal": "", "width_m": 1000,
                                                       "height_m": 600}
        self.picture = YardPicture(TerminalLayout.from_dict(self.layout_body))
        self.dossiers = Dossiers()
        self.alerts = AlertQueueModel()
        self.health = FeedHealthModel()
        self.snapshots: dict[str, Snapshot] = {}
        self.events_seen = 0
        self._queued: list[tuple[str, Snapshot]] = []
        self._current: tuple[str, Iterator[int]] | None = None
        self._held: list[tuple[str, list[FeedEvent], float]] = []
        self.longest_load_step = 0.0
        self.load_steps = 0
        self._feature_index: tuple[TerminalLayout, dict[str, tuple[float, float]]] | None = None
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
        arrived = time.perf_counter()
        self.events_seen += len(events)
        self.health.count_events(feed, len(events))
        self.dossiers.record(events)
        devices = [ev.body for ev in events if isinstance(ev.body, DeviceReport)]
        if devices:
            self.devices_reported.emit(devices)
        if self.loading:
            self._held.append((feed, list(events), arrived))
        elif self.picture.apply_events(events, arrived):
            self.picture_changed.emit()

    def on_snapshot(self, feed: str, snapshot: Snapshot) -> None:
        """Queue a snapshot; it is folded in a chunk per event-loop turn (see `_load_step`).

        Events that arrive meanwhile are held and applied after it, in order;
        a newer snapshot of the same feed supersedes the older one and the
        events held for that feed.
        """
        self.snapshots[feed] = snapshot
        for d in snapshot.devices:
            self.picture.devices[d.device_id] = d.state
        self._queued = [(f, s) for f, s in self._queued if f != feed] + [(feed, snapshot)]
        self._held = [h for h in self._held if h[0] != feed]
        if self._current is not None and self._current[0] == feed:
            self._current = None
        self._start_loading()

    def _start_loading(self) -> None:
        if not self._loader.isActive():
            self._loader.start()
            self.loading_changed.emit(True)

    @property
    def loading(self) -> bool:
        """Snapshots still folding in, or events held behind them still to apply."""
        return self._current is not None or bool(self._queued) or bool(self._held)

    def _load_step(self) -> None:
        started = time.perf_counter()
        if self._current is None and self._queued:
            feed, snap = self._queued.pop(0)
            self._current = (feed, self.picture.snapshot_steps(
                snap.containers, snap.clearances, snap.vehicles,
                clear_first=bool(snap.containers), chunk=SNAPSHOT_CHUNK))
        if self._current is not None:
            try:
                next(self._current[1])
            except StopIteration:
                self._current = None
                self.snapshot_applied.emit()
            except Exception:
                log.exception("snapshot of %s could not be shown; skipped", self._current[0])
                self._current = None
        elif self._held:
            room = SNAPSHOT_CHUNK
            while self._held and room > 0:
                feed, events, arrived = self._held.pop(0)
                if len(events) > room:  # the engine merges batches of up to 20k events
                    self._held.insert(0, (feed, events[room:], arrived))
                    events = events[:room]
                self.picture.apply_events(events, arrived)
                room -= len(events)
        if not self.loading:
            self._loader.stop()
            self.loading_changed.emit(False)
        self.load_steps += 1
        self.longest_load_step = max(self.longest_load_step, time.perf_counter() - started)
        self.picture_changed.emit()

    def on_layout(self, feed: str, layout: dict[str, Any]) -> None:
        if layout == self.layout_body:
            return
        self.set_layout(layout)

    def on_alerts(self, changes: Sequence[Any]) -> None:
        self.alerts.apply_changes(changes)
        self.alerts_changed.emit()

    # -- derived -------------------------------------------------------------
    def set_layout(self, layout: dict[str, Any]) -> None:
        """Take a new layout and re-apply what is known (snapshots, clearances) onto it."""
        old = self.picture
        self.layout_body = layout
        self.picture = YardPicture(TerminalLayout.from_dict(layout))
        self.picture.status.update(old.status)
        self.picture.empty.update(old.empty)
        self.picture.vehicles.update(old.vehicles)
        self.picture.fence_alarm.update(old.fence_alarm)
        self._current = None
        self._queued = list(self.snapshots.items())
        if self._queued:
            self._start_loading()
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
            points.update({f.id: (f.x, f.y) for f in (*lay.cameras, *lay.lanes, *lay.cranes)})
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
