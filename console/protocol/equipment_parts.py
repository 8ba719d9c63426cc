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
    is_rfc3339,
    item_obj,
    opt_list,
    opt_number,
    opt_obj,
    opt_str,
    req_str,
    str_items,
    time,
)

EVENT = "equipment event"

_SEAL_22 = ("sealNumber", "sealSource", "sealType")
_SEAL_30 = ("number", "source", "type")
_SOURCES = frozenset(SEAL_SOURCES)
_TYPES = frozenset(SEAL_TYPES)
_POSITION_KINDS = frozenset(POSITION_KINDS)
# The field a position of each kind cannot do without.
POSITION_KEY = {"slot": "block", "berth": "berth", "vehicle": "vehicleId", "lane": "laneId"}
_VOYAGE_KEYS = (
    "carrierVoyageNumber", "carrierExportVoyageNumber", "exportVoyageNumber",
    "carrierImportVoyageNumber", "importVoyageNumber",
)
_TOP_KEYS = ("exportVoyageNumber", "importVoyageNumber", "transportCallID")
_CALL_KEYS = dict.fromkeys((*_VOYAGE_KEYS, "modeOfTransport", "transportCallID"), STR)
_VESSEL_KEYS = dict.fromkeys(("vesselIMONumber", "vesselName", "name", "flag", "callSign"), STR)
_LOCATION_KEYS = dict.fromkeys(("locationName", "UNLocationCode", "facilityCode"), STR)
_POSITION_KEYS = dict.fromkeys(("block", "berth", "craneId", "vehicleId", "laneId"), STR) | (
    dict.fromkeys(("bay", "row", "tier"), INT)
)
_TERMINAL_KEYS = dict.fromkeys(("craneId", "vehicleId", "laneId", "truckPlate"), STR) | (
    dict.fromkeys(("grossWeightKg", "tareWeightKg"), WEIGHT)
)
_OCR_KEYS = {"equipmentReference": STR}


def seals(d: dict[str, Any], path: str) -> tuple[Seal, ...]:
    """`seals`: 2.2 writes `{sealNumber, sealSource, sealType}`, 3.0 `{number, source, type}`."""
    items = opt_list(d, "seals", EVENT, path)
    if not items:
        return ()
    out = []
    for i, s in enumerate(items):
        if type(s) is dict:
            names = _SEAL_30 if "number" in s and "sealNumber" not in s else _SEAL_22
            n, src, typ = s.get(names[0]), s.get(names[1]), s.get(names[2])
            if (
                type(n) is str and 0 < len(n) <= MAX_TEXT
                and (src is None or (type(src) is str and src in _SOURCES))
                and (typ is None or (type(typ) is str and typ in _TYPES))
            ):
                out.append(Seal(n, src, typ))
                continue
            p = f"{path}seals[{i}]."
            out.append(Seal(
                number=req_str(s, names[0], EVENT, p),
                source=enum(s, names[1], _SOURCES, EVENT, p, required=False),
                type=enum(s, names[2], _TYPES, EVENT, p, required=False),
            ))
        else:
            item_obj(items, i, "seals", EVENT, path)
    return tuple(out)


def voyage_and_vessel(
    d: dict[str, Any], path: str
) -> tuple[str | None, str | None, str | None, str | None]:
    """(vessel IMO number, vessel name, voyage, mode of transport) from `transportCall`.

    The voyage is the first of `carrierVoyageNumber`, `carrierExportVoyageNumber`,
    `exportVoyageNumber`, `carrierImportVoyageNumber`, `importVoyageNumber` in the
    transport call, else the deprecated top-level export/import voyage number.
    """
    voyage = None
    for key in _TOP_KEYS:
        v = d.get(key)
        if v is not None:
            if type(v) is not str or len(v) > MAX_TEXT:
                opt_str(d, key, EVENT, path)
            if voyage is None and key != "transportCallID":
                voyage = v
    tc = d.get("transportCall")
    if tc is None:
        return None, None, voyage, None
    if type(tc) is not dict:
        opt_obj(d, "transportCall", EVENT, path)
    tp = f"{path}transportCall."
    check_optional(tc, _CALL_KEYS, EVENT, tp)
    for key in _VOYAGE_KEYS:
        v = tc.get(key)
        if v is not None:
            voyage = v
            break
    vessel = opt_obj(tc, "vessel", EVENT, tp)
    if vessel is None:
        return None, None, voyage, tc.get("modeOfTransport")
    check_optional(vessel, _VESSEL_KEYS, EVENT, f"{tp}vessel.")
    name = vessel.get("vesselName")
    if name is None:
        name = vessel.get("name")
    return vessel.get("vesselIMONumber"), name, voyage, tc.get("modeOfTransport")


def location(d: dict[str, Any], key: str, path: str) -> tuple[str | None, str | None, str | None]:
    """(location name, UN/LOCODE, facility code) from `eventLocation` (3.0 beta: `location`)."""
    loc = opt_obj(d, key, EVENT, path)
    if loc is None:
        return None, None, None
    check_optional(loc, _LOCATION_KEYS, EVENT, f"{path}{key}.")
    return loc.get("locationName"), loc.get("UNLocationCode"), loc.get("facilityCode")


def document_references(d: dict[str, Any], path: str) -> tuple[tuple[str, str], ...]:
    """`documentReferences` as (type, value) pairs."""
    items = opt_list(d, "documentReferences", EVENT, path)
    if not items:
        return ()
    out = []
    for i, r in enumerate(items):
        if type(r) is dict:
            kind, value = r.get("documentReferenceType"), r.get("documentReferenceValue")
            if (type(kind) is str and 0 < len(kind) <= MAX_TEXT
                    and type(value) is str and 0 < len(value) <= MAX_TEXT):
                out.append((kind, value))
                continue
        r = item_obj(items, i, "documentReferences", EVENT, path)
        p = f"{path}documentReferences[{i}]."
        out.append((
            req_str(r, "documentReferenceType", EVENT, p),
            req_str(r, "documentReferenceValue", EVENT, p),
        ))
    return tuple(out)


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
