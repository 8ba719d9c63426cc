"""The evidence behind one alert and the resolution the console proposes for it.

`build_case` gathers, for one alert, what the officer needs to decide: the
event that raised it, the yard's record of the container (seals by source,
OCR reading), the clearance history and any evidence picture, and turns that
into a list of `Proposal`s, the first of which is what Enter accepts.  It is
plain Python (no widgets) so that what is proposed can be tested on its own.

Rule families (issue 6): container number (`CONTAINER_NUMBER_INVALID`,
`OCR_LOW_CONFIDENCE`), seal (`SEAL_MISMATCH`), gate (`GATE_OUT_*`), and every
other rule.  Repair candidates for a number are those that pass ISO 6346 and
match the manifest, i.e. have a clearance record in the yard state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from console.model import Clearance, EquipmentEvent
from console.protocol.iso6346 import is_valid, repair_candidates
from console.timefmt import try_parse_time
from console.yard.state import YardState

NUMBER_RULES = frozenset({"CONTAINER_NUMBER_INVALID", "OCR_LOW_CONFIDENCE"})
SEAL_RULES = frozenset({"SEAL_MISMATCH"})
GATE_RULES = frozenset({"GATE_OUT_WITHOUT_RELEASE", "GATE_OUT_UNDER_HOLD"})


def family_of(rule: str) -> str:
    """`number`, `seal`, `gate` or `other`: which one-step view handles this rule."""
    if rule in NUMBER_RULES:
        return "number"
    if rule in SEAL_RULES:
        return "seal"
    if rule in GATE_RULES:
        return "gate"
    return "other"


@dataclass(frozen=True, slots=True)
class Proposal:
    """One way to close the alert.

    `action` is `resolve`, `escalate` or `acknowledge`; `changes` (for
    `resolve`) is the correction sent to the terminal in the same step.
    """

    action: str
    resolution: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    comment: str = ""


@dataclass(frozen=True, slots=True)
class ClearanceLine:
    status: str
    status_time: str | None
    declaration_no: str | None
    customs_seals: tuple[str, ...]


@dataclass(slots=True)
class AlertCase:
    """What the one-step panel shows for one alert."""

    alert_id: str
    rule: str
    family: str
    subject: str
    state: str
    event_id: str | None
    event: EquipmentEvent | None = None
    recorded: str | None = None
    ocr_reading: str | None = None
    ocr_confidence: float | None = None
    ocr_image_url: str | None = None
    ocr_camera: str | None = None
    candidates: list[str] = field(default_factory=list)
    off_manifest: list[str] = field(default_factory=list)
    seals_read: list[str] = field(default_factory=list)
    customs_seals: list[str] = field(default_factory=list)
    clearances: list[ClearanceLine] = field(default_factory=list)
    picture: str | None = None  # path of an evidence snapshot taken for this alert
    proposals: list[Proposal] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)  # what the rule measured
    raised_at: str | None = None
    frame_problem: str | None = None  # why the OCR frame could not be shown
    clearance_at_event: ClearanceLine | None = None  # the decision in force at the event

    @property
    def missing_seals(self) -> list[str]:
        return [s for s in self.customs_seals if s not in self.seals_read]

    @property
    def unexpected_seals(self) -> list[str]:
        return [s for s in self.seals_read if s not in self.customs_seals]


def _on_manifest(yard: YardState | None) -> Callable[[str], bool]:
    if yard is None:
        return lambda ref: False
    return lambda ref: yard.clearances.current(ref) is not None


def _near(a: str, b: str) -> bool:
    """Same length and at most two characters apart: a plausible misread seal number."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 2


