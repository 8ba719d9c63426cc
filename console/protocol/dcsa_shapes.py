"""Writing records back as wire bodies: the inverse of `console.protocol.bodies`.

The simulator and the test gateways speak through these functions, so they
produce exactly the field names of the protocol (sections 3-5), in each of the
three DCSA shapes a gateway may use.  For every record `r` the parser accepts,
`normalise_body(kind, to_x(r))` gives `r` back (apart from `shape`); the tests
hold that as a property.  Absent values (None, empty tuples) are left out of
the body rather than written as null.

T&T 2.2 cannot express a retraction: `to_dcsa_22` refuses a retracted event
with ValueError instead of quietly turning it into a plain one.  3.0 beta
writes one as `metadata` alone with `retractedEventID`; 3.0 as the event with
`isRetracted`.  3.0 keeps the transport call under
`transportDetails.transportCall` and the facility under `eventLocation.facility`.
Transport and shipment events are written in all three shapes; IoT and reefer
events exist only in 3.0 (`iot_30`, `reefer_30`).
"""

from __future__ import annotations

from typing import Any

from console.model import (
    Clearance,
    ContainerState,
    DeviceReport,
    EquipmentEvent,
    FenceReport,
    IotEvent,
    OcrReading,
    Position,
    PositionReport,
    ReeferEvent,
    ShipmentEvent,
    TransportEvent,
)


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        d[key] = value


def position_dict(p: Position) -> dict[str, Any]:
    """A container position as the terminal writes it (`terminal.position`, snapshots)."""
    d: dict[str, Any] = {"kind": p.kind}
    for key, value in (
        ("block", p.block), ("bay", p.bay), ("row", p.row), ("tier", p.tier),
        ("berth", p.berth), ("craneId", p.crane_id), ("vehicleId", p.vehicle_id),
        ("laneId", p.lane_id),
    ):
        _put(d, key, value)
    return d


def _ocr(o: OcrReading) -> dict[str, Any]:
    d: dict[str, Any] = {}
    _put(d, "equipmentReference", o.equipment_reference)
    _put(d, "confidence", o.confidence)
    if o.seal_numbers:
        d["sealNumbers"] = list(o.seal_numbers)
    if o.images:
        images = []
        for img in o.images:
            i: dict[str, Any] = {}
            _put(i, "cameraId", img.camera_id)
            _put(i, "frameTime", img.frame_time)
            _put(i, "url", img.url)
            images.append(i)
        d["images"] = images
    return d


def _terminal(ev: EquipmentEvent) -> dict[str, Any] | None:
    t: dict[str, Any] = {}
    _put(t, "craneId", ev.crane_id)
    _put(t, "vehicleId", ev.vehicle_id)
    _put(t, "laneId", ev.lane_id)
    _put(t, "truckPlate", ev.truck_plate)
    if ev.position is not None:
        t["position"] = position_dict(ev.position)
    _put(t, "grossWeightKg", ev.gross_weight_kg)
    _put(t, "tareWeightKg", ev.tare_weight_kg)
    if ev.ocr is not None:
        t["ocr"] = _ocr(ev.ocr)
    return t or None


def _transport_call(ev: EquipmentEvent | TransportEvent, beta: bool) -> dict[str, Any] | None:
    """The flat transport call of 2.2 (`vesselFlag`, `transportCallID`) or 3.0 beta (`flag`)."""
    tc: dict[str, Any] = {}
    _put(tc, "carrierVoyageNumber", ev.voyage)
    _put(tc, "carrierImportVoyageNumber", ev.import_voyage)
    _put(tc, "modeOfTransport", ev.mode_of_transport)
    _put(tc, "transportCallReference" if beta else "transportCallID", ev.transport_call_reference)
    _put(tc, "portVisitReference", ev.port_visit_reference)
    _put(tc, "carrierServiceCode", ev.service_code)
    if isinstance(ev, EquipmentEvent):
        _put(tc, "railCar", ev.rail_car_reference)
        _put(tc, "railService", ev.rail_service_reference)
    vessel: dict[str, Any] = {}
    _put(vessel, "vesselIMONumber", ev.vessel_imo)
    _put(vessel, "name" if beta else "vesselName", ev.vessel_name)
    _put(vessel, "flag" if beta else "vesselFlag", ev.vessel_flag)
    _put(vessel, "callSign" if beta else "vesselCallSignNumber", ev.vessel_call_sign)
    if vessel:
        tc["vessel"] = vessel
    return tc or None


