"""The fast lane for the bulk of the traffic, read in one pass in C.

Most frames a terminal feed sends are numbered `position` reports (hundreds a
second) and `equipment` events in one of the DCSA shapes (T&T 2.2, 3.0 beta,
3.0) with the terminal additions; e-seals and reefers add DCSA 3.0 `iot` and
`reefer` events (a location update per move, measurements every few minutes),
and the terminal's DCSA feed also carries `transport` events (vessel
arrivals, departures) and `shipment` events (document states) in all three
shapes.  Retractions of any kind take the careful path.  For the rest,
`read_event` decodes the text
straight into the typed structs of `console.protocol.wire_structs` (types,
enumerations, lengths, number ranges and list sizes checked while decoding)
and builds the record, two to three times faster than decoding to
dictionaries and reading them field by field.

The lane only ever *accepts*.  Whenever anything is unusual it answers None
and the frame takes the careful path (`messages.parse_server_message`, then
`bodies.normalise_body`), which accepts or rejects it with the reason that
names the field.  "Unusual" is deliberately broad:

- any key the lane does not know, at any level (gateways may send more than
  the console reads; those frames are read the careful way);
- a `\\u` escape anywhere in the text;
- the spelling of another DCSA release inside a shape (a 2.2 seal in a 3.0
  event), which the careful path tolerates;
- a repeated key: `msgspec` keeps the last of repeated keys, like `orjson`,
  so the lane re-encodes what it decoded and compares the number of colons
  (one per key, plus those inside strings, which survive unchanged when the
  text has no `\\u` escape): equal counts mean every key was read once.  An
  explicit null re-encodes to nothing, so a text with nulls is counted again
  through `orjson`, which keeps them (as `strictjson` does);
- anything a struct refuses (a wrong type, a bool for a number, a value out
  of range, an integer beyond 64 bits, malformed JSON).

So, for every frame, the lane's record is the careful path's record or there
is no lane record at all; `tests/unit/test_fast_lane.py` holds the two to that
on generated frames, valid and broken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

import msgspec
import orjson
from msgspec import UnsetType

from console.model import (
    Body,
    EquipmentEvent,
    FeedEvent,
    IotEvent,
    OcrImage,
    OcrReading,
    Position,
    PositionReport,
    ReeferEvent,
    Seal,
    ShipmentEvent,
    TransportEvent,
)
from console.protocol import wire_structs as w
from console.protocol.body_fields import MAX_TEXT
from console.protocol.equipment_parts import POSITION_KEY
from console.protocol.equipment_shapes import ISO_CODE
from console.protocol.strictjson import MAX_MESSAGE_BYTES
from console.protocol.transport_call import NO_CALL as _NO_CALL
from console.protocol.transport_call import CallParts
from console.timefmt import is_rfc3339

T = TypeVar("T")

_DECODE_USUAL = msgspec.json.Decoder(
    w.Frame22 | w.PositionFrame | w.TransportFrame22 | w.ShipmentFrame22).decode
# Always a union: a decoder of one tagged struct would accept a frame without `kind`.
_DECODE_30 = msgspec.json.Decoder(
    w.Frame30 | w.IotFrame | w.ReeferFrame | w.PositionFrame | w.TransportFrame30
    | w.ShipmentFrame30).decode
_DECODE_BETA = msgspec.json.Decoder(
    w.FrameBeta | w.PositionFrame | w.TransportFrameBeta | w.ShipmentFrameBeta).decode
_ENCODE = msgspec.json.Encoder().encode


def read_event(raw: str | bytes) -> tuple[str, w.AnyFrame, Body] | None:
    """(kind, frame, record) when `raw` is a usual event frame, else None (read it carefully)."""
    if isinstance(raw, str):
        if len(raw) > MAX_MESSAGE_BYTES // 4 or ("\\" in raw and "\\u" in raw):
            return None
        decode = (_DECODE_30 if '"eventClassification"' in raw
                  else _DECODE_BETA if '"metadata"' in raw else _DECODE_USUAL)
        colons = raw.count(":")
    else:
        if len(raw) > MAX_MESSAGE_BYTES or (b"\\" in raw and b"\\u" in raw):
            return None
        decode = (_DECODE_30 if b'"eventClassification"' in raw
                  else _DECODE_BETA if b'"metadata"' in raw else _DECODE_USUAL)
        colons = raw.count(b":")
    try:
        frame: w.AnyFrame = decode(raw)
    except (ValueError, RecursionError):  # msgspec.DecodeError; UnicodeDecodeError for bad bytes
        return None
    if _ENCODE(frame).count(b":") != colons and not _nulls_only(raw, colons):
        return None  # a repeated key
    if not is_rfc3339(frame.time):
        return None
    if type(frame) is w.PositionFrame:
        return "position", frame, _report(frame.body)
    if type(frame) is w.IotFrame:
        iot = _from_iot(frame.body)
        return None if iot is None else ("iot", frame, iot)
    if type(frame) is w.ReeferFrame:
        reefer = _from_reefer(frame.body)
        return None if reefer is None else ("reefer", frame, reefer)
    voyage_reader = _VOYAGE_READERS.get(type(frame))
    if voyage_reader is not None:
        kind, read = voyage_reader
        voyage = read(frame.body)
        return None if voyage is None else (kind, frame, voyage)
    if type(frame) is w.Frame22:
        record = _from_22(frame.body, frame.time)
    elif type(frame) is w.Frame30:
        record = _from_30(frame.body, frame.time)
    else:
        record = _from_beta(frame.body, frame.time)  # type: ignore[arg-type]
    return None if record is None else ("equipment", frame, record)


def read_feed_event(raw: str | bytes, feed: str, epoch: str) -> FeedEvent | None:
    """The numbered event of feed `feed` when `raw` takes the lane, else None."""
    fast = read_event(raw)
    if fast is None:
        return None
    kind, frame, body = fast
    return FeedEvent(feed, epoch, frame.seq, frame.id, kind, frame.time, frame.source, body,
                     frame.corrects)


def _nulls_only(raw: str | bytes, colons: int) -> bool:
    """Is every key of `raw` there once, when the re-encoding lost keys to explicit nulls?

    A null field re-encodes to nothing (it is the default), so the count of
    colons cannot tell a null from a repeated key; the generic decoder keeps
    nulls, and its re-encoding has every key but repeated ones (as in `strictjson`).
    """
    if not (b"null" in raw if isinstance(raw, bytes) else "null" in raw):
        return False
    try:
        return orjson.dumps(orjson.loads(raw)).count(b":") == colons
    except orjson.JSONDecodeError:
        return False


def _report(v: w.Vehicle) -> PositionReport:
    speed = v.speed
    return PositionReport(
        v.vehicleId, v.x, v.y, _given(v.heading),
        0.0 if speed is None or isinstance(speed, UnsetType) else speed,
        _given(v.carrying), _given(v.vehicleType),
    )


def _given(value: T | UnsetType | None) -> T | None:
    """An optional field of a position report: absent and null both read as None."""
    return None if isinstance(value, UnsetType) else value


def _from_22(b: w.Equipment22, envelope_time: str) -> EquipmentEvent | None:
    if not _core_ok(b.eventDateTime, b.eventCreatedDateTime, b.ISOEquipmentCode, envelope_time):
        return None
    seals = () if b.seals is None else tuple(
        [Seal(s.sealNumber, s.sealSource, s.sealType) for s in b.seals])
    return _event(b.eventID, b.eventClassifierCode, b.equipmentEventTypeCode, b.eventDateTime,
                  b.equipmentReference, b.eventCreatedDateTime, b.ISOEquipmentCode,
                  b.emptyIndicatorCode, seals, b, b.eventLocation, b.terminal, False, "dcsa-2.2",
                  _NO_EXTRAS)


def _from_beta(b: w.EquipmentBeta, envelope_time: str) -> EquipmentEvent | None:
    meta, p = b.metadata, b.payload
    created = meta.eventCreatedDateTime
    if not _core_ok(p.eventDateTime, created, p.ISOEquipmentCode, envelope_time):
        return None
    terminal = b.terminal if isinstance(p.terminal, UnsetType) else p.terminal
    return _event(meta.eventID, p.eventClassifierCode, p.equipmentEventTypeCode, p.eventDateTime,
                  p.equipmentReference, created, p.ISOEquipmentCode, p.emptyIndicatorCode,
                  _seals_30(p.seals), p, p.location, terminal, False, "dcsa-3.0-beta",
                  _Extras(p.isTransshipmentMove, p.relatedDocumentReferences))


def _from_30(b: w.Equipment30, envelope_time: str) -> EquipmentEvent | None:
    c, d = b.eventClassification, b.equipmentDetails
    created, updated = b.eventCreatedDateTime, b.eventUpdatedDateTime
    if updated is not None and updated != created and not is_rfc3339(updated):
        return None
    # each time is checked once: the envelope's is, and `updated` as `created` stands for it
    if not _core_ok(b.eventDateTime, created, d.ISOEquipmentCode, envelope_time):
        return None
    if created is None:
        created = updated
    # `location` only counts when there is no `eventLocation` (as the careful path reads it)
    where = b.location if isinstance(b.eventLocation, UnsetType) else b.eventLocation
    return _event(b.eventID, c.eventClassifierCode, c.equipmentEventTypeCode, b.eventDateTime,
                  d.equipmentReference, created, d.ISOEquipmentCode, d.emptyIndicatorCode,
                  _seals_30(d.seals), b, where, b.terminal, b.isRetracted is True, "dcsa-3.0",
                  _Extras(None, None, d.movementType, updated, b.transportDetails,
                          b.shipmentDetails))


def _times_ok(when: str, updated: str | None) -> bool:
    return is_rfc3339(when) and (updated is None or is_rfc3339(updated))


def _from_iot(b: w.Iot30) -> IotEvent | None:
    if not _times_ok(b.eventDateTime, b.eventUpdatedDateTime):
        return None
    d, loc = b.equipmentDetails, b.eventLocation
    geo = None if loc is None else loc.geoCoordinate
    return IotEvent(
        b.eventID, b.eventClassification.eventClassifierCode, b.iotDetails.iotEventCode,
        b.eventDateTime, d.equipmentReference, d.ISOEquipmentCode,
        None if loc is None else loc.locationName, None if loc is None else loc.UNLocationCode,
        None if geo is None else geo.latitude, None if geo is None else geo.longitude,
        b.eventUpdatedDateTime)


def _from_reefer(b: w.Reefer30) -> ReeferEvent | None:
    if not _times_ok(b.eventDateTime, b.eventUpdatedDateTime):
        return None
    r = b.reeferDetails
    if r is None:
        return ReeferEvent(b.eventID, b.eventClassification.eventClassifierCode,
                           b.eventClassification.reeferEventTypeCode, b.eventDateTime,
                           b.equipmentDetails.equipmentReference,
                           updated_time=b.eventUpdatedDateTime)
    probes = () if r.temperatureProbeMeasurements is None else tuple(
        [p.measuredTemperatureValue for p in r.temperatureProbeMeasurements
         if p.measuredTemperatureValue is not None])
    return ReeferEvent(
        b.eventID, b.eventClassification.eventClassifierCode,
        b.eventClassification.reeferEventTypeCode, b.eventDateTime,
        b.equipmentDetails.equipmentReference, r.temperatureUnit,
        r.internalSetpointTemperature, r.ambientMeasuredTemperature, probes,
        b.eventUpdatedDateTime)


# ------------------------------------------------------------ transport and shipment events


def _place(flat: w.TransportFlat, loc: w.Location | None) -> tuple[
        str | None, str | None, str | None, str | None] | None:
    """(name, UN/LOCODE, facility, facility type) of a flat (2.2 / beta) transport event, as
    `voyage_shapes` reads it: the location, else the transport call's place; None: decline."""
    if loc is not None:
        facility = loc.facilityCode
        if loc.facility is not None and loc.facility.facilityCode is not None:
            facility = loc.facility.facilityCode
        place = (loc.locationName, loc.UNLocationCode, facility, loc.facilityTypeCode)
        if place != (None, None, None, None):
            return place
    tc = flat.transportCall
    if tc is None:
        return None, None, None, None
    codes = (tc.UNLocationCode, tc.facilityCode, tc.facilityTypeCode)
    if any(c is not None and len(c) > MAX_TEXT for c in codes):
        return None  # the careful path names the field
    return None, *codes


