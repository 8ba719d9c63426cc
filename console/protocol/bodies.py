"""Normalising event bodies (protocol sections 3-5) into the records of `console.model`.

`normalise_body(kind, raw)` is the one door between the wire and the rest of
the console: it returns a frozen record or raises `BodyRejected(code,
reason)`, and for any JSON value whatsoever it does nothing else (the feed
puts rejected bodies in the quarantine and goes on).  Equipment events are
accepted in the three DCSA shapes gateways send (T&T 2.2 flat, 3.0 beta
`metadata`/`payload`, 3.0 `eventClassification`/`equipmentDetails`); the
shape is recorded in `EquipmentEvent.shape`.

What is checked: required fields, types (a bool is not a number, numbers are
finite), enumerations, RFC 3339 times with an offset, string lengths.  What
is deliberately *not* checked: the ISO 6346 check digit of
`equipmentReference` - an event with a misread number is still a fact the
rule `CONTAINER_NUMBER_INVALID` must see.  Unknown keys are ignored, so that
gateways may send more than the console reads.
"""

from __future__ import annotations

import re
from typing import Any

from console.model import (
    CLASSIFIERS,
    CLEARANCE_STATUSES,
    DEVICE_STATES,
    DEVICE_TYPES,
    EQUIPMENT_EVENT_TYPES,
    Body,
    Clearance,
    ContainerState,
    DeviceReport,
    EquipmentEvent,
    FenceReport,
    Position,
    PositionReport,
)
from console.protocol.body_fields import (
    BodyRejected,
    enum,
    fail,
    opt_bool,
    opt_list,
    opt_obj,
    opt_str,
    req_number,
    req_str,
    str_items,
    time,
)
from console.protocol.equipment_parts import (
    EVENT,
    document_references,
    location,
    position,
    seals,
    terminal_fields,
    voyage_and_vessel,
)

__all__ = [
    "BodyRejected",
    "normalise_body",
    "normalise_clearance",
    "normalise_device",
    "normalise_equipment",
    "normalise_fence",
    "normalise_position",
    "normalise_snapshot_container",
    "normalise_vehicle",
]

_CLASSIFIERS = frozenset(CLASSIFIERS)
_EVENT_TYPES = frozenset(EQUIPMENT_EVENT_TYPES)
_EMPTY = frozenset(("EMPTY", "LADEN"))
_STATUSES = frozenset(CLEARANCE_STATUSES)
_DEVICE_STATES = frozenset(DEVICE_STATES)
_DEVICE_TYPES = frozenset(DEVICE_TYPES)
_FENCE_STATES = frozenset(("alarm", "clear"))
_ISO_CODE = re.compile(r"[0-9A-Z]{2}[A-Z][0-9A-Z]\Z", re.ASCII)
_EQUIPMENT_TYPE = frozenset(("EQUIPMENT",))


def normalise_body(kind: str, raw: Any) -> Body:
    """Turn the raw body of an event of `kind` into its record, or raise `BodyRejected`."""
    if type(raw) is not dict:
        raise BodyRejected(
            "schema", f"{kind!s:.20} body must be an object, not {type(raw).__name__}"
        )
    if kind == "equipment":
        return normalise_equipment(raw)
    if kind == "position":
        return normalise_vehicle(raw)
    if kind == "clearance":
        return normalise_clearance(raw)
    if kind == "device":
        return normalise_device(raw)
    if kind == "fence":
        return normalise_fence(raw)
    raise BodyRejected("unknown_kind", f"unknown event kind {kind!r:.40}")


def normalise_equipment(raw: dict[str, Any]) -> EquipmentEvent:
    """An EquipmentEvent in any of the accepted DCSA shapes."""
    if "metadata" in raw:
        return _equipment_30_beta(raw)
    if "eventClassification" in raw or "equipmentDetails" in raw:
        return _equipment_30(raw)
    if "eventID" in raw or "equipmentEventTypeCode" in raw or "equipmentReference" in raw:
        return _equipment_22(raw)
    raise BodyRejected(
        "unknown_shape",
        f"{EVENT}: not a DCSA EquipmentEvent of T&T 2.2, 3.0 beta or 3.0 "
        "(it has no eventID, metadata or eventClassification)",
    )


def _iso_code(d: dict[str, Any], path: str) -> str | None:
    v = d.get("ISOEquipmentCode")
    if v is None or (type(v) is str and _ISO_CODE.match(v) is not None):
        return v
    fail(EVENT, path, "ISOEquipmentCode",
         f"must be an ISO 6346 size-type or type group like 22G1 or 45GP, not {v!r:.40}")


