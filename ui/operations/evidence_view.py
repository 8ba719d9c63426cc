"""The evidence of an alert case as HTML, per rule family, and proposals in words.

Number family: the OCR reading, the recorded number, the repair candidates
on the manifest (and those that pass ISO 6346 but are not on it), the camera
frame of that moment.  Seal family: seals read against customs seals.  Gate
family: the gate record and the clearance history.  Texts go through Qt's
translator (context `AlertEvidence`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication as Q

from ui.alerts.rules import rule_title
from ui.operations.case import AlertCase, Proposal


def resolution_word(code: str | None) -> str:
    words = {
        "corrected": Q.translate("AlertEvidence", "corrected"),
        "confirmed_violation": Q.translate("AlertEvidence", "confirmed violation"),
        "false_alarm": Q.translate("AlertEvidence", "false alarm"),
        "duplicate": Q.translate("AlertEvidence", "duplicate"),
    }
    return words.get(code or "", code or "")


def proposal_text(p: Proposal) -> str:
    """One line per proposal, as the officer reads it in the list."""
    if p.action == "acknowledge":
        return Q.translate("AlertEvidence", "Acknowledge: I am handling it")
    if p.action == "escalate":
        return Q.translate("AlertEvidence", "Escalate to a supervisor")
    if "equipmentReference" in p.changes:
        text = Q.translate("AlertEvidence",
                           "Correct the number to %1 at the terminal and resolve")
        return text.replace("%1", str(p.changes["equipmentReference"]))
    if "seals" in p.changes:
        numbers = ", ".join(str(s.get("sealNumber", "")) for s in p.changes["seals"])
        text = Q.translate("AlertEvidence", "Correct the seals to %1 at the terminal and resolve")
        return text.replace("%1", numbers)
    return Q.translate("AlertEvidence", "Resolve as %1").replace(
        "%1", resolution_word(p.resolution))


def _row(label: str, value: str) -> str:
    return f"<tr><td><b>{escape(label)}</b></td><td>{value}</td></tr>"


def _code(text: str | None) -> str:
    return f"<code>{escape(text)}</code>" if text else "—"


def _list(items: list[str]) -> str:
    return ", ".join(_code(i) for i in items) if items else "—"


def _number_rows(case: AlertCase) -> list[str]:
    conf = "" if case.ocr_confidence is None else f" ({case.ocr_confidence:.0%})"
    rows = [_row(Q.translate("AlertEvidence", "Recorded number"), _code(case.recorded)),
            _row(Q.translate("AlertEvidence", "OCR reading"),
                 _code(case.ocr_reading) + escape(conf)),
            _row(Q.translate("AlertEvidence", "Candidates on the manifest"),
                 _list(case.candidates))]
    if case.off_manifest:
        rows.append(_row(Q.translate("AlertEvidence", "Valid but not on the manifest"),
                         _list(case.off_manifest)))
    return rows


def _seal_rows(case: AlertCase) -> list[str]:
    rows = [_row(Q.translate("AlertEvidence", "Seals read"), _list(case.seals_read)),
            _row(Q.translate("AlertEvidence", "Customs seals"), _list(case.customs_seals))]
    if case.family == "seal":
        rows.append(_row(Q.translate("AlertEvidence", "Missing customs seals"),
                         _list(case.missing_seals)))
    return rows


def _camera_row(case: AlertCase) -> str:
    if case.ocr_image_url or case.ocr_camera:
        text = f"{case.ocr_camera or ''} {case.ocr_image_url or ''}".strip()
    else:
        text = Q.translate("AlertEvidence",
                           "no snapshot of that moment; the CCTV wall shows the live camera")
    return _row(Q.translate("AlertEvidence", "Camera frame"), escape(text))


def evidence_html(case: AlertCase) -> str:
    rows = [_row(Q.translate("AlertEvidence", "Rule"), escape(rule_title(case.rule))),
            _row(Q.translate("AlertEvidence", "Subject"), _code(case.subject))]
    ev = case.event
    if ev is not None:
        where = ev.lane_id or ev.crane_id or ev.vehicle_id or ""
        rows.append(_row(Q.translate("AlertEvidence", "Event"),
                         escape(f"{ev.event_type} {ev.event_time} {where}")))
    if case.family == "number":
        rows += _number_rows(case)
    if case.family in ("seal", "gate") or case.customs_seals:
        rows += _seal_rows(case)
    if case.family == "gate" or case.clearances:
        lines = "<br>".join(
            escape(f"{c.status_time or '?'}  {c.status}  {c.declaration_no or ''}")
            for c in case.clearances) or escape(Q.translate("AlertEvidence",
                                                            "no clearance at all"))
        rows.append(_row(Q.translate("AlertEvidence", "Clearance history"), lines))
    if case.picture is None:
        rows.append(_camera_row(case))
    return "<table cellspacing='4'>" + "".join(rows) + "</table>"
