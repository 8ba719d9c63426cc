"""Vehicles: where each one is, how fast, what it carries, and since when it stands still."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from console.model import PositionReport
from console.yard.layout import NOWHERE, Location, YardLayout


@dataclass(slots=True)
class VehicleRecord:
    """One vehicle's latest report and its derived location.

    `stopped_since` is the feed time (seconds) of the first report of the
    current stand-still while carrying, and `stop_event_id` the id of that
    report: the unscheduled-stop rule names its alert after it.
    """

    vehicle_id: str
    x: float
    y: float
    heading: float | None = None
    speed: float = 0.0
    carrying: str | None = None
    vehicle_type: str | None = None
    location: Location = NOWHERE
    time: float | None = None
    stopped_since: float | None = None
    stop_event_id: str | None = None
    feed: str | None = None


class VehicleBefore(NamedTuple):
    """What the rules need of a vehicle as it was before a report."""

    carrying: str | None
    location: Location
    stopped_since: float | None


class Fleet:
    """All vehicles, and which vehicle carries which container."""

    def __init__(self) -> None:
        self.vehicles: dict[str, VehicleRecord] = {}
        self.carrier_of: dict[str, str] = {}

    def clear(self) -> None:
        self.vehicles.clear()
        self.carrier_of.clear()

    def report(
        self, rep: PositionReport, layout: YardLayout, time: float | None,
        event_id: str | None, stop_speed: float,
    ) -> tuple[VehicleBefore | None, VehicleRecord]:
        """Apply one position report; return (the vehicle as it was, the record now)."""
        rec = self.vehicles.get(rep.vehicle_id)
        before: VehicleBefore | None = None
        if rec is None:
            rec = VehicleRecord(rep.vehicle_id, rep.x, rep.y)
            self.vehicles[rep.vehicle_id] = rec
            moved = True
        else:
            before = VehicleBefore(rec.carrying, rec.location, rec.stopped_since)
            moved = rec.x != rep.x or rec.y != rep.y
        if rec.carrying != rep.carrying:
            if rec.carrying is not None and self.carrier_of.get(rec.carrying) == rec.vehicle_id:
                del self.carrier_of[rec.carrying]
            if rep.carrying is not None:
                self.carrier_of[rep.carrying] = rec.vehicle_id
        rec.x, rec.y, rec.heading, rec.speed = rep.x, rep.y, rep.heading, rep.speed
        rec.carrying = rep.carrying
        rec.vehicle_type = rep.vehicle_type or rec.vehicle_type
        if moved:
            rec.location = layout.locate(rep.x, rep.y)
        if time is not None:
            rec.time = time
        standing = rep.speed < stop_speed and rep.carrying is not None
        if not standing:
            rec.stopped_since = None
            rec.stop_event_id = None
        elif rec.stopped_since is None or (before is not None and before.carrying != rep.carrying):
            rec.stopped_since = time
            rec.stop_event_id = event_id
        return before, rec

    def relocate(self, layout: YardLayout) -> None:
        """Locate every vehicle again (after a new layout)."""
        for rec in self.vehicles.values():
            rec.location = layout.locate(rec.x, rec.y)
