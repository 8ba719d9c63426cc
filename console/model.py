"""The normalised domain records that every part of the console speaks.

The feed carries several DCSA shapes (T&T 2.2, 3.0 beta, 3.0) and terminal
additions; the parser (`console.protocol.bodies`) turns each of them into one
of the frozen records below, and nothing after the parser ever looks at a raw
body again.  Each record has a canonical dictionary form (`to_dict`) that is
what the store keeps and what `history events` prints, and `from_dict` reads
that form back (it trusts its input: it is only ever given what `to_dict`
wrote).

The records are frozen `msgspec.Struct`s (`Record`): built in C, they cost a
fifth of a frozen dataclass to construct (1 µs against 6 µs for an
equipment event, which the feed builds tens of thousands of times a second),
and hold only immutable values, so the garbage collector need not track them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, TypeVar

import msgspec

EventKind: TypeAlias = Literal[
    "equipment", "position", "fence", "device", "clearance", "transport", "shipment", "iot",
    "reefer",
]
EVENT_KINDS: tuple[EventKind, ...] = (
    "equipment", "position", "fence", "device", "clearance", "transport", "shipment", "iot",
    "reefer",
)
IOT_EVENT_CODES: tuple[str, ...] = ("DRO", "DRC", "LOC")  # door opened, door closed, location
REEFER_EVENT_TYPES: tuple[str, ...] = ("MEAS", "ADJU")
TRANSPORT_EVENT_TYPES: tuple[str, ...] = ("ARRI", "DEPA")
SHIPMENT_EVENT_TYPES: tuple[str, ...] = (
    "AMCF", "AMCN", "AMDC", "AMPR", "AMRE", "APPR", "CACF", "CADC", "CANC", "CARE", "CMPL",
    "CONF", "DECL", "DRFT", "HOLD", "ISSU", "PENA", "PENM", "PENU", "PSAM", "PSDL", "RECE",
    "REJE", "RELS", "REQS", "SUAM", "SUBM", "SUDL", "SURR", "UPCF", "UPCN", "UPDC", "UPDT",
    "UPRE", "VOID",
)

EquipmentEventType: TypeAlias = Literal[
    "DISC", "LOAD", "GTIN", "GTOT", "PICK", "DROP", "STUF", "STRP", "INSP", "RSEA", "RMVD",
    "AVPU", "AVDO", "CROS", "CUSS", "CUSI", "CUSR",
]
# DCSA T&T 3.0's list: 2.2's eleven, then available for pick-up / drop-off, crossed (a
# border), and the customs codes: selected for scan, selected for inspection, released.
EQUIPMENT_EVENT_TYPES: tuple[str, ...] = (
    "DISC", "LOAD", "GTIN", "GTOT", "PICK", "DROP", "STUF", "STRP", "INSP", "RSEA", "RMVD",
    "AVPU", "AVDO", "CROS", "CUSS", "CUSI", "CUSR",
)
CUSTOMS_EVENT_TYPES: tuple[str, ...] = ("CUSS", "CUSI", "CUSR")
CLASSIFIERS: tuple[str, ...] = ("ACT", "PLN", "EST")
# 3.0 adds consolidator, customer and terminal to 2.2's carrier, shipper, phyto, vet, customs.
SEAL_SOURCES: tuple[str, ...] = ("CAR", "SHI", "PHY", "VET", "CUS", "CNS", "CST", "TER")
SEAL_TYPES: tuple[str, ...] = ("KLP", "BLT", "WIR")
SEAL_PLACEMENTS: tuple[str, ...] = ("DOOR", "VENT")
MOVEMENT_TYPES: tuple[str, ...] = ("IMPORT", "EXPORT", "TRANSSHIPMENT")
MODES_OF_TRANSPORT: tuple[str, ...] = ("VESSEL", "RAIL", "TRUCK", "BARGE", "MULTIMODAL")
CLEARANCE_STATUSES: tuple[str, ...] = ("pending", "released", "hold", "inspect")
DEVICE_TYPES: tuple[str, ...] = ("camera", "ocr", "sts", "yard_crane", "vehicle", "lane", "fence")
DEVICE_STATES: tuple[str, ...] = ("up", "degraded", "down")
POSITION_KINDS: tuple[str, ...] = ("slot", "berth", "vehicle", "lane")


class Record(msgspec.Struct, frozen=True, gc=False):
    """A frozen domain record (equality and hashing by value, like a frozen dataclass)."""


RecordT = TypeVar("RecordT", bound=Record)


def is_record(value: Any) -> bool:
    return isinstance(value, Record)


def record_fields(cls: type[Record]) -> tuple[str, ...]:
    """The field names of a record class, in order."""
    return cls.__struct_fields__


def replace(record: RecordT, **changes: Any) -> RecordT:
    """A copy of `record` with some fields changed (`dataclasses.replace` for records)."""
    return msgspec.structs.replace(record, **changes)


def _asdict(record: Record) -> dict[str, Any]:
    """All fields, nested records as dicts and tuples as lists (`dataclasses.asdict`)."""
    d: dict[str, Any] = msgspec.to_builtins(record)
    return d


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != () and v != []}


class Seal(Record, frozen=True):
    number: str
    source: str | None = None  # SEAL_SOURCES
    type: str | None = None  # KLP BLT WIR
    placement: str | None = None  # DOOR VENT (3.0; DCSA's default is DOOR)


class Position(Record, frozen=True):
    """Where a container is: a yard slot, a berth (under a crane), a vehicle or a lane."""

    kind: str  # slot berth vehicle lane
    block: str | None = None
    bay: int | None = None
    row: int | None = None
    tier: int | None = None
    berth: str | None = None
    crane_id: str | None = None
    vehicle_id: str | None = None
    lane_id: str | None = None

    def slot_key(self) -> tuple[str, int, int, int] | None:
        """The slot this position names, or None when it is not a complete slot."""
        if self.kind != "slot" or self.block is None or None in (self.bay, self.row, self.tier):
            return None
        return (self.block, self.bay, self.row, self.tier)  # type: ignore[return-value]


class OcrImage(Record, frozen=True):
    camera_id: str | None = None
    frame_time: str | None = None
    url: str | None = None


class OcrReading(Record, frozen=True):
    equipment_reference: str | None = None
    confidence: float | None = None
    seal_numbers: tuple[str, ...] = ()
    images: tuple[OcrImage, ...] = ()


class EquipmentEvent(Record, frozen=True):
    """One DCSA EquipmentEvent, whatever shape it arrived in."""

    event_id: str
    classifier: str  # ACT PLN EST
    event_type: str  # DISC LOAD GTIN GTOT PICK DROP STUF STRP INSP RSEA RMVD
    event_time: str  # RFC 3339 with offset, as sent
    equipment_reference: str
    created_time: str | None = None
    iso_code: str | None = None
    empty: str | None = None  # EMPTY LADEN
    seals: tuple[Seal, ...] = ()
    vessel_imo: str | None = None
    vessel_name: str | None = None
    voyage: str | None = None
    mode_of_transport: str | None = None
    location_name: str | None = None
    un_location_code: str | None = None
    facility_code: str | None = None
    document_references: tuple[tuple[str, str], ...] = ()  # (type, value)
    crane_id: str | None = None
    vehicle_id: str | None = None
    lane_id: str | None = None
    truck_plate: str | None = None
    position: Position | None = None
    gross_weight_kg: float | None = None
    tare_weight_kg: float | None = None
    ocr: OcrReading | None = None
    retracted: bool = False
    shape: str = "dcsa-2.2"  # which DCSA shape it arrived in: dcsa-2.2, dcsa-3.0-beta, dcsa-3.0
    # DCSA 3.0 transport call details (3.0 beta and 2.2 where they have them)
    vessel_flag: str | None = None
    vessel_call_sign: str | None = None
    import_voyage: str | None = None  # the import voyage, when it differs from `voyage`
    port_visit_reference: str | None = None
    service_code: str | None = None
    transport_call_reference: str | None = None
    rail_car_reference: str | None = None
    rail_service_reference: str | None = None
    trailer_plate: str | None = None
    facility_type: str | None = None  # POTE DEPO ... (3.0 `facilityTypeCode`)
    movement_type: str | None = None  # IMPORT EXPORT TRANSSHIPMENT
    transshipment: bool | None = None  # 3.0 beta `isTransshipmentMove`
    updated_time: str | None = None  # 3.0 `eventUpdatedDateTime`: the later one overrides
    retracts: str | None = None  # 3.0 beta `metadata.retractedEventID`: the eventID withdrawn

    @property
    def withdrawn_id(self) -> str:
        """The DCSA `eventID` a retraction withdraws (3.0: its own id; 3.0 beta: `retracts`)."""
        return self.retracts if self.retracts is not None else self.event_id

    def to_dict(self) -> dict[str, Any]:
        d = _asdict(self)
        d["seals"] = [_drop_none(s) for s in d["seals"]]
        d["document_references"] = [list(p) for p in d["document_references"]]
        if d["position"] is not None:
            d["position"] = _drop_none(d["position"])
        if d["ocr"] is not None:
            ocr = d["ocr"]
            ocr["seal_numbers"] = list(ocr["seal_numbers"])
            ocr["images"] = [_drop_none(i) for i in ocr["images"]]
            d["ocr"] = _drop_none(ocr)
        if not d["retracted"]:
            del d["retracted"]
        return _drop_none(d)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EquipmentEvent:
        d = dict(d)
        d["seals"] = tuple(Seal(**s) for s in d.get("seals", ()))
        d["document_references"] = tuple(tuple(p) for p in d.get("document_references", ()))
        if d.get("position") is not None:
            d["position"] = Position(**d["position"])
        if d.get("ocr") is not None:
            o = dict(d["ocr"])
            o["seal_numbers"] = tuple(o.get("seal_numbers", ()))
            o["images"] = tuple(OcrImage(**i) for i in o.get("images", ()))
            d["ocr"] = OcrReading(**o)
        return cls(**_known(cls, d))

    def seal_numbers(self, source: str | None = None) -> set[str]:
        return {s.number for s in self.seals if source is None or s.source == source}


class PositionReport(Record, frozen=True):
    vehicle_id: str
    x: float
    y: float
    heading: float | None = None
    speed: float = 0.0
    carrying: str | None = None
    vehicle_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(_asdict(self)) | {"speed": self.speed}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PositionReport:
        return cls(**_known(cls, d))


class FenceReport(Record, frozen=True):
    segment_id: str
    state: str  # alarm clear
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(_asdict(self))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FenceReport:
        return cls(**_known(cls, d))


class DeviceReport(Record, frozen=True):
    device_id: str
    state: str  # up degraded down
    device_type: str | None = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(_asdict(self))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DeviceReport:
        return cls(**_known(cls, d))


class Clearance(Record, frozen=True):
    """The customs clearance system's decision about one container."""

    equipment_reference: str
    status: str  # pending released hold inspect
    status_time: str | None = None
    declaration_no: str | None = None
    bill_of_lading: str | None = None
    vessel_imo: str | None = None
    voyage: str | None = None
    declared_empty: bool | None = None
    customs_seals: tuple[str, ...] = ()
    inspection: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _asdict(self)
        d["customs_seals"] = list(self.customs_seals)
        return _drop_none(d)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Clearance:
        d = dict(d)
        d["customs_seals"] = tuple(d.get("customs_seals", ()))
        return cls(**_known(cls, d))


