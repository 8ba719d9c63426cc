"""Stored codes in the officer's words: field names, actions, kinds, event codes, yes/no.

The console keeps facts as codes (`acknowledge`, `false_alarm`, `GTIN`,
`equipment_reference`, 0/1); every place that shows one to an officer (the
inspector's evidence, the history window's tables) says it through these
functions, translated in the catalogue (contexts `Field` and `Value`).  In
English the words are close to the codes (`raise`, `gate-in`), so what an
officer searches for stays recognisable.  A code no table knows is shown as
written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from console.timefmt import terminal_time
from ui import severity as sev
from ui.alerts.model import state_word
from ui.alerts.rules import rule_title
from ui.i18n import QT_TRANSLATE_NOOP


def _field(text: str) -> str:
    return QCoreApplication.translate("Field", text)


def _value(text: str) -> str:
    return QCoreApplication.translate("Value", text)


# Field names (event bodies, alert details, history columns) and their English words.
FIELDS: dict[str, str] = {
    "alert_id": QT_TRANSLATE_NOOP("Field", "alert id"),
    "raised_at": QT_TRANSLATE_NOOP("Field", "raised at"),
    "rule": QT_TRANSLATE_NOOP("Field", "rule"),
    "severity": QT_TRANSLATE_NOOP("Field", "severity"),
    "subject": QT_TRANSLATE_NOOP("Field", "subject"),
    "state": QT_TRANSLATE_NOOP("Field", "state"),
    "cleared": QT_TRANSLATE_NOOP("Field", "cleared"),
    "cause": QT_TRANSLATE_NOOP("Field", "cause"),
    "handled_by": QT_TRANSLATE_NOOP("Field", "handled by"),
    "resolution": QT_TRANSLATE_NOOP("Field", "resolution"),
    "seen_on_camera": QT_TRANSLATE_NOOP("Field", "seen on camera"),
    "at": QT_TRANSLATE_NOOP("Field", "at"),
    "action": QT_TRANSLATE_NOOP("Field", "action"),
    "who": QT_TRANSLATE_NOOP("Field", "who"),
    "station": QT_TRANSLATE_NOOP("Field", "station"),
    "why": QT_TRANSLATE_NOOP("Field", "why"),
    "n": QT_TRANSLATE_NOOP("Field", "no."),
    "time": QT_TRANSLATE_NOOP("Field", "time"),
    "kind": QT_TRANSLATE_NOOP("Field", "kind"),
    "type": QT_TRANSLATE_NOOP("Field", "type"),
    "container": QT_TRANSLATE_NOOP("Field", "container"),
    "vehicle": QT_TRANSLATE_NOOP("Field", "vehicle"),
    "feed": QT_TRANSLATE_NOOP("Field", "feed"),
    "id": QT_TRANSLATE_NOOP("Field", "id"),
    "corrects": QT_TRANSLATE_NOOP("Field", "corrects"),
    "detail": QT_TRANSLATE_NOOP("Field", "detail"),
    "officer": QT_TRANSLATE_NOOP("Field", "officer"),
    "acknowledged": QT_TRANSLATE_NOOP("Field", "acknowledged"),
    "resolved": QT_TRANSLATE_NOOP("Field", "resolved"),
    "comments": QT_TRANSLATE_NOOP("Field", "comments"),
    "other": QT_TRANSLATE_NOOP("Field", "other"),
    "total": QT_TRANSLATE_NOOP("Field", "total"),
    "shift": QT_TRANSLATE_NOOP("Field", "shift (UTC+08:00)"),
    "raised": QT_TRANSLATE_NOOP("Field", "raised"),
    "actions": QT_TRANSLATE_NOOP("Field", "actions"),
    "officers": QT_TRANSLATE_NOOP("Field", "officers"),
    "event_id": QT_TRANSLATE_NOOP("Field", "event id"),
    "classifier": QT_TRANSLATE_NOOP("Field", "classifier"),
    "event_type": QT_TRANSLATE_NOOP("Field", "event type"),
    "event_time": QT_TRANSLATE_NOOP("Field", "event time"),
    "equipment_reference": QT_TRANSLATE_NOOP("Field", "container number"),
    "created_time": QT_TRANSLATE_NOOP("Field", "created"),
    "iso_code": QT_TRANSLATE_NOOP("Field", "size-type"),
    "empty": QT_TRANSLATE_NOOP("Field", "laden / empty"),
    "seals": QT_TRANSLATE_NOOP("Field", "seals"),
    "vessel_imo": QT_TRANSLATE_NOOP("Field", "vessel IMO"),
    "vessel_name": QT_TRANSLATE_NOOP("Field", "vessel"),
    "voyage": QT_TRANSLATE_NOOP("Field", "voyage"),
    "mode_of_transport": QT_TRANSLATE_NOOP("Field", "mode of transport"),
    "location_name": QT_TRANSLATE_NOOP("Field", "location"),
    "un_location_code": QT_TRANSLATE_NOOP("Field", "UN/LOCODE"),
    "facility_code": QT_TRANSLATE_NOOP("Field", "facility"),
    "crane_id": QT_TRANSLATE_NOOP("Field", "crane"),
    "vehicle_id": QT_TRANSLATE_NOOP("Field", "vehicle"),
    "lane_id": QT_TRANSLATE_NOOP("Field", "lane"),
    "truck_plate": QT_TRANSLATE_NOOP("Field", "truck plate"),
    "position": QT_TRANSLATE_NOOP("Field", "position"),
    "gross_weight_kg": QT_TRANSLATE_NOOP("Field", "gross weight (kg)"),
    "tare_weight_kg": QT_TRANSLATE_NOOP("Field", "tare weight (kg)"),
    "ocr": QT_TRANSLATE_NOOP("Field", "OCR"),
    "confidence": QT_TRANSLATE_NOOP("Field", "confidence"),
    "seal_numbers": QT_TRANSLATE_NOOP("Field", "seal numbers"),
    "images": QT_TRANSLATE_NOOP("Field", "pictures"),
    "retracted": QT_TRANSLATE_NOOP("Field", "retracted"),
    "shape": QT_TRANSLATE_NOOP("Field", "message shape"),
    "status": QT_TRANSLATE_NOOP("Field", "status"),
    "status_time": QT_TRANSLATE_NOOP("Field", "status time"),
    "declaration_no": QT_TRANSLATE_NOOP("Field", "declaration"),
    "bill_of_lading": QT_TRANSLATE_NOOP("Field", "bill of lading"),
    "declared_empty": QT_TRANSLATE_NOOP("Field", "declared empty"),
    "customs_seals": QT_TRANSLATE_NOOP("Field", "customs seals"),
    "inspection": QT_TRANSLATE_NOOP("Field", "inspection"),
    "document_references": QT_TRANSLATE_NOOP("Field", "documents"),
    "reason": QT_TRANSLATE_NOOP("Field", "reason"),
    "device_id": QT_TRANSLATE_NOOP("Field", "device"),
    "device_type": QT_TRANSLATE_NOOP("Field", "device type"),
    "segment_id": QT_TRANSLATE_NOOP("Field", "fence segment"),
    "speed": QT_TRANSLATE_NOOP("Field", "speed"),
    "carrying": QT_TRANSLATE_NOOP("Field", "carrying"),
    "vehicle_type": QT_TRANSLATE_NOOP("Field", "vehicle type"),
    "x": QT_TRANSLATE_NOOP("Field", "x"),
    "y": QT_TRANSLATE_NOOP("Field", "y"),
    "heading": QT_TRANSLATE_NOOP("Field", "heading"),
    "zones": QT_TRANSLATE_NOOP("Field", "zones"),
    "stage": QT_TRANSLATE_NOOP("Field", "stage"),
    "our_status": QT_TRANSLATE_NOOP("Field", "our clearance"),
    "terminal_says": QT_TRANSLATE_NOOP("Field", "the terminal says"),
    "terminal_code": QT_TRANSLATE_NOOP("Field", "terminal code"),
    "discharged_at": QT_TRANSLATE_NOOP("Field", "discharged at"),
    "stopped_since": QT_TRANSLATE_NOOP("Field", "stopped since"),
    "where": QT_TRANSLATE_NOOP("Field", "where"),
    "renamed": QT_TRANSLATE_NOOP("Field", "renamed"),
    "clearance": QT_TRANSLATE_NOOP("Field", "clearance"),
    "seals_read": QT_TRANSLATE_NOOP("Field", "seals read"),
    "reading": QT_TRANSLATE_NOOP("Field", "reading"),
    "value": QT_TRANSLATE_NOOP("Field", "value"),
    "number": QT_TRANSLATE_NOOP("Field", "number"),
    "source": QT_TRANSLATE_NOOP("Field", "source"),
    "placement": QT_TRANSLATE_NOOP("Field", "placement"),
    "camera_id": QT_TRANSLATE_NOOP("Field", "camera"),
    "frame_time": QT_TRANSLATE_NOOP("Field", "frame time"),
    "url": QT_TRANSLATE_NOOP("Field", "address"),
    "movement_type": QT_TRANSLATE_NOOP("Field", "movement"),
    "facility_type": QT_TRANSLATE_NOOP("Field", "facility type"),
    "block": QT_TRANSLATE_NOOP("Field", "block"),
    "bay": QT_TRANSLATE_NOOP("Field", "bay"),
    "row": QT_TRANSLATE_NOOP("Field", "row"),
    "tier": QT_TRANSLATE_NOOP("Field", "tier"),
    "berth": QT_TRANSLATE_NOOP("Field", "berth"),
    "equipmentReference": QT_TRANSLATE_NOOP("Field", "container number"),
}

# Codes shown as values, by what they are.
ACTIONS = {
    "raise": QT_TRANSLATE_NOOP("Value", "raise"),
    "repeat": QT_TRANSLATE_NOOP("Value", "repeat"),
    "clear": QT_TRANSLATE_NOOP("Value", "clear"),
    "acknowledge": QT_TRANSLATE_NOOP("Value", "acknowledge"),
    "resolve": QT_TRANSLATE_NOOP("Value", "resolve"),
    "shelve": QT_TRANSLATE_NOOP("Value", "shelve"),
    "unshelve": QT_TRANSLATE_NOOP("Value", "unshelve"),
    "escalate": QT_TRANSLATE_NOOP("Value", "escalate"),
    "comment": QT_TRANSLATE_NOOP("Value", "comment"),
    "reopen": QT_TRANSLATE_NOOP("Value", "reopen"),
}
RESOLUTIONS = {
    "corrected": QT_TRANSLATE_NOOP("Value", "corrected"),
    "confirmed_violation": QT_TRANSLATE_NOOP("Value", "confirmed violation"),
    "false_alarm": QT_TRANSLATE_NOOP("Value", "false alarm"),
    "duplicate": QT_TRANSLATE_NOOP("Value", "duplicate"),
    "cleared": QT_TRANSLATE_NOOP("Value", "cleared"),
}
KINDS = {
    "equipment": QT_TRANSLATE_NOOP("Value", "equipment"),
    "clearance": QT_TRANSLATE_NOOP("Value", "clearance"),
    "position": QT_TRANSLATE_NOOP("Value", "position"),
    "fence": QT_TRANSLATE_NOOP("Value", "fence"),
    "device": QT_TRANSLATE_NOOP("Value", "device"),
    "transport": QT_TRANSLATE_NOOP("Value", "transport"),
    "shipment": QT_TRANSLATE_NOOP("Value", "shipment"),
    "iot": QT_TRANSLATE_NOOP("Value", "IoT"),
    "reefer": QT_TRANSLATE_NOOP("Value", "reefer"),
    "layout": QT_TRANSLATE_NOOP("Value", "layout"),
}
CODES = {
    "GTIN": QT_TRANSLATE_NOOP("Value", "gate-in"),
    "GTOT": QT_TRANSLATE_NOOP("Value", "gate-out"),
    "DISC": QT_TRANSLATE_NOOP("Value", "discharged"),
    "LOAD": QT_TRANSLATE_NOOP("Value", "loaded"),
    "PICK": QT_TRANSLATE_NOOP("Value", "picked"),
    "DROP": QT_TRANSLATE_NOOP("Value", "dropped"),
    "STUF": QT_TRANSLATE_NOOP("Value", "stuffed"),
    "STRP": QT_TRANSLATE_NOOP("Value", "stripped"),
    "INSP": QT_TRANSLATE_NOOP("Value", "inspected"),
    "RSEA": QT_TRANSLATE_NOOP("Value", "resealed"),
    "RMVD": QT_TRANSLATE_NOOP("Value", "seal removed"),
    "ARRI": QT_TRANSLATE_NOOP("Value", "arrived"),
    "DEPA": QT_TRANSLATE_NOOP("Value", "departed"),
    "ACT": QT_TRANSLATE_NOOP("Value", "actual"),
    "PLN": QT_TRANSLATE_NOOP("Value", "planned"),
    "EST": QT_TRANSLATE_NOOP("Value", "estimated"),
    "EMPTY": QT_TRANSLATE_NOOP("Value", "empty"),
    "LADEN": QT_TRANSLATE_NOOP("Value", "laden"),
    "pending": QT_TRANSLATE_NOOP("Value", "pending"),
    "released": QT_TRANSLATE_NOOP("Value", "released"),
    "hold": QT_TRANSLATE_NOOP("Value", "hold"),
    "inspect": QT_TRANSLATE_NOOP("Value", "inspect"),
    "alarm": QT_TRANSLATE_NOOP("Value", "alarm"),
    "up": QT_TRANSLATE_NOOP("Value", "up"),
    "degraded": QT_TRANSLATE_NOOP("Value", "degraded"),
    "down": QT_TRANSLATE_NOOP("Value", "down"),
    "system": QT_TRANSLATE_NOOP("Value", "system"),
    "slot": QT_TRANSLATE_NOOP("Value", "slot"),
    "vehicle": QT_TRANSLATE_NOOP("Value", "vehicle"),
    "lane": QT_TRANSLATE_NOOP("Value", "lane"),
    "camera": QT_TRANSLATE_NOOP("Value", "camera"),
    "CUS": QT_TRANSLATE_NOOP("Value", "customs"),
    "SHI": QT_TRANSLATE_NOOP("Value", "shipper"),
    "CAR": QT_TRANSLATE_NOOP("Value", "carrier"),
    "TER": QT_TRANSLATE_NOOP("Value", "terminal"),
    "VET": QT_TRANSLATE_NOOP("Value", "veterinary"),
    "BLT": QT_TRANSLATE_NOOP("Value", "bolt"),
    "KLP": QT_TRANSLATE_NOOP("Value", "cable"),
    "WIR": QT_TRANSLATE_NOOP("Value", "wire"),
    "DOOR": QT_TRANSLATE_NOOP("Value", "door"),
    "VENT": QT_TRANSLATE_NOOP("Value", "vent"),
    "IMPORT": QT_TRANSLATE_NOOP("Value", "import"),
    "EXPORT": QT_TRANSLATE_NOOP("Value", "export"),
    "TRANSSHIPMENT": QT_TRANSLATE_NOOP("Value", "transshipment"),
    "TRUCK": QT_TRANSLATE_NOOP("Value", "truck"),
    "VESSEL": QT_TRANSLATE_NOOP("Value", "vessel"),
    "RAIL": QT_TRANSLATE_NOOP("Value", "rail"),
    "BARGE": QT_TRANSLATE_NOOP("Value", "barge"),
    "MULTIMODAL": QT_TRANSLATE_NOOP("Value", "multimodal"),
    "equipmentReference": QT_TRANSLATE_NOOP("Value", "container number"),
    "sealNumber": QT_TRANSLATE_NOOP("Value", "seal number"),
}
BOOLEAN_FIELDS = frozenset(
    {"cleared", "retracted", "declared_empty", "seen_on_camera", "transshipment"}
)


def field_word(name: str) -> str:
    """A field's name in words (`equipment_reference` → container number / 櫃號)."""
    english = FIELDS.get(name)
    return _field(english) if english is not None else name.replace("_", " ")


