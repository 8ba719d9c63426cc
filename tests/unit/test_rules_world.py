"""A small terminal for rule tests: raw DCSA bodies through the real parser and stores.

`World` numbers envelopes like a gateway, parses them with the console's own
envelope parser and body normaliser, commits them to a real SQLite event
store, and only then hands them to a real `Supervisor` backed by a real
SQLite alert store in the same file, as the engine does.  Feed time is the
world's clock, moved on with `later()`; heartbeats carry it when no event does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from console.alerts.model import Alert, AlertChange
from console.model import FeedEvent
from console.protocol.bodies import normalise_body
from console.protocol.iso6346 import make_number
from console.protocol.messages import EventEnvelope, Heartbeat, parse_server_message
from console.rules.config import RuleConfig
from console.rules.supervisor import Supervisor
from console.store.base import FeedCursor, WriteBatch
from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore
from console.timefmt import parse_time
from console.yard.recall import StoreRecall

T0 = "2026-11-28T20:00:00.000+08:00"

LAYOUT: dict[str, Any] = {
    "terminal": "KHH-T7", "name": "test terminal", "width_m": 1500, "height_m": 1000,
    "blocks": [{"id": "A03", "x": 300, "y": 200, "angle_deg": 0, "bays": 40, "rows": 10,
                "tiers": 5, "slot_length_m": 6.5, "slot_width_m": 2.9}],
    "zones": [
        {"id": "Q1", "kind": "quay", "polygon": [[0, 0], [400, 0], [400, 60], [0, 60]]},
        {"id": "RD1", "kind": "road", "polygon": [[0, 60], [1500, 60], [1500, 100], [0, 100]]},
        {"id": "TS1", "kind": "transfer",
         "polygon": [[100, 100], [200, 100], [200, 140], [100, 140]]},
        {"id": "R1", "kind": "restricted",
         "polygon": [[600, 600], [700, 600], [700, 700], [600, 700]]},
        {"id": "G1", "kind": "gate", "polygon": [[1400, 500], [1500, 500], [1500, 560],
                                                  [1400, 560]]},
    ],
}

BOX = make_number("EGH", 901234)
BOX2 = make_number("EGH", 901235)
BOX3 = make_number("TGH", 100001)


def stamp(seconds: float) -> str:
    """RFC 3339 in +08:00 for `seconds` after T0."""
    base = parse_time(T0) + seconds
    from datetime import datetime, timedelta, timezone

    tz = timezone(timedelta(hours=8))
    return datetime.fromtimestamp(base, tz).isoformat(timespec="milliseconds")


class World:
    def __init__(
        self, tmp_path: Path, *, config: RuleConfig | None = None, db: str = "yard.db",
        layout: dict[str, Any] | None = LAYOUT,
    ) -> None:
        self.path = tmp_path / db
        self.events = SqliteEventStore(self.path)
        self.alerts = SqliteAlertStore(self.path)
        self.wall = 1_800_000_000.0
        self.sup = Supervisor(self.alerts, layout, config, wall_clock=lambda: self.wall)
        # As `build_console` gives the live yard: a read-only store of its own, behind the
        # `EventReader` interface.
        self.reader = SqliteEventStore(self.path, readonly=True)
        self.recall = StoreRecall(self.reader)
        self.sup.yard.recall = self.recall
        self.t = 0.0
        self.seq: dict[str, int] = {}
        self.changes: list[AlertChange] = []
        self.sent: list[FeedEvent] = []

    def close(self) -> None:
        self.reader.close()
        self.events.close()
        self.alerts.close()

    def later(self, seconds: float) -> World:
        self.t += seconds
        return self

    def send(
        self, kind: str, body: dict[str, Any], *, feed: str = "KHH-T7", role: str = "terminal",
        event_id: str | None = None, corrects: str | None = None,
    ) -> list[AlertChange]:
        seq = self.seq.get(feed, 0) + 1
        self.seq[feed] = seq
        msg: dict[str, Any] = {
            "type": "event", "seq": seq, "id": event_id or f"{feed}:{seq:09d}", "kind": kind,
            "time": stamp(self.t), "source": "TEST", "body": body,
        }
        if corrects is not None:
            msg["corrects"] = corrects
        env = parse_server_message(json.dumps(msg))
        assert isinstance(env, EventEnvelope)
        event = FeedEvent(feed, "epoch-1", env.seq, env.id, env.kind, env.time, env.source,
                          normalise_body(env.kind, env.body), env.corrects)
        batch = WriteBatch.empty()
        batch.events.append(event)
        batch.cursors.append(FeedCursor(feed, "epoch-1", seq))
        self.events.write(batch)
        return self.apply(event, role)

    def apply(self, event: FeedEvent, role: str = "terminal") -> list[AlertChange]:
        self.sent.append(event)
        out = self.sup.apply(event.feed, role, event)
        self.changes += out
        return out

    def heartbeat(self, feed: str = "KHH-T7") -> list[AlertChange]:
        hb = parse_server_message(json.dumps(
            {"type": "heartbeat", "time": stamp(self.t), "last_seq": self.seq.get(feed, 0)}))
        assert isinstance(hb, Heartbeat) and hb.time is not None
        out = self.sup.heartbeat(feed, hb.time)
        self.changes += out
        return out

    def equipment(self, etype: str, ref: str = BOX, **extra: Any) -> list[AlertChange]:
        corrects = extra.pop("corrects", None)
        event_id = extra.pop("event_id", None)
        body: dict[str, Any] = {
            "eventID": event_id or f"T-{len(self.sent) + 1}", "eventType": "EQUIPMENT",
            "eventClassifierCode": extra.pop("classifier", "ACT"),
            "eventDateTime": stamp(self.t), "eventCreatedDateTime": stamp(self.t),
            "equipmentEventTypeCode": etype, "equipmentReference": ref,
            "ISOEquipmentCode": extra.pop("iso", "42G1"),
            "emptyIndicatorCode": extra.pop("empty", "LADEN"),
        }
        if "seals" in extra:
            body["seals"] = [{"sealNumber": s, "sealSource": src, "sealType": "BLT"}
                             for s, src in extra.pop("seals")]
        terminal = {k: v for k, v in extra.items() if v is not None}
        if terminal:
            body["terminal"] = terminal
        return self.send("equipment", body, event_id=event_id, corrects=corrects)

    def clearance(
        self, ref: str = BOX, status: str = "released", **extra: Any
    ) -> list[AlertChange]:
        body = {"equipmentReference": ref, "declarationNo": "AA12345678901", "status": status,
                "statusTime": stamp(self.t), "customsSeals": extra.pop("seals", [])}
        body.update(extra)
        return self.send("clearance", body, feed="CUSTOMS", role="clearance")

    def position(self, vehicle: str, x: float, y: float, speed: float,
                 carrying: str | None = BOX) -> list[AlertChange]:
        return self.send("position", {"vehicleId": vehicle, "vehicleType": "shuttle", "x": x,
                                      "y": y, "heading": 0.0, "speed": speed,
                                      "carrying": carrying})

    def fence(self, segment: str, state: str) -> list[AlertChange]:
        return self.send("fence", {"segmentId": segment, "state": state, "reason": "pulse_break"})

    def device(self, device: str, state: str) -> list[AlertChange]:
        return self.send("device", {"deviceId": device, "deviceType": "camera", "state": state})

    def fired(self, rule: str | None = None) -> list[Alert]:
        return [a for a in self.alerts.alerts(rule=rule)]

    def rules_fired(self) -> set[str]:
        return {a.rule for a in self.alerts.alerts()}


def test_world_sends_through_the_real_store(tmp_path: Path) -> None:
    w = World(tmp_path)
    w.equipment("DISC", craneId="STS03")
    w.later(5).position("SC17", 150, 120, 4.0)
    assert w.events.event_count() == 2
    assert w.sup.yard.containers[BOX].stage == "discharged"
    assert w.sup.yard.vehicles["SC17"].location.zone_ids() == ("TS1",)
    w.close()
