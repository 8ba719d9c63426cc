"""Builders shared by the window tests: a small terminal, feed events, alert changes."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from console.model import (
    Clearance,
    EquipmentEvent,
    FeedEvent,
    FenceReport,
    Position,
    PositionReport,
)
from console.protocol.iso6346 import make_number

_seq = itertools.count(1)
TIME = "2026-11-28T20:00:00.000+08:00"


def small_layout() -> dict[str, Any]:
    """Two blocks (one east-facing, one north-facing), a quay, a restricted zone, a fence."""
    return {
        "terminal": "TEST-T1", "name": "Test terminal", "width_m": 400, "height_m": 300,
        "blocks": [
            {"id": "A01", "x": 50, "y": 100, "angle_deg": 0, "bays": 10, "rows": 4, "tiers": 3,
             "slot_length_m": 6.5, "slot_width_m": 2.9},
            {"id": "B01", "x": 250, "y": 100, "angle_deg": 90, "bays": 8, "rows": 5,
             "tiers": 4, "slot_length_m": 6.5, "slot_width_m": 2.9},
        ],
        "berths": [{"id": "B1", "x1": 0, "y1": 30, "x2": 400, "y2": 30}],
        "cranes": [{"id": "STS01", "type": "sts", "berth": "B1"}],
        "lanes": [{"id": "G1-OUT-01", "direction": "out", "x": 380, "y": 200}],
        "zones": [
            {"id": "Q1", "kind": "quay", "polygon": [[0, 0], [400, 0], [400, 40], [0, 40]]},
            {"id": "X1", "kind": "restricted",
             "polygon": [[0, 250], [60, 250], [60, 300], [0, 300]]},
        ],
        "cameras": [{"id": "CAM-1", "x": 120, "y": 160, "heading_deg": 0, "fov_deg": 70,
                     "range_m": 100}],
        "fence": [{"id": "F-N-01", "points": [[0, 300], [200, 300]]},
                  {"id": "F-N-02", "points": [[200, 300], [400, 300]]}],
    }


def number(serial: int, owner: str = "TST") -> str:
    return make_number(owner, serial)


def event(body: Any, kind: str, feed: str = "T", event_id: str | None = None) -> FeedEvent:
    seq = next(_seq)
    return FeedEvent(feed, "e1", seq, event_id or f"{feed}:{seq}", kind, TIME, "SRC", body)


def drop(ref: str, block: str, bay: int, row: int, tier: int = 1, empty: str = "LADEN",
         **extra: Any) -> FeedEvent:
    body = EquipmentEvent(f"d{next(_seq)}", "ACT", "DROP", TIME, ref, empty=empty,
                          position=Position("slot", block, bay, row, tier), **extra)
    return event(body, "equipment")


def equipment(ref: str, event_type: str, **extra: Any) -> FeedEvent:
    return event(EquipmentEvent(f"q{next(_seq)}", "ACT", event_type, TIME, ref, **extra),
                 "equipment")


def clearance(ref: str, status: str, **extra: Any) -> FeedEvent:
    return event(Clearance(ref, status, **extra), "clearance", feed="C")


def position(vehicle: str, x: float, y: float, carrying: str | None = None,
             heading: float = 0.0) -> FeedEvent:
    return event(PositionReport(vehicle, x, y, heading, 3.0, carrying, "shuttle"), "position")


def fence(segment: str, state: str) -> FeedEvent:
    return event(FenceReport(segment, state, "pulse_break"), "fence")


def alert(alert_id: str, severity: str = "high", rule: str = "SEAL_MISMATCH",
          subject: str = "TSTU0000001", state: str = "unacknowledged", **extra: Any
          ) -> dict[str, Any]:
    """An alert change in the headless JSON form (`AlertChange.to_json()`)."""
    d: dict[str, Any] = {
        "kind": "alert", "alert_id": alert_id, "rule": rule, "severity": severity,
        "state": state, "cleared": False, "subject": subject, "event_id": None,
        "raised_at": TIME, "changed_at": "", "feed": "T", "action": "raise",
        "who": "system", "station": None, "why": None, "group_id": alert_id, "repeats": 0,
    }
    d.update(extra)
    return d


def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)