def _related(docs: tuple[w.DocumentReference, ...] | None,
             related: tuple[w.DocumentReferenceBeta, ...] | None) -> tuple[tuple[str, str], ...]:
    out = [] if docs is None else [(r.documentReferenceType, r.documentReferenceValue)
                                   for r in docs]
    if related is not None:
        out += [(r.type, r.value) for r in related]
    return tuple(out)


def _transport_flat(flat: w.TransportFlat, event_id: str, created: str | None,
                    loc: w.Location | None, shape: str) -> TransportEvent | None:
    if not _times_ok(flat.eventDateTime, created):
        return None
    place = _place(flat, loc)
    if place is None:
        return None
    c = _call_flat(flat)
    one = flat.delayReasonCode
    return TransportEvent(
        event_id=event_id, classifier=flat.eventClassifierCode,
        event_type=flat.transportEventTypeCode, event_time=flat.eventDateTime,
        created_time=created, vessel_imo=c.vessel_imo, vessel_name=c.vessel_name,
        vessel_flag=c.vessel_flag, vessel_call_sign=c.vessel_call_sign, voyage=c.voyage,
        import_voyage=c.import_voyage, mode_of_transport=c.mode_of_transport,
        port_visit_reference=c.port_visit_reference, service_code=c.service_code,
        transport_call_reference=c.transport_call_reference, location_name=place[0],
        un_location_code=place[1], facility_code=place[2], facility_type=place[3],
        delay_reasons=(one,) if one else (), change_remark=flat.changeRemark,
        document_references=_related(flat.documentReferences, flat.relatedDocumentReferences),
        shape=shape)


