"""Rule thresholds: the defaults of docs/supervision-rules.md, changeable by an installer."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from console.rules.catalogue import DEFAULT_SEVERITY, RULE_IDS, SEVERITIES


def _default_tares() -> dict[str, float]:
    return {"20": 2200.0, "40": 3800.0, "45": 4800.0}


@dataclass(frozen=True)
class RuleConfig:
    """Every threshold a rule uses.  Times in seconds, weights in kg, speeds in m/s.

    `severities` overrides default severities per rule id; `disabled` lists
    rules that raise nothing.  `from_mapping` reads an installer's
    configuration section and refuses unknown keys or rule ids, so a typo
    cannot silently leave a default in force.
    """

    no_clearance_after_s: float = 600.0
    transfer_overdue_after_s: float = 1800.0
    stop_after_s: float = 60.0
    stop_speed_mps: float = 0.3
    disconnected_after_s: float = 15.0
    ocr_min_confidence: float = 0.80
    empty_excess_kg: float = 1000.0
    laden_margin_kg: float = 300.0
    default_tare_kg: Mapping[str, float] = field(default_factory=_default_tares)
    stop_allowed_zone_kinds: frozenset[str] = frozenset(
        {"transfer", "gate", "inspection", "quay"}
    )
    severities: Mapping[str, str] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()

    def severity(self, rule: str) -> str:
        return self.severities.get(rule, DEFAULT_SEVERITY[rule])

    def enabled(self, rule: str) -> bool:
        return rule not in self.disabled

    def tare_for(self, iso_code: str | None) -> float | None:
        """Default tare by ISO 6346 length code: `2` 20 ft, `4` 40 ft, `L` 45 ft."""
        if not iso_code:
            return None
        length = {"2": "20", "4": "40", "L": "45"}.get(iso_code[0].upper())
        return self.default_tare_kg.get(length) if length else None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown rule settings: {', '.join(sorted(unknown))}")
        values = dict(data)
        for key in ("stop_allowed_zone_kinds", "disabled"):
            if key in values:
                values[key] = frozenset(values[key])
        for rule, sev in dict(values.get("severities", {})).items():
            if rule not in RULE_IDS or sev not in SEVERITIES:
                raise ValueError(f"bad severity setting {rule}={sev}")
        for rule in values.get("disabled", ()):
            if rule not in RULE_IDS:
                raise ValueError(f"unknown rule {rule}")
        return cls(**values)
