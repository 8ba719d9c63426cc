"""Valid event bodies (protocol sections 3-5) for scripted feeds.

Container numbers carry a correct ISO 6346 check digit unless asked not to,
so that a scripted feed raises exactly the alerts a test means it to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

TAIPEI = dt.timezone(dt.timedelta(hours=8))
_LETTER_VALUES = {
    c: v for c, v in zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
         34, 35, 36, 37, 38], strict=True,
    )
}


def iso6346_check_digit(prefix10: str) -> int:
    """The check digit of a 4-letter, 6-digit container number prefix."""
    total = 0
    for i, ch in enumerate(prefix10):
        value = _LETTER_VALUES[ch] if ch.isalpha() else int(ch)
        total += value * (2**i)
    return total % 11 % 10


def container_number(n: int, owner: str = "EGHU") -> str:
    prefix = f"{owner}{n % 1_000_000:06d}"
    return f"{prefix}{iso6346_check_digit(prefix)}"


def rfc3339(moment: dt.datetime | None = None) -> str:
    """A feed time: RFC 3339, milliseconds, +08:00."""
    moment = moment or dt.datetime.now(TAIPEI)
    return moment.astimezone(TAIPEI).isoformat(timespec="milliseconds")


def slot(block: str, bay: int, row: int, tier: int) -> dict[str, Any]:
    return {"kind": "slot", "block": block, "bay": bay, "row": row, "tier": tier}


def equipment(
    reference: str,
    event_type: str,
    *,
    event_id: str,
    time: str,
    iso_code: str = "45G1",
    empty: str = "LADEN",
    position: dict[str, Any] | None = None,
    seals: list[dict[str, str]] | None = None,
    crane_id: str | None = None,
    vehicle_id: str | None = None,
    lane_id: str | None = None,
) -> dict[str, Any]:
    """A DCSA T&T 2.2 EquipmentEvent with the terminal additions."""
    terminal: dict[str, Any] = {}
    for key, value in (("craneId", crane_id), ("vehicleId", vehicle_id), ("laneId", lane_id),
                       ("position", position)):
        if value is not None:
            terminal[key] = value
    body: dict[str, Any] = {
        "eventID": event_id,
        "eventType": "EQUIPMENT",
        "eventClassifierCode": "ACT",
        "eventDateTime": time,
        "eventCreatedDateTime": time,
        "equipmentEventTypeCode": event_type,
        "equipmentReference": reference,
        "ISOEquipmentCode": iso_code,
        "emptyIndicatorCode": empty,
        "seals": seals or [{"sealNumber": "TW1234567", "sealSource": "CUS", "sealType": "BLT"}],
        "transportCall": {
            "modeOfTransport": "VESSEL",
            "carrierVoyageNumber": "1234N",
            "vessel": {"vesselIMONumber": "9811000", "vesselName": "EVER ACE"},
        },
        "eventLocation": {"locationName": "Kaohsiung T7", "UNLocationCode": "TWKHH"},
    }
    if terminal:
        body["terminal"] = terminal
    return body


def position(vehicle_id: str, x: float, y: float, *, speed: float = 4.2,
             heading: float = 90.0, carrying: str | None = None) -> dict[str, Any]:
    return {"vehicleId": vehicle_id, "vehicleType": "shuttle", "x": x, "y": y,
            "heading": heading, "speed": speed, "carrying": carrying}


def device(device_id: str, state: str, device_type: str = "camera",
           detail: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"deviceId": device_id, "deviceType": device_type, "state": state}
    if detail is not None:
        body["detail"] = detail
    return body


def fence(segment_id: str, state: str, reason: str | None = None) -> dict[str, Any]:
    return {"segmentId": segment_id, "state": state, "reason": reason}


def clearance(reference: str, status: str, *, time: str,
              customs_seals: list[str] | None = None) -> dict[str, Any]:
    return {
        "equipmentReference": reference,
        "declarationNo": "AA12345678901",
        "billOfLading": "EGLV123456789012",
        "vesselIMONumber": "9811000",
        "voyage": "1234N",
        "status": status,
        "statusTime": time,
        "declaredEmpty": False,
        "customsSeals": customs_seals if customs_seals is not None else ["TW1234567"],
        "inspection": None,
    }


def layout(terminal: str = "KHH-T7") -> dict[str, Any]:
    """A small but complete section 7 layout."""
    return {
        "terminal": terminal, "name": "Kaohsiung Terminal 7 (test)",
        "width_m": 1500, "height_m": 1000,
        "geo": {"origin_lat": 22.56, "origin_lon": 120.30, "rotation_deg": 0},
        "blocks": [
            {"id": f"A0{i}", "x": 300 + 150 * i, "y": 200, "angle_deg": 90, "bays": 40,
             "rows": 10, "tiers": 5, "slot_length_m": 6.5, "slot_width_m": 2.9}
            for i in range(1, 4)
        ],
        "berths": [{"id": "B108", "x1": 0, "y1": 40, "x2": 400, "y2": 40}],
        "cranes": [{"id": "STS03", "type": "sts", "berth": "B108"}],
        "lanes": [{"id": "G2-OUT-04", "direction": "out", "x": 1400, "y": 520}],
        "zones": [
            {"id": "Q1", "kind": "quay", "polygon": [[0, 0], [400, 0], [400, 60], [0, 60]]},
            {"id": "R1", "kind": "restricted",
             "polygon": [[1000, 800], [1100, 800], [1100, 900], [1000, 900]]},
        ],
        "cameras": [{"id": "CAM-R17-03", "x": 410, "y": 230, "heading_deg": 45, "fov_deg": 70,
                     "range_m": 120, "stream": "rtsp://127.0.0.1/main",
                     "substream": "http://127.0.0.1/sub.mjpg"}],
        "fence": [{"id": "F-N-07", "points": [[0, 1000], [150, 1000]]}],
    }
