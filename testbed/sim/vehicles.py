"""Vehicles as timelines: where each one is at any simulated second, cheaply.

A move is planned whole when it is dispatched, so each vehicle carries a
list of legs (start time, end time, from, to, what it carries); a stop is a
leg whose ends are the same point.  Reporting a position is then a lookup
and one interpolation, which is what keeps 250 vehicles at 1 Hz cheap.
Routes follow the roads: along the apron road for shuttle carriers, along
the landside road for trucks.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from console.model import PositionReport

Point = tuple[float, float]

APRON_Y = 88.0
LANDSIDE_Y = 482.0


@dataclass(slots=True)
class Leg:
    t0: float
    t1: float
    a: Point
    b: Point
    carrying: str | None
    watched: bool = False  # a stop reported every second (a stop worth watching)


@dataclass(slots=True)
class Vehicle:
    vehicle_id: str
    vehicle_type: str  # shuttle truck
    position: Point
    free_at: float = 0.0
    legs: deque[Leg] = field(default_factory=deque)

    def plan(self, t0: float, points: list[Point], speed: float, carrying: str | None) -> float:
        """Append legs driving through `points` from `t0`; returns the arrival time."""
        t = t0
        here = self.position
        for p in points:
            length = math.dist(here, p)
            if length < 0.01:
                continue
            dt = length / speed
            self.legs.append(Leg(t, t + dt, here, p, carrying))
            t += dt
            here = p
        self.position = here
        self.free_at = max(self.free_at, t)
        return t

    def wait(self, t0: float, t1: float, carrying: str | None, *, watched: bool = False) -> None:
        self.legs.append(Leg(t0, t1, self.position, self.position, carrying, watched))
        self.free_at = max(self.free_at, t1)

    def forget_before(self, t: float) -> None:
        """Drop the legs that ended before `t` (when positions are not being reported)."""
        while self.legs and self.legs[0].t1 < t:
            self.legs.popleft()

    def report(self, t: float) -> PositionReport | None:
        """The position at `t` while a leg covers it (None when parked with nothing planned)."""
        legs = self.legs
        while legs and legs[0].t1 < t:
            legs.popleft()
        if not legs or legs[0].t0 > t:
            return None
        leg = legs[0]
        if leg.a == leg.b:
            if not leg.watched and leg.t0 + 1.0 < t < leg.t1 - 1.0:
                return None
            return PositionReport(
                self.vehicle_id, leg.a[0], leg.a[1], None, 0.0, leg.carrying, self.vehicle_type
            )
        f = (t - leg.t0) / (leg.t1 - leg.t0) if leg.t1 > leg.t0 else 1.0
        x = leg.a[0] + (leg.b[0] - leg.a[0]) * f
        y = leg.a[1] + (leg.b[1] - leg.a[1]) * f
        heading = math.degrees(math.atan2(leg.b[1] - leg.a[1], leg.b[0] - leg.a[0])) % 360
        speed = math.dist(leg.a, leg.b) / (leg.t1 - leg.t0)
        return PositionReport(
            self.vehicle_id,
            round(x, 1),
            round(y, 1),
            round(heading, 1),
            round(speed, 1),
            leg.carrying,
            self.vehicle_type,
        )

    def current(self, t: float) -> PositionReport:
        """The position at `t` for a snapshot (the parked position when idle)."""
        found = self.report(t)
        if found is not None:
            return found
        carrying = self.legs[0].carrying if self.legs else None
        here = self.legs[0].a if self.legs else self.position
        return PositionReport(
            self.vehicle_id,
            round(here[0], 1),
            round(here[1], 1),
            None,
            0.0,
            carrying,
            self.vehicle_type,
        )


def apron_route(a: Point, b: Point) -> list[Point]:
    return [(a[0], APRON_Y), (b[0], APRON_Y), b]


def landside_route(a: Point, b: Point) -> list[Point]:
    return [(a[0], LANDSIDE_Y), (b[0], LANDSIDE_Y), b]