def _transport_22(b: w.Transport22) -> TransportEvent | None:
    return _transport_flat(b, b.eventID, b.eventCreatedDateTime, b.eventLocation, "dcsa-2.2")


def _transport_beta(b: w.TransportBeta) -> TransportEvent | None:
    return _transport_flat(b.payload, b.metadata.eventID, b.metadata.eventCreatedDateTime,
                           b.payload.location, "dcsa-3.0-beta")


def _shipment_docs(sd: w.ShipmentDetails | None) -> list[tuple[str, str]]:
    """3.0 `shipmentDetails`: its `documentReference`, then `additionalDocumentReferences`."""
    if sd is None:
        return []
    out = [] if sd.documentReference is None else [
        (sd.documentReference.typeCode, sd.documentReference.reference)]
    if sd.additionalDocumentReferences is not None:
        out += [(r.typeCode, r.reference) for r in sd.additionalDocumentReferences]
    return out


def _transport_30(b: w.Transport30) -> TransportEvent | None:
    updated = b.eventUpdatedDateTime
    if not _times_ok(b.eventDateTime, updated):
        return None
    d, loc = b.transportDetails, b.eventLocation
    tc = None if d is None else d.transportCall
    c = _NO_CALL if tc is None else _call_30(tc)
    facility = None
    if loc is not None:
        facility = loc.facilityCode
        if loc.facility is not None and loc.facility.facilityCode is not None:
            facility = loc.facility.facilityCode
    cls = b.eventClassification
    return TransportEvent(
        event_id=b.eventID, classifier=cls.eventClassifierCode,
        event_type=cls.transportEventTypeCode, event_time=b.eventDateTime,
        created_time=updated, updated_time=updated, vessel_imo=c.vessel_imo,
        vessel_name=c.vessel_name, vessel_flag=c.vessel_flag,
        vessel_call_sign=c.vessel_call_sign, voyage=c.voyage, import_voyage=c.import_voyage,
        mode_of_transport=c.mode_of_transport, port_visit_reference=c.port_visit_reference,
        service_code=c.service_code, transport_call_reference=c.transport_call_reference,
        location_name=None if loc is None else loc.locationName,
        un_location_code=None if loc is None else loc.UNLocationCode, facility_code=facility,
        facility_type=None if loc is None else loc.facilityTypeCode,
        delay_reasons=() if d is None or d.delayReasonCodes is None else d.delayReasonCodes,
        change_remark=None if d is None else d.changeRemark,
        document_references=tuple(_shipment_docs(b.shipmentDetails)), shape="dcsa-3.0")


