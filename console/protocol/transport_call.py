"""The transport call of a DCSA event (vessel, voyage, mode, service, rail, truck) from the wire.

T&T 2.2 and 3.0 beta keep it in a flat `transportCall` (2.2: `vesselFlag`,
`vesselCallSignNumber`, `exportVoyageNumber`; beta: `name`, `flag`,
`callSign`, `carrierExportVoyageNumber`); T&T 3.0 moves it under
`transportDetails.transportCall` with nested objects
(`vesselTransport.{vesselIMONumber, vesselName, vesselFlag, vesselCallSign}`,
`exportVoyageNumberOrReference.{carrierVoyageNumber, universalVoyageReference}`,
`serviceCodeOrReference`, `railTransport`, `truckTransport`).  Both readers
give one `CallParts`, so that the rest of the console never asks which
release a gateway speaks.  `voyage` is the export voyage (else the import
one); `import_voyage` is kept only when it differs from `voyage`.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from console.protocol.body_fields import (
    INT,
    MAX_TEXT,
    STR,
    check_optional,
    opt_obj,
    opt_str,
)

EVENT = "equipment event"

_VOYAGE_KEYS = (
    "carrierVoyageNumber", "carrierExportVoyageNumber", "exportVoyageNumber",
    "carrierImportVoyageNumber", "importVoyageNumber",
)
IMPORT_KEYS = ("carrierImportVoyageNumber", "importVoyageNumber")
_TOP_KEYS = ("exportVoyageNumber", "importVoyageNumber", "transportCallID")
_CALL_KEYS = dict.fromkeys(
    (*_VOYAGE_KEYS, "modeOfTransport", "transportCallID", "transportCallReference",
     "portVisitReference", "carrierServiceCode", "universalServiceReference",
     "railCar", "railService"), STR,
)
_VESSEL_KEYS = dict.fromkeys(
    ("vesselIMONumber", "vesselName", "name", "flag", "callSign", "vesselFlag",
     "vesselCallSignNumber"), STR,
)
_CALL_30_KEYS = dict.fromkeys(
    ("transportCallReference", "modeOfTransport", "portVisitReference"), STR,
) | {"transportCallSequenceNumber": INT}
_VESSEL_30_KEYS = dict.fromkeys(("vesselIMONumber", "vesselName", "vesselFlag",
                                 "vesselCallSign"), STR)
_VOYAGE_30_KEYS = dict.fromkeys(("carrierVoyageNumber", "universalVoyageReference"), STR)
_SERVICE_30_KEYS = dict.fromkeys(("carrierServiceCode", "universalServiceReference"), STR)
_RAIL_30_KEYS = dict.fromkeys(("railCarReference", "railServiceReference", "departureID"), STR)
_PLATE_KEYS = {"licensePlate": STR}


class CallParts(NamedTuple):
    """What the console keeps of a transport call; the names are `EquipmentEvent`'s fields."""

    vessel_imo: str | None = None
    vessel_name: str | None = None
    voyage: str | None = None
    mode_of_transport: str | None = None
    vessel_flag: str | None = None
    vessel_call_sign: str | None = None
    import_voyage: str | None = None
    port_visit_reference: str | None = None
    service_code: str | None = None
    transport_call_reference: str | None = None
    rail_car_reference: str | None = None
    rail_service_reference: str | None = None
    tractor_plate: str | None = None
    trailer_plate: str | None = None


NO_CALL = CallParts()


