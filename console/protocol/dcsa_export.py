"""Stored events as DCSA Track & Trace 3.0 events, for `history events --format dcsa`.

Only what DCSA 3.0 defines is written (no terminal additions, no 2.2 or beta
names), so that any DCSA 3.0 consumer can read the export; the tests validate
each body against the published schema (`tests/data/dcsa/TNT_v3.0.0.schema.json`)
with unknown properties refused.  A retraction is written as DCSA says:
`eventID` and `isRetracted` (3.0 beta retractions name the withdrawn event,
which becomes the `eventID`).  IoT and reefer events (3.0 only) are written
as they came, with their event time as `eventUpdatedDateTime` when the terminal
sent none.  Telemetry, fence, device and clearance records are not DCSA events
and are left out.
"""

from __future__ import annotations

from typing import Any

from console.model import (
    Body,
    EquipmentEvent,
    IotEvent,
    ReeferEvent,
    ShipmentEvent,
    TransportEvent,
)
from console.protocol.dcsa_shapes import iot_30, reefer_30, shipment_30, to_dcsa_30, transport_30


def dcsa_30_event(body: Body) -> dict[str, Any] | None:
    """The DCSA 3.0 event for a stored record, or None when the record is no DCSA event."""
    if isinstance(body, EquipmentEvent):
        if body.retracted and not body.event_type:
            return _retraction(body.withdrawn_id, body.updated_time or body.created_time)
        d = to_dcsa_30(body)
        d.pop("terminal", None)
        created = d.pop("eventCreatedDateTime", None)
        d.setdefault("eventUpdatedDateTime", created or body.event_time)
        return d
    if isinstance(body, TransportEvent):
        if body.retracted and not body.event_type:
            return _retraction(body.retracts or body.event_id, body.created_time)
        return transport_30(body)
    if isinstance(body, ShipmentEvent):
        if body.retracted and not body.event_type:
            return _retraction(body.retracts or body.event_id, body.created_time)
        return shipment_30(body)
    if isinstance(body, IotEvent):
        if body.retracted and not body.event_code:
            return _retraction(body.event_id, body.updated_time)
        return _updated(iot_30(body), body.event_time)
    if isinstance(body, ReeferEvent):
        if body.retracted and not body.event_type:
            return _retraction(body.event_id, body.updated_time)
        return _updated(reefer_30(body), body.event_time)
    return None


def _updated(d: dict[str, Any], event_time: str) -> dict[str, Any]:
    d.setdefault("eventUpdatedDateTime", event_time)
    return d


def _retraction(event_id: str, updated: str | None) -> dict[str, Any]:
    d: dict[str, Any] = {"eventID": event_id, "isRetracted": True}
    if updated:
        d["eventUpdatedDateTime"] = updated
    return d