def _cut(reason: str | None) -> str | None:
    return reason if reason is None or len(reason) <= MAX_TEXT else reason[:MAX_TEXT]


def _shipment_flat(flat: w.ShipmentFlat, event_id: str, created: str | None,
                   reference: str | None, shape: str) -> ShipmentEvent | None:
    if not _times_ok(flat.eventDateTime, created):
        return None
    return ShipmentEvent(
        event_id=event_id, classifier=flat.eventClassifierCode,
        event_type=flat.shipmentEventTypeCode, event_time=flat.eventDateTime,
        created_time=created, document_type=flat.documentTypeCode,
        document_reference=reference,
        document_references=_related(flat.documentReferences, flat.relatedDocumentReferences),
        reason=_cut(flat.reason), shape=shape)


def _shipment_22(b: w.Shipment22) -> ShipmentEvent | None:
    return _shipment_flat(b, b.eventID, b.eventCreatedDateTime, b.documentID, "dcsa-2.2")


def _shipment_beta(b: w.ShipmentBeta) -> ShipmentEvent | None:
    return _shipment_flat(b.payload, b.metadata.eventID, b.metadata.eventCreatedDateTime,
                          b.payload.documentReference, "dcsa-3.0-beta")


def _shipment_30(b: w.Shipment30) -> ShipmentEvent | None:
    updated = b.eventUpdatedDateTime
    if not _times_ok(b.eventDateTime, updated):
        return None
    sd = b.shipmentDetails
    docs = _shipment_docs(sd)
    doc_type, doc_ref = docs[0] if docs else (None, None)
    cls = b.eventClassification
    return ShipmentEvent(
        event_id=b.eventID, classifier=cls.eventClassifierCode,
        event_type=cls.shipmentEventTypeCode, event_time=b.eventDateTime,
        created_time=updated, updated_time=updated, document_type=doc_type,
        document_reference=doc_ref, document_references=tuple(docs[1:]),
        reason=None if sd is None else _cut(sd.reason), shape="dcsa-3.0")


