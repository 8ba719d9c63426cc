"""The nested parts of an EquipmentEvent that all DCSA shapes share, read from the wire.

Seals, the transport call with its vessel and voyage, the event location,
document references and the terminal additions (`terminal`) are spelled a
little differently from one DCSA release to the next (`sealNumber` or
`number`, `vesselName` or `name`, `carrierVoyageNumber` or the deprecated
`exportVoyageNumber`); each reader here accepts every spelling the protocol
names, in any shape, and reports a wrong field by its path in the body.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from console.model import (
    POSITION_KINDS,
    SEAL_PLACEMENTS,
    SEAL_SOURCES,
    SEAL_TYPES,
    OcrImage,
    OcrReading,
    Position,
    Seal,
)
from console.protocol.body_fields import (
    INT,
    MAX_TEXT,
    MAX_URL,
    STR,
    WEIGHT,
    check_optional,
    enum,
    item_obj,
    opt_list,
    opt_number,
    opt_obj,
    opt_str,
    req_str,
    str_items,
    time,
)
from console.timefmt import is_rfc3339

EVENT = "equipment event"

_SEAL_22 = ("sealNumber", "sealSource", "sealType")
_SEAL_30 = ("number", "source", "type")
_SOURCES = frozenset(SEAL_SOURCES)
_TYPES = frozenset(SEAL_TYPES)
_POSITION_KINDS = frozenset(POSITION_KINDS)
# The field a position of each kind cannot do without.
POSITION_KEY = {"slot": "block", "berth": "berth", "vehicle": "vehicleId", "lane": "laneId"}
_PLACEMENTS = frozenset(SEAL_PLACEMENTS)
_LOCATION_KEYS = dict.fromkeys(
    ("locationName", "UNLocationCode", "facilityCode", "facilityTypeCode"), STR
)
_FACILITY_KEYS = dict.fromkeys(("facilityCode", "facilityName", "facilityCodeListProvider"), STR)
_POSITION_KEYS = dict.fromkeys(("block", "berth", "craneId", "vehicleId", "laneId"), STR) | (
    dict.fromkeys(("bay", "row", "tier"), INT)
)
_TERMINAL_KEYS = dict.fromkeys(("craneId", "vehicleId", "laneId", "truckPlate"), STR) | (
    dict.fromkeys(("grossWeightKg", "tareWeightKg"), WEIGHT)
)

_OCR_KEYS = {"equipmentReference": STR}


def seals(d: dict[str, Any], path: str) -> tuple[Seal, ...]:
    """`seals`: 2.2 writes `{sealNumber, sealSource, sealType}`, 3.0 `{number, source, type,
    placement}`."""
    items = opt_list(d, "seals", EVENT, path)
    if not items:
        return ()
    out = []
    for i, s in enumerate(items):
        if type(s) is dict:
            names = _SEAL_30 if "number" in s and "sealNumber" not in s else _SEAL_22
            n, src, typ = s.get(names[0]), s.get(names[1]), s.get(names[2])
            where = s.get("placement") if names is _SEAL_30 else None
            if (
                type(n) is str and 0 < len(n) <= MAX_TEXT
                and (src is None or (type(src) is str and src in _SOURCES))
                and (typ is None or (type(typ) is str and typ in _TYPES))
                and (where is None or (type(where) is str and where in _PLACEMENTS))
            ):
                out.append(Seal(n, src, typ, where))
                continue
            p = f"{path}seals[{i}]."
            out.append(Seal(
                number=req_str(s, names[0], EVENT, p),
                source=enum(s, names[1], _SOURCES, EVENT, p, required=False),
                type=enum(s, names[2], _TYPES, EVENT, p, required=False),
                placement=enum(s, "placement", _PLACEMENTS, EVENT, p, required=False)
                if names is _SEAL_30 else None,
            ))
        else:
            item_obj(items, i, "seals", EVENT, path)
    return tuple(out)


LocationParts: TypeAlias = tuple[str | None, str | None, str | None, str | None]


def location(d: dict[str, Any], key: str, path: str) -> LocationParts:
    """(location name, UN/LOCODE, facility code, facility type) from `eventLocation`
    (3.0 beta: `location`); 3.0 keeps the facility code in `eventLocation.facility`."""
    loc = opt_obj(d, key, EVENT, path)
    if loc is None:
        return None, None, None, None
    lp = f"{path}{key}."
    check_optional(loc, _LOCATION_KEYS, EVENT, lp)
    code = loc.get("facilityCode")
    facility = opt_obj(loc, "facility", EVENT, lp)
    if facility is not None:
        check_optional(facility, _FACILITY_KEYS, EVENT, f"{lp}facility.")
        if facility.get("facilityCode") is not None:
            code = facility["facilityCode"]
    return (loc.get("locationName"), loc.get("UNLocationCode"), code,
            loc.get("facilityTypeCode"))


DOC_22 = ("documentReferences", "documentReferenceType", "documentReferenceValue")
DOC_BETA = ("relatedDocumentReferences", "type", "value")
DOC_30 = ("additionalDocumentReferences", "typeCode", "reference")


def document_references(d: dict[str, Any], path: str,
                        names: tuple[str, str, str] = DOC_22) -> tuple[tuple[str, str], ...]:
    """A list of document references as (type, value) pairs; `names` is (list, type, value)
    as the shape spells them (2.2 `documentReferences`, 3.0 beta `relatedDocumentReferences`,
    3.0 `shipmentDetails.additionalDocumentReferences`)."""
    key, type_key, value_key = names
    items = opt_list(d, key, EVENT, path)
    if not items:
        return ()
    out = []
    for i, r in enumerate(items):
        if type(r) is dict:
            kind, value = r.get(type_key), r.get(value_key)
            if (type(kind) is str and 0 < len(kind) <= MAX_TEXT
                    and type(value) is str and 0 < len(value) <= MAX_TEXT):
                out.append((kind, value))
                continue
        r = item_obj(items, i, key, EVENT, path)
        p = f"{path}{key}[{i}]."
        out.append((req_str(r, type_key, EVENT, p), req_str(r, value_key, EVENT, p)))
    return tuple(out)


def shipment_documents(raw: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """3.0 `shipmentDetails`: its `documentReference`, then `additionalDocumentReferences`."""
    details = opt_obj(raw, "shipmentDetails", EVENT)
    if details is None:
        return ()
    sp = "shipmentDetails."
    main = opt_obj(details, "documentReference", EVENT, sp)
    first: tuple[tuple[str, str], ...] = ()
    if main is not None:
        dp = f"{sp}documentReference."
        first = ((req_str(main, "typeCode", EVENT, dp), req_str(main, "reference", EVENT, dp)),)
    return first + document_references(details, sp, DOC_30)


def position(raw: dict[str, Any], what: str, path: str) -> Position:
    """A container position (`slot`, `berth`, `vehicle` or `lane`), found at `path` in `what`."""
    kind: Any = raw.get("kind")
    need = POSITION_KEY.get(kind) if type(kind) is str else None
    if need is None:
        enum(raw, "kind", _POSITION_KINDS, what, path)
        raise AssertionError("unreachable")
    v = raw.get(need)
    if type(v) is not str or not v or len(v) > MAX_TEXT:
        req_str(raw, need, what, path)
    check_optional(raw, _POSITION_KEYS, what, path)
    g = raw.get
    return Position(
        kind=kind,
        block=g("block"),
        bay=g("bay"),
        row=g("row"),
        tier=g("tier"),
        berth=g("berth"),
        crane_id=g("craneId"),
        vehicle_id=g("vehicleId"),
        lane_id=g("laneId"),
    )


TerminalParts: TypeAlias = tuple[
    str | None, str | None, str | None, str | None,
    Position | None, float | None, float | None, OcrReading | None,
]
NO_TERMINAL: TerminalParts = (None, None, None, None, None, None, None, None)


def terminal_parts(d: dict[str, Any], path: str) -> TerminalParts:
    """The `terminal` additions: (crane, vehicle, lane, truck plate, position, gross, tare, ocr)."""
    t = d.get("terminal")
    if t is None:
        return NO_TERMINAL
    if type(t) is not dict:
        opt_obj(d, "terminal", EVENT, path)
    tp = f"{path}terminal."
    pos = opt_obj(t, "position", EVENT, tp)
    ocr = opt_obj(t, "ocr", EVENT, tp)
    check_optional(t, _TERMINAL_KEYS, EVENT, tp)
    gross, tare = t.get("grossWeightKg"), t.get("tareWeightKg")
    return (
        t.get("craneId"), t.get("vehicleId"), t.get("laneId"), t.get("truckPlate"),
        None if pos is None else position(pos, EVENT, f"{tp}position."),
        None if gross is None else float(gross),
        None if tare is None else float(tare),
        None if ocr is None else _ocr(ocr, f"{tp}ocr."),
    )


def _ocr(o: dict[str, Any], path: str) -> OcrReading:
    """`terminal.ocr`; well-formed readings take the inline checks, the rest the named readers."""
    check_optional(o, _OCR_KEYS, EVENT, path)
    confidence = o.get("confidence")
    if confidence is not None and not (type(confidence) is float and 0.0 <= confidence <= 1.0):
        confidence = opt_number(o, "confidence", EVENT, path, minimum=0.0, maximum=1.0)
    return OcrReading(
        equipment_reference=o.get("equipmentReference"),
        confidence=confidence,
        seal_numbers=_seal_numbers(o, path),
        images=_images(o, path),
    )


def _seal_numbers(o: dict[str, Any], path: str) -> tuple[str, ...]:
    numbers = o.get("sealNumbers")
    if numbers is None:
        return ()
    if type(numbers) is list and len(numbers) <= 1000:
        for n in numbers:
            if type(n) is not str or not 0 < len(n) <= MAX_TEXT:
                break
        else:
            return tuple(numbers)
    return str_items(opt_list(o, "sealNumbers", EVENT, path), "sealNumbers", EVENT, path)


def _images(o: dict[str, Any], path: str) -> tuple[OcrImage, ...]:
    images = opt_list(o, "images", EVENT, path, limit=100)
    out = []
    for i, img in enumerate(images):
        if type(img) is dict:
            cam, frame, url = img.get("cameraId"), img.get("frameTime"), img.get("url")
            if (
                (cam is None or (type(cam) is str and len(cam) <= MAX_TEXT))
                and (frame is None or (type(frame) is str and is_rfc3339(frame)))
                and (url is None or (type(url) is str and len(url) <= MAX_URL))
            ):
                out.append(OcrImage(cam, frame, url))
                continue
        img = item_obj(images, i, "images", EVENT, path)
        ip = f"{path}images[{i}]."
        out.append(OcrImage(
            camera_id=opt_str(img, "cameraId", EVENT, ip),
            frame_time=time(img, "frameTime", EVENT, ip, required=False),
            url=opt_str(img, "url", EVENT, ip, limit=MAX_URL),
        ))
    return tuple(out)
