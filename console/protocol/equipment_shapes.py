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
from typing import Any, NamedTuple, NoReturn, TypeAlias

from console.model import (
    CLASSIFIERS,
    EQUIPMENT_EVENT_TYPES,
    MOVEMENT_TYPES,
    EquipmentEvent,
    Seal,
)
from console.protocol.body_fields import (
    MAX_TEXT,
    BodyRejected,
    enum,
    fail,
    opt_bool,
    opt_obj,
    req_str,
    time,
)
from console.protocol.equipment_parts import (
    DOC_BETA,
    EVENT,
    LocationParts,
    document_references,
    location,
    seals,
    shipment_documents,
    terminal_parts,
)
from console.protocol.transport_call import CallParts, call_30, call_flat
from console.timefmt import is_rfc3339

_CLASSIFIERS = frozenset(CLASSIFIERS)
_EVENT_TYPES = frozenset(EQUIPMENT_EVENT_TYPES)
_EMPTY = frozenset(("EMPTY", "LADEN"))
_EQUIPMENT_TYPE = frozenset(("EQUIPMENT",))
_DCSA_TYPES = frozenset(("EQUIPMENT", "TRANSPORT", "SHIPMENT", "IOT", "REEFER"))
_MOVEMENTS = frozenset(MOVEMENT_TYPES)
ISO_CODE = re.compile(r"[0-9A-Z]{2}[A-Z][0-9A-Z]\Z", re.ASCII)


def dcsa_event_type(raw: dict[str, Any]) -> tuple[str, str] | None:
    """(field, DCSA event type) when a body says it is one of DCSA's five kinds
    (`eventType`, 3.0 beta `metadata.eventType`, 3.0 `eventClassification.eventTypeCode`)."""
    meta, cls = raw.get("metadata"), raw.get("eventClassification")
    for where, field in ((raw, "eventType"), (meta, "metadata.eventType"),
                         (cls, "eventClassification.eventTypeCode")):
        if type(where) is dict:
            v = where.get(field.rsplit(".", 1)[-1])
            if type(v) is str and v in _DCSA_TYPES:
                return field, v
    return None


def normalise_equipment(raw: dict[str, Any]) -> EquipmentEvent:
    """An EquipmentEvent in any of the accepted DCSA shapes."""
    found = dcsa_event_type(raw)
    if found is not None and found[1] != "EQUIPMENT" and not _is_retraction(raw):
        field, said = found
        raise BodyRejected(
            "schema",
            f"{EVENT}: field '{field}' is {said}: the body is a DCSA {said} event, not an "
            f"EQUIPMENT event (send it as kind {said.lower()!r})",
        )
    if "metadata" in raw:
        return _equipment_30_beta(raw)
    if ("eventClassification" in raw or "equipmentDetails" in raw or "isRetracted" in raw
            or "eventUpdatedDateTime" in raw):
        return _equipment_30(raw)
    if "eventID" in raw or "equipmentEventTypeCode" in raw or "equipmentReference" in raw:
        return _equipment_22(raw)
    raise BodyRejected(
        "unknown_shape",
        f"{EVENT}: not a DCSA EquipmentEvent of T&T 2.2, 3.0 beta or 3.0 "
        "(it has no eventID, metadata or eventClassification)",
    )


def _is_retraction(raw: dict[str, Any]) -> bool:
    meta = raw.get("metadata")
    return raw.get("isRetracted") is True or (type(meta) is dict and "retractedEventID" in meta)


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


class Extras(NamedTuple):
    """What only some shapes carry, beside the core and the shared parts."""

    retracted: bool = False
    movement_type: str | None = None
    transshipment: bool | None = None
    updated_time: str | None = None
    retracts: str | None = None


_NO_EXTRAS = Extras()


def _assemble(core: Core, call: CallParts, loc: LocationParts, seal_list: tuple[Seal, ...],
              docs: tuple[tuple[str, str], ...], terminal: dict[str, Any], terminal_path: str,
              extras: Extras, shape: str) -> EquipmentEvent:
    """The event from its checked core and the shared parts, wherever the shape keeps them."""
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
        seals=seal_list,
        vessel_imo=call.vessel_imo,
        vessel_name=call.vessel_name,
        voyage=call.voyage,
        mode_of_transport=call.mode_of_transport,
        location_name=loc[0],
        un_location_code=loc[1],
        facility_code=loc[2],
        document_references=docs,
        crane_id=crane,
        vehicle_id=vehicle,
        lane_id=lane,
        truck_plate=plate if plate is not None else call.tractor_plate,
        position=pos,
        gross_weight_kg=gross,
        tare_weight_kg=tare,
        ocr=ocr,
        retracted=extras.retracted,
        shape=shape,
        vessel_flag=call.vessel_flag,
        vessel_call_sign=call.vessel_call_sign,
        import_voyage=call.import_voyage,
        port_visit_reference=call.port_visit_reference,
        service_code=call.service_code,
        transport_call_reference=call.transport_call_reference,
        rail_car_reference=call.rail_car_reference,
        rail_service_reference=call.rail_service_reference,
        trailer_plate=call.trailer_plate,
        facility_type=loc[3],
        movement_type=extras.movement_type,
        transshipment=extras.transshipment,
        updated_time=extras.updated_time,
        retracts=extras.retracts,
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
    return _assemble(
        core, call_flat(raw, ""), location(raw, "eventLocation", ""),
        seals(raw, "") if "seals" in raw else (),
        document_references(raw, "") if "documentReferences" in raw else (),
        raw, "", _NO_EXTRAS, "dcsa-2.2")