_VOYAGE_READERS: dict[type, tuple[str, Callable[[Any], Body | None]]] = {
    w.TransportFrame22: ("transport", _transport_22),
    w.TransportFrameBeta: ("transport", _transport_beta),
    w.TransportFrame30: ("transport", _transport_30),
    w.ShipmentFrame22: ("shipment", _shipment_22),
    w.ShipmentFrameBeta: ("shipment", _shipment_beta),
    w.ShipmentFrame30: ("shipment", _shipment_30),
}


def _core_ok(when: str, created: str | None, iso: str | None, envelope_time: str | None) -> bool:
    """The checks the structs cannot make: RFC 3339 on a real calendar day, the ISO code."""
    return (
        (when == envelope_time or is_rfc3339(when))  # mostly the envelope's own time
        and (created is None or is_rfc3339(created))
        and (iso is None or ISO_CODE.match(iso) is not None)
    )


def _seals_30(seals: tuple[w.Seal30, ...] | None) -> tuple[Seal, ...]:
    return () if seals is None else tuple(
        [Seal(s.number, s.source, s.type, s.placement) for s in seals])


class _Extras(NamedTuple):
    """What only some shapes carry (3.0 beta: transshipment, related documents; 3.0 the rest)."""

    transshipment: bool | None = None
    related: tuple[w.DocumentReferenceBeta, ...] | None = None
    movement: str | None = None
    updated: str | None = None
    details: w.TransportDetails | None = None
    shipment: w.ShipmentDetails | None = None


