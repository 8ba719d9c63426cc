"""Thresholds and severities are defaults an installer can change; typos are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.rules.catalogue import DEFAULT_SEVERITY, RULE_IDS
from console.rules.config import RuleConfig
from tests.unit.test_rules_world import World


def test_the_catalogue_is_the_fifteen_rules_of_the_spec_and_those_of_docs_rules() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    spec = docs / "supervision-rules.md"  # the agreement, copied into the repository
    added = docs / "rules.md"
    text = spec.read_text(encoding="utf-8") + added.read_text(encoding="utf-8")
    # 15 rules of the spec, and CUSTOMS_STATUS_DISAGREES, MOVE_AFTER_DEPARTURE and
    # DOOR_OPENED_WITHOUT_INSPECTION (issue 16) documented in docs/rules.md
    assert len(RULE_IDS) == 18
    for rule, severity in DEFAULT_SEVERITY.items():
        assert f"| `{rule}` | {severity} |" in text


def test_installer_thresholds_change_when_rules_fire(tmp_path: Path) -> None:
    config = RuleConfig.from_mapping({"no_clearance_after_s": 300,
                                      "severities": {"NOT_ON_MANIFEST": "critical"},
                                      "disabled": ["TRANSFER_OVERDUE"]})
    w = World(tmp_path, config=config)
    w.equipment("DISC", craneId="STS03")
    w.later(301).heartbeat()
    (alert,) = w.fired("NOT_ON_MANIFEST")
    assert alert.severity == "critical"
    w.later(3600).heartbeat()
    assert w.fired("TRANSFER_OVERDUE") == []
    w.close()


@pytest.mark.parametrize("bad", [
    {"no_clearance_after": 300},
    {"severities": {"NOT_ON_MANIFEST": "urgent"}},
    {"severities": {"NOT_A_RULE": "low"}},
    {"disabled": ["FEED_STAL"]},
])
def test_unknown_settings_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        RuleConfig.from_mapping(bad)


def test_default_tares_follow_the_iso_length_code() -> None:
    c = RuleConfig()
    assert (c.tare_for("22G1"), c.tare_for("45G1"), c.tare_for("L5G1"), c.tare_for(None)) == (
        2200, 3800, 4800, None)