def _transport_details_30(ev: EquipmentEvent | TransportEvent) -> dict[str, Any] | None:
    """3.0 `transportDetails.transportCall`, with its nested vessel, voyages, service, rail."""
    tc: dict[str, Any] = {}
    _put(tc, "transportCallReference", ev.transport_call_reference)
    _put(tc, "modeOfTransport", ev.mode_of_transport)
    _put(tc, "portVisitReference", ev.port_visit_reference)
    if ev.service_code is not None:
        tc["serviceCodeOrReference"] = {"carrierServiceCode": ev.service_code}
    if ev.voyage is not None:
        tc["exportVoyageNumberOrReference"] = {"carrierVoyageNumber": ev.voyage}
    if ev.import_voyage is not None:
        tc["importVoyageNumberOrReference"] = {"carrierVoyageNumber": ev.import_voyage}
    vessel: dict[str, Any] = {}
    _put(vessel, "vesselIMONumber", ev.vessel_imo)
    _put(vessel, "vesselName", ev.vessel_name)
    _put(vessel, "vesselFlag", ev.vessel_flag)
    _put(vessel, "vesselCallSign", ev.vessel_call_sign)
    if vessel:
        tc["vesselTransport"] = vessel
    if isinstance(ev, EquipmentEvent):
        rail: dict[str, Any] = {}
        _put(rail, "railCarReference", ev.rail_car_reference)
        _put(rail, "railServiceReference", ev.rail_service_reference)
        if rail:
            tc["railTransport"] = rail
        if ev.trailer_plate is not None:
            tc["truckTransport"] = {"trailerDetails": {"licensePlate": ev.trailer_plate}}
    return {"transportCall": tc} if tc else None


def _location(ev: EquipmentEvent | TransportEvent,
              nested_facility: bool = False) -> dict[str, Any] | None:
    loc: dict[str, Any] = {}
    _put(loc, "locationName", ev.location_name)
    _put(loc, "UNLocationCode", ev.un_location_code)
    if nested_facility:
        if ev.facility_code is not None:
            loc["facility"] = {"facilityCode": ev.facility_code}
    else:
        _put(loc, "facilityCode", ev.facility_code)
    _put(loc, "facilityTypeCode", ev.facility_type)
    return loc or None


def _seals(ev: EquipmentEvent, names: tuple[str, str, str]) -> list[dict[str, Any]]:
    out = []
    for s in ev.seals:
        d: dict[str, Any] = {names[0]: s.number}
        _put(d, names[1], s.source)
        _put(d, names[2], s.type)
        if names[0] == "number":
            _put(d, "placement", s.placement)
        out.append(d)
    return out


def _common_tail(d: dict[str, Any], ev: EquipmentEvent, location_key: str,
                 beta: bool) -> dict[str, Any]:
    _put(d, "transportCall", _transport_call(ev, beta))
    _put(d, location_key, _location(ev))
    if ev.document_references:
        d["documentReferences"] = [
            {"documentReferenceType": t, "documentReferenceValue": v}
            for t, v in ev.document_references
        ]
    _put(d, "terminal", _terminal(ev))
    return d


def _no_retraction(ev: EquipmentEvent | TransportEvent | ShipmentEvent, shape: str) -> None:
    if ev.retracted:
        raise ValueError(f"DCSA {shape} cannot express a retracted event ({ev.event_id})")


def to_dcsa_22(ev: EquipmentEvent) -> dict[str, Any]:
    """The event as a flat DCSA T&T 2.2 EquipmentEvent."""
    _no_retraction(ev, "T&T 2.2")
    d: dict[str, Any] = {
        "eventID": ev.event_id,
        "eventType": "EQUIPMENT",
        "eventClassifierCode": ev.classifier,
        "eventDateTime": ev.event_time,
    }
    _put(d, "eventCreatedDateTime", ev.created_time)
    d["equipmentEventTypeCode"] = ev.event_type
    d["equipmentReference"] = ev.equipment_reference
    _put(d, "ISOEquipmentCode", ev.iso_code)
    _put(d, "emptyIndicatorCode", ev.empty)
    if ev.seals:
        d["seals"] = _seals(ev, ("sealNumber", "sealSource", "sealType"))
    return _common_tail(d, ev, "eventLocation", False)


