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
from typing import Any, NoReturn, TypeAlias

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
    MAX_TEXT,
    BodyRejected,
    enum,
    fail,
    is_rfc3339,
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
    terminal_parts,
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


Core: TypeAlias = tuple[Any, Any, Any, Any, Any, Any, Any, Any]


def _core_ok(core: Core, kind: Any) -> bool:
    """The inline check of (id, classifier, type, time, reference, created, ISO code, empty)."""
    event_id, classifier, event_type, when, reference, created, iso, empty = core
    return (
        type(event_id) is str and 0 < len(event_id) <= MAX_TEXT
        and type(classifier) is str and classifier in _CLASSIFIERS
        and type(event_type) is str and event_type in _EVENT_TYPES
        and type(when) is str and is_rfc3339(when)
        and type(reference) is str and len(reference) <= MAX_TEXT
        and (created is None or (type(created) is str and is_rfc3339(created)))
        and (iso is None or (type(iso) is str and _ISO_CODE.match(iso) is not None))
        and (empty is None or (type(empty) is str and empty in _EMPTY))
        and (kind is None or kind == "EQUIPMENT")
    )


def _explain(ids: tuple[dict[str, Any], str], codes: tuple[dict[str, Any], str],
             times: tuple[dict[str, Any], str], details: tuple[dict[str, Any], str],
             kind: tuple[dict[str, Any], str, str]) -> NoReturn:
    """Name the first wrong core field (the inline check failed); each pair is (object, path)."""
    enum(kind[0], kind[2], _EQUIPMENT_TYPE, EVENT, kind[1], required=False)
    req_str(ids[0], "eventID", EVENT, ids[1])
    enum(codes[0], "eventClassifierCode", _CLASSIFIERS, EVENT, codes[1])
    enum(codes[0], "equipmentEventTypeCode", _EVENT_TYPES, EVENT, codes[1])
    time(times[0], "eventDateTime", EVENT, times[1])
    req_str(details[0], "equipmentReference", EVENT, details[1], allow_empty=True)
    time(ids[0], "eventCreatedDateTime", EVENT, ids[1], required=False)
    _iso_code(details[0], details[1])
    enum(details[0], "emptyIndicatorCode", _EMPTY, EVENT, details[1], required=False)
    raise AssertionError("the inline check and the readers disagree")


def _assemble(core: Core, body: dict[str, Any], path: str, details: dict[str, Any],
              details_path: str, location_key: str, terminal: dict[str, Any],
              terminal_path: str, retracted: bool, shape: str) -> EquipmentEvent:
    """The event from its checked core and the shared parts, wherever the shape keeps them."""
    vessel_imo, vessel_name, voyage, mode = voyage_and_vessel(body, path)
    loc_name, un_code, facility = location(body, location_key, path)
    crane, vehicle, lane, plate, pos, gross, tare, ocr = terminal_parts(terminal, terminal_path)
    return EquipmentEvent(
        event_id=core[0],
        classifier=core[1],
        event_type=core[2],
        event_time=core[3],
        equipment_reference=core[4],
        created_time=core[5],
        iso_code=core[6],
        empty=core[7],
        seals=seals(details, details_path) if "seals" in details else (),
        vessel_imo=vessel_imo,
        vessel_name=vessel_name,
        voyage=voyage,
        mode_of_transport=mode,
        location_name=loc_name,
        un_location_code=un_code,
        facility_code=facility,
        document_references=(
            document_references(body, path) if "documentReferences" in body else ()
        ),
        crane_id=crane,
        vehicle_id=vehicle,
        lane_id=lane,
        truck_plate=plate,
        position=pos,
        gross_weight_kg=gross,
        tare_weight_kg=tare,
        ocr=ocr,
        retracted=retracted,
        shape=shape,
    )


def _equipment_22(raw: dict[str, Any]) -> EquipmentEvent:
    """The flat T&T 2.2 event, the bulk of the traffic."""
    g = raw.get
    core = (g("eventID"), g("eventClassifierCode"), g("equipmentEventTypeCode"),
            g("eventDateTime"), g("equipmentReference"), g("eventCreatedDateTime"),
            g("ISOEquipmentCode"), g("emptyIndicatorCode"))
    if not _core_ok(core, g("eventType")):
        top = (raw, "")
        _explain(top, top, top, top, (raw, "", "eventType"))
    return _assemble(core, raw, "", raw, "", "eventLocation", raw, "", False, "dcsa-2.2")


def _equipment_30_beta(raw: dict[str, Any]) -> EquipmentEvent:
    """T&T 3.0 beta: `metadata` (id, created time, type) and `payload` (the rest)."""
    meta, payload = raw.get("metadata"), raw.get("payload")
    if type(meta) is not dict or type(payload) is not dict:
        for key in ("metadata", "payload"):
            if opt_obj(raw, key, EVENT) is None:
                fail(EVENT, "", key, "is missing")
        raise AssertionError("unreachable")
    g = payload.get
    core = (meta.get("eventID"), g("eventClassifierCode"), g("equipmentEventTypeCode"),
            g("eventDateTime"), g("equipmentReference"), meta.get("eventCreatedDateTime"),
            g("ISOEquipmentCode"), g("emptyIndicatorCode"))
    p = "payload."
    if not _core_ok(core, meta.get("eventType")):
        m = (meta, "metadata.")
        _explain(m, (payload, p), (payload, p), (payload, p), (meta, "metadata.", "eventType"))
    term, term_path = (payload, p) if "terminal" in payload else (raw, "")
    return _assemble(core, payload, p, payload, p, "location", term, term_path, False,
                     "dcsa-3.0-beta")


def _equipment_30(raw: dict[str, Any]) -> EquipmentEvent:
    """T&T 3.0: `eventClassification` and `equipmentDetails` beside the top-level times."""
    cls, det = raw.get("eventClassification"), raw.get("equipmentDetails")
    if type(cls) is not dict or type(det) is not dict:
        for key in ("eventClassification", "equipmentDetails"):
            if opt_obj(raw, key, EVENT) is None:
                fail(EVENT, "", key, "is missing")
        raise AssertionError("unreachable")
    c, e = "eventClassification.", "equipmentDetails."
    created = raw.get("eventCreatedDateTime")
    if created is None:
        created = time(raw, "eventUpdatedDateTime", EVENT, "", required=False)
    elif "eventUpdatedDateTime" in raw:
        time(raw, "eventUpdatedDateTime", EVENT, "", required=False)
    core = (raw.get("eventID"), cls.get("eventClassifierCode"), cls.get("equipmentEventTypeCode"),
            raw.get("eventDateTime"), det.get("equipmentReference"), created,
            det.get("ISOEquipmentCode"), det.get("emptyIndicatorCode"))
    if not _core_ok(core, cls.get("eventTypeCode")):
        _explain((raw, ""), (cls, c), (raw, ""), (det, e), (cls, c, "eventTypeCode"))
    if "movementType" in det:
        opt_str(det, "movementType", EVENT, e)
    retracted = raw.get("isRetracted")
    if retracted is not None and retracted is not True and retracted is not False:
        opt_bool(raw, "isRetracted", EVENT)
    where = "location" if "location" in raw and "eventLocation" not in raw else "eventLocation"
    return _assemble(core, raw, "", det, e, where, raw, "", retracted is True, "dcsa-3.0")


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