def _dcsa_dict(record: Record) -> dict[str, Any]:
    """The canonical form of a DCSA event record: pairs as lists, `retracted` only when true."""
    d = _asdict(record)
    if "document_references" in d:
        d["document_references"] = [list(p) for p in d["document_references"]]
    if not d["retracted"]:
        del d["retracted"]
    return _drop_none(d)


class TransportEvent(Record, frozen=True):
    """A DCSA TransportEvent: a vessel (or train, truck, barge) arrived or departed."""

    event_id: str
    classifier: str  # ACT PLN EST
    event_type: str  # ARRI DEPA
    event_time: str
    created_time: str | None = None
    updated_time: str | None = None
    vessel_imo: str | None = None
    vessel_name: str | None = None
    vessel_flag: str | None = None
    vessel_call_sign: str | None = None
    voyage: str | None = None
    import_voyage: str | None = None
    mode_of_transport: str | None = None
    port_visit_reference: str | None = None
    service_code: str | None = None
    transport_call_reference: str | None = None
    location_name: str | None = None
    un_location_code: str | None = None
    facility_code: str | None = None
    facility_type: str | None = None
    delay_reasons: tuple[str, ...] = ()  # SMDG delay reason codes
    change_remark: str | None = None
    document_references: tuple[tuple[str, str], ...] = ()
    retracted: bool = False
    shape: str = "dcsa-2.2"
    retracts: str | None = None  # 3.0 beta `metadata.retractedEventID`

    def vessel_key(self) -> str | None:
        """What names the vessel for the console: its IMO number, else its name."""
        return self.vessel_imo or self.vessel_name

    def to_dict(self) -> dict[str, Any]:
        return _dcsa_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TransportEvent:
        d = dict(d)
        d["delay_reasons"] = tuple(d.get("delay_reasons", ()))
        d["document_references"] = tuple(tuple(p) for p in d.get("document_references", ()))
        return cls(**_known(cls, d))