def _equipment_22(raw: dict[str, Any]) -> EquipmentEvent:
    enum(raw, "eventType", _EQUIPMENT_TYPE, EVENT, required=False)
    vessel_imo, vessel_name, voyage, mode = voyage_and_vessel(raw, "")
    loc_name, un_code, facility = location(raw, "eventLocation", "")
    return EquipmentEvent(
        event_id=req_str(raw, "eventID", EVENT),
        classifier=enum(raw, "eventClassifierCode", _CLASSIFIERS, EVENT),
        event_type=enum(raw, "equipmentEventTypeCode", _EVENT_TYPES, EVENT),
        event_time=time(raw, "eventDateTime", EVENT, ""),
        equipment_reference=req_str(raw, "equipmentReference", EVENT, allow_empty=True),
        created_time=time(raw, "eventCreatedDateTime", EVENT, "", required=False),
        iso_code=_iso_code(raw, ""),
        empty=enum(raw, "emptyIndicatorCode", _EMPTY, EVENT, required=False),
        seals=seals(raw, ""),
        vessel_imo=vessel_imo,
        vessel_name=vessel_name,
        voyage=voyage,
        mode_of_transport=mode,
        location_name=loc_name,
        un_location_code=un_code,
        facility_code=facility,
        document_references=document_references(raw, ""),
        **terminal_fields(raw, ""),
        shape="dcsa-2.2",
    )


def _equipment_30_beta(raw: dict[str, Any]) -> EquipmentEvent:
    meta = opt_obj(raw, "metadata", EVENT)
    payload = opt_obj(raw, "payload", EVENT)
    if meta is None or payload is None:
        fail(EVENT, "", "metadata" if meta is None else "payload", "is missing")
    enum(meta, "eventType", _EQUIPMENT_TYPE, EVENT, "metadata.", required=False)
    p = "payload."
    vessel_imo, vessel_name, voyage, mode = voyage_and_vessel(payload, p)
    loc_name, un_code, facility = location(payload, "location", p)
    term_src, term_path = (payload, p) if "terminal" in payload else (raw, "")
    return EquipmentEvent(
        event_id=req_str(meta, "eventID", EVENT, "metadata."),
        classifier=enum(payload, "eventClassifierCode", _CLASSIFIERS, EVENT, p),
        event_type=enum(payload, "equipmentEventTypeCode", _EVENT_TYPES, EVENT, p),
        event_time=time(payload, "eventDateTime", EVENT, p),
        equipment_reference=req_str(payload, "equipmentReference", EVENT, p, allow_empty=True),
        created_time=time(meta, "eventCreatedDateTime", EVENT, "metadata.", required=False),
        iso_code=_iso_code(payload, p),
        empty=enum(payload, "emptyIndicatorCode", _EMPTY, EVENT, p, required=False),
        seals=seals(payload, p),
        vessel_imo=vessel_imo,
        vessel_name=vessel_name,
        voyage=voyage,
        mode_of_transport=mode,
        location_name=loc_name,
        un_location_code=un_code,
        facility_code=facility,
        document_references=document_references(payload, p),
        **terminal_fields(term_src, term_path),
        shape="dcsa-3.0-beta",
    )


def _equipment_30(raw: dict[str, Any]) -> EquipmentEvent:
    cls = opt_obj(raw, "eventClassification", EVENT)
    det = opt_obj(raw, "equipmentDetails", EVENT)
    if cls is None or det is None:
        fail(EVENT, "", "eventClassification" if cls is None else "equipmentDetails", "is missing")
    c, e = "eventClassification.", "equipmentDetails."
    enum(cls, "eventTypeCode", _EQUIPMENT_TYPE, EVENT, c, required=False)
    opt_str(det, "movementType", EVENT, e)
    vessel_imo, vessel_name, voyage, mode = voyage_and_vessel(raw, "")
    where = "location" if "location" in raw and "eventLocation" not in raw else "eventLocation"
    loc_name, un_code, facility = location(raw, where, "")
    created = time(raw, "eventCreatedDateTime", EVENT, "", required=False)
    updated = time(raw, "eventUpdatedDateTime", EVENT, "", required=False)
    return EquipmentEvent(
        event_id=req_str(raw, "eventID", EVENT),
        classifier=enum(cls, "eventClassifierCode", _CLASSIFIERS, EVENT, c),
        event_type=enum(cls, "equipmentEventTypeCode", _EVENT_TYPES, EVENT, c),
        event_time=time(raw, "eventDateTime", EVENT, ""),
        equipment_reference=req_str(det, "equipmentReference", EVENT, e, allow_empty=True),
        created_time=created if created is not None else updated,
        iso_code=_iso_code(det, e),
        empty=enum(det, "emptyIndicatorCode", _EMPTY, EVENT, e, required=False),
        seals=seals(det, e),
        vessel_imo=vessel_imo,
        vessel_name=vessel_name,
        voyage=voyage,
        mode_of_transport=mode,
        location_name=loc_name,
        un_location_code=un_code,
        facility_code=facility,
        document_references=document_references(raw, ""),
        **terminal_fields(raw, ""),
        retracted=bool(opt_bool(raw, "isRetracted", EVENT)),
        shape="dcsa-3.0",
    )


