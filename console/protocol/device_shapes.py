"""DCSA 3.0 IoT and reefer events (`iotDetails`, `reeferDetails`), read from the wire.

Both exist only in T&T 3.0: `eventClassification.{eventTypeCode: IOT,
iotEventTypeCode: DETC}` with `iotDetails.iotEventCode` (DRO door opened, DRC
door closed, LOC location update), and `{eventTypeCode: REEFER,
reeferEventTypeCode: MEAS | ADJU}` with `reeferDetails` (temperatures).  The
container is in `equipmentDetails`, as for equipment events.  A retraction
(`isRetracted`) needs only its `eventID`.
"""

from __future__ import annotations

from typing import Any

from console.model import (
    CLASSIFIERS,
    IOT_EVENT_CODES,
    REEFER_EVENT_TYPES,
    IotEvent,
    ReeferEvent,
)
from console.protocol.body_fields import (
    STR,
    check_optional,
    enum,
    fail,
    item_obj,
    opt_bool,
    opt_list,
    opt_number,
    opt_obj,
    opt_str,
    req_str,
    time,
)
from console.protocol.equipment_parts import location

_CLASSIFIERS = frozenset(CLASSIFIERS)
_GEO = dict.fromkeys(("latitude", "longitude"), STR)


def _common(raw: dict[str, Any], what: str, kind: str) -> tuple[
        str, str | None, bool, dict[str, Any] | None]:
    event_id = req_str(raw, "eventID", what)
    updated = time(raw, "eventUpdatedDateTime", what, "", required=False)
    retracted = opt_bool(raw, "isRetracted", what) is True
    cls = opt_obj(raw, "eventClassification", what)
    if cls is not None:
        said = cls.get("eventTypeCode")
        if said is not None and said != kind:
            fail(what, "eventClassification.", "eventTypeCode", f"must be {kind}, not {said!r:.40}")
    elif not retracted:
        fail(what, "", "eventClassification", "is missing")
    return event_id, updated, retracted, cls


def _equipment(raw: dict[str, Any], what: str) -> tuple[str, str | None]:
    det = opt_obj(raw, "equipmentDetails", what)
    if det is None:
        fail(what, "", "equipmentDetails", "is missing")
    iso = opt_str(det, "ISOEquipmentCode", what, "equipmentDetails.")
    return req_str(det, "equipmentReference", what, "equipmentDetails."), iso


def normalise_iot(raw: dict[str, Any]) -> IotEvent:
    """A DCSA 3.0 IoT event (door opened / closed, location) of one container."""
    w = "IoT event"
    event_id, updated, retracted, cls = _common(raw, w, "IOT")
    if cls is None or (retracted and "iotDetails" not in raw):
        return IotEvent(event_id, "", "", "", "", updated_time=updated, retracted=True)
    c = "eventClassification."
    classifier = enum(cls, "eventClassifierCode", _CLASSIFIERS, w, c)
    enum(cls, "iotEventTypeCode", frozenset(("DETC",)), w, c)
    details = opt_obj(raw, "iotDetails", w)
    if details is None:
        fail(w, "", "iotDetails", "is missing")
    code = enum(details, "iotEventCode", frozenset(IOT_EVENT_CODES), w, "iotDetails.")
    reference, iso = _equipment(raw, w)
    loc = location(raw, "eventLocation", "")
    geo = None
    where = opt_obj(raw, "eventLocation", w)
    if where is not None:
        geo = opt_obj(where, "geoCoordinate", w, "eventLocation.")
        if geo is not None:
            check_optional(geo, _GEO, w, "eventLocation.geoCoordinate.")
    return IotEvent(
        event_id=event_id, classifier=classifier, event_code=code,
        event_time=time(raw, "eventDateTime", w), equipment_reference=reference, iso_code=iso,
        location_name=loc[0], un_location_code=loc[1],
        latitude=None if geo is None else geo.get("latitude"),
        longitude=None if geo is None else geo.get("longitude"),
        updated_time=updated, retracted=retracted,
    )


def normalise_reefer(raw: dict[str, Any]) -> ReeferEvent:
    """A DCSA 3.0 reefer event (temperatures measured or settings adjusted)."""
    w = "reefer event"
    event_id, updated, retracted, cls = _common(raw, w, "REEFER")
    if cls is None or (retracted and "reeferDetails" not in raw):
        return ReeferEvent(event_id, "", "", "", "", updated_time=updated, retracted=True)
    c = "eventClassification."
    classifier = enum(cls, "eventClassifierCode", _CLASSIFIERS, w, c)
    event_type = enum(cls, "reeferEventTypeCode", frozenset(REEFER_EVENT_TYPES), w, c)
    reference, _iso = _equipment(raw, w)
    details = opt_obj(raw, "reeferDetails", w) or {}
    rp = "reeferDetails."
    probes = []
    items = opt_list(details, "temperatureProbeMeasurements", w, rp, limit=100)
    for i in range(len(items)):
        probe = item_obj(items, i, "temperatureProbeMeasurements", w, rp)
        value = opt_number(probe, "measuredTemperatureValue", w,
                           f"{rp}temperatureProbeMeasurements[{i}].", minimum=-200, maximum=200)
        if value is not None:
            probes.append(value)
    return ReeferEvent(
        event_id=event_id, classifier=classifier, event_type=event_type,
        event_time=time(raw, "eventDateTime", w), equipment_reference=reference,
        temperature_unit=enum(details, "temperatureUnit", frozenset(("CEL", "FAH")), w, rp,
                              required=False),
        setpoint=opt_number(details, "internalSetpointTemperature", w, rp,
                            minimum=-200, maximum=200),
        ambient=opt_number(details, "ambientMeasuredTemperature", w, rp,
                           minimum=-200, maximum=200),
        probes=tuple(probes), updated_time=updated, retracted=retracted,
    )