class ShipmentEvent(Record, frozen=True):
    """A DCSA ShipmentEvent: a document (booking, transport document, ...) changed state."""

    event_id: str
    classifier: str  # ACT PLN EST
    event_type: str  # SHIPMENT_EVENT_TYPES: ISSU, CONF, RELS, HOLD, ...
    event_time: str
    created_time: str | None = None
    updated_time: str | None = None
    document_type: str | None = None  # BKG TRD SHI CRO CUC ...
    document_reference: str | None = None
    document_references: tuple[tuple[str, str], ...] = ()  # related documents
    reason: str | None = None
    retracted: bool = False
    shape: str = "dcsa-2.2"
    retracts: str | None = None  # 3.0 beta `metadata.retractedEventID`

    def to_dict(self) -> dict[str, Any]:
        return _dcsa_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ShipmentEvent:
        d = dict(d)
        d["document_references"] = tuple(tuple(p) for p in d.get("document_references", ()))
        return cls(**_known(cls, d))


class IotEvent(Record, frozen=True):
    """A DCSA 3.0 IoT event from an e-seal or device on a container: door opened, closed, moved."""

    event_id: str
    classifier: str  # ACT PLN EST
    event_code: str  # DRO door opened, DRC door closed, LOC location update
    event_time: str
    equipment_reference: str
    iso_code: str | None = None
    location_name: str | None = None
    un_location_code: str | None = None
    latitude: str | None = None
    longitude: str | None = None
    updated_time: str | None = None
    retracted: bool = False
    shape: str = "dcsa-3.0"

    def to_dict(self) -> dict[str, Any]:
        return _dcsa_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IotEvent:
        return cls(**_known(cls, d))


