"""Normalising event bodies (protocol sections 3-5) into the records of `console.model`.

`normalise_body(kind, raw)` is the one door between the wire and the rest of
the console: it returns a frozen record or raises `BodyRejected(code,
reason)`, and for any JSON value whatsoever it does nothing else (the feed
puts rejected bodies in the quarantine and goes on).  Equipment events are
accepted in the three DCSA shapes gateways send (T&T 2.2 flat, 3.0 beta
`metadata`/`payload`, 3.0 `eventClassification`/`equipmentDetails`; see
`console.protocol.equipment_shapes`); the shape is recorded in
`EquipmentEvent.shape`.  Telemetry, clearances and snapshot entries are read
here; snapshot `vehicles`, `clearances` and `devices` entries use the same
readers as the live bodies.

What is checked: required fields, types (a bool is not a number, numbers are
finite), enumerations, RFC 3339 times with an offset, string lengths.  What
is deliberately *not* checked: the ISO 6346 check digit of
`equipmentReference` - an event with a misread number is still a fact the
rule `CONTAINER_NUMBER_INVALID` must see.  Unknown keys are ignored, so that
gateways may send more than the console reads.
"""

from __future__ import annotations

from typing import Any

from console.model import (
    CLEARANCE_STATUSES,
    DEVICE_STATES,
    DEVICE_TYPES,
    Body,
    Clearance,
    ContainerState,
    DeviceReport,
    FenceReport,
    Position,
    PositionReport,
)
from console.protocol.body_fields import (
    BodyRejected,
    enum,
    fail,
    opt_bool,
    opt_list,
    opt_obj,
    opt_str,
    req_number,
    req_str,
    str_items,
    time,
)
from console.protocol.device_shapes import normalise_iot, normalise_reefer
from console.protocol.equipment_parts import position
from console.protocol.equipment_shapes import ISO_CODE, normalise_equipment
from console.protocol.voyage_shapes import normalise_shipment, normalise_transport

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

_EMPTY = frozenset(("EMPTY", "LADEN"))
_STATUSES = frozenset(CLEARANCE_STATUSES)
_DEVICE_STATES = frozenset(DEVICE_STATES)
_DEVICE_TYPES = frozenset(DEVICE_TYPES)
_FENCE_STATES = frozenset(("alarm", "clear"))


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
    if kind == "transport":
        return normalise_transport(raw)
    if kind == "shipment":
        return normalise_shipment(raw)
    if kind == "iot":
        return normalise_iot(raw)
    if kind == "reefer":
        return normalise_reefer(raw)
    raise BodyRejected("unknown_kind", f"unknown event kind {kind!r:.40}")


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
    if iso is not None and (type(iso) is not str or ISO_CODE.match(iso) is None):
        fail(w, "", "ISOEquipmentCode", f"must be a size-type like 22G1 or 45GP, not {iso!r:.40}")
    pos = opt_obj(raw, "position", w)
    return ContainerState(
        equipment_reference=req_str(raw, "equipmentReference", w, allow_empty=True),
        iso_code=iso,
        empty=enum(raw, "emptyIndicatorCode", _EMPTY, w, required=False),
        position=None if pos is None else position(pos, w, "position."),
        last_event_id=opt_str(raw, "lastEventId", w),
    )
