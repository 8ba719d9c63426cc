"""KPIs and the replayed alert states on a small case computed by hand.

Fourteen alerts, stored through the real `SqliteAlertStore`, between 08:00
and 10:00 (UTC+08:00): one handled in time, one acknowledged and resolved
late, one never acknowledged, and a flood of eleven device alerts in one
10-minute window, each resolved 100 s after it was raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from console.alerts.model import Alert, AlertChange
from console.history.alert_timeline import AlertTimeline
from console.history.kpis import ShiftPlan, compute_kpis
from console.store.history import SqliteHistoryStore, open_history
from console.store.office.alert_rows import SqliteAlertStore

TZ = timezone(timedelta(hours=8))
DAY = datetime(2026, 11, 28, tzinfo=TZ)


def at(h: int, m: int, s: float = 0) -> datetime:
    return DAY + timedelta(hours=h, minutes=m, seconds=s)


def _alert(aid: str, rule: str, sev: str, raised: datetime) -> Alert:
    return Alert(aid, rule, sev, f"BOX{aid}", "cause", "KHH-T7", f"ev-{aid}",
                 raised.isoformat(), group_id=aid)


def _life(alert: Alert, raised: datetime, steps: list[tuple[float, str, str, str]]
          ) -> list[AlertChange]:
    """The raise (console time = feed time + 2 s) and then (delay s, action, who, state)."""
    t0 = raised.astimezone(UTC) + timedelta(seconds=2)
    out = [AlertChange(alert, "raise", "system", None, None, t0.isoformat())]
    for delay, action, who, state in steps:
        a = replace(alert, state=state)
        out.append(AlertChange(a, action, who, "WS-03", f"{action} note",
                               (t0 + timedelta(seconds=delay)).isoformat()))
    return out


@pytest.fixture
def db(tmp_path: Path) -> Iterator[SqliteHistoryStore]:
    path = tmp_path / "alerts.db"
    store = SqliteAlertStore(path)
    changes: list[AlertChange] = []
    a1 = _alert("A1", "SEAL_MISMATCH", "high", at(8, 5))
    changes += _life(a1, at(8, 5), [(60, "acknowledge", "chen.li", "acknowledged"),
                                    (150, "resolve", "chen.li", "resolved")])
    a2 = _alert("A2", "GATE_OUT_WITHOUT_RELEASE", "critical", at(8, 20))
    changes += _life(a2, at(8, 20), [(200, "acknowledge", "wang.mei", "acknowledged"),
                                     (400, "resolve", "wang.mei", "resolved")])
    a3 = _alert("A3", "OCR_LOW_CONFIDENCE", "low", at(9, 10))
    changes += _life(a3, at(9, 10), [(30, "comment", "chen.li", "unacknowledged")])
    for i in range(11):
        raised = at(9, 30, 20 * i)
        a = _alert(f"D{i:02d}", "DEVICE_DOWN", "medium", raised)
        changes += _life(a, raised, [(100, "resolve", "lin.hao", "resolved")])
    store.record(changes)
    store.close()
    store = open_history(path)
    store.prepare()
    yield store
    store.close()


def test_counts_per_rule_hour_and_severity(db: SqliteHistoryStore) -> None:
    k = compute_kpis(db, at(8, 0).timestamp(), at(10, 0).timestamp())
    assert len(k.alerts) == 14
    assert k.by_rule == {"SEAL_MISMATCH": 1, "GATE_OUT_WITHOUT_RELEASE": 1,
                         "OCR_LOW_CONFIDENCE": 1, "DEVICE_DOWN": 11}
    eight, nine = at(8, 0).timestamp(), at(9, 0).timestamp()
    assert k.hourly == {
        (eight, "SEAL_MISMATCH", "high"): 1, (eight, "GATE_OUT_WITHOUT_RELEASE", "critical"): 1,
        (nine, "OCR_LOW_CONFIDENCE", "low"): 1, (nine, "DEVICE_DOWN", "medium"): 11,
    }
    assert k.by_severity == {"high": 1, "critical": 1, "low": 1, "medium": 11}


def test_response_times_against_the_three_minute_target(db: SqliteHistoryStore) -> None:
    k = compute_kpis(db, at(8, 0).timestamp(), at(10, 0).timestamp())
    assert sorted(k.ack_times_s) == [60.0] + [100.0] * 11 + [200.0]
    assert sorted(k.resolve_times_s) == [100.0] * 11 + [150.0, 400.0]
    assert k.acked_within_target == 12
    assert k.share_acked_within_target == pytest.approx(12 / 14)
    assert k.summary.resolved_within_target == 12
    assert k.share_resolved_within_target == pytest.approx(12 / 14)
    assert k.summary.median_ack_s == 100.0
    assert k.summary.median_resolve_s == 100.0
    assert sorted(a.alert_id for a in k.overdue) == ["A2", "A3"]


def test_officer_and_shift_workload(db: SqliteHistoryStore) -> None:
    k = compute_kpis(db, at(8, 0).timestamp(), at(10, 0).timestamp())
    loads = {o.who: (o.acknowledged, o.resolved, o.commented, o.other) for o in k.officers}
    assert loads == {"lin.hao": (0, 11, 0, 0), "chen.li": (1, 1, 1, 0),
                     "wang.mei": (1, 1, 0, 0)}
    assert k.officers[0].who == "lin.hao"
    assert [(s.shift, s.raised, s.actions, s.officers) for s in k.shifts] == [
        ("2026-11-28 07:00", 14, 16, 3)]


def test_shift_plan_names_the_night_shift_by_its_start_the_day_before() -> None:
    plan = ShiftPlan()
    assert plan.shift_of(at(2, 0).timestamp()) == "2026-11-27 23:00"
    assert plan.shift_of(at(23, 30).timestamp()) == "2026-11-28 23:00"
    assert plan.shift_of(at(15, 0).timestamp()) == "2026-11-28 15:00"


def test_alarm_rate_per_ten_minutes_and_the_flood(db: SqliteHistoryStore) -> None:
    k = compute_kpis(db, at(8, 0).timestamp(), at(10, 0).timestamp())
    assert len(k.rate_10min) == 12
    counts = {datetime.fromtimestamp(t, TZ).strftime("%H:%M"): c for t, c in k.rate_10min}
    assert counts["08:00"] == 1 and counts["08:20"] == 1 and counts["09:10"] == 1
    assert counts["09:30"] == 11
    assert [datetime.fromtimestamp(t, TZ).strftime("%H:%M") for t, _ in k.flood_windows] == [
        "09:30"]


def test_a_range_holding_no_alert_has_no_shares(db: SqliteHistoryStore) -> None:
    k = compute_kpis(db, at(12, 0).timestamp(), at(13, 0).timestamp())
    assert k.alerts == [] and k.share_resolved_within_target is None and k.flood_windows == []


def test_open_alerts_at_a_moment_follow_the_feed_clock(db: SqliteHistoryStore) -> None:
    timeline = AlertTimeline(db)

    def open_at(moment: datetime) -> dict[str, str]:
        return {a.alert_id: a.state for a in timeline.open_at(int(moment.timestamp() * 1e6))}

    assert open_at(at(8, 4)) == {}
    assert open_at(at(8, 6)) == {"A1": "acknowledged"}
    assert open_at(at(8, 21)) == {"A2": "unacknowledged"}
    assert open_at(at(8, 24)) == {"A2": "acknowledged"}
    assert open_at(at(8, 30)) == {}
    assert open_at(at(9, 31, 10)) == {"A3": "unacknowledged", "D00": "unacknowledged",
                                      "D01": "unacknowledged", "D02": "unacknowledged",
                                      "D03": "unacknowledged"}
    assert open_at(at(9, 50)) == {"A3": "unacknowledged"}
