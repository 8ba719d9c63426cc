"""Vessel calls from DCSA TransportEvents, and document states from ShipmentEvents.

A terminal's DCSA feed says when a vessel arrived (`ARRI`) and departed
(`DEPA`); the console keeps the latest actual one per vessel (its IMO number,
else its name), which tells an officer which vessels are alongside and which
boxes may still be loaded.  DCSA names no berth, so the berth of a call is
learnt from the terminal's moves: the berth (`terminal.position.berth`) of the
latest DISC or LOAD for that vessel, which also counts the boxes discharged
and loaded in this call (from its arrival on).  The map draws each berth's
calls (`at_berth`) and the inspector shows them.  Shipment milestones keep the
latest state of each document (booking, transport document, ...).  A
retraction withdraws the update it names; a later 3.0 update of the same
event replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.model import EquipmentEvent, FeedEvent, ShipmentEvent, TransportEvent
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
    berth: str | None = None  # where the terminal worked it (from its DISC / LOAD)
    discharged: int = 0  # boxes discharged from it, and loaded onto it, in this call
    loaded: int = 0

    def to_json(self) -> dict[str, object]:
        return {"vessel": self.vessel, "vessel_name": self.vessel_name, "state": self.state,
                "time": self.time, "voyage": self.voyage, "event_id": self.envelope_id,
                "berth": self.berth, "discharged": self.discharged, "loaded": self.loaded}


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

    def apply(self, event: FeedEvent) -> None:
        """One event as it comes (the window's view; the live yard applies its parts itself,
        after its corrections and 3.0 updates)."""
        body = event.body
        if isinstance(body, EquipmentEvent):
            self.apply_move(body)
        elif isinstance(body, TransportEvent):
            self.apply_transport(event.id, body)
        elif isinstance(body, ShipmentEvent):
            self.apply_shipment(body)

    def at_berth(self, berth: str) -> list[VesselCall]:
        """The calls last worked at `berth`: alongside first, then the latest departures."""
        calls = [c for c in self.calls.values() if c.berth == berth]
        return sorted(calls, key=lambda c: (c.state != "arrived", _newest_first(c.time)))

    def apply_move(self, ev: EquipmentEvent) -> None:
        """A DISC or LOAD: the berth its vessel is worked at, and the call's counts."""
        if ev.event_type not in ("DISC", "LOAD") or ev.classifier != "ACT" or ev.retracted:
            return
        vessel = ev.vessel_imo or ev.vessel_name
        call = self.calls.get(vessel) if vessel is not None else None
        if call is None:
            return
        if ev.position is not None and ev.position.berth:
            call.berth = ev.position.berth
        if ev.event_type == "DISC":
            call.discharged += 1
        else:
            call.loaded += 1

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
        state = "arrived" if ev.event_type == "ARRI" else "departed"
        call = VesselCall(vessel, ev.vessel_name, state, ev.event_time, ev.voyage, ev.event_id,
                          envelope_id, ev.updated_time)
        if held is not None and (state == "departed" or held.event_id == ev.event_id):
            # the same call goes on: where it lay and what was moved stay with it
            call.berth, call.discharged, call.loaded = held.berth, held.discharged, held.loaded
        self.calls[vessel] = call
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


def _newest_first(stamp: str) -> float:
    t = try_parse_time(stamp)
    return -t if t is not None else 0.0