def _equipment_30_beta(raw: dict[str, Any]) -> EquipmentEvent:
    """T&T 3.0 beta: `metadata` (id, created time, type) and `payload` (the rest).

    A retraction is `metadata` alone with `retractedEventID`, the event it withdraws.
    """
    meta, payload = raw.get("metadata"), raw.get("payload")
    if type(meta) is dict and "retractedEventID" in meta:
        return _retraction_beta(meta)
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
    docs = document_references(payload, p) if "documentReferences" in payload else ()
    if "relatedDocumentReferences" in payload:
        docs += document_references(payload, p, DOC_BETA)
    moved = payload.get("isTransshipmentMove")
    if moved is not None and moved is not True and moved is not False:
        opt_bool(payload, "isTransshipmentMove", EVENT, p)
    return _assemble(
        core, call_flat(payload, p), location(payload, "location", p),
        seals(payload, p) if "seals" in payload else (), docs, term, term_path,
        Extras(transshipment=moved), "dcsa-3.0-beta")


def _retraction_beta(meta: dict[str, Any]) -> EquipmentEvent:
    """A 3.0 beta retraction: its own `eventID` and the `retractedEventID` it withdraws."""
    mp = "metadata."
    event_id = req_str(meta, "eventID", EVENT, mp)
    withdrawn = req_str(meta, "retractedEventID", EVENT, mp)
    created = time(meta, "eventCreatedDateTime", EVENT, mp, required=False)
    enum(meta, "eventType", _DCSA_TYPES, EVENT, mp, required=False)
    return EquipmentEvent(
        event_id=event_id, classifier="", event_type="", event_time=created or "",
        equipment_reference="", created_time=created, retracted=True,
        shape="dcsa-3.0-beta", retracts=withdrawn)


def _equipment_30(raw: dict[str, Any]) -> EquipmentEvent:
    """T&T 3.0: `eventClassification` and `equipmentDetails` beside the times.

    A retracted event (`isRetracted`) needs only its `eventID`: DCSA declares
    the rest irrelevant, so whatever else it carries is kept when it reads
    well and dropped when it does not.
    """
    retracted = raw.get("isRetracted")
    if retracted is not None and retracted is not True and retracted is not False:
        opt_bool(raw, "isRetracted", EVENT)
    if retracted is True:
        try:
            return _full_30(raw, True)
        except BodyRejected:
            return _retraction_30(raw)
    return _full_30(raw, False)


def _full_30(raw: dict[str, Any], retracted: bool) -> EquipmentEvent:
    cls, det = raw.get("eventClassification"), raw.get("equipmentDetails")
    if type(cls) is not dict or type(det) is not dict:
        for key in ("eventClassification", "equipmentDetails"):
            if opt_obj(raw, key, EVENT) is None:
                fail(EVENT, "", key, "is missing")
        raise AssertionError("unreachable")
    c, e = "eventClassification.", "equipmentDetails."
    updated = time(raw, "eventUpdatedDateTime", EVENT, "", required=False)
    created = raw.get("eventCreatedDateTime")
    if created is None:
        created = updated
    core = (raw.get("eventID"), cls.get("eventClassifierCode"), cls.get("equipmentEventTypeCode"),
            raw.get("eventDateTime"), det.get("equipmentReference"), created,
            det.get("ISOEquipmentCode"), det.get("emptyIndicatorCode"))
    if not _core_ok(core, cls.get("eventTypeCode")):
        _explain((raw, ""), (cls, c), (raw, ""), (det, e), (cls, c, "eventTypeCode"))
    movement = enum(det, "movementType", _MOVEMENTS, EVENT, e, required=False)
    where = "location" if "location" in raw and "eventLocation" not in raw else "eventLocation"
    docs = document_references(raw, "") if "documentReferences" in raw else ()
    if "shipmentDetails" in raw:
        docs += shipment_documents(raw)
    return _assemble(
        core, call_30(raw), location(raw, where, ""),
        seals(det, e) if "seals" in det else (), docs, raw, "",
        Extras(retracted=retracted, movement_type=movement, updated_time=updated), "dcsa-3.0")


def _retraction_30(raw: dict[str, Any]) -> EquipmentEvent:
    """A bare 3.0 retraction: the `eventID` it withdraws (and the times, when they read well)."""
    event_id = req_str(raw, "eventID", EVENT, "")
    updated = raw.get("eventUpdatedDateTime")
    updated = updated if type(updated) is str and is_rfc3339(updated) else None
    when = raw.get("eventDateTime")
    when = when if type(when) is str and is_rfc3339(when) else None
    return EquipmentEvent(
        event_id=event_id, classifier="", event_type="", event_time=when or updated or "",
        equipment_reference="", created_time=updated, retracted=True, shape="dcsa-3.0",
        updated_time=updated)