def to_dcsa_30_beta(ev: EquipmentEvent) -> dict[str, Any]:
    """The event as a DCSA T&T 3.0 beta `{metadata, payload}` event.

    A retraction is `metadata` alone, naming the withdrawn event in `retractedEventID`.
    """
    meta: dict[str, Any] = {"eventID": ev.event_id, "eventType": "EQUIPMENT"}
    _put(meta, "eventCreatedDateTime", ev.created_time)
    if ev.retracted:
        meta["retractedEventID"] = ev.withdrawn_id
        return {"metadata": meta}
    payload: dict[str, Any] = {
        "eventClassifierCode": ev.classifier,
        "eventDateTime": ev.event_time,
        "equipmentEventTypeCode": ev.event_type,
        "equipmentReference": ev.equipment_reference,
    }
    _put(payload, "ISOEquipmentCode", ev.iso_code)
    _put(payload, "emptyIndicatorCode", ev.empty)
    _put(payload, "isTransshipmentMove", ev.transshipment)
    if ev.seals:
        payload["seals"] = _seals(ev, ("number", "source", "type"))
    return {"metadata": meta, "payload": _common_tail(payload, ev, "location", True)}


def to_dcsa_30(ev: EquipmentEvent) -> dict[str, Any]:
    """The event as a DCSA T&T 3.0 event (`eventClassification`, `equipmentDetails`)."""
    d: dict[str, Any] = {"eventID": ev.event_id}
    _put(d, "eventCreatedDateTime", ev.created_time)
    _put(d, "eventUpdatedDateTime", ev.updated_time)
    d["eventDateTime"] = ev.event_time
    d["isRetracted"] = ev.retracted
    d["eventClassification"] = {
        "eventTypeCode": "EQUIPMENT",
        "eventClassifierCode": ev.classifier,
        "equipmentEventTypeCode": ev.event_type,
    }
    details: dict[str, Any] = {"equipmentReference": ev.equipment_reference}
    _put(details, "ISOEquipmentCode", ev.iso_code)
    _put(details, "emptyIndicatorCode", ev.empty)
    _put(details, "movementType", ev.movement_type)
    if ev.seals:
        details["seals"] = _seals(ev, ("number", "source", "type"))
    d["equipmentDetails"] = details
    _put(d, "transportDetails", _transport_details_30(ev))
    _put(d, "eventLocation", _location(ev, nested_facility=True))
    _put(d, "shipmentDetails", shipment_details_30(ev.document_references))
    _put(d, "terminal", _terminal(ev))
    return d


def shipment_details_30(docs: tuple[tuple[str, str], ...]) -> dict[str, Any] | None:
    """3.0 `shipmentDetails`: the first document reference, then the others."""
    if not docs:
        return None
    (t0, v0), *rest = docs
    shipment: dict[str, Any] = {"documentReference": {"typeCode": t0, "reference": v0}}
    if rest:
        shipment["additionalDocumentReferences"] = [
            {"typeCode": t, "reference": v} for t, v in rest]
    return shipment


def transport_30(ev: TransportEvent) -> dict[str, Any]:
    """A TransportEvent as a DCSA T&T 3.0 event."""
    d: dict[str, Any] = {"eventID": ev.event_id, "eventDateTime": ev.event_time,
                         "isRetracted": ev.retracted}
    _put(d, "eventUpdatedDateTime", ev.updated_time or ev.created_time)
    d["eventClassification"] = {"eventTypeCode": "TRANSPORT", "eventClassifierCode": ev.classifier,
                                "transportEventTypeCode": ev.event_type}
    details = _transport_details_30(ev) or {}
    if ev.delay_reasons:
        details["delayReasonCodes"] = list(ev.delay_reasons)
    _put(details, "changeRemark", ev.change_remark)
    _put(d, "transportDetails", details or None)
    _put(d, "eventLocation", _location(ev, nested_facility=True))
    _put(d, "shipmentDetails", shipment_details_30(ev.document_references))
    return d


def clearance_body(c: Clearance) -> dict[str, Any]:
    """A `clearance` body (section 5)."""
    d: dict[str, Any] = {"equipmentReference": c.equipment_reference}
    _put(d, "declarationNo", c.declaration_no)
    _put(d, "billOfLading", c.bill_of_lading)
    _put(d, "vesselIMONumber", c.vessel_imo)
    _put(d, "voyage", c.voyage)
    d["status"] = c.status
    _put(d, "statusTime", c.status_time)
    _put(d, "declaredEmpty", c.declared_empty)
    d["customsSeals"] = list(c.customs_seals)
    d["inspection"] = c.inspection
    return d


