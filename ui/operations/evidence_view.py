"""The evidence of an alert case as HTML, per rule family, and proposals in words.

Number family: the OCR reading, the recorded number, the repair candidates
on the manifest (and those that pass ISO 6346 but are not on it), the camera
frame of that moment.  Seal family: seals read against customs seals.  Gate
family: the gate record and the clearance history.  Texts go through Qt's
translator (context `AlertEvidence`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from ui.alerts.rules import rule_title
from ui.operations.case import AlertCase, Proposal


def _t(text: str) -> str:
    return QCoreApplication.translate("AlertEvidence", text)


def resolution_word(code: str | None) -> str:
    words = {
        "corrected": _t("corrected"),
        "confirmed_violation": _t("confirmed violation"),
        "false_alarm": _t("false alarm"),
        "duplicate": _t("duplicate"),
    }
    return words.get(code or "", code or "")


def proposal_text(p: Proposal) -> str:
    """One line per proposal, as the officer reads it in the list."""
    if p.action == "acknowledge":
        return _t("Acknowledge: I am handling it")
    if p.action == "escalate":
        return _t("Escalate to a supervisor")
    if "equipmentReference" in p.changes:
        return _t("Correct the number to %1 at the terminal and resolve").replace(
            "%1", str(p.changes["equipmentReference"]))
    if "seals" in p.changes:
        numbers = ", ".join(str(s.get("sealNumber", "")) for s in p.changes["seals"])
        return _t("Correct the seals to %1 at the terminal and resolve").replace("%1", numbers)
    return _t("Resolve as %1").replace("%1", resolution_word(p.resolution))


def _row(label: str, value: str) -> str:
    return f"<tr><td><b>{escape(label)}</b></td><td>{value}</td></tr>"


def _code(text: str | None) -> str:
    return f"<code>{escape(text)}</code>" if text else "—"


def _list(items: list[str]) -> str:
    return ", ".join(_code(i) for i in items) if items else "—"


def evidence_html(case: AlertCase) -> str:
    rows = [_row(_t("Rule"), escape(rule_title(case.rule))),
            _row(_t("Subject"), _code(case.subject))]
    ev = case.event
    if ev is not None:
        where = ev.lane_id or ev.crane_id or ev.vehicle_id or ""
        rows.append(_row(_t("Event"), escape(f"{ev.event_type} {ev.event_time} {where}")))
    if case.family == "number":
        rows.append(_row(_t("Recorded number"), _code(case.recorded)))
        conf = ("" if case.ocr_confidence is None
                else f" ({case.ocr_confidence:.0%})")
        rows.append(_row(_t("OCR reading"), _code(case.ocr_reading) + escape(conf)))
        rows.append(_row(_t("Candidates on the manifest"), _list(case.candidates)))
        if case.off_manifest:
            rows.append(_row(_t("Valid but not on the manifest"), _list(case.off_manifest)))
    if case.family in ("seal", "gate") or case.customs_seals:
        rows.append(_row(_t("Seals read"), _list(case.seals_read)))
        rows.append(_row(_t("Customs seals"), _list(case.customs_seals)))
        if case.family == "seal":
            rows.append(_row(_t("Missing customs seals"), _list(case.missing_seals)))
    if case.family == "gate" or case.clearances:
        lines = "<br>".join(
            escape(f"{c.status_time or '?'}  {c.status}  {c.declaration_no or ''}")
            for c in case.clearances) or escape(_t("no clearance at all"))
        rows.append(_row(_t("Clearance history"), lines))
    if case.picture is None:
        if case.ocr_image_url or case.ocr_camera:
            rows.append(_row(_t("Camera frame"), escape(
                f"{case.ocr_camera or ''} {case.ocr_image_url or ''}".strip())))
        else:
            rows.append(_row(_t("Camera frame"), escape(
                _t("no snapshot of that moment; the CCTV wall shows the live camera"))))
    return "<table cellspacing='4'>" + "".join(rows) + "</table>"