def normalise_position(raw: dict[str, Any], what: str = "position", path: str = "") -> Position:
    """A container position (`slot`, `berth`, `vehicle` or `lane`) as the terminal writes it."""
    if type(raw) is not dict:
        raise BodyRejected("schema", f"{what} must be an object")
    return position(raw, what, path)


def normalise_vehicle(raw: dict[str, Any]) -> PositionReport:
    """A `position` body, and an entry of a snapshot's `vehicles`."""
    w = "position report"
    if type(raw) is not dict:
        raise BodyRejected("schema", f"{w} must be an object")
    speed = raw.get("speed")
    return PositionReport(
        vehicle_id=req_str(raw, "vehicleId", w),
        x=req_number(raw, "x", w),
        y=req_number(raw, "y", w),
        heading=_opt_num(raw, "heading", w, -360.0, 360.0),
        speed=0.0 if speed is None else req_number(raw, "speed", w, minimum=0.0),
        carrying=opt_str(raw, "carrying", w),
        vehicle_type=opt_str(raw, "vehicleType", w),
    )


def _opt_num(raw: dict[str, Any], key: str, what: str, lo: float, hi: float) -> float | None:
    if raw.get(key) is None:
        return None
    return req_number(raw, key, what, minimum=lo, maximum=hi)


def normalise_fence(raw: dict[str, Any]) -> FenceReport:
    """A `fence` body."""
    w = "fence report"
    if type(raw) is not dict:
        raise BodyRejected("schema", f"{w} must be an object")
    return FenceReport(
        segment_id=req_str(raw, "segmentId", w),
        state=enum(raw, "state", _FENCE_STATES, w),
        reason=opt_str(raw, "reason", w),
    )


def normalise_device(raw: dict[str, Any]) -> DeviceReport:
    """A `device` body, and an entry of a snapshot's `devices`."""
    w = "device report"
    if type(raw) is not dict:
        raise BodyRejected("schema", f"{w} must be an object")
    return DeviceReport(
        device_id=req_str(raw, "deviceId", w),
        state=enum(raw, "state", _DEVICE_STATES, w),
        device_type=enum(raw, "deviceType", _DEVICE_TYPES, w, required=False),
        detail=opt_str(raw, "detail", w),
    )


def normalise_clearance(raw: dict[str, Any]) -> Clearance:
    """A `clearance` body, and an entry of a snapshot's `clearances`."""
    w = "clearance"
    if type(raw) is not dict:
        raise BodyRejected("schema", f"{w} must be an object")
    return Clearance(
        equipment_reference=req_str(raw, "equipmentReference", w),
        status=enum(raw, "status", _STATUSES, w),
        status_time=time(raw, "statusTime", w, required=False),
        declaration_no=opt_str(raw, "declarationNo", w),
        bill_of_lading=opt_str(raw, "billOfLading", w),
        vessel_imo=opt_str(raw, "vesselIMONumber", w),
        voyage=opt_str(raw, "voyage", w),
        declared_empty=opt_bool(raw, "declaredEmpty", w),
        customs_seals=str_items(opt_list(raw, "customsSeals", w), "customsSeals", w),
        inspection=opt_str(raw, "inspection", w),
    )


def normalise_snapshot_container(raw: Any) -> ContainerState:
    """An entry of a snapshot's `containers`."""
    w = "snapshot container"
    if type(raw) is not dict:
        raise BodyRejected("schema", f"{w} must be an object")
    iso = raw.get("ISOEquipmentCode")
    if iso is not None and (type(iso) is not str or _ISO_CODE.match(iso) is None):
        fail(w, "", "ISOEquipmentCode", f"must be a size-type like 22G1 or 45GP, not {iso!r:.40}")
    pos = opt_obj(raw, "position", w)
    return ContainerState(
        equipment_reference=req_str(raw, "equipmentReference", w, allow_empty=True),
        iso_code=iso,
        empty=enum(raw, "emptyIndicatorCode", _EMPTY, w, required=False),
        position=None if pos is None else position(pos, w, "position."),
        last_event_id=opt_str(raw, "lastEventId", w),
    )