_NO_EXTRAS = _Extras()


def _call_30(tc: w.TransportCall30) -> CallParts:
    """`transportDetails.transportCall` as `transport_call.call_30` reads it."""
    export, imported = tc.exportVoyageNumberOrReference, tc.importVoyageNumberOrReference
    out_voyage = None if export is None else _either(
        export.carrierVoyageNumber, export.universalVoyageReference)
    in_voyage = None if imported is None else _either(
        imported.carrierVoyageNumber, imported.universalVoyageReference)
    voyage = out_voyage if out_voyage is not None else in_voyage
    service, vessel, rail, truck = (tc.serviceCodeOrReference, tc.vesselTransport,
                                    tc.railTransport, tc.truckTransport)
    tractor = trailer = None
    if truck is not None:
        tractor = None if truck.tractorDetails is None else truck.tractorDetails.licensePlate
        trailer = None if truck.trailerDetails is None else truck.trailerDetails.licensePlate
    return CallParts(
        vessel_imo=None if vessel is None else vessel.vesselIMONumber,
        vessel_name=None if vessel is None else vessel.vesselName,
        voyage=voyage,
        mode_of_transport=tc.modeOfTransport,
        vessel_flag=None if vessel is None else vessel.vesselFlag,
        vessel_call_sign=None if vessel is None else vessel.vesselCallSign,
        import_voyage=in_voyage if in_voyage != voyage else None,
        port_visit_reference=tc.portVisitReference,
        service_code=None if service is None else _either(
            service.carrierServiceCode, service.universalServiceReference),
        transport_call_reference=tc.transportCallReference,
        rail_car_reference=None if rail is None else rail.railCarReference,
        rail_service_reference=None if rail is None else rail.railServiceReference,
        tractor_plate=tractor,
        trailer_plate=trailer,
    )


def _call_flat(call: w.Call) -> CallParts:
    """The 2.2 / 3.0 beta transport call as `transport_call.call_flat` reads it."""
    voyage = call.exportVoyageNumber
    if voyage is None:
        voyage = call.importVoyageNumber
    tc = call.transportCall
    if tc is None:
        return CallParts(voyage=voyage)
    for v in (tc.carrierVoyageNumber, tc.carrierExportVoyageNumber, tc.exportVoyageNumber,
              tc.carrierImportVoyageNumber, tc.importVoyageNumber):
        if v is not None:
            voyage = v
            break
    imported = _either(tc.carrierImportVoyageNumber, tc.importVoyageNumber)
    vessel = tc.vessel
    imo = name = flag = sign = None
    if vessel is not None:
        imo = vessel.vesselIMONumber
        name = _either(vessel.vesselName, vessel.name)
        flag = _either(vessel.vesselFlag, vessel.flag)
        sign = _either(vessel.vesselCallSignNumber, vessel.callSign)
    return CallParts(
        vessel_imo=imo, vessel_name=name, voyage=voyage, mode_of_transport=tc.modeOfTransport,
        vessel_flag=flag, vessel_call_sign=sign,
        import_voyage=imported if imported != voyage else None,
        port_visit_reference=tc.portVisitReference,
        service_code=_either(tc.carrierServiceCode, tc.universalServiceReference),
        transport_call_reference=_either(tc.transportCallReference, tc.transportCallID),
        rail_car_reference=tc.railCar,
        rail_service_reference=tc.railService,
    )


def _either(first: str | None, second: str | None) -> str | None:
    return first if first is not None else second