def action_word(action: str) -> str:
    return _value(ACTIONS[action]) if action in ACTIONS else action


def resolution_word(code: str) -> str:
    return _value(RESOLUTIONS[code]) if code in RESOLUTIONS else code


def code_word(code: str) -> str:
    """An event, classifier, status or source code in words; unknown codes as written."""
    return _value(CODES[code]) if code in CODES else code


def yes_no(value: Any) -> str:
    if value in (1, True, "1", "true"):
        return QCoreApplication.translate("Value", "yes")
    if value in (0, False, "0", "false"):
        return QCoreApplication.translate("Value", "no")
    return "" if value is None else str(value)


def value_words(v: Any) -> str:
    """Any stored value, its codes in words (lists joined, dicts as `field: value`)."""
    if isinstance(v, bool):
        return yes_no(v)
    if isinstance(v, list | tuple):
        return QCoreApplication.translate("Value", ", ").join(value_words(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{field_word(str(k))}: {value_words(x)}" for k, x in v.items())
    if isinstance(v, str):
        return code_word(v)
    return str(v)


def cell_words(column: str, value: Any) -> str:
    """A history table's cell in words, by its column (`state`, `action`, `rule`, times…)."""
    if value is None:
        return ""
    text = str(value)
    if column in ("state",):
        return state_word(text)
    if column == "action":
        return action_word(text)
    if column == "rule":
        return rule_title(text)
    if column == "severity":
        return sev.label(text)
    if column == "resolution":
        return resolution_word(text)
    if column == "kind":
        return _value(KINDS[text]) if text in KINDS else text
    if column in ("type", "who"):
        return code_word(text)
    if column in BOOLEAN_FIELDS:
        return yes_no(value)
    if column in ("raised_at", "at", "time"):
        return terminal_time(text)
    return text
