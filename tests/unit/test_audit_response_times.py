"""Time to acknowledge and to resolve, from audit entries: the supervisors' 3-minute figure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.alerts.model import Alert, AlertChange
from console.audit.response_times import (
    AlertMilestone,
    milestones_from_audit,
    milestones_from_changes,
    response_times,
    summarize,
)
from console.store.office.audit_trail import AuditTrail
from console.store.schema import connect

T0 = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_from_the_audit_trail(tmp_path: Path) -> None:
    clock = iter([at(0), at(5), at(40), at(100), at(170), at(400), at(500)])
    trail = AuditTrail(connect(tmp_path / "c.db"), now=lambda: next(clock))
    trail.append("system", "WS-07", "alert.raise", "a1", {"raised_at": at(-2).isoformat()})
    trail.append("system", "WS-07", "alert.raise", "a2", {})
    trail.append("A123", "WS-07", "alert.acknowledge", "a1", {})
    trail.append("A123", "WS-07", "alert.comment", "a1", {"text": "checking the seal"})
    trail.append("A123", "WS-07", "alert.resolve", "a1", {"resolution": "false_alarm"})
    trail.append("A124", "WS-08", "alert.resolve", "a2", {"resolution": "corrected"})
    trail.append("S001", "WS-01", "alert.reopen", "a1", {})
    by_id = {r.alert_id: r for r in response_times(milestones_from_audit(trail.entries()))}
    a1, a2 = by_id["a1"], by_id["a2"]
    assert (a1.time_to_ack_s, a1.time_to_resolve_s, a1.reopened) == (42.0, 172.0, True)
    assert a1.resolved_within(180)
    # acknowledged and resolved in one step, after 395 s: outside the 3 minutes
    assert (a2.time_to_ack_s, a2.time_to_resolve_s) == (395.0, 395.0)
    assert not a2.resolved_within()


def test_summary_counts_the_target_and_names_the_oldest_open_alert() -> None:
    ms = [AlertMilestone(f"a{i}", at(i * 10), "raised") for i in range(12)]
    ms += [AlertMilestone(f"a{i}", at(i * 10 + 30 * (i + 1)), "resolved") for i in range(10)]
    ms.append(AlertMilestone("a11", at(200), "acknowledged"))
    summary = summarize(response_times(ms))
    assert (summary.alerts, summary.resolved) == (12, 10)
    assert summary.resolved_within_target == 6  # 30, 60, … 180 s
    assert summary.median_resolve_s == 165.0
    assert summary.p90_resolve_s == 270.0
    assert summary.longest_open is not None and summary.longest_open.alert_id == "a10"
    assert summarize([]).median_ack_s is None


def test_changes_for_alerts_never_raised_are_left_out() -> None:
    assert response_times([AlertMilestone("ghost", at(1), "acknowledged")]) == []


@given(st.lists(st.tuples(st.sampled_from(["raised", "acknowledged", "resolved", "reopened"]),
                          st.floats(0, 3600)), max_size=20))
def test_times_are_never_negative_and_ack_never_after_resolve(
    changes: list[tuple[str, float]],
) -> None:
    ms = [AlertMilestone("a", at(s), kind) for kind, s in changes]  # type: ignore[arg-type]
    for r in response_times(ms):
        if r.time_to_resolve_s is not None:
            assert r.time_to_ack_s is not None
            assert r.time_to_ack_s <= r.time_to_resolve_s
        assert r.time_to_ack_s is None or r.time_to_ack_s >= 0


@pytest.mark.parametrize("target", [60.0, 180.0])
def test_the_target_is_a_parameter(target: float) -> None:
    ms = [AlertMilestone("a", at(0), "raised"), AlertMilestone("a", at(120), "resolved")]
    assert summarize(response_times(ms), target_s=target).resolved_within_target == (
        1 if target >= 120 else 0)


def test_from_the_alerts_own_change_records() -> None:
    alert = Alert(alert_id="al-1", rule="SEAL_MISMATCH", severity="high",
                  subject="EGHU9012346", cause="c", feed="KHH-T7", event_id=None,
                  raised_at=at(-600).isoformat())  # feed time: its clock runs 10 min behind
    changes = [AlertChange(alert=alert, action=action, who=who, station="WS-07", why=None,
                           at=at(s).isoformat())
               for action, who, s in [("raise", "system", 0), ("comment", "A123", 20),
                                      ("acknowledge", "A123", 30), ("resolve", "A123", 150)]]
    [r] = response_times(milestones_from_changes(changes))
    assert (r.alert_id, r.time_to_ack_s, r.time_to_resolve_s) == ("al-1", 30.0, 150.0)
