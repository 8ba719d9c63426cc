"""DCSA TransportEvents (vessel arrivals, departures) and ShipmentEvents (document states).

Read in the three shapes gateways send (T&T 2.2 flat, 3.0 beta
`metadata`/`payload`, 3.0 `eventClassification` with `transportDetails` and
`shipmentDetails`), with the readers the equipment shapes use, into
`TransportEvent` and `ShipmentEvent`.  This is the careful path; the usual
frames of both kinds take the fast lane (`console.protocol.fast_lane`), held to
this reading by `tests/unit/test_fast_lane.py`.
A retraction (3.0 `isRetracted`, 3.0 beta `retractedEventID`) needs only
its ids, as for equipment events.
"""

from __future__ import annotations

from typing import Any

from console.model import (
    CLASSIFIERS,
    SHIPMENT_EVENT_TYPES,
    TRANSPORT_EVENT_TYPES,
    ShipmentEvent,
    TransportEvent,
)
from console.protocol.body_fields import (
    MAX_TEXT,
    STR,
    BodyRejected,
    check_optional,
    enum,
    fail,
    opt_bool,
    opt_list,
    opt_obj,
    opt_str,
    req_str,
    str_items,
    time,
)
from console.protocol.equipment_parts import (
    DOC_BETA,
    document_references,
    location,
    shipment_documents,
)
from console.protocol.transport_call import call_30, call_flat

_CLASSIFIERS = frozenset(CLASSIFIERS)
_TRANSPORT = frozenset(TRANSPORT_EVENT_TYPES)
_SHIPMENT = frozenset(SHIPMENT_EVENT_TYPES)
_CALL_PLACE = dict.fromkeys(("UNLocationCode", "facilityCode", "facilityTypeCode"), STR)


def _shape(raw: dict[str, Any]) -> str:
    if "metadata" in raw:
        return "dcsa-3.0-beta"
    if ("eventClassification" in raw or "isRetracted" in raw or "eventUpdatedDateTime" in raw
            or "transportDetails" in raw or "shipmentDetails" in raw):
        return "dcsa-3.0"
    return "dcsa-2.2"


def _parts(raw: dict[str, Any], what: str, kind: str) -> tuple[
        dict[str, Any], str, dict[str, Any], str, str, str | None, str | None, bool, str | None]:
    """(object with the codes, its path, object with the rest, its path, event id,
    created time, updated time, retracted, retracted id) for any shape; raises for the rest."""
    shape = _shape(raw)
    if shape == "dcsa-3.0-beta":
        meta = opt_obj(raw, "metadata", what)
        assert meta is not None
        mp = "metadata."
        event_id = req_str(meta, "eventID", what, mp)
        created = time(meta, "eventCreatedDateTime", what, mp, required=False)
        said = meta.get("eventType")
        if said is not None and said != kind:
            fail(what, mp, "eventType", f"must be {kind}, not {said!r:.40}")
        if "retractedEventID" in meta:
            return meta, mp, meta, mp, event_id, created, None, True, req_str(
                meta, "retractedEventID", what, mp)
        payload = opt_obj(raw, "payload", what)
        if payload is None:
            fail(what, "", "payload", "is missing")
        return payload, "payload.", payload, "payload.", event_id, created, None, False, None
    if shape == "dcsa-3.0":
        event_id = req_str(raw, "eventID", what)
        updated = time(raw, "eventUpdatedDateTime", what, "", required=False)
        retracted = opt_bool(raw, "isRetracted", what) is True
        cls = opt_obj(raw, "eventClassification", what)
        if cls is None:
            if retracted:
                return raw, "", raw, "", event_id, updated, updated, True, None
            fail(what, "", "eventClassification", "is missing")
        said = cls.get("eventTypeCode")
        if said is not None and said != kind:
            fail(what, "eventClassification.", "eventTypeCode", f"must be {kind}, not {said!r:.40}")
        return cls, "eventClassification.", raw, "", event_id, updated, updated, retracted, None
    event_id = req_str(raw, "eventID", what)
    said = raw.get("eventType")
    if said is not None and said != kind:
        fail(what, "", "eventType", f"must be {kind}, not {said!r:.40}")
    created = time(raw, "eventCreatedDateTime", what, "", required=False)
    return raw, "", raw, "", event_id, created, None, False, None


def _bare(retracted: bool, codes: dict[str, Any], code_key: str) -> bool:
    """A retraction that carries nothing else (DCSA: the rest is irrelevant)."""
    return retracted and (code_key not in codes or "eventDateTime" not in codes)


