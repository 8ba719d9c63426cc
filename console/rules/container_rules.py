"""The rules judged on one ACT equipment event, against the yard just before it.

`judge_equipment` is pure: it reads the yard and returns findings; the
supervisor turns them into alerts.  The same function judges a corrected
event again (with `judge_ocr=False`: the OCR reading was judged on the
original and raises nothing new).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from console.model import Clearance, EquipmentEvent
from console.protocol.iso6346 import is_valid
from console.rules.config import RuleConfig
from console.rules.customs_codes import RULE as CUSTOMS_RULE
from console.rules.customs_codes import disagreement
from console.rules.finding import Finding
from console.timefmt import try_parse_time
from console.yard.containers import ContainerRecord
from console.yard.state import YardState

# Rules that a correction judges again (the timed and OCR ones are not event facts).
REJUDGED = frozenset({
    "GATE_OUT_WITHOUT_RELEASE", "GATE_OUT_UNDER_HOLD", "SEAL_MISMATCH",
    "CONTAINER_NUMBER_INVALID", "EMPTY_WEIGHT_MISMATCH", "LOCATION_CONFLICT", "UNKNOWN_AT_GATE",
    "CUSTOMS_STATUS_DISAGREES", "MOVE_AFTER_DEPARTURE",
})
OCR_CAUSE_SUFFIX = "#ocr"


class _Found(Protocol):
    def __call__(self, rule: str, cause: str = ..., **detail: object) -> None: ...


@dataclass(frozen=True, slots=True)
class Judged:
    """One equipment event in context: its id, the cause it names, and the yard before it."""

    event_id: str
    cause: str
    ev: EquipmentEvent
    prior: ContainerRecord | None
    clearance: Clearance | None  # the decision in force when the event was applied


def judge_equipment(
    yard: YardState, j: Judged, config: RuleConfig, *, judge_ocr: bool = True
) -> list[Finding]:
    ev, prior = j.ev, j.prior
    ref = ev.equipment_reference
    out: list[Finding] = []

    def found(rule: str, cause: str = j.cause, **detail: object) -> None:
        if config.enabled(rule):
            out.append(Finding(rule, ref, cause, j.event_id, ev.event_time, dict(detail)))

    if not is_valid(ref):
        found("CONTAINER_NUMBER_INVALID", reading="equipmentReference", value=ref)
    ocr = ev.ocr
    if judge_ocr and ocr is not None:
        if ocr.equipment_reference and ocr.equipment_reference != ref \
                and not is_valid(ocr.equipment_reference):
            found("CONTAINER_NUMBER_INVALID", j.cause + OCR_CAUSE_SUFFIX, reading="ocr",
                  value=ocr.equipment_reference)
        if ocr.confidence is not None and ocr.confidence < config.ocr_min_confidence:
            found("OCR_LOW_CONFIDENCE", confidence=ocr.confidence,
                  reading=ocr.equipment_reference)
    status = j.clearance.status if j.clearance is not None else None
    empty = ev.empty or (prior.empty if prior is not None else None)
    if ev.event_type == "GTOT":
        if status in ("hold", "inspect"):
            found("GATE_OUT_UNDER_HOLD", status=status)
        elif empty != "EMPTY" and status in (None, "pending"):
            found("GATE_OUT_WITHOUT_RELEASE", status=status or "none", empty=empty)
        if prior is None or not prior.seen_in_yard:
            found("UNKNOWN_AT_GATE")
    if ev.event_type in ("GTOT", "LOAD"):
        _judge_seals(j, found)
    if ev.event_type in ("LOAD", "DISC"):
        _judge_vessel_call(yard, j, found)
    contradiction = disagreement(ev.event_type, status)
    if contradiction is not None:
        found(CUSTOMS_RULE, j.cause, **contradiction)
    _judge_weight(j, empty, config, found)
    _judge_location(yard, j, found)
    return out


def _judge_seals(j: Judged, found: _Found) -> None:
    required = set(j.clearance.customs_seals) if j.clearance is not None else set()
    if j.prior is not None:
        required |= j.prior.disc_customs_seals
    if not required:
        return
    read = j.ev.seal_numbers()
    if j.ev.ocr is not None:
        read |= set(j.ev.ocr.seal_numbers)
    missing = required - read
    if missing:
        found("SEAL_MISMATCH", missing=sorted(missing), read=sorted(read))


def _judge_vessel_call(yard: YardState, j: Judged, found: _Found) -> None:
    """A LOAD or DISC for a vessel whose latest actual transport event is its departure."""
    ev = j.ev
    call = yard.vessels.departed(ev.vessel_imo or ev.vessel_name)
    if call is None:
        return
    left, moved = try_parse_time(call.time), try_parse_time(ev.event_time)
    if left is not None and moved is not None and moved >= left:
        found("MOVE_AFTER_DEPARTURE", move=ev.event_type, vessel=call.vessel,
              vessel_name=call.vessel_name, departed_at=call.time, departure_event=call.envelope_id)


def _judge_weight(j: Judged, empty: str | None, config: RuleConfig, found: _Found) -> None:
    gross = j.ev.gross_weight_kg
    if gross is None:
        return
    prior = j.prior
    tare = j.ev.tare_weight_kg
    if tare is None and prior is not None:
        tare = prior.tare_weight_kg
    iso = j.ev.iso_code or (prior.iso_code if prior is not None else None)
    if tare is None:
        tare = config.tare_for(iso)
    if tare is None:
        return
    declared = j.clearance.declared_empty if j.clearance is not None else None
    if (empty == "EMPTY" or declared is True) and gross > tare + config.empty_excess_kg:
        found("EMPTY_WEIGHT_MISMATCH", f"{gross:g}|{tare:g}|empty",
              gross_kg=gross, tare_kg=tare, reported=empty, declared_empty=declared)
    elif (declared is False or (declared is None and empty == "LADEN")) \
            and gross < tare + config.laden_margin_kg:
        found("EMPTY_WEIGHT_MISMATCH", f"{gross:g}|{tare:g}|laden",
              gross_kg=gross, tare_kg=tare, reported=empty, declared_empty=declared)


def _judge_location(yard: YardState, j: Judged, found: _Found) -> None:
    ev, prior = j.ev, j.prior
    ref = ev.equipment_reference
    if ev.event_type == "DROP" and ev.position is not None:
        key = ev.position.slot_key()
        other = yard.slots.get(key) if key is not None else None
        if other is not None and other != ref:
            found("LOCATION_CONFLICT", j.cause + "#slot", other=other, slot=list(key or ()))
        carriers = {yard.fleet.carrier_of.get(ref), prior.vehicle_id() if prior else None}
        carriers.discard(None)
        if ev.vehicle_id is not None and carriers and ev.vehicle_id not in carriers:
            found("LOCATION_CONFLICT", j.cause + "#vehicle", on_vehicle=sorted(
                c for c in carriers if c is not None), dropped_by=ev.vehicle_id)
    if ev.event_type == "DISC" and prior is not None and prior.stage == "in_slot":
        found("LOCATION_CONFLICT", j.cause + "#yard", in_slot=_slot_text(prior))


def _slot_text(rec: ContainerRecord) -> str | None:
    key = rec.position.slot_key() if rec.position is not None else None
    return "/".join(str(k) for k in key) if key is not None else None