def _documents(call: w.Call, x: _Extras) -> tuple[tuple[str, str], ...]:
    docs = call.documentReferences
    if x.related is None and x.shipment is None:  # the usual 2.2 event
        return () if docs is None else tuple(
            [(r.documentReferenceType, r.documentReferenceValue) for r in docs])
    out = [] if docs is None else [
        (r.documentReferenceType, r.documentReferenceValue) for r in docs]
    if x.related is not None:
        out += [(r.type, r.value) for r in x.related]
    sd = x.shipment
    if sd is not None:
        if sd.documentReference is not None:
            out.append((sd.documentReference.typeCode, sd.documentReference.reference))
        if sd.additionalDocumentReferences is not None:
            out += [(r.typeCode, r.reference) for r in sd.additionalDocumentReferences]
    return tuple(out)


def _event(event_id: str, classifier: str, event_type: str, when: str, reference: str,
           created: str | None, iso: str | None, empty: str | None, seals: tuple[Seal, ...],
           call: w.Call, loc: w.Location | None, t: w.Terminal | None, retracted: bool,
           shape: str, x: _Extras) -> EquipmentEvent | None:
    """The record from a shape's core values and the parts every shape shares."""
    d = x.details
    c = _call_30(d.transportCall) if d is not None and d.transportCall is not None else (
        _call_flat(call))
    crane = vehicle = lane = plate = None
    position = None
    gross = tare = None
    ocr = None
    if t is not None:
        crane, vehicle, lane, plate = t.craneId, t.vehicleId, t.laneId, t.truckPlate
        gross, tare = t.grossWeightKg, t.tareWeightKg
        if t.position is not None:
            position = _position(t.position)
            if position is None:
                return None
        if t.ocr is not None:
            ocr = _ocr(t.ocr)
            if ocr is None:
                return None
    facility = None
    if loc is not None:
        facility = loc.facilityCode
        if loc.facility is not None and loc.facility.facilityCode is not None:
            facility = loc.facility.facilityCode
    return EquipmentEvent(
        event_id=event_id,
        classifier=classifier,
        event_type=event_type,
        event_time=when,
        equipment_reference=reference,
        created_time=created,
        iso_code=iso,
        empty=empty,
        seals=seals,
        vessel_imo=c.vessel_imo,
        vessel_name=c.vessel_name,
        voyage=c.voyage,
        mode_of_transport=c.mode_of_transport,
        location_name=None if loc is None else loc.locationName,
        un_location_code=None if loc is None else loc.UNLocationCode,
        facility_code=facility,
        document_references=_documents(call, x),
        crane_id=crane,
        vehicle_id=vehicle,
        lane_id=lane,
        truck_plate=plate if plate is not None else c.tractor_plate,
        position=position,
        gross_weight_kg=gross,
        tare_weight_kg=tare,
        ocr=ocr,
        retracted=retracted,
        shape=shape,
        vessel_flag=c.vessel_flag,
        vessel_call_sign=c.vessel_call_sign,
        import_voyage=c.import_voyage,
        port_visit_reference=c.port_visit_reference,
        service_code=c.service_code,
        transport_call_reference=c.transport_call_reference,
        rail_car_reference=c.rail_car_reference,
        rail_service_reference=c.rail_service_reference,
        trailer_plate=c.trailer_plate,
        facility_type=None if loc is None else loc.facilityTypeCode,
        movement_type=x.movement,
        transshipment=x.transshipment,
        updated_time=x.updated,
    )


def _position(p: w.WirePosition) -> Position | None:
    need = getattr(p, POSITION_KEY[p.kind])
    if not need:  # the kind's own field is missing or empty: the careful path says so
        return None
    return Position(p.kind, p.block, p.bay, p.row, p.tier, p.berth, p.craneId, p.vehicleId,
                    p.laneId)


def _ocr(o: w.Ocr) -> OcrReading | None:
    images: tuple[OcrImage, ...] = ()
    if o.images is not None:
        for img in o.images:
            if img.frameTime is not None and not is_rfc3339(img.frameTime):
                return None
        images = tuple([OcrImage(i.cameraId, i.frameTime, i.url) for i in o.images])
    return OcrReading(
        equipment_reference=o.equipmentReference,
        confidence=o.confidence,
        seal_numbers=() if o.sealNumbers is None else o.sealNumbers,
        images=images,
    )
