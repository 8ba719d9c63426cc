"""The inspector's pages as HTML: a container's dossier, an alert's evidence.

Plain functions of the display state, so they can be tested without a widget.
All words go through `QCoreApplication.translate` (context `Inspector`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.model import EquipmentEvent, Position
from console.protocol.iso6346 import is_valid, repair_candidates
from ui import severity as sev
from ui.alerts.model import state_word
from ui.alerts.row import AlertRow
from ui.inspector.dossier import Dossiers
from ui.yard.cellcolours import STATUS_CODE
from ui.yard.legend import status_word
from ui.yard.picture import YardPicture

STYLE = ("<style>h2{margin:2px 0}h3{margin:10px 0 2px 0;color:#9fb4cc}"
         "td,th{padding:1px 8px 1px 0;text-align:left;vertical-align:top}"
         ".bad{color:#ff6a5a;font-weight:bold}.ok{color:#7fd39a}.dim{color:#8a95a3}</style>")


def _t(text: str) -> str:
    return QCoreApplication.translate("Inspector", text)


def _pos(p: Position | None) -> str:
    if p is None:
        return "—"
    if p.kind == "slot":
        return f"{p.block} / {p.bay} / {p.row} / {p.tier}"
    if p.kind == "vehicle":
        return f"{_t('vehicle')} {p.vehicle_id}"
    if p.kind == "lane":
        return f"{_t('lane')} {p.lane_id}"
    return f"{_t('berth')} {p.berth or ''} {p.crane_id or ''}".strip()


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def container_html(ref: str, picture: YardPicture, dossiers: Dossiers) -> str:
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
        parts.append(f"<p class='bad'>{_t('Not a valid ISO 6346 number.')} "
                     f"{_t('Possible readings:')} {escape(cands)}</p>")
    laden = "—" if empty is None else (_t("empty") if empty else _t("laden"))
    parts.append(_table([], [
        [_t("Customs status"), f"<span class='{cls}'>{escape(word)}</span>"],
        [_t("Laden / empty"), escape(laden)],
        [_t("Size-type"), escape(picture.iso.get(ref, "—"))],
        [_t("Slot (block/bay/row/tier)"), escape(place)],
    ]))
    equipment = dossiers.equipment(ref)
    clearances = dossiers.clearances(ref)
    parts.append(f"<h3>{_t('Clearance history')}</h3>")
    parts.append(_table([_t("Time"), _t("Status"), _t("Declaration"), _t("Customs seals")], [
        [escape(c.status_time or ev.time), escape(c.status), escape(c.declaration_no or "—"),
         escape(", ".join(c.customs_seals) or "—")] for ev, c in clearances
    ]) if clearances else f"<p class='dim'>{_t('No clearance message: not on any manifest.')}</p>")
    parts.append(f"<h3>{_t('Seals by source')}</h3>")
    seals: dict[str, set[str]] = {}
    for e in equipment:
        for s in e.seals:
            seals.setdefault(s.source or "?", set()).add(s.number)
    for _, c in clearances:
        seals.setdefault("CUS (" + _t("declared") + ")", set()).update(c.customs_seals)
    seal_rows = [[escape(k), escape(", ".join(sorted(v)))] for k, v in sorted(seals.items())]
    parts.append(_table([_t("Source"), _t("Seal numbers")], seal_rows)
                 if seals else "<p class='dim'>—</p>")
    parts.append(f"<h3>{_t('Weights')}</h3>")
    weights = [[escape(e.event_time), escape(e.event_type), _kg(e.gross_weight_kg),
                _kg(e.tare_weight_kg)] for e in equipment
               if e.gross_weight_kg is not None or e.tare_weight_kg is not None]
    parts.append(_table([_t("Time"), _t("Event"), _t("Gross"), _t("Tare")], weights)
                 if weights else "<p class='dim'>—</p>")
    parts.append(f"<h3>{_t('OCR readings')}</h3>")
    ocr_rows = [_ocr_row(e) for e in equipment if e.ocr is not None]
    parts.append(_table([_t("Time"), _t("Recorded"), _t("OCR read"), _t("Confidence")], ocr_rows)
                 if ocr_rows else "<p class='dim'>—</p>")
    parts.append(f"<h3>{_t('Event timeline')}</h3>")
    parts.append(_table([_t("Time"), _t("Event"), _t("Where"), _t("Vehicle / lane")], [
        [escape(e.event_time), escape(e.event_type + ("" if e.classifier == "ACT"
                                                      else f" ({e.classifier})")),
         escape(_pos(e.position)), escape(e.vehicle_id or e.lane_id or e.crane_id or "")]
        for e in reversed(equipment)
    ]) if equipment else f"<p class='dim'>{_t('No events seen in this session.')}</p>")
    return "".join(parts)


def _kg(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f} kg"


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
    parts = [STYLE, f"<h2>{sev.GLYPH.get(row.severity, '')} {escape(sev.label(row.severity))}"
             f" · {escape(row.rule)}</h2>"]
    parts.append(_table([], [
        [_t("Subject"), escape(row.subject)],
        [_t("State"), escape(state_word(row.state)) + (f" · {_t('cleared')}" if row.cleared
                                                       else "")],
        [_t("Raised at (feed time)"), escape(row.raised_at)],
        [_t("Feed"), escape(row.feed)],
        [_t("Event"), escape(row.event_id or "—")],
        [_t("Repeats"), str(row.repeats)],
    ]))
    parts.append(f"<h3>{_t('Evidence')}</h3>")
    if row.detail:
        parts.append(_table([], [[escape(str(k)), escape(_fmt(v))]
                                 for k, v in sorted(row.detail.items())]))
    ev = dossiers.event(row.event_id)
    if ev is not None:
        body: Any = ev.body
        fields = body.to_dict() if hasattr(body, "to_dict") else {}
        parts.append(f"<p class='dim'>{_t('The event that raised it')}: {escape(ev.id)} "
                     f"(seq {ev.seq}, {escape(ev.time)})</p>")
        parts.append(_table([], [[escape(k), escape(_fmt(v))] for k, v in fields.items()]))
    elif not row.detail:
        parts.append(f"<p class='dim'>{_t('The raising event is not in this session.')}</p>")
    parts.append(f"<h3>{_t('History')}</h3>")
    parts.append(_table([_t("When"), _t("Action"), _t("Who"), _t("Why")], [
        [escape(str(h.get("changed_at", ""))), escape(str(h.get("action", ""))),
         escape(str(h.get("who", ""))), escape(str(h.get("why") or ""))]
        for h in row.history
    ]))
    return "".join(parts)


def _fmt(v: Any) -> str:
    if isinstance(v, list | tuple):
        return ", ".join(_fmt(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}={_fmt(x)}" for k, x in v.items())
    return str(v)


def vehicle_html(vehicle_id: str, picture: YardPicture) -> str:
    v = picture.vehicles.get(vehicle_id)
    if v is None:
        return STYLE + f"<h2>{escape(vehicle_id)}</h2><p class='dim'>{_t('No position yet.')}</p>"
    return STYLE + f"<h2>{escape(vehicle_id)}</h2>" + _table([], [
        [_t("Type"), escape(v.vehicle_type or "—")],
        [_t("Position (m)"), f"{v.x:.1f}, {v.y:.1f}"],
        [_t("Speed"), f"{v.speed:.1f} m/s"],
        [_t("Heading"), f"{v.heading:.0f}°"],
        [_t("Carrying"), escape(v.carrying or _t("nothing"))],
    ])