class ReeferEvent(Record, frozen=True):
    """A DCSA 3.0 reefer event: temperatures measured (MEAS) or settings adjusted (ADJU)."""

    event_id: str
    classifier: str
    event_type: str  # MEAS ADJU
    event_time: str
    equipment_reference: str
    temperature_unit: str | None = None  # CEL FAH
    setpoint: float | None = None
    ambient: float | None = None
    probes: tuple[float, ...] = ()
    updated_time: str | None = None
    retracted: bool = False
    shape: str = "dcsa-3.0"

    def to_dict(self) -> dict[str, Any]:
        return _dcsa_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReeferEvent:
        d = dict(d)
        d["probes"] = tuple(d.get("probes", ()))
        return cls(**_known(cls, d))


Body: TypeAlias = (
    EquipmentEvent | PositionReport | FenceReport | DeviceReport | Clearance | TransportEvent
    | ShipmentEvent | IotEvent | ReeferEvent
)

BODY_TYPES: dict[str, type[Any]] = {
    "equipment": EquipmentEvent,
    "position": PositionReport,
    "fence": FenceReport,
    "device": DeviceReport,
    "clearance": Clearance,
    "transport": TransportEvent,
    "shipment": ShipmentEvent,
    "iot": IotEvent,
    "reefer": ReeferEvent,
}


def body_from_dict(kind: str, d: dict[str, Any]) -> Body:
    """Read back the canonical dictionary form of a body of the given kind."""
    result: Body = BODY_TYPES[kind].from_dict(d)
    return result


def _known(cls: type[Any], d: dict[str, Any]) -> dict[str, Any]:
    names = record_fields(cls)
    return {k: v for k, v in d.items() if k in names}


class FeedEvent(Record, frozen=True):
    """One numbered `event` message after parsing: the envelope and its normalised body."""

    feed: str  # the feed's name from `welcome` (e.g. KHH-T7)
    epoch: str
    seq: int
    id: str
    kind: str
    time: str
    source: str | None
    body: Body
    corrects: str | None = None


class ContainerState(Record, frozen=True):
    """One container as a snapshot reports it."""

    equipment_reference: str
    iso_code: str | None = None
    empty: str | None = None
    position: Position | None = None
    last_event_id: str | None = None


@dataclass(slots=True)
class Snapshot:
    """The whole state of a feed as of `seq` (assembled from all its parts)."""

    feed: str
    epoch: str
    seq: int
    time: str | None
    containers: list[ContainerState] = field(default_factory=list)
    vehicles: list[PositionReport] = field(default_factory=list)
    clearances: list[Clearance] = field(default_factory=list)
    devices: list[DeviceReport] = field(default_factory=list)