def position_body(p: PositionReport) -> dict[str, Any]:
    """A `position` body (section 4); also a snapshot's `vehicles` entry."""
    d: dict[str, Any] = {"vehicleId": p.vehicle_id}
    _put(d, "vehicleType", p.vehicle_type)
    d["x"] = p.x
    d["y"] = p.y
    _put(d, "heading", p.heading)
    d["speed"] = p.speed
    d["carrying"] = p.carrying
    return d


def fence_body(f: FenceReport) -> dict[str, Any]:
    """A `fence` body (section 4)."""
    d: dict[str, Any] = {"segmentId": f.segment_id, "state": f.state}
    _put(d, "reason", f.reason)
    return d


def device_body(dev: DeviceReport) -> dict[str, Any]:
    """A `device` body (section 4); also a snapshot's `devices` entry."""
    d: dict[str, Any] = {"deviceId": dev.device_id}
    _put(d, "deviceType", dev.device_type)
    d["state"] = dev.state
    _put(d, "detail", dev.detail)
    return d


def snapshot_container(c: ContainerState) -> dict[str, Any]:
    """A snapshot's `containers` entry (section 2)."""
    d: dict[str, Any] = {"equipmentReference": c.equipment_reference}
    _put(d, "ISOEquipmentCode", c.iso_code)
    _put(d, "emptyIndicatorCode", c.empty)
    if c.position is not None:
        d["position"] = position_dict(c.position)
    _put(d, "lastEventId", c.last_event_id)
    return d


def _transport_flat(ev: TransportEvent, beta: bool) -> dict[str, Any]:
    """The fields a TransportEvent shares between 2.2 and 3.0 beta (flat transport call)."""
    d: dict[str, Any] = {"eventClassifierCode": ev.classifier, "eventDateTime": ev.event_time,
                         "transportEventTypeCode": ev.event_type}
    if ev.delay_reasons:
        d["delayReasonCode"] = ev.delay_reasons[0]
    _put(d, "changeRemark", ev.change_remark)
    _put(d, "transportCall", _transport_call(ev, beta))
    _put(d, "location" if beta else "eventLocation", _location(ev))
    if ev.document_references:
        d["relatedDocumentReferences" if beta else "documentReferences"] = [
            {"type": t, "value": v} if beta else
            {"documentReferenceType": t, "documentReferenceValue": v}
            for t, v in ev.document_references]
    return d


def transport_22(ev: TransportEvent) -> dict[str, Any]:
    """A TransportEvent as a flat DCSA T&T 2.2 event (one delay reason: 2.2 has one)."""
    _no_retraction(ev, "T&T 2.2")
    d: dict[str, Any] = {"eventID": ev.event_id, "eventType": "TRANSPORT"}
    _put(d, "eventCreatedDateTime", ev.created_time)
    return d | _transport_flat(ev, False)


def transport_beta(ev: TransportEvent) -> dict[str, Any]:
    """A TransportEvent as a DCSA T&T 3.0 beta `{metadata, payload}` event."""
    meta: dict[str, Any] = {"eventID": ev.event_id, "eventType": "TRANSPORT"}
    _put(meta, "eventCreatedDateTime", ev.created_time)
    if ev.retracted:
        meta["retractedEventID"] = ev.retracts or ev.event_id
        return {"metadata": meta}
    return {"metadata": meta, "payload": _transport_flat(ev, True)}


def _documents_flat(d: dict[str, Any], docs: tuple[tuple[str, str], ...], beta: bool) -> None:
    if docs:
        d["relatedDocumentReferences" if beta else "documentReferences"] = [
            {"type": t, "value": v} if beta else
            {"documentReferenceType": t, "documentReferenceValue": v}
            for t, v in docs]


def shipment_22(ev: ShipmentEvent) -> dict[str, Any]:
    """A ShipmentEvent as a flat DCSA T&T 2.2 event (`documentTypeCode`, `documentID`)."""
    _no_retraction(ev, "T&T 2.2")
    d: dict[str, Any] = {"eventID": ev.event_id, "eventType": "SHIPMENT"}
    _put(d, "eventCreatedDateTime", ev.created_time)
    d |= {"eventClassifierCode": ev.classifier, "eventDateTime": ev.event_time,
          "shipmentEventTypeCode": ev.event_type}
    _put(d, "documentTypeCode", ev.document_type)
    _put(d, "documentID", ev.document_reference)
    _put(d, "reason", ev.reason)
    _documents_flat(d, ev.document_references, False)
    return d


