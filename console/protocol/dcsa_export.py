"""Stored events as DCSA Track & Trace 3.0 events, for `history events --format dcsa`.

Only what DCSA 3.0 defines is written (no terminal additions, no 2.2 or beta
names), so that any DCSA 3.0 consumer can read the export; the tests validate
each body against the published schema (`tests/data/dcsa/TNT_v3.0.0.schema.json`)
with unknown properties refused.  A retraction is written as DCSA says:
`eventID` and `isRetracted` (3.0 beta retractions name the withdrawn event,
which becomes the `eventID`).  Telemetry, fence, device and clearance records
are not DCSA events and are left out.
"""

from __future__ import annotations

from typing import Any

from console.model import Body, EquipmentEvent, ShipmentEvent, TransportEvent
from console.protocol.dcsa_shapes import shipment_details_30, to_dcsa_30, transport_30


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
        return _shipment_30(body)
    return None


def _retraction(event_id: str, updated: str | None) -> dict[str, Any]:
    d: dict[str, Any] = {"eventID": event_id, "isRetracted": True}
    if updated:
        d["eventUpdatedDateTime"] = updated
    return d


def _shipment_30(ev: ShipmentEvent) -> dict[str, Any]:
    d: dict[str, Any] = {"eventID": ev.event_id, "eventDateTime": ev.event_time,
                         "isRetracted": ev.retracted}
    updated = ev.updated_time or ev.created_time
    if updated:
        d["eventUpdatedDateTime"] = updated
    d["eventClassification"] = {"eventTypeCode": "SHIPMENT", "eventClassifierCode": ev.classifier,
                                "shipmentEventTypeCode": ev.event_type}
    docs = ((ev.document_type or "", ev.document_reference),) if ev.document_reference else ()
    details = shipment_details_30(docs + ev.document_references) or {}
    if ev.reason:
        details["reason"] = ev.reason
    if details:
        d["shipmentDetails"] = details
    return d