def normalise_transport(raw: dict[str, Any]) -> TransportEvent:
    """A DCSA TransportEvent (`ARRI` / `DEPA`) in any shape."""
    w = "transport event"
    codes, cp, rest, rp, event_id, created, updated, retracted, withdrawn = _parts(
        raw, w, "TRANSPORT")
    shape = _shape(raw)
    when_obj = raw if shape == "dcsa-3.0" else codes
    if _bare(retracted, codes, "transportEventTypeCode") or withdrawn is not None:
        return TransportEvent(event_id, "", "", "", created_time=created, updated_time=updated,
                              retracted=True, shape=shape, retracts=withdrawn)
    classifier = enum(codes, "eventClassifierCode", _CLASSIFIERS, w, cp)
    event_type = enum(codes, "transportEventTypeCode", _TRANSPORT, w, cp)
    when = time(when_obj, "eventDateTime", w, "" if shape == "dcsa-3.0" else cp)
    if shape == "dcsa-3.0":
        call = call_30(raw)
        details = opt_obj(raw, "transportDetails", w) or {}
        dp = "transportDetails."
        delays = str_items(opt_list(details, "delayReasonCodes", w, dp), "delayReasonCodes", w, dp)
        remark = opt_str(details, "changeRemark", w, dp, limit=250)
        loc = location(raw, "eventLocation", "")
        docs = shipment_documents(raw) if "shipmentDetails" in raw else ()
    else:
        call = call_flat(rest, rp)
        one = opt_str(rest, "delayReasonCode", w, rp)
        delays = (one,) if one else ()
        remark = opt_str(rest, "changeRemark", w, rp, limit=250)
        loc = location(rest, "eventLocation" if shape == "dcsa-2.2" else "location", rp)
        tc = rest.get("transportCall")
        if loc == (None, None, None, None) and type(tc) is dict:
            check_optional(tc, _CALL_PLACE, w, f"{rp}transportCall.")
            loc = (None, tc.get("UNLocationCode"), tc.get("facilityCode"),
                   tc.get("facilityTypeCode"))
        docs = document_references(rest, rp) if "documentReferences" in rest else ()
        if "relatedDocumentReferences" in rest:
            docs += document_references(rest, rp, DOC_BETA)
    return TransportEvent(
        event_id=event_id, classifier=classifier, event_type=event_type, event_time=when,
        created_time=created, updated_time=updated, vessel_imo=call.vessel_imo,
        vessel_name=call.vessel_name, vessel_flag=call.vessel_flag,
        vessel_call_sign=call.vessel_call_sign, voyage=call.voyage,
        import_voyage=call.import_voyage, mode_of_transport=call.mode_of_transport,
        port_visit_reference=call.port_visit_reference, service_code=call.service_code,
        transport_call_reference=call.transport_call_reference, location_name=loc[0],
        un_location_code=loc[1], facility_code=loc[2], facility_type=loc[3],
        delay_reasons=delays, change_remark=remark, document_references=docs,
        retracted=retracted, shape=shape,
    )


def normalise_shipment(raw: dict[str, Any]) -> ShipmentEvent:
    """A DCSA ShipmentEvent (a document's state: ISSU, CONF, RELS, HOLD, ...) in any shape."""
    w = "shipment event"
    codes, cp, rest, rp, event_id, created, updated, retracted, withdrawn = _parts(
        raw, w, "SHIPMENT")
    shape = _shape(raw)
    if _bare(retracted, codes, "shipmentEventTypeCode") or withdrawn is not None:
        return ShipmentEvent(event_id, "", "", "", created_time=created, updated_time=updated,
                             retracted=True, shape=shape, retracts=withdrawn)
    classifier = enum(codes, "eventClassifierCode", _CLASSIFIERS, w, cp)
    event_type = enum(codes, "shipmentEventTypeCode", _SHIPMENT, w, cp)
    when = time(raw if shape == "dcsa-3.0" else codes, "eventDateTime", w,
                "" if shape == "dcsa-3.0" else cp)
    if shape == "dcsa-3.0":
        docs = shipment_documents(raw)
        details = opt_obj(raw, "shipmentDetails", w) or {}
        doc_type, doc_ref = (docs[0] if docs else (None, None))
        related, reason = docs[1:], opt_str(details, "reason", w, "shipmentDetails.",
                                            limit=5000)
    else:
        doc_type = opt_str(rest, "documentTypeCode", w, rp)
        doc_ref = opt_str(rest, "documentReference" if shape != "dcsa-2.2" else "documentID",
                          w, rp)
        related = document_references(rest, rp) if "documentReferences" in rest else ()
        if "relatedDocumentReferences" in rest:
            related += document_references(rest, rp, DOC_BETA)
        reason = opt_str(rest, "reason", w, rp, limit=5000)
    if reason is not None and len(reason) > MAX_TEXT:
        reason = reason[:MAX_TEXT]
    return ShipmentEvent(
        event_id=event_id, classifier=classifier, event_type=event_type, event_time=when,
        created_time=created, updated_time=updated, document_type=doc_type,
        document_reference=doc_ref, document_references=related, reason=reason,
        retracted=retracted, shape=shape,
    )


__all__ = ["BodyRejected", "normalise_shipment", "normalise_transport"]