def shipment_beta(ev: ShipmentEvent) -> dict[str, Any]:
    """A ShipmentEvent as a DCSA T&T 3.0 beta `{metadata, payload}` event."""
    meta: dict[str, Any] = {"eventID": ev.event_id, "eventType": "SHIPMENT"}
    _put(meta, "eventCreatedDateTime", ev.created_time)
    if ev.retracted:
        meta["retractedEventID"] = ev.retracts or ev.event_id
        return {"metadata": meta}
    p: dict[str, Any] = {"eventClassifierCode": ev.classifier, "eventDateTime": ev.event_time,
                         "shipmentEventTypeCode": ev.event_type}
    _put(p, "documentTypeCode", ev.document_type)
    _put(p, "documentReference", ev.document_reference)
    _put(p, "reason", ev.reason)
    _documents_flat(p, ev.document_references, True)
    return {"metadata": meta, "payload": p}


def shipment_30(ev: ShipmentEvent) -> dict[str, Any]:
    """A ShipmentEvent as a DCSA T&T 3.0 event (the document under `shipmentDetails`)."""
    d: dict[str, Any] = {"eventID": ev.event_id, "eventDateTime": ev.event_time,
                         "isRetracted": ev.retracted}
    _put(d, "eventUpdatedDateTime", ev.updated_time or ev.created_time)
    d["eventClassification"] = {"eventTypeCode": "SHIPMENT", "eventClassifierCode": ev.classifier,
                                "shipmentEventTypeCode": ev.event_type}
    docs = ((ev.document_type or "", ev.document_reference),) if ev.document_reference else ()
    details = shipment_details_30(docs + ev.document_references) or {}
    _put(details, "reason", ev.reason)
    _put(d, "shipmentDetails", details or None)
    return d


def _device_head(event_id: str, when: str, updated: str | None, retracted: bool,
                 classification: dict[str, Any], reference: str,
                 iso: str | None) -> dict[str, Any]:
    d: dict[str, Any] = {"eventID": event_id, "eventDateTime": when, "isRetracted": retracted}
    _put(d, "eventUpdatedDateTime", updated)
    d["eventClassification"] = classification
    details: dict[str, Any] = {"equipmentReference": reference}
    _put(details, "ISOEquipmentCode", iso)
    d["equipmentDetails"] = details
    return d


def iot_30(ev: IotEvent) -> dict[str, Any]:
    """An IoT event (door opened / closed, location) as DCSA T&T 3.0 writes it."""
    d = _device_head(ev.event_id, ev.event_time, ev.updated_time, ev.retracted,
                     {"eventTypeCode": "IOT", "eventClassifierCode": ev.classifier,
                      "iotEventTypeCode": "DETC"}, ev.equipment_reference, ev.iso_code)
    d["iotDetails"] = {"iotEventCode": ev.event_code}
    loc: dict[str, Any] = {}
    _put(loc, "locationName", ev.location_name)
    _put(loc, "UNLocationCode", ev.un_location_code)
    geo: dict[str, Any] = {}
    _put(geo, "latitude", ev.latitude)
    _put(geo, "longitude", ev.longitude)
    if geo:
        loc["geoCoordinate"] = geo
    _put(d, "eventLocation", loc or None)
    return d


def reefer_30(ev: ReeferEvent) -> dict[str, Any]:
    """A reefer event (temperatures measured, settings adjusted) as DCSA T&T 3.0 writes it."""
    d = _device_head(ev.event_id, ev.event_time, ev.updated_time, ev.retracted,
                     {"eventTypeCode": "REEFER", "eventClassifierCode": ev.classifier,
                      "reeferEventTypeCode": ev.event_type}, ev.equipment_reference, None)
    details: dict[str, Any] = {}
    _put(details, "temperatureUnit", ev.temperature_unit)
    _put(details, "internalSetpointTemperature", ev.setpoint)
    _put(details, "ambientMeasuredTemperature", ev.ambient)
    if ev.probes:
        details["temperatureProbeMeasurements"] = [
            {"measuredTemperatureValue": p} for p in ev.probes]
    d["reeferDetails"] = details  # even empty: a retraction without it reads as a bare one
    return d
