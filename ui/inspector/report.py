"""The inspector's pages as HTML: a container's dossier, an alert's evidence, a vehicle.

Plain functions of the display state, so they can be tested without a widget.
Every word goes through `QCoreApplication.translate` (context `Inspector`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.model import EquipmentEvent, Position
from console.protocol.iso6346 import is_valid, repair_candidates
from console.timefmt import terminal_time
from console.yard.vessel_calls import VesselCall, VesselCalls
from ui import severity as sev
from ui.alerts.model import state_word
from ui.alerts.row import AlertRow
from ui.alerts.rules import rule_title
from ui.inspector.dossier import Dossiers
from ui.value_words import action_word, code_word, field_word, value_words
from ui.yard.berths import call_state
from ui.yard.cellcolours import STATUS_CODE
from ui.yard.legend import status_word
from ui.yard.picture import YardPicture

translate = QCoreApplication.translate
STYLE = ("<style>h2{margin:2px 0}h3{margin:10px 0 2px 0;color:#9fb4cc}"
         "td,th{padding:1px 8px 1px 0;text-align:left;vertical-align:top}"
         ".bad{color:#ff6a5a;font-weight:bold}.ok{color:#7fd39a}.dim{color:#8a95a3}</style>")
NONE = "<p class='dim'>—</p>"


def _h3(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _dim(text: str) -> str:
    return f"<p class='dim'>{escape(text)}</p>"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _pos(p: Position | None) -> str:
    if p is None:
        return "—"
    if p.kind == "slot":
        return f"{p.block} / {p.bay} / {p.row} / {p.tier}"
    if p.kind == "vehicle":
        return translate("Inspector", "vehicle") + f" {p.vehicle_id}"
    if p.kind == "lane":
        return translate("Inspector", "lane") + f" {p.lane_id}"
    return (translate("Inspector", "berth") + f" {p.berth or ''} {p.crane_id or ''}").strip()


def _kg(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f} kg"


def container_html(ref: str, picture: YardPicture, dossiers: Dossiers,
                   vessels: VesselCalls | None = None) -> str:
    status = picture.status.get(ref)
    word = status_word(STATUS_CODE.get(status, STATUS_CODE[None]))
    cls = "ok" if status == "released" else "bad" if status in (None, "hold", "inspect") else ""
    empty = picture.empty.get(ref)
    where = picture.where.get(ref)
    place = "—"
    if where is not None:
        b = picture.rasters[where[0]].block
        place = f"{b.id} / {where[1]} / {where[2]} / {where[3]}"
    parts = [STYLE, f"<h2>{escape(ref)}</h2>"]
    if not is_valid(ref):
        cands = ", ".join(repair_candidates(ref)) or "—"
        invalid = translate("Inspector", "Not a valid ISO 6346 number.")
        readings = translate("Inspector", "Possible readings:")
        parts.append(f"<p class='bad'>{escape(invalid)} {escape(readings)} {escape(cands)}</p>")
    if empty is None:
        laden = "—"
    else:
        laden = translate("Inspector", "empty") if empty else translate("Inspector", "laden")
    parts.append(_table([], [
        [escape(translate("Inspector", "Customs status")),
         f"<span class='{cls}'>{escape(word)}</span>"],
        [escape(translate("Inspector", "Laden / empty")), escape(laden)],
        [escape(translate("Inspector", "Size-type")), escape(picture.iso.get(ref, "—"))],
        [escape(translate("Inspector", "Slot (block/bay/row/tier)")), escape(place)],
    ]))
    equipment = dossiers.equipment(ref)
    clearances = dossiers.clearances(ref)
    time_h, event_h = translate("Inspector", "Time"), translate("Inspector", "Event")

    parts.append(_h3(translate("Inspector", "Clearance history")))
    if clearances:
        headers = [time_h, translate("Inspector", "Status"), translate("Inspector", "Declaration"),
                   translate("Inspector", "Customs seals")]
        parts.append(_table(headers, [
            [escape(c.status_time or ev.time), escape(c.status), escape(c.declaration_no or "—"),
             escape(", ".join(c.customs_seals) or "—")] for ev, c in clearances]))
    elif status is not None:
        parts.append(_dim(translate("Inspector", "From the last snapshot; no change seen since.")))
    else:
        parts.append(_dim(translate("Inspector", "No clearance message: not on any manifest.")))

    parts.append(_h3(translate("Inspector", "Vessel call")))
    ship = next(((e.vessel_imo or e.vessel_name) for e in reversed(equipment)
                 if e.event_type in ("DISC", "LOAD") and (e.vessel_imo or e.vessel_name)), None)
    call = vessels.calls.get(ship) if vessels is not None and ship is not None else None
    if call is not None:
        parts.append(_calls_table([call]))
    elif ship is not None:
        parts.append(_dim(translate("Inspector", "Vessel %1: no arrival or departure reported.")
                          .replace("%1", ship)))
    else:
        parts.append(NONE)

    parts.append(_h3(translate("Inspector", "Seals by source")))
    seals: dict[str, set[str]] = {}
    for e in equipment:
        for s in e.seals:
            seals.setdefault(s.source or "?", set()).add(s.number)
    declared = "CUS (" + translate("Inspector", "declared") + ")"
    for _, c in clearances:
        seals.setdefault(declared, set()).update(c.customs_seals)
    seal_rows = [[escape(k), escape(", ".join(sorted(v)))] for k, v in sorted(seals.items())]
    headers = [translate("Inspector", "Source"), translate("Inspector", "Seal numbers")]
    parts.append(_table(headers, seal_rows) if seals else NONE)

    parts.append(_h3(translate("Inspector", "Weights")))
    weights = [[escape(e.event_time), escape(e.event_type), _kg(e.gross_weight_kg),
                _kg(e.tare_weight_kg)] for e in equipment
               if e.gross_weight_kg is not None or e.tare_weight_kg is not None]
    headers = [time_h, event_h, translate("Inspector", "Gross"), translate("Inspector", "Tare")]
    parts.append(_table(headers, weights) if weights else NONE)

    parts.append(_h3(translate("Inspector", "OCR readings")))
    ocr_rows = [_ocr_row(e) for e in equipment if e.ocr is not None]
    headers = [time_h, translate("Inspector", "Recorded"), translate("Inspector", "OCR read"),
               translate("Inspector", "Confidence")]
    parts.append(_table(headers, ocr_rows) if ocr_rows else NONE)

    parts.append(_h3(translate("Inspector", "Event timeline")))
    if equipment:
        headers = [time_h, event_h, translate("Inspector", "Where"),
                   translate("Inspector", "Vehicle / lane")]
        parts.append(_table(headers, [
            [escape(e.event_time),
             escape(e.event_type + ("" if e.classifier == "ACT" else f" ({e.classifier})")),
             escape(_pos(e.position)), escape(e.vehicle_id or e.lane_id or e.crane_id or "")]
            for e in reversed(equipment)]))
    else:
        parts.append(_dim(translate("Inspector", "No events seen in this session.")))
    return "".join(parts)


def _calls_table(calls: list[VesselCall]) -> str:
    headers = [translate("Inspector", "Vessel"), translate("Inspector", "IMO"),
               translate("Inspector", "Voyage"), translate("Inspector", "State"),
               translate("Inspector", "Discharged / loaded")]
    rows = []
    for c in calls:
        cls = "ok" if c.state == "arrived" else "dim"
        rows.append([escape(c.vessel_name or "—"), escape(c.vessel), escape(c.voyage or "—"),
                     f"<span class='{cls}'>{escape(call_state(c))}</span> "
                     f"<span class='dim'>{escape(c.time)}</span>",
                     f"{c.discharged} / {c.loaded}"])
    return _table(headers, rows)


def berth_html(berth: str, vessels: VesselCalls) -> str:
    """A berth: the vessel alongside and the calls that sailed from it, from DCSA transport
    events (the berth itself is learnt from the terminal's moves)."""
    title = translate("Inspector", "Berth %1").replace("%1", berth)
    parts = [STYLE, f"<h2>{escape(title)}</h2>"]
    calls = vessels.at_berth(berth)
    if calls:
        parts.append(_calls_table(calls))
    else:
        parts.append(_dim(translate("Inspector", "No vessel call reported at this berth.")))
    parts.append(_dim(translate(
        "Inspector", "From the terminal's DCSA transport events (ARRI, DEPA) and its moves.")))
    return "".join(parts)


def _ocr_row(e: EquipmentEvent) -> list[str]:
    assert e.ocr is not None
    read = e.ocr.equipment_reference or "—"
    cls = "bad" if read not in ("—", e.equipment_reference) else ""
    conf = "—" if e.ocr.confidence is None else f"{e.ocr.confidence:.2f}"
    conf_cls = "bad" if e.ocr.confidence is not None and e.ocr.confidence < 0.8 else ""
    return [escape(e.event_time), escape(e.equipment_reference),
            f"<span class='{cls}'>{escape(read)}</span>",
            f"<span class='{conf_cls}'>{conf}</span>"]


def alert_html(row: AlertRow, dossiers: Dossiers) -> str:
    """An alert's page: its codes in words (`ui.value_words`), its times in the terminal's zone."""
    glyph = sev.GLYPH.get(row.severity, "")
    parts = [STYLE, f"<h2>{glyph} {escape(sev.label(row.severity))} · "
                    f"{escape(rule_title(row.rule))}</h2>",
             f"<p class='dim'>{escape(row.rule)}</p>"]
    state = state_word(row.state)
    if row.cleared:
        state += " · " + translate("Inspector", "cleared")
    parts.append(_table([], [
        [escape(translate("Inspector", "Subject")), escape(row.subject)],
        [escape(translate("Inspector", "State")), escape(state)],
        [escape(translate("Inspector", "Raised at (feed time)")),
         escape(terminal_time(row.raised_at))],
        [escape(translate("Inspector", "Feed")), escape(row.feed)],
        [escape(translate("Inspector", "Event")), escape(row.event_id or "—")],
        [escape(translate("Inspector", "Repeats")), str(row.repeats)],
    ]))
    parts.append(_h3(translate("Inspector", "Evidence")))
    if row.detail:
        parts.append(_table([], [[escape(field_word(str(k))), escape(value_words(v))]
                                 for k, v in sorted(row.detail.items())]))
    ev = dossiers.event(row.event_id, row.subject)
    if ev is not None:
        body: Any = ev.body
        fields = body.to_dict() if hasattr(body, "to_dict") else {}
        raised_by = translate("Inspector", "The event that raised it")
        number = translate("Inspector", "no. %1").replace("%1", str(ev.seq))
        parts.append(_dim(f"{raised_by}: {ev.id} ({number}, {terminal_time(ev.time)})"))
        parts.append(_table([], [[escape(field_word(k)), escape(_field_value(k, v))]
                                 for k, v in fields.items()]))
    elif not row.detail:
        parts.append(_dim(translate("Inspector", "The raising event is not in this session.")))
    parts.append(_h3(translate("Inspector", "History")))
    headers = [translate("Inspector", "When"), translate("Inspector", "Action"),
               translate("Inspector", "Who"), translate("Inspector", "Why")]
    parts.append(_table(headers, [
        [escape(terminal_time(str(h.get("changed_at", "")))),
         escape(action_word(str(h.get("action", "")))),
         escape(code_word(str(h.get("who", "")))), escape(str(h.get("why") or ""))]
        for h in row.history]))
    if row.history_omitted:
        parts.append(_dim(translate(
            "Inspector", "%1 changes in between are not shown here; the history window has them.")
            .replace("%1", str(row.history_omitted))))
    return "".join(parts)


def _field_value(name: str, v: Any) -> str:
    """An event field's value in words: times in the terminal's zone, codes as words."""
    if isinstance(v, str) and (name.endswith("_time") or name == "time"):
        return terminal_time(v)
    if name == "shape" or name.endswith("_id") or name in ("equipment_reference", "iso_code"):
        return str(v)
    return value_words(v)


def vehicle_html(vehicle_id: str, picture: YardPicture) -> str:
    v = picture.vehicles.get(vehicle_id)
    head = STYLE + f"<h2>{escape(vehicle_id)}</h2>"
    if v is None:
        return head + _dim(translate("Inspector", "No position yet."))
    return head + _table([], [
        [escape(translate("Inspector", "Type")), escape(v.vehicle_type or "—")],
        [escape(translate("Inspector", "Position (m)")), f"{v.x:.1f}, {v.y:.1f}"],
        [escape(translate("Inspector", "Speed")), f"{v.speed:.1f} m/s"],
        [escape(translate("Inspector", "Heading")), f"{v.heading:.0f}°"],
        [escape(translate("Inspector", "Carrying")),
         escape(v.carrying or translate("Inspector", "nothing"))],
    ])