def build_case(
    row: Any,
    body: EquipmentEvent | None,
    yard: YardState | None,
    pictures: Sequence[str] = (),
) -> AlertCase:
    """The case for an `AlertRow` (rule, subject, state, event_id, alert_id)."""
    case = AlertCase(row.alert_id, row.rule, family_of(row.rule), row.subject, row.state,
                     row.event_id, picture=pictures[-1] if pictures else None)
    if body is not None:
        case.event = body
        case.recorded = body.equipment_reference
        case.seals_read = [s.number for s in body.seals]
        if body.ocr is not None:
            case.ocr_reading = body.ocr.equipment_reference
            case.ocr_confidence = body.ocr.confidence
            case.seals_read += [n for n in body.ocr.seal_numbers if n not in case.seals_read]
            for image in body.ocr.images:
                if image.url or image.camera_id:
                    case.ocr_image_url, case.ocr_camera = image.url, image.camera_id
                    break
    ref = case.recorded or row.subject
    history = yard.clearances.records.get(ref) if yard is not None else None
    if history is not None:
        case.clearances = [_line(c) for _, _, c in history.history]
    case.detail = dict(getattr(row, "detail", None) or {})
    case.raised_at = getattr(row, "raised_at", None)
    case.clearance_at_event = _in_force(case.clearances, body.event_time if body else None)
    _fill_customs_seals(case, yard, ref)
    if case.family == "number":
        _number_case(case, _on_manifest(yard))
    elif case.family == "seal":
        _seal_case(case)
    elif case.family == "gate":
        case.proposals = [Proposal("escalate", comment="gate-out without customs release"),
                          Proposal("resolve", "confirmed_violation"),
                          Proposal("resolve", "false_alarm")]
    else:
        first = (Proposal("acknowledge") if row.state == "unacknowledged"
                 else Proposal("resolve", "confirmed_violation"))
        case.proposals = [first, Proposal("resolve", "false_alarm"),
                          Proposal("resolve", "duplicate")]
    return case


def _in_force(lines: list[ClearanceLine], at: str | None) -> ClearanceLine | None:
    """The last decision taken at or before `at` (None: none yet, or no time to judge by)."""
    moment = try_parse_time(at)
    if moment is None:
        return None
    before = [c for c in lines if (t := try_parse_time(c.status_time)) is not None and t <= moment]
    return before[-1] if before else None


def _line(c: Clearance) -> ClearanceLine:
    return ClearanceLine(c.status, c.status_time, c.declaration_no, tuple(c.customs_seals))


def _fill_customs_seals(case: AlertCase, yard: YardState | None, ref: str) -> None:
    seals: list[str] = []
    if case.clearances:
        seals += case.clearances[-1].customs_seals
    rec = yard.container(ref) if yard is not None else None
    if rec is not None:
        seals += sorted(rec.disc_customs_seals)
    case.customs_seals = list(dict.fromkeys(seals))


def _number_case(case: AlertCase, on_manifest: Callable[[str], bool]) -> None:
    readings = [r for r in (case.recorded, case.ocr_reading, case.subject) if r]
    found: list[str] = []
    for text in readings:
        found += [c for c in repair_candidates(text) if c not in found]
    case.candidates = [c for c in found if on_manifest(c) and c != case.recorded]
    case.off_manifest = [c for c in found if not on_manifest(c) and c != case.recorded]
    proposals = [Proposal("resolve", "corrected", {"equipmentReference": c},
                          f"number corrected to {c}: passes ISO 6346, on the manifest")
                 for c in case.candidates]
    valid = bool(case.recorded and is_valid(case.recorded) and on_manifest(case.recorded))
    proposals.append(Proposal(
        "resolve", "false_alarm",
        comment=f"recorded number {case.recorded} is valid and on the manifest" if valid else ""))
    proposals += [Proposal("resolve", "duplicate"), Proposal("resolve", "confirmed_violation")]
    case.proposals = proposals


def _seal_case(case: AlertCase) -> None:
    proposals: list[Proposal] = []
    missing, unexpected = case.missing_seals, case.unexpected_seals
    if case.event is not None and len(missing) == 1:
        wrong = [s for s in unexpected if _near(s, missing[0])]
        if len(wrong) == 1:
            seals = [
                {"sealNumber": missing[0] if s.number == wrong[0] else s.number,
                 **({"sealSource": s.source} if s.source else {}),
                 **({"sealType": s.type} if s.type else {})}
                for s in case.event.seals]
            if wrong[0] not in [s.number for s in case.event.seals]:
                seals.append({"sealNumber": missing[0], "sealSource": "CUS"})
            proposals.append(Proposal(
                "resolve", "corrected", {"seals": seals},
                f"seal {wrong[0]} read for customs seal {missing[0]}: misread corrected"))
    proposals.append(Proposal("resolve", "confirmed_violation",
                              comment="customs seal not found at the gate"))
    proposals.append(Proposal("resolve", "false_alarm"))
    case.proposals = proposals
