"""Rule identifiers in words an officer reads at a glance, in both languages.

The queue shows the title and keeps the identifier in the tooltip and the
inspector, because the identifier is what the manuals and the audit use.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def rule_title(rule: str) -> str:
    titles = {
        "GATE_OUT_WITHOUT_RELEASE": translate("Rule", "Gate-out without release"),
        "GATE_OUT_UNDER_HOLD": translate("Rule", "Gate-out under hold"),
        "SEAL_MISMATCH": translate("Rule", "Seal mismatch"),
        "CONTAINER_NUMBER_INVALID": translate("Rule", "Invalid container number"),
        "OCR_LOW_CONFIDENCE": translate("Rule", "Low OCR confidence"),
        "NOT_ON_MANIFEST": translate("Rule", "Not on manifest"),
        "EMPTY_WEIGHT_MISMATCH": translate("Rule", "Empty/laden weight mismatch"),
        "UNSCHEDULED_STOP": translate("Rule", "Unscheduled stop"),
        "RESTRICTED_ZONE": translate("Rule", "Restricted zone entered"),
        "TRANSFER_OVERDUE": translate("Rule", "Transfer overdue"),
        "LOCATION_CONFLICT": translate("Rule", "Location conflict"),
        "UNKNOWN_AT_GATE": translate("Rule", "Unknown container at gate"),
        "FENCE_INTRUSION": translate("Rule", "Fence intrusion"),
        "FEED_STALE": translate("Rule", "Feed stale"),
        "DEVICE_DOWN": translate("Rule", "Device down"),
    }
    return titles.get(rule, rule)