def _first(d: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        v = d.get(key)
        if v is not None:
            return v
    return None


def call_flat(d: dict[str, Any], path: str) -> CallParts:
    """The T&T 2.2 / 3.0 beta `transportCall` of `d` (and 2.2's deprecated top-level voyages)."""
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
        return NO_CALL._replace(voyage=voyage) if voyage is not None else NO_CALL
    if type(tc) is not dict:
        opt_obj(d, "transportCall", EVENT, path)
    tp = f"{path}transportCall."
    check_optional(tc, _CALL_KEYS, EVENT, tp)
    found = _first(tc, _VOYAGE_KEYS)
    if found is not None:
        voyage = found
    imported = _first(tc, IMPORT_KEYS)
    vessel = opt_obj(tc, "vessel", EVENT, tp)
    imo = name = flag = sign = None
    if vessel is not None:
        check_optional(vessel, _VESSEL_KEYS, EVENT, f"{tp}vessel.")
        imo = vessel.get("vesselIMONumber")
        name = _first(vessel, ("vesselName", "name"))
        flag = _first(vessel, ("vesselFlag", "flag"))
        sign = _first(vessel, ("vesselCallSignNumber", "callSign"))
    return CallParts(
        vessel_imo=imo, vessel_name=name, voyage=voyage,
        mode_of_transport=tc.get("modeOfTransport"), vessel_flag=flag, vessel_call_sign=sign,
        import_voyage=imported if imported != voyage else None,
        port_visit_reference=tc.get("portVisitReference"),
        service_code=_first(tc, ("carrierServiceCode", "universalServiceReference")),
        transport_call_reference=_first(tc, ("transportCallReference", "transportCallID")),
        rail_car_reference=tc.get("railCar"),
        rail_service_reference=tc.get("railService"),
    )


def call_30(raw: dict[str, Any]) -> CallParts:
    """The T&T 3.0 `transportDetails.transportCall`; an older top-level `transportCall` else."""
    details = opt_obj(raw, "transportDetails", EVENT)
    tc = None if details is None else opt_obj(details, "transportCall", EVENT, "transportDetails.")
    if tc is None:
        return call_flat(raw, "")
    tp = "transportDetails.transportCall."
    check_optional(tc, _CALL_30_KEYS, EVENT, tp)
    export = _part(tc, "exportVoyageNumberOrReference", _VOYAGE_30_KEYS, tp)
    imported = _part(tc, "importVoyageNumberOrReference", _VOYAGE_30_KEYS, tp)
    service = _part(tc, "serviceCodeOrReference", _SERVICE_30_KEYS, tp)
    vessel = _part(tc, "vesselTransport", _VESSEL_30_KEYS, tp)
    rail = _part(tc, "railTransport", _RAIL_30_KEYS, tp)
    truck = opt_obj(tc, "truckTransport", EVENT, tp)
    tractor = trailer = None
    if truck is not None:
        kp = f"{tp}truckTransport."
        tractor = _part(truck, "tractorDetails", _PLATE_KEYS, kp).get("licensePlate")
        trailer = _part(truck, "trailerDetails", _PLATE_KEYS, kp).get("licensePlate")
    voyage_keys = ("carrierVoyageNumber", "universalVoyageReference")
    out_voyage, in_voyage = _first(export, voyage_keys), _first(imported, voyage_keys)
    voyage = out_voyage if out_voyage is not None else in_voyage
    return CallParts(
        vessel_imo=vessel.get("vesselIMONumber"),
        vessel_name=vessel.get("vesselName"),
        voyage=voyage,
        mode_of_transport=tc.get("modeOfTransport"),
        vessel_flag=vessel.get("vesselFlag"),
        vessel_call_sign=vessel.get("vesselCallSign"),
        import_voyage=in_voyage if in_voyage != voyage else None,
        port_visit_reference=tc.get("portVisitReference"),
        service_code=_first(service, ("carrierServiceCode", "universalServiceReference")),
        transport_call_reference=tc.get("transportCallReference"),
        rail_car_reference=rail.get("railCarReference"),
        rail_service_reference=rail.get("railServiceReference"),
        tractor_plate=tractor,
        trailer_plate=trailer,
    )


_NOTHING: dict[str, Any] = {}


def _part(d: dict[str, Any], key: str, spec: dict[str, int], path: str) -> dict[str, Any]:
    """Nested object `key` of `d` with its string fields checked; {} when absent."""
    v = opt_obj(d, key, EVENT, path)
    if v is None:
        return _NOTHING
    check_optional(v, spec, EVENT, f"{path}{key}.")
    return v
