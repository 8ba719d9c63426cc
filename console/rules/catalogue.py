"""The rules of docs/supervision-rules.md and docs/rules.md: id, default severity, subject kind."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    severity: str
    subject: str  # container vehicle fence device feed
    summary: str


RULES: tuple[RuleSpec, ...] = (
    RuleSpec("GATE_OUT_WITHOUT_RELEASE", "critical", "container",
             "a laden container left through the gate without a release"),
    RuleSpec("GATE_OUT_UNDER_HOLD", "critical", "container",
             "a container on hold or selected for inspection left through the gate"),
    RuleSpec("SEAL_MISMATCH", "high", "container",
             "the seals read at the gate or the ship's side miss a customs seal"),
    RuleSpec("CONTAINER_NUMBER_INVALID", "medium", "container",
             "a container number (or its OCR reading) fails ISO 6346"),
    RuleSpec("OCR_LOW_CONFIDENCE", "low", "container",
             "an OCR reading's confidence is below the threshold"),
    RuleSpec("NOT_ON_MANIFEST", "high", "container",
             "a discharged container has no clearance message after the set time"),
    RuleSpec("EMPTY_WEIGHT_MISMATCH", "high", "container",
             "an empty container is too heavy, or a laden one weighs about its tare"),
    RuleSpec("UNSCHEDULED_STOP", "high", "vehicle",
             "a loaded vehicle stands still outside the places where it may stop"),
    RuleSpec("RESTRICTED_ZONE", "high", "vehicle",
             "a vehicle carrying a container entered a restricted zone"),
    RuleSpec("TRANSFER_OVERDUE", "medium", "container",
             "a discharged container was not stored, loaded or gated out in time"),
    RuleSpec("LOCATION_CONFLICT", "medium", "container",
             "two containers in one slot, or one container in two places"),
    RuleSpec("UNKNOWN_AT_GATE", "medium", "container",
             "a container the console never saw in the yard left through the gate"),
    RuleSpec("CUSTOMS_STATUS_DISAGREES", "high", "container",
             "the terminal reports a customs status (released, selected for scan or "
             "inspection) that our clearance decision does not"),
    RuleSpec("MOVE_AFTER_DEPARTURE", "high", "container",
             "a container was loaded onto, or discharged from, a vessel that had departed"),
    RuleSpec("DOOR_OPENED_WITHOUT_INSPECTION", "high", "container",
             "an e-seal or device reports a container's door opened in the terminal without "
             "an inspection order"),
    RuleSpec("FENCE_INTRUSION", "critical", "fence", "a fence segment reports an alarm"),
    RuleSpec("FEED_STALE", "high", "feed", "a feed is silent or disconnected"),
    RuleSpec("DEVICE_DOWN", "medium", "device", "a device is down (low when degraded)"),
)

RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)
DEFAULT_SEVERITY: dict[str, str] = {r.id: r.severity for r in RULES}
SEVERITIES = ("critical", "high", "medium", "low")
