"""Retention thins old telemetry and nothing else."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.history.retention import RetentionPolicy, thin_telemetry
from console.store.history import SqliteHistoryStore
from console.store.schema import connect
from testbed.synthetic_history import generate_store

DAY_US = 86_400 * 1_000_000


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    generate_store(tmp_path / "month.db", 20_000, seed=5)
    c = connect(tmp_path / "month.db")
    yield c
    c.close()


def _counts(c: sqlite3.Connection) -> dict[str, int]:
    out = dict(c.execute("SELECT kind, count(*) FROM events GROUP BY kind").fetchall())
    out["alerts"] = c.execute("SELECT count(*) FROM alerts").fetchone()[0]
    out["changes"] = c.execute("SELECT count(*) FROM alert_changes").fetchone()[0]
    return out


def test_old_position_reports_are_thinned_and_the_evidence_kept(
    conn: sqlite3.Connection,
) -> None:
    last = conn.execute("SELECT max(time_us) FROM events").fetchone()[0]
    cutoff = last - 10 * DAY_US
    evidence = conn.execute(
        "SELECT id FROM events WHERE kind = 'position' AND time_us < ? ORDER BY n DESC LIMIT 1",
        (cutoff - DAY_US,)).fetchone()[0]
    conn.execute("UPDATE alerts SET event_id = ? WHERE rowid = 1", (evidence,))
    recent = conn.execute("SELECT count(*) FROM events WHERE kind = 'position' AND time_us >= ?",
                          (cutoff,)).fetchone()[0]
    before = _counts(conn)

    store = SqliteHistoryStore(conn, owns=False)
    result = thin_telemetry(store, RetentionPolicy(keep_raw_days=10, thin_to_s=86_400), last)

    after = _counts(conn)
    assert result.removed > 0
    assert after["position"] == before["position"] - result.removed
    for kind in ("equipment", "clearance", "alerts", "changes"):
        assert after[kind] == before[kind]
    assert conn.execute("SELECT count(*) FROM events WHERE id = ?", (evidence,)).fetchone()[0]
    assert conn.execute("SELECT count(*) FROM events WHERE kind = 'position' AND time_us >= ?",
                        (cutoff,)).fetchone()[0] == recent
    per_day = conn.execute(
        "SELECT max(c) FROM (SELECT count(*) AS c FROM events WHERE kind = 'position' "
        "AND time_us < ? AND id != ? GROUP BY vehicle_id, time_us / ?)",
        (result.up_to_us, evidence, DAY_US)).fetchone()[0]
    assert per_day == 1

    again = thin_telemetry(store, RetentionPolicy(keep_raw_days=10, thin_to_s=86_400), last)
    assert again.removed == 0 and again.hours == 0


def test_a_policy_that_would_lose_fresh_data_is_refused() -> None:
    with pytest.raises(ValueError):
        RetentionPolicy(keep_raw_days=0.5)
    with pytest.raises(ValueError):
        RetentionPolicy(thin_to_s=0)
