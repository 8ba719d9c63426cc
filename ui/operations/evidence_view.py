"""The evidence of an alert case as HTML, per rule family, and proposals in words.

Number family: the OCR reading, the recorded number, the check-digit
reasoning for each, the repair candidates on the manifest (and those that
pass ISO 6346 but are not on it), the camera frame of that moment.  Seal
family: customs seals and seals read side by side.  Gate family: the gate
record and the clearance history.  Every case: the clearance in force at the
moment of the event; a weight mismatch its declared, reported and measured
figures; a stop or restricted-zone entry its place (and a stop since when
and for how long).  Times are in the terminal's zone (`console.timefmt.terminal_time`).
Texts go through Qt's translator (context `AlertEvidence`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication as Q

from console.protocol.iso6346 import check_digit
from console.timefmt import terminal_time, try_parse_time
from ui.alerts.rules import rule_title
from ui.operations.case import AlertCase, ClearanceLine, Proposal


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


def status_word(status: str | None) -> str:
    words = {
        "pending": Q.translate("AlertEvidence", "pending"),
        "released": Q.translate("AlertEvidence", "released"),
        "hold": Q.translate("AlertEvidence", "on hold"),
        "inspect": Q.translate("AlertEvidence", "selected for inspection"),
    }
    return words.get(status or "", status or "—")


def event_word(event_type: str) -> str:
    """A terminal event code in words (the code itself when unknown)."""
    words = {
        "GTIN": Q.translate("AlertEvidence", "gate-in"),
        "GTOT": Q.translate("AlertEvidence", "gate-out"),
        "DISC": Q.translate("AlertEvidence", "discharged from the vessel"),
        "LOAD": Q.translate("AlertEvidence", "loaded on the vessel"),
        "PICK": Q.translate("AlertEvidence", "picked from the stack"),
        "DROP": Q.translate("AlertEvidence", "dropped into the stack"),
    }
    return words.get(event_type, event_type)


def check_digit_reasoning(number: str | None) -> str:
    """Why a number passes or fails ISO 6346, in words (plain text)."""
    if not number:
        return "—"
    if (len(number) != 11 or not number[:3].isalpha() or not number[:3].isupper()
            or number[3] not in "UJZ" or not number[4:].isdigit()):
        return Q.translate("AlertEvidence",
                           "%1 is not written as a container number (3 capital letters, "
                           "U, J or Z, 7 digits)").replace("%1", number)
    expected = check_digit(number[:10])
    if int(number[10]) == expected:
        return Q.translate("AlertEvidence", "check digit %1 computed from %2: correct").replace(
            "%1", str(expected)).replace("%2", number[:10])
    return Q.translate("AlertEvidence",
                       "check digit computed from %1 is %2, the number ends in %3: wrong").replace(
        "%1", number[:10]).replace("%2", str(expected)).replace("%3", number[10])


def _number_rows(case: AlertCase) -> list[str]:
    conf = "" if case.ocr_confidence is None else f" ({case.ocr_confidence:.0%})"
    rows = [_row(Q.translate("AlertEvidence", "Recorded number"),
                 _code(case.recorded) + " · " + escape(check_digit_reasoning(case.recorded))),
            _row(Q.translate("AlertEvidence", "OCR reading"),
                 _code(case.ocr_reading) + escape(conf) + (
                     " · " + escape(check_digit_reasoning(case.ocr_reading))
                     if case.ocr_reading and case.ocr_reading != case.recorded else "")),
            _row(Q.translate("AlertEvidence", "Candidates on the manifest"),
                 _list(case.candidates))]
    if case.off_manifest:
        rows.append(_row(Q.translate("AlertEvidence", "Valid but not on the manifest"),
                         _list(case.off_manifest)))
    return rows


def _seal_rows(case: AlertCase) -> list[str]:
    """Customs seals and seals read side by side: one line per seal number."""
    head = (f"<tr><th>{escape(Q.translate('AlertEvidence', 'Customs seal'))}</th>"
            f"<th>{escape(Q.translate('AlertEvidence', 'Read at the event'))}</th></tr>")
    found, missing = Q.translate("AlertEvidence", "found"), Q.translate("AlertEvidence",
                                                                        "MISSING")
    lines = [f"<tr><td>{_code(s)}</td><td>"
             f"{escape(found) if s in case.seals_read else '<b>' + escape(missing) + '</b>'}"
             "</td></tr>" for s in case.customs_seals]
    lines += [f"<tr><td>{escape(Q.translate('AlertEvidence', 'not a customs seal'))}</td>"
              f"<td>{_code(s)}</td></tr>" for s in case.unexpected_seals]
    if not lines:
        lines = [f"<tr><td colspan='2'>{escape(Q.translate('AlertEvidence', 'no seals'))}"
                 "</td></tr>"]
    table = "<table cellspacing='2' border='1'>" + head + "".join(lines) + "</table>"
    return [_row(Q.translate("AlertEvidence", "Seals"), table)]


def _clearance_text(c: ClearanceLine | None) -> str:
    if c is None:
        return Q.translate("AlertEvidence", "no clearance at that moment")
    return Q.translate("AlertEvidence", "%1 since %2 (declaration %3)").replace(
        "%1", status_word(c.status)).replace("%2", terminal_time(c.status_time)).replace(
        "%3", c.declaration_no or "—")


def _kg(value: object) -> str:
    return f"{float(value):,.0f} kg" if isinstance(value, int | float) else "—"


def _weight_rows(d: dict[str, object]) -> list[str]:
    declared = d.get("declared_empty")
    declared_text = (Q.translate("AlertEvidence", "empty") if declared is True else
                     Q.translate("AlertEvidence", "laden") if declared is False else
                     Q.translate("AlertEvidence", "not declared"))
    reported = {"EMPTY": Q.translate("AlertEvidence", "empty"),
                "LADEN": Q.translate("AlertEvidence", "laden")}.get(str(d.get("reported")), "—")
    gross, tare = d.get("gross_kg"), d.get("tare_kg")
    load = (_kg(float(gross) - float(tare)) if isinstance(gross, int | float)
            and isinstance(tare, int | float) else "—")
    return [_row(Q.translate("AlertEvidence", "Declared to customs"), escape(declared_text)),
            _row(Q.translate("AlertEvidence", "Reported by the terminal"), escape(reported)),
            _row(Q.translate("AlertEvidence", "Measured gross weight"), escape(_kg(gross))),
            _row(Q.translate("AlertEvidence", "Tare (empty box)"), escape(_kg(tare))),
            _row(Q.translate("AlertEvidence", "Load (gross − tare)"), escape(load))]


def _place_rows(case: AlertCase) -> list[str]:
    d = case.detail
    x, y = d.get("x"), d.get("y")
    zones = ", ".join(str(z) for z in d.get("zones", []) or []) or "—"
    place = (f"x {float(x):.0f} m, y {float(y):.0f} m · " if isinstance(x, int | float)
             and isinstance(y, int | float) else "") + zones
    rows = [_row(Q.translate("AlertEvidence", "Place"), escape(place))]
    if d.get("carrying"):
        rows.append(_row(Q.translate("AlertEvidence", "Carrying"), _code(str(d["carrying"]))))
    since = d.get("stopped_since")
    if isinstance(since, str):
        start, raised = try_parse_time(since), try_parse_time(case.raised_at)
        rows.append(_row(Q.translate("AlertEvidence", "Standing still since"),
                         escape(terminal_time(since))))
        if start is not None and raised is not None:
            rows.append(_row(Q.translate("AlertEvidence", "Duration when raised"),
                             escape(Q.translate("AlertEvidence", "%1 s").replace(
                                 "%1", f"{raised - start:.0f}"))))
    return rows


def _camera_row(case: AlertCase) -> str:
    if case.ocr_image_url or case.ocr_camera:
        shown = (Q.translate("AlertEvidence", "the frame of that moment is shown below")
                 if case.picture else case.frame_problem if case.frame_problem else
                 Q.translate("AlertEvidence", "fetching the frame of that moment…")
                 if case.ocr_image_url else "")
        text = " · ".join(t for t in (case.ocr_camera or "", shown) if t)
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
                         escape(f"{event_word(ev.event_type)} "
                                f"{terminal_time(ev.event_time)} {where}")))
        rows.append(_row(Q.translate("AlertEvidence", "Clearance at the event"),
                         escape(_clearance_text(case.clearance_at_event))))
    if case.family == "number":
        rows += _number_rows(case)
    if case.rule == "EMPTY_WEIGHT_MISMATCH":
        rows += _weight_rows(case.detail)
    if case.rule in ("UNSCHEDULED_STOP", "RESTRICTED_ZONE"):
        rows += _place_rows(case)
    if case.family in ("seal", "gate") or case.customs_seals:
        rows += _seal_rows(case)
    if case.family == "gate" or case.clearances:
        lines = "<br>".join(
            escape(f"{terminal_time(c.status_time)}  {status_word(c.status)}  "
                   f"{c.declaration_no or ''}")
            for c in case.clearances) or escape(Q.translate("AlertEvidence",
                                                            "no clearance at all"))
        rows.append(_row(Q.translate("AlertEvidence", "Clearance history"), lines))
    if case.picture is None or case.ocr_image_url or case.ocr_camera:
        rows.append(_camera_row(case))
    return "<table cellspacing='4'>" + "".join(rows) + "</table>"
