"""Typed `msgspec` structs of the usual feed frames, as they are written on the wire.

The fast lane (`console.protocol.fast_lane`) decodes frames into these.  Each
struct knows exactly the keys the careful path reads for that object
(`equipment_parts`, `equipment_shapes`, `bodies`), with the same types,
enumerations, lengths and ranges; an unknown key makes the decoding fail, so
that such frames are read the careful way.  Keys are spelled as on the wire
(camelCase), hence the names.

Optional fields default to None: an explicit `null` reads as an absent key,
as on the careful path.  Where the careful path tells the two apart (a 3.0
beta payload's `terminal`, a 3.0 event's `eventLocation`) and in position
reports (`"carrying": null` for an empty vehicle), UNSET stands for the absent
key and None for the null.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias

import msgspec
from msgspec import UNSET, UnsetType

from console.protocol.body_fields import MAX_TEXT, MAX_URL

_LARGEST = 1.7976931348623157e308  # a JSON number beyond it is not finite

Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TEXT)]
Url = Annotated[str, msgspec.Meta(max_length=MAX_URL)]
Count = Annotated[int, msgspec.Meta(ge=0, le=99_999)]
Weight = Annotated[float, msgspec.Meta(ge=0.0, le=_LARGEST)]
Confidence = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
Finite = Annotated[float, msgspec.Meta(ge=-_LARGEST, le=_LARGEST)]
Heading = Annotated[float, msgspec.Meta(ge=-360.0, le=360.0)]
Classifier = Literal["ACT", "PLN", "EST"]
EventType = Literal[
    "DISC", "LOAD", "GTIN", "GTOT", "PICK", "DROP", "STUF", "STRP", "INSP", "RSEA", "RMVD",
    "AVPU", "AVDO", "CROS", "CUSS", "CUSI", "CUSR",
]
Empty = Literal["EMPTY", "LADEN"]
SealSource = Literal["CAR", "SHI", "PHY", "VET", "CUS", "CNS", "CST", "TER"]
Movement = Literal["IMPORT", "EXPORT", "TRANSSHIPMENT"]
SealType = Literal["KLP", "BLT", "WIR"]
TransportType = Literal["ARRI", "DEPA"]
ShipmentType = Literal[
    "AMCF", "AMCN", "AMDC", "AMPR", "AMRE", "APPR", "CACF", "CADC", "CANC", "CARE", "CMPL",
    "CONF", "DECL", "DRFT", "HOLD", "ISSU", "PENA", "PENM", "PENU", "PSAM", "PSDL", "RECE",
    "REJE", "RELS", "REQS", "SUAM", "SUBM", "SUDL", "SURR", "UPCF", "UPCN", "UPDC", "UPDT",
    "UPRE", "VOID",
]


class Wire(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    """A wire object: unknown keys send the frame to the careful path."""


class Seal22(Wire):
    sealNumber: Name
    sealSource: SealSource | None = None
    sealType: SealType | None = None


class Seal30(Wire):
    number: Name
    source: SealSource | None = None
    type: SealType | None = None
    placement: Literal["DOOR", "VENT"] | None = None


Seals22 = Annotated[tuple[Seal22, ...], msgspec.Meta(max_length=1000)]
Seals30 = Annotated[tuple[Seal30, ...], msgspec.Meta(max_length=1000)]


class DocumentReference(Wire):
    documentReferenceType: Name
    documentReferenceValue: Name


DocumentReferences = Annotated[tuple[DocumentReference, ...], msgspec.Meta(max_length=1000)]


# Objects and fields the careful path does not read but DCSA gateways commonly send; the
# lane knows their shape so that such frames need not take the careful path (any value the
# careful path would ignore, the lane may still decline).
Ignored = str | None
Strings = dict[str, str | tuple[str, ...]]


class Party(Wire):
    partyCode: Ignored = None
    codeListProvider: Ignored = None
    codeListName: Ignored = None
    partyFunction: Ignored = None
    partyName: Ignored = None
    carrierCode: Ignored = None
    carrierCodeListProvider: Ignored = None


class EventRouting(Wire):
    originatingParty: Party | None = None
    forwardingParties: tuple[Party, ...] | None = None
    destinationParty: Party | None = None


class Vessel(Wire):
    vesselIMONumber: Text | None = None
    vesselName: Text | None = None
    name: Text | None = None
    flag: Text | None = None
    callSign: Text | None = None
    vesselFlag: Text | None = None
    vesselCallSignNumber: Text | None = None
    operatorCarrierCode: Ignored = None
    operatorCarrierCodeListProvider: Ignored = None
    vesselOperatorCarrierCode: Ignored = None
    vesselOperatorCarrierCodeListProvider: Ignored = None


class TransportCall(Wire):
    carrierVoyageNumber: Text | None = None
    carrierExportVoyageNumber: Text | None = None
    exportVoyageNumber: Text | None = None
    carrierImportVoyageNumber: Text | None = None
    importVoyageNumber: Text | None = None
    modeOfTransport: Text | None = None
    transportCallID: Text | None = None
    transportCallReference: Text | None = None
    portVisitReference: Text | None = None
    carrierServiceCode: Text | None = None
    universalServiceReference: Text | None = None
    railCar: Text | None = None
    railService: Text | None = None
    vessel: Vessel | None = None
    location: Strings | None = None
    universalExportVoyageReference: Ignored = None
    universalImportVoyageReference: Ignored = None
    transportCallSequenceNumber: int | None = None
    facilityTypeCode: Ignored = None
    facilityCode: Ignored = None
    facilityCodeListProvider: Ignored = None
    UNLocationCode: Ignored = None
    otherFacility: Ignored = None


class Facility(Wire):
    facilityCode: Text | None = None
    facilityName: Text | None = None
    facilityCodeListProvider: Text | None = None


class GeoCoordinate(Wire):
    latitude: Text | None = None
    longitude: Text | None = None


class Location(Wire):
    locationName: Text | None = None
    UNLocationCode: Text | None = None
    facilityCode: Text | None = None
    facilityTypeCode: Text | None = None
    facility: Facility | None = None
    facilityCodeListProvider: Ignored = None
    latitude: Ignored = None
    longitude: Ignored = None
    address: Strings | None = None
    geoCoordinate: GeoCoordinate | None = None


class VoyageRef(Wire):
    carrierVoyageNumber: Text | None = None
    universalVoyageReference: Text | None = None


class ServiceRef(Wire):
    carrierServiceCode: Text | None = None
    universalServiceReference: Text | None = None


class VesselTransport(Wire):
    vesselIMONumber: Text | None = None
    vesselName: Text | None = None
    vesselFlag: Text | None = None
    vesselCallSign: Text | None = None
    operatorCarrierCode: Ignored = None
    operatorCarrierCodeListProvider: Ignored = None


class RailTransport(Wire):
    railCarReference: Text | None = None
    railServiceReference: Text | None = None
    departureID: Text | None = None


class Plate(Wire):
    licensePlate: Text | None = None
    vehicleIdentificationNumber: Ignored = None


class TruckTransport(Wire):
    tractorDetails: Plate | None = None
    trailerDetails: Plate | None = None


class TransportCall30(Wire):
    """T&T 3.0 `transportDetails.transportCall`."""

    transportCallReference: Text | None = None
    transportCallSequenceNumber: Count | None = None
    modeOfTransport: Text | None = None
    portVisitReference: Text | None = None
    serviceCodeOrReference: ServiceRef | None = None
    exportVoyageNumberOrReference: VoyageRef | None = None
    importVoyageNumberOrReference: VoyageRef | None = None
    vesselTransport: VesselTransport | None = None
    railTransport: RailTransport | None = None
    truckTransport: TruckTransport | None = None


class TransportDetails(Wire):
    transportCall: TransportCall30 | None = None
    delayReasonCodes: tuple[str, ...] | None = None  # read from transport events, not here
    changeRemark: Ignored = None


class Reference22(Wire):
    """2.2 `references` (shipper's, forwarder's, equipment references): not read."""

    referenceType: Ignored = None
    referenceValue: Ignored = None


class ReferenceBeta(Wire):
    """3.0 beta `references`: not read."""

    type: Ignored = None
    value: Ignored = None


class DocumentReference30(Wire):
    typeCode: Name
    reference: Name


class ShipmentDetails(Wire):
    documentReference: DocumentReference30 | None = None
    additionalDocumentReferences: Annotated[
        tuple[DocumentReference30, ...], msgspec.Meta(max_length=1000)] | None = None


class DocumentReferenceBeta(Wire):
    type: Name
    value: Name


class WirePosition(Wire):
    kind: Literal["slot", "berth", "vehicle", "lane"]
    block: Text | None = None
    bay: Count | None = None
    row: Count | None = None
    tier: Count | None = None
    berth: Text | None = None
    craneId: Text | None = None
    vehicleId: Text | None = None
    laneId: Text | None = None


class Image(Wire):
    cameraId: Text | None = None
    frameTime: str | None = None
    url: Url | None = None


class Ocr(Wire):
    equipmentReference: Text | None = None
    confidence: Confidence | None = None
    sealNumbers: Annotated[tuple[Name, ...], msgspec.Meta(max_length=1000)] | None = None
    images: Annotated[tuple[Image, ...], msgspec.Meta(max_length=100)] | None = None


class Terminal(Wire):
    craneId: Text | None = None
    vehicleId: Text | None = None
    laneId: Text | None = None
    truckPlate: Text | None = None
    position: WirePosition | None = None
    grossWeightKg: Weight | None = None
    tareWeightKg: Weight | None = None
    ocr: Ocr | None = None


class Call(Wire, kw_only=True):
    """What every shape keeps beside the event: voyage, transport call, documents.

    Keyword-only, so that the shapes below may declare required fields after them.
    """

    documentReferences: DocumentReferences | None = None
    exportVoyageNumber: Text | None = None
    importVoyageNumber: Text | None = None
    transportCallID: Text | None = None
    transportCall: TransportCall | None = None


class Equipment22(Call):
    """T&T 2.2: flat."""

    eventID: Name
    eventClassifierCode: Classifier
    equipmentEventTypeCode: EventType
    eventDateTime: str
    equipmentReference: Text
    eventType: Literal["EQUIPMENT"] | None = None
    eventCreatedDateTime: str | None = None
    ISOEquipmentCode: str | None = None
    emptyIndicatorCode: Empty | None = None
    seals: Seals22 | None = None
    eventLocation: Location | None = None
    terminal: Terminal | None = None
    references: tuple[Reference22, ...] | None = None


class Metadata(Wire):
    eventID: Name
    eventCreatedDateTime: str | None = None
    eventType: Literal["EQUIPMENT"] | None = None
    publisher: Party | None = None
    publisherRole: Ignored = None


class Payload(Call):
    """T&T 3.0 beta: everything but the identity, under `payload`."""

    eventClassifierCode: Classifier
    equipmentEventTypeCode: EventType
    eventDateTime: str
    equipmentReference: Text
    ISOEquipmentCode: str | None = None
    emptyIndicatorCode: Empty | None = None
    seals: Seals30 | None = None
    location: Location | None = None
    terminal: Terminal | UnsetType | None = UNSET  # present, even null, it hides the top one
    isTransshipmentMove: bool | None = None
    references: tuple[ReferenceBeta, ...] | None = None
    relatedDocumentReferences: Annotated[
        tuple[DocumentReferenceBeta, ...], msgspec.Meta(max_length=1000)] | None = None
    eventType: Literal["EQUIPMENT"] | None = None


class EquipmentBeta(Wire):
    metadata: Metadata
    payload: Payload
    terminal: Terminal | None = None  # read only when the payload has none


class Classification(Wire):
    eventClassifierCode: Classifier
    equipmentEventTypeCode: EventType
    eventTypeCode: Literal["EQUIPMENT"] | None = None


class Details(Wire):
    equipmentReference: Text
    ISOEquipmentCode: str | None = None
    emptyIndicatorCode: Empty | None = None
    seals: Seals30 | None = None
    movementType: Movement | None = None


class Equipment30(Call):
    """T&T 3.0: `eventClassification` and `equipmentDetails` beside the times."""

    eventID: Name
    eventDateTime: str
    eventClassification: Classification
    equipmentDetails: Details
    eventCreatedDateTime: str | None = None
    eventUpdatedDateTime: str | None = None
    isRetracted: bool | None = None
    eventLocation: Location | UnsetType | None = UNSET  # present, even null, it hides `location`
    location: Location | None = None
    terminal: Terminal | None = None
    transportDetails: TransportDetails | None = None
    shipmentDetails: ShipmentDetails | None = None
    eventRouting: EventRouting | None = None


Temperature = Annotated[float, msgspec.Meta(ge=-200.0, le=200.0)]


class DeviceEquipment(Wire):
    """`equipmentDetails` of a 3.0 IoT or reefer event (as `device_shapes` reads it)."""

    equipmentReference: Name
    ISOEquipmentCode: Text | None = None
    emptyIndicatorCode: Ignored = None
    movementType: Ignored = None


class IotClassification(Wire):
    eventClassifierCode: Classifier
    iotEventTypeCode: Literal["DETC"]
    eventTypeCode: Literal["IOT"] | None = None


class IotDetails(Wire):
    iotEventCode: Literal["DRO", "DRC", "LOC"]


class Iot30(Wire):
    """A T&T 3.0 IoT event (door opened / closed, location) of one container."""

    eventID: Name
    eventDateTime: str
    eventClassification: IotClassification
    equipmentDetails: DeviceEquipment
    iotDetails: IotDetails
    eventUpdatedDateTime: str | None = None
    isRetracted: Literal[False] | None = None  # a retraction: the careful path
    eventLocation: Location | None = None
    eventRouting: EventRouting | None = None


class ReeferClassification(Wire):
    eventClassifierCode: Classifier
    reeferEventTypeCode: Literal["MEAS", "ADJU"]
    eventTypeCode: Literal["REEFER"] | None = None


class Probe(Wire):
    measuredTemperatureValue: Temperature | None = None
    USDAProbeNumber: int | None = None
    COAProbeUDMKey: Ignored = None
    probeLabel: Ignored = None


class ReeferDetails(Wire):
    temperatureUnit: Literal["CEL", "FAH"] | None = None
    internalSetpointTemperature: Temperature | None = None
    ambientMeasuredTemperature: Temperature | None = None
    temperatureProbeMeasurements: Annotated[
        tuple[Probe, ...], msgspec.Meta(max_length=100)] | None = None
    setpointParameters: dict[str, Finite] | None = None
    measuredParameters: dict[str, Finite] | None = None


class Reefer30(Wire):
    """A T&T 3.0 reefer event (temperatures measured, settings adjusted)."""

    eventID: Name
    eventDateTime: str
    eventClassification: ReeferClassification
    equipmentDetails: DeviceEquipment
    reeferDetails: ReeferDetails | None = None
    eventUpdatedDateTime: str | None = None
    isRetracted: Literal[False] | None = None
    eventLocation: Location | None = None
    eventRouting: EventRouting | None = None


# ---------------------------------------------------------------- transport and shipment events
# As `voyage_shapes` reads them: a vessel's arrival or departure, a document's state.

Remark = Annotated[str, msgspec.Meta(max_length=250)]
Reason = Annotated[str, msgspec.Meta(max_length=5000)]  # cut to MAX_TEXT, as the careful path
DelayReasons = Annotated[tuple[Name, ...], msgspec.Meta(max_length=1000)]
RelatedReferences = Annotated[tuple[DocumentReferenceBeta, ...], msgspec.Meta(max_length=1000)]


class TransportFlat(Call, kw_only=True):
    """What T&T 2.2 and the 3.0 beta payload share for a TransportEvent (flat transport call)."""

    eventClassifierCode: Classifier
    transportEventTypeCode: TransportType
    eventDateTime: str
    delayReasonCode: Text | None = None
    changeRemark: Remark | None = None
    relatedDocumentReferences: RelatedReferences | None = None


class Transport22(TransportFlat, kw_only=True):
    eventID: Name
    eventType: Literal["TRANSPORT"] | None = None
    eventCreatedDateTime: str | None = None
    eventLocation: Location | None = None


class TransportPayload(TransportFlat, kw_only=True):
    location: Location | None = None


class TransportMetadata(Wire):
    eventID: Name
    eventCreatedDateTime: str | None = None
    eventType: Literal["TRANSPORT"] | None = None
    publisher: Party | None = None
    publisherRole: Ignored = None


class TransportBeta(Wire):
    metadata: TransportMetadata  # a retraction (`retractedEventID`): the careful path
    payload: TransportPayload


class TransportClassification(Wire):
    eventClassifierCode: Classifier
    transportEventTypeCode: TransportType
    eventTypeCode: Literal["TRANSPORT"] | None = None


class TransportEventDetails(Wire):
    """3.0 `transportDetails` of a TransportEvent (its delay reasons and remark are read)."""

    transportCall: TransportCall30 | None = None
    delayReasonCodes: DelayReasons | None = None
    changeRemark: Remark | None = None


class Transport30(Wire):
    eventID: Name
    eventDateTime: str
    eventClassification: TransportClassification
    eventUpdatedDateTime: str | None = None
    isRetracted: Literal[False] | None = None  # a retraction: the careful path
    transportDetails: TransportEventDetails | None = None
    eventLocation: Location | None = None
    shipmentDetails: ShipmentDetails | None = None
    eventRouting: EventRouting | None = None


class ShipmentFlat(Wire, kw_only=True):
    """What T&T 2.2 and the 3.0 beta payload share for a ShipmentEvent."""

    eventClassifierCode: Classifier
    shipmentEventTypeCode: ShipmentType
    eventDateTime: str
    documentTypeCode: Text | None = None
    reason: Reason | None = None
    documentReferences: DocumentReferences | None = None
    relatedDocumentReferences: RelatedReferences | None = None


class Shipment22(ShipmentFlat, kw_only=True):
    eventID: Name
    eventType: Literal["SHIPMENT"] | None = None
    eventCreatedDateTime: str | None = None
    documentID: Text | None = None


class ShipmentPayload(ShipmentFlat, kw_only=True):
    documentReference: Text | None = None


class ShipmentMetadata(Wire):
    eventID: Name
    eventCreatedDateTime: str | None = None
    eventType: Literal["SHIPMENT"] | None = None
    publisher: Party | None = None
    publisherRole: Ignored = None


class ShipmentBeta(Wire):
    metadata: ShipmentMetadata
    payload: ShipmentPayload


class ShipmentClassification(Wire):
    eventClassifierCode: Classifier
    shipmentEventTypeCode: ShipmentType
    eventTypeCode: Literal["SHIPMENT"] | None = None


class ShipmentEventDetails(ShipmentDetails):
    """3.0 `shipmentDetails` of a ShipmentEvent: the documents and the reason."""

    reason: Reason | None = None


class Shipment30(Wire):
    eventID: Name
    eventDateTime: str
    eventClassification: ShipmentClassification
    eventUpdatedDateTime: str | None = None
    isRetracted: Literal[False] | None = None
    shipmentDetails: ShipmentEventDetails | None = None
    eventRouting: EventRouting | None = None


class Vehicle(Wire):
    """A `position` body (as `bodies.normalise_vehicle` reads it)."""

    vehicleId: Name
    x: Finite
    y: Finite
    heading: Heading | UnsetType | None = UNSET
    speed: Weight | UnsetType | None = UNSET
    carrying: Text | UnsetType | None = UNSET
    vehicleType: Text | UnsetType | None = UNSET


class Frame(Wire, tag_field="kind", kw_only=True):
    """A numbered `event` message; `kind` picks the subclass, which declares the body."""

    type: Literal["event"]
    seq: Annotated[int, msgspec.Meta(ge=1, le=2**63 - 1)]  # larger: the careful path
    id: Name
    time: str
    source: Name | None = None
    corrects: Name | None = None


class Frame22(Frame, tag="equipment"):
    body: Equipment22


class FrameBeta(Frame, tag="equipment"):
    body: EquipmentBeta


class Frame30(Frame, tag="equipment"):
    body: Equipment30


class PositionFrame(Frame, tag="position"):
    body: Vehicle


class IotFrame(Frame, tag="iot"):
    body: Iot30


class ReeferFrame(Frame, tag="reefer"):
    body: Reefer30


class TransportFrame22(Frame, tag="transport"):
    body: Transport22


class TransportFrameBeta(Frame, tag="transport"):
    body: TransportBeta


class TransportFrame30(Frame, tag="transport"):
    body: Transport30


class ShipmentFrame22(Frame, tag="shipment"):
    body: Shipment22


class ShipmentFrameBeta(Frame, tag="shipment"):
    body: ShipmentBeta


class ShipmentFrame30(Frame, tag="shipment"):
    body: Shipment30


EquipmentFrame: TypeAlias = Frame22 | FrameBeta | Frame30
TransportFrame: TypeAlias = TransportFrame22 | TransportFrameBeta | TransportFrame30
ShipmentFrame: TypeAlias = ShipmentFrame22 | ShipmentFrameBeta | ShipmentFrame30
AnyFrame: TypeAlias = (Frame22 | FrameBeta | Frame30 | PositionFrame | IotFrame | ReeferFrame
                       | TransportFrame | ShipmentFrame)
