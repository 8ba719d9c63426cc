"""The fast lane for the bulk of the traffic, read in one pass in C.

Most frames a terminal feed sends are numbered `position` reports (hundreds a
second) and `equipment` events in the flat DCSA T&T 2.2 shape with the
terminal additions.  For those, `read_event` decodes the text straight into
typed `msgspec` structs (types, enumerations, lengths, number ranges and list
sizes checked while decoding) and builds the record, two to three times
faster than decoding to dictionaries and reading them field by field.

The lane only ever *accepts*.  Whenever anything is unusual it answers None
and the frame takes the careful path (`messages.parse_server_message`, then
`bodies.normalise_body`), which accepts or rejects it with the reason that
names the field.  "Unusual" is deliberately broad:

- any key the lane does not know, at any level (gateways may send more than
  the console reads; those frames are read the careful way);
- an explicit `null` in an equipment event (omitted when re-encoding, see
  below; position reports keep theirs) or a `\\u` escape anywhere in the text;
- a repeated key: `msgspec` keeps the last of repeated keys, like `orjson`,
  so the lane re-encodes what it decoded and compares the number of colons
  (one per key, plus those inside strings, which survive unchanged when the
  text has no `\\u` escape): equal counts mean every key was read once;
- anything a struct refuses (a wrong type, a bool for a number, a value out
  of range, an integer beyond 64 bits, malformed JSON).

So, for every frame, the lane's record is the careful path's record or there
is no lane record at all; `tests/test_fast_lane.py` holds the two to that
on generated frames, valid and broken.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias, TypeVar

import msgspec
from msgspec import UNSET, UnsetType

from console.model import (
    Body,
    EquipmentEvent,
    OcrImage,
    OcrReading,
    Position,
    PositionReport,
    Seal,
)
from console.protocol.body_fields import MAX_TEXT, MAX_URL, is_rfc3339
from console.protocol.equipment_shapes import ISO_CODE
from console.protocol.strictjson import MAX_MESSAGE_BYTES

T = TypeVar("T")
Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TEXT)]
Url = Annotated[str, msgspec.Meta(max_length=MAX_URL)]
Count = Annotated[int, msgspec.Meta(ge=0, le=99_999)]
Weight = Annotated[float, msgspec.Meta(ge=0.0, le=1.7976931348623157e308)]
Confidence = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
Finite = Annotated[float, msgspec.Meta(ge=-1.7976931348623157e308, le=1.7976931348623157e308)]
Heading = Annotated[float, msgspec.Meta(ge=-360.0, le=360.0)]


class _Wire(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    """A wire object: unknown keys send the frame to the careful path."""


class _Seal(_Wire):
    sealNumber: Name
    sealSource: Literal["CAR", "SHI", "PHY", "VET", "CUS"] | None = None
    sealType: Literal["KLP", "BLT", "WIR"] | None = None


class _DocumentReference(_Wire):
    documentReferenceType: Name
    documentReferenceValue: Name


class _Vessel(_Wire):
    vesselIMONumber: Text | None = None
    vesselName: Text | None = None
    name: Text | None = None
    flag: Text | None = None
    callSign: Text | None = None


class _TransportCall(_Wire):
    carrierVoyageNumber: Text | None = None
    carrierExportVoyageNumber: Text | None = None
    exportVoyageNumber: Text | None = None
    carrierImportVoyageNumber: Text | None = None
    importVoyageNumber: Text | None = None
    modeOfTransport: Text | None = None
    transportCallID: Text | None = None
    vessel: _Vessel | None = None


class _Location(_Wire):
    locationName: Text | None = None
    UNLocationCode: Text | None = None
    facilityCode: Text | None = None


class _Position(_Wire):
    kind: Literal["slot", "berth", "vehicle", "lane"]
    block: Text | None = None
    bay: Count | None = None
    row: Count | None = None
    tier: Count | None = None
    berth: Text | None = None
    craneId: Text | None = None
    vehicleId: Text | None = None
    laneId: Text | None = None


class _Image(_Wire):
    cameraId: Text | None = None
    frameTime: str | None = None
    url: Url | None = None


class _Ocr(_Wire):
    equipmentReference: Text | None = None
    confidence: Confidence | None = None
    sealNumbers: Annotated[tuple[Name, ...], msgspec.Meta(max_length=1000)] | None = None
    images: Annotated[tuple[_Image, ...], msgspec.Meta(max_length=100)] | None = None


class _Terminal(_Wire):
    craneId: Text | None = None
    vehicleId: Text | None = None
    laneId: Text | None = None
    truckPlate: Text | None = None
    position: _Position | None = None
    grossWeightKg: Weight | None = None
    tareWeightKg: Weight | None = None
    ocr: _Ocr | None = None


class _Equipment22(_Wire):
    eventID: Name
    eventClassifierCode: Literal["ACT", "PLN", "EST"]
    equipmentEventTypeCode: Literal[
        "DISC", "LOAD", "GTIN", "GTOT", "PICK", "DROP", "STUF", "STRP", "INSP", "RSEA", "RMVD"
    ]
    eventDateTime: str
    equipmentReference: Text
    eventType: Literal["EQUIPMENT"] | None = None
    eventCreatedDateTime: str | None = None
    ISOEquipmentCode: str | None = None
    emptyIndicatorCode: Literal["EMPTY", "LADEN"] | None = None
    seals: Annotated[tuple[_Seal, ...], msgspec.Meta(max_length=1000)] | None = None
    documentReferences: (
        Annotated[tuple[_DocumentReference, ...], msgspec.Meta(max_length=1000)] | None
    ) = None
    exportVoyageNumber: Text | None = None
    importVoyageNumber: Text | None = None
    transportCallID: Text | None = None
    transportCall: _TransportCall | None = None
    eventLocation: _Location | None = None
    terminal: _Terminal | None = None


class _Vehicle(_Wire):
    """A `position` body (as `bodies.normalise_vehicle` reads it).

    Gateways write `"carrying": null` for an empty vehicle, so the optional
    fields tell an explicit null (None, re-encoded) from an absent key (UNSET,
    omitted) and such reports keep the lane.
    """

    vehicleId: Name
    x: Finite
    y: Finite
    heading: Heading | UnsetType | None = UNSET
    speed: Weight | UnsetType | None = UNSET
    carrying: Text | UnsetType | None = UNSET
    vehicleType: Text | UnsetType | None = UNSET


class _Frame(_Wire, tag_field="kind"):
    """A numbered `event` message; `kind` picks the subclass."""

    type: Literal["event"]
    seq: Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]  # larger: the careful path
    id: Name
    time: str


class EquipmentFrame(_Frame, tag="equipment"):
    """An `equipment` event in the T&T 2.2 shape."""

    body: _Equipment22
    source: Name | None = None
    corrects: Name | None = None


class PositionFrame(_Frame, tag="position"):
    """A `position` report of a vehicle."""

    body: _Vehicle
    source: Name | None = None
    corrects: Name | None = None


Frame: TypeAlias = EquipmentFrame | PositionFrame
_DECODER = msgspec.json.Decoder(Frame)
_ENCODE = msgspec.json.Encoder().encode
# The field a position of each kind cannot do without (as `equipment_parts.position`).
_POSITION_KEY = {"slot": "block", "berth": "berth", "vehicle": "vehicleId", "lane": "laneId"}


def read_event(raw: str | bytes) -> tuple[str, Frame, Body] | None:
    """(kind, frame, record) when `raw` is a plain 2.2 equipment event or a position report."""
    if type(raw) is str:
        if len(raw) > MAX_MESSAGE_BYTES // 4 or ("\\" in raw and "\\u" in raw):
            return None
    elif len(raw) > MAX_MESSAGE_BYTES or (b"\\" in raw and b"\\u" in raw):
        return None
    try:
        frame = _DECODER.decode(raw)
    except (msgspec.DecodeError, RecursionError):
        return None
    colons = ":" if type(raw) is str else b":"
    if _ENCODE(frame).count(b":") != raw.count(colons):  # type: ignore[arg-type]
        return None  # a repeated key, or an explicit null (omitted on re-encoding)
    if not is_rfc3339(frame.time):
        return None
    if type(frame) is PositionFrame:
        v = frame.body
        speed = v.speed
        report = PositionReport(
            v.vehicleId, v.x, v.y, _given(v.heading),
            0.0 if speed is None or isinstance(speed, UnsetType) else speed,
            _given(v.carrying), _given(v.vehicleType),
        )
        return "position", frame, report
    record = _record(frame.body, frame.time)
    return None if record is None else ("equipment", frame, record)


def _given(value: T | UnsetType | None) -> T | None:
    """An optional field of a position report: absent and null both read as None."""
    return None if isinstance(value, UnsetType) else value


def _record(b: _Equipment22, time: str) -> EquipmentEvent | None:
    """The record of a decoded body (None if a check the structs cannot make fails)."""
    created, iso = b.eventCreatedDateTime, b.ISOEquipmentCode
    if not (
        (b.eventDateTime == time or is_rfc3339(b.eventDateTime))  # mostly the envelope's time
        and (created is None or is_rfc3339(created))
        and (iso is None or ISO_CODE.match(iso) is not None)
    ):
        return None
    vessel_imo = vessel_name = mode = None
    voyage = b.exportVoyageNumber if b.exportVoyageNumber is not None else b.importVoyageNumber
    tc = b.transportCall
    if tc is not None:
        for v in (tc.carrierVoyageNumber, tc.carrierExportVoyageNumber, tc.exportVoyageNumber,
                  tc.carrierImportVoyageNumber, tc.importVoyageNumber):
            if v is not None:
                voyage = v
                break
        mode = tc.modeOfTransport
        vessel = tc.vessel
        if vessel is not None:
            vessel_imo = vessel.vesselIMONumber
            vessel_name = vessel.vesselName if vessel.vesselName is not None else vessel.name
    loc = b.eventLocation
    t = b.terminal
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
    return EquipmentEvent(
        event_id=b.eventID,
        classifier=b.eventClassifierCode,
        event_type=b.equipmentEventTypeCode,
        event_time=b.eventDateTime,
        equipment_reference=b.equipmentReference,
        created_time=created,
        iso_code=iso,
        empty=b.emptyIndicatorCode,
        seals=(
            () if b.seals is None
            else tuple([Seal(s.sealNumber, s.sealSource, s.sealType) for s in b.seals])
        ),
        vessel_imo=vessel_imo,
        vessel_name=vessel_name,
        voyage=voyage,
        mode_of_transport=mode,
        location_name=None if loc is None else loc.locationName,
        un_location_code=None if loc is None else loc.UNLocationCode,
        facility_code=None if loc is None else loc.facilityCode,
        document_references=(
            () if b.documentReferences is None
            else tuple([(r.documentReferenceType, r.documentReferenceValue)
                        for r in b.documentReferences])
        ),
        crane_id=crane,
        vehicle_id=vehicle,
        lane_id=lane,
        truck_plate=plate,
        position=position,
        gross_weight_kg=gross,
        tare_weight_kg=tare,
        ocr=ocr,
        retracted=False,
        shape="dcsa-2.2",
    )


def _position(p: _Position) -> Position | None:
    need = getattr(p, _POSITION_KEY[p.kind])
    if not need:  # the kind's own field is missing or empty: the careful path says so
        return None
    return Position(p.kind, p.block, p.bay, p.row, p.tier, p.berth, p.craneId, p.vehicleId,
                    p.laneId)


def _ocr(o: _Ocr) -> OcrReading | None:
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
