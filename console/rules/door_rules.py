"""DOOR_OPENED_WITHOUT_INSPECTION: an e-seal or device reports a container's door opened.

In the yard a customs-controlled container's doors stay shut unless customs
ordered an inspection: a DCSA 3.0 IoT event `DRO` (door opened) for a
container the console holds in the terminal (discharged, gated in, on a
vehicle or in a slot; not gone out or loaded) while our clearance status is
not `inspect` is an alert.  Door closed (`DRC`) and location updates
(`LOC`) raise nothing.  When the terminal retracts the IoT event (3.0
`isRetracted`) or sends a newer version of it (same `eventID`, later
`eventUpdatedDateTime`), the supervisor withdraws the alert it raised
(`console.yard.iot_events` finds the event); the newer version is judged anew.
"""

from __future__ import annotations

from console.model import Clearance, IotEvent
from console.rules.config import RuleConfig
from console.rules.finding import Finding
from console.yard.containers import ContainerRecord

RULE = "DOOR_OPENED_WITHOUT_INSPECTION"
_IN_TERMINAL = frozenset({"discharged", "gated_in", "on_vehicle", "in_slot"})


def judge_door(ev: IotEvent, event_id: str, rec: ContainerRecord | None,
               clearance: Clearance | None, config: RuleConfig) -> list[Finding]:
    if (ev.retracted or ev.classifier != "ACT" or ev.event_code != "DRO"
            or not config.enabled(RULE)):
        return []
    if rec is None or rec.stage not in _IN_TERMINAL:
        return []
    status = clearance.status if clearance is not None else None
    if status == "inspect":
        return []
    return [Finding(RULE, ev.equipment_reference, event_id, event_id, ev.event_time,
                    {"our_status": status or "no clearance", "stage": rec.stage,
                     "where": ev.location_name})]
