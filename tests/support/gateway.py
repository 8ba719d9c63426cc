"""`TestGateway`: a scripted feed endpoint for tests, served by the real `Gateway`.

It keeps a small yard (containers in slots, vehicles, clearances, devices)
that every appended event updates, so its snapshots always describe the state
as of `log.last_seq`.  Tests add events one by one (`add_event`) or in bulk
(`emit`), and decide how corrections are answered (`corrections = "accept"`
or `"reject"`).  `running_gateway` serves endpoints on loopback for the
duration of an `async with`.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
from collections.abc import AsyncIterator
from typing import Any

from console.protocol.messages import Correction
from testbed.gateway.feedlog import Envelope, FeedLog
from testbed.gateway.server import FeedEndpoint, Gateway
from tests.support import bodies


class YardState:
    """What a snapshot reports, kept up to date event by event."""

    def __init__(self) -> None:
        self.containers: dict[str, dict[str, Any]] = {}
        self.vehicles: dict[str, dict[str, Any]] = {}
        self.clearances: dict[str, dict[str, Any]] = {}
        self.devices: dict[str, dict[str, Any]] = {}

    def apply(self, envelope: Envelope) -> None:
        kind, body = envelope["kind"], envelope["body"]
        if not isinstance(body, dict):
            return
        try:
            if kind == "equipment":
                self._equipment(envelope["id"], body)
            elif kind == "position":
                self.vehicles[body["vehicleId"]] = {
                    k: body.get(k) for k in ("vehicleId", "x", "y", "heading", "speed", "carrying")
                }
            elif kind == "clearance":
                self.clearances[body["equipmentReference"]] = body
            elif kind == "device":
                self.devices[body["deviceId"]] = {"deviceId": body["deviceId"],
                                                  "state": body["state"]}
        except (KeyError, TypeError):
            return  # a deliberately broken body changes nothing

    def _equipment(self, event_id: str, body: dict[str, Any]) -> None:
        reference = body["equipmentReference"]
        if body.get("equipmentEventTypeCode") in ("GTOT", "LOAD"):
            self.containers.pop(reference, None)
            return
        entry = self.containers.setdefault(reference, {"equipmentReference": reference})
        entry["ISOEquipmentCode"] = body.get("ISOEquipmentCode")
        entry["emptyIndicatorCode"] = body.get("emptyIndicatorCode")
        where = (body.get("terminal") or {}).get("position")
        if where is not None:
            entry["position"] = where
        entry["lastEventId"] = event_id

    def as_snapshot(self) -> dict[str, Any]:
        return {
            "containers": list(self.containers.values()),
            "vehicles": list(self.vehicles.values()),
            "clearances": list(self.clearances.values()),
            "devices": list(self.devices.values()),
        }


class TestGateway:
    """A `FeedEndpoint` with scripted content (one feed: terminal or clearance)."""

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        name: str = "KHH-T7",
        role: str = "terminal",
        *,
        heartbeat_s: float = 5.0,
        retain: int = 200_000,
        layout_version: str | None = "2026-11-01",
        containers: int = 20,
        log: FeedLog | None = None,
        yard: YardState | None = None,
    ) -> None:
        self.log = log or FeedLog(name, role, retain=retain)
        self.heartbeat_s = heartbeat_s
        self.layout_version = layout_version
        self.yard = yard or initial_yard(role, containers)
        self.corrections = "accept"
        self.reject_reason = "event is final at the terminal"
        self.corrections_seen: list[Correction] = []
        self._counter = itertools.count(1)
        self.log.subscribe(self.yard.apply)

    # ------------------------------------------------------------ FeedEndpoint

    def snapshot(self) -> dict[str, Any]:
        return self.yard.as_snapshot()

    def layout(self) -> dict[str, Any] | None:
        return bodies.layout(self.log.name) if self.log.role == "terminal" else None

    def correct(self, c: Correction) -> dict[str, Any]:
        self.corrections_seen.append(c)
        if self.corrections != "accept":
            return {"status": "rejected", "reason": self.reject_reason}
        original = self.log.event(c.event_id)
        if original is None:
            return {"status": "rejected", "reason": f"unknown or expired event {c.event_id}"}
        body = copy.deepcopy(original["body"])
        body.update(c.changes)
        revision = sum(1 for s in self.corrections_seen if s.event_id == c.event_id)
        replacement = self.log.append(
            original["kind"], body, time=self.now(), source=original["source"],
            id=f"{c.event_id}#{revision}", corrects=c.event_id,
        )
        return {"status": "accepted", "replacement_id": replacement["id"]}

    def now(self) -> str:
        return bodies.rfc3339()

    # ------------------------------------------------------------ scripting

    def add_event(self, kind: str, body: dict[str, Any], *, source: str | None = "TEST",
                  time: str | None = None, id: str | None = None,
                  corrects: str | None = None) -> Envelope:
        return self.log.append(kind, body, time=time or self.now(), source=source, id=id,
                               corrects=corrects)

    def emit(self, n: int, *, pad_bytes: int = 0) -> list[Envelope]:
        """Append `n` valid events typical of this feed's role."""
        return [self.add_event(*self._next_event(pad_bytes)) for _ in range(n)]

    def _next_event(self, pad_bytes: int) -> tuple[str, dict[str, Any]]:
        i = next(self._counter)
        reference = bodies.container_number(i % 50)
        time = self.now()
        if self.log.role == "clearance":
            status = ("pending", "released", "hold", "inspect")[i % 4]
            return "clearance", bodies.clearance(reference, status, time=time)
        if i % 3 == 0:
            return "position", bodies.position(f"SC{i % 7:02d}", 100.0 + i % 500, 200.0)
        event = bodies.equipment(
            reference, "DROP", time=time,
            event_id=f"{self.log.name}-{self.log.epoch[:8]}-{self.log.last_seq + 1:09d}",
            position=bodies.slot("A02", 1 + i % 40, 1 + i % 10, 1 + i % 5), crane_id="RMG12",
        )
        if pad_bytes:
            event["terminal"]["padding"] = "x" * pad_bytes
        return "equipment", event


def initial_yard(role: str, containers: int) -> YardState:
    """A deterministic starting yard, so that a restarted gateway process rebuilds the same."""
    yard = YardState()
    time = "2026-11-28T08:00:00.000+08:00"
    for n in range(containers):
        reference = bodies.container_number(100_000 + n)
        if role == "clearance":
            yard.clearances[reference] = bodies.clearance(
                reference, "released" if n % 3 else "hold", time=time)
            continue
        yard.containers[reference] = {
            "equipmentReference": reference, "ISOEquipmentCode": "45G1",
            "emptyIndicatorCode": "LADEN" if n % 4 else "EMPTY",
            "position": bodies.slot("A01", 1 + n // 50, 1 + n // 5 % 10, 1 + n % 5),
        }
    if role == "terminal":
        yard.vehicles["SC01"] = bodies.position("SC01", 512.3, 210.8)
        yard.devices["CAM-R17-03"] = {"deviceId": "CAM-R17-03", "state": "up"}
    return yard


@contextlib.asynccontextmanager
async def running_gateway(
    endpoints: dict[str, FeedEndpoint], **options: Any
) -> AsyncIterator[Gateway]:
    """A started `Gateway` on loopback for the body of the `async with`."""
    gateway = Gateway(endpoints, **options)
    await gateway.start()
    try:
        yield gateway
    finally:
        await gateway.stop()
