"""The three DCSA shapes of an EquipmentEvent (protocol section 3), read into one record.

T&T 2.2 is flat; T&T 3.0 beta splits the event into `metadata` (id, created
time, type) and `payload` (the rest); T&T 3.0 keeps the times at the top and
moves the codes into `eventClassification` and the container into
`equipmentDetails`.  Each shape gathers the same eight core values (id,
classifier, event type, time, container number, created time, ISO code,
empty/laden) from wherever it keeps them and checks them inline in one
expression: most traffic is well formed, and this path runs for every event
(the feed must take more than 20,000 a second).  Only when the inline check
fails do the named readers of `body_fields` run, to say which field is wrong
and where (`payload.eventDateTime`, `equipmentDetails.equipmentReference`).
"""

from __future__ import annotations

import re
from typing import Any, NoReturn, TypeAlias

from console.model import CLASSIFIERS, EQUIPMENT_EVENT_TYPES, EquipmentEvent
from console.protocol.body_fields import (
    MAX_TEXT,
    BodyRejected,
    enum,
    fail,
    is_rfc3339,
    opt_bool,
    opt_obj,
    opt_str,
    req_str,
    time,
)
from console.protocol.equipment_parts import (
    EVENT,
    document_references,
    location,
    seals,
    terminal_parts,
    voyage_and_vessel,
)

_CLASSIFIERS = frozenset(CLASSIFIERS)
_EVENT_TYPES = frozenset(EQUIPMENT_EVENT_TYPES)
_EMPTY = frozenset(("EMPTY", "LADEN"))
_EQUIPMENT_TYPE = frozenset(("EQUIPMENT",))
ISO_CODE = re.compile(r"[0-9A-Z]{2}[A-Z][0-9A-Z]\Z", re.ASCII)


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
    if v is None or (type(v) is str and ISO_CODE.match(v) is not None):
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
        and (iso is None or (type(iso) is str and ISO_CODE.match(iso) is not None))
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
