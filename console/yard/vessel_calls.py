"""Vessel calls from DCSA TransportEvents, and document states from ShipmentEvents.

A terminal's DCSA feed says when a vessel arrived (`ARRI`) and departed
(`DEPA`); the console keeps the latest actual one per vessel (its IMO number,
else its name), which tells an officer which vessels are alongside and which
boxes may still be loaded.  Shipment milestones keep the latest state of each
document (booking, transport document, ...).  A retraction withdraws the
update it names; a later 3.0 update of the same event replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.model import ShipmentEvent, TransportEvent
from console.timefmt import try_parse_time


@dataclass(slots=True)
class VesselCall:
    """The latest actual transport event of one vessel."""

    vessel: str  # IMO number, else name
    vessel_name: str | None
    state: str  # arrived departed
    time: str  # when (the event's eventDateTime)
    voyage: str | None
    event_id: str  # the DCSA eventID
    envelope_id: str
    updated_time: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"vessel": self.vessel, "vessel_name": self.vessel_name, "state": self.state,
                "time": self.time, "voyage": self.voyage, "event_id": self.envelope_id}


class VesselCalls:
    """Which vessels arrived or departed, and each document's latest state."""

    def __init__(self) -> None:
        self.calls: dict[str, VesselCall] = {}
        self.documents: dict[tuple[str, str], tuple[str, str]] = {}  # (type, ref) -> (code, time)
        self._by_event: dict[str, str] = {}  # DCSA eventID -> vessel

    def departed(self, vessel: str | None) -> VesselCall | None:
        """The vessel's departure, when the latest word about it is that it left."""
        call = self.calls.get(vessel) if vessel is not None else None
        return call if call is not None and call.state == "departed" else None

    def apply_transport(self, envelope_id: str, ev: TransportEvent) -> None:
        if ev.retracted:
            self.withdraw(ev.retracts or ev.event_id)
            return
        vessel = ev.vessel_key()
        if ev.classifier != "ACT" or vessel is None:
            return
        held = self.calls.get(vessel)
        if held is not None and held.event_id == ev.event_id and ev.updated_time is not None:
            new, old = try_parse_time(ev.updated_time), try_parse_time(held.updated_time)
            if new is not None and old is not None and new <= old:
                return  # an older version of the update already held
        self.calls[vessel] = VesselCall(
            vessel, ev.vessel_name, "arrived" if ev.event_type == "ARRI" else "departed",
            ev.event_time, ev.voyage, ev.event_id, envelope_id, ev.updated_time)
        self._by_event[ev.event_id] = vessel

    def apply_shipment(self, ev: ShipmentEvent) -> None:
        if ev.retracted or ev.classifier != "ACT" or ev.document_reference is None:
            return
        self.documents[(ev.document_type or "", ev.document_reference)] = (
            ev.event_type, ev.event_time)

    def withdraw(self, event_id: str) -> None:
        vessel = self._by_event.pop(event_id, None)
        call = self.calls.get(vessel) if vessel is not None else None
        if call is not None and call.event_id == event_id:
            del self.calls[call.vessel]
