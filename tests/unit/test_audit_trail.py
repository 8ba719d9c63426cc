"""The audit trail is append-only and any change to it breaks the hash chain."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.audit.entries import GENESIS_HASH
from console.officers.permissions import Session
from console.store.base import StoreError
from console.store.office.audit_trail import AuditTrail, write_transaction
from console.store.schema import connect


def ticking_clock() -> Callable[[], datetime]:
    moments = iter(datetime(2026, 11, 28, 12, tzinfo=UTC) + timedelta(seconds=s)
                   for s in range(10_000))
    return lambda: next(moments)


def filled(path: Path, n: int = 5) -> AuditTrail:
    trail = AuditTrail(connect(path), now=ticking_clock())
    for i in range(n):
        trail.append("A123", "WS-07", "alert.ack", f"alert-{i}",
                     {"comment": f"checked 第{i}次", "n": i, "ratio": 0.5})
    return trail


def test_entries_come_back_in_order_and_the_chain_verifies(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db")
    entries = list(trail.entries())
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert entries[2].details == {"comment": "checked 第2次", "n": 2, "ratio": 0.5}
    assert entries[0].at == "2026-11-28T12:00:00.000+00:00"
    result = trail.verify()
    assert (result.ok, result.count, result.head) == (True, 5, entries[-1].hash)


def test_filters_by_target_and_action(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db", 3)
    trail.append("S001", "WS-01", "alert.reopen", "alert-1", {})
    assert [e.action for e in trail.entries(target="alert-1")] == ["alert.ack", "alert.reopen"]
    assert [e.seq for e in trail.entries(action_prefix="alert.re")] == [4]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_entries SET actor = 'S001' WHERE seq = 2",
        "DELETE FROM audit_entries WHERE seq = 5",
        "DELETE FROM audit_entries",
        "INSERT INTO audit_entries VALUES (9, 'x', 'a', 's', 'x', NULL, '{}', 'bad', 'h9')",
        "INSERT INTO audit_entries SELECT 6, at, actor, station, action, target, details, "
        "prev_hash, 'h6' FROM audit_entries WHERE seq = 1",
    ],
)
def test_the_console_cannot_change_remove_or_insert_entries(tmp_path: Path, sql: str) -> None:
    trail = filled(tmp_path / "c.db")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        trail.connection.execute(sql)
    assert trail.verify().ok and trail.verify().count == 5


def test_an_action_and_its_entry_commit_together_or_not_at_all(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    trail = AuditTrail(conn)
    conn.execute("CREATE TABLE effects (what TEXT)")
    with pytest.raises(RuntimeError), write_transaction(conn):
        conn.execute("INSERT INTO effects VALUES ('resolved')")
        trail.append("A123", "WS-07", "alert.resolve", "alert-1", {})
        raise RuntimeError("the operation failed half-way")
    assert conn.execute("SELECT count(*) FROM effects").fetchone()[0] == 0
    assert list(trail.entries()) == []
    with write_transaction(conn):
        conn.execute("INSERT INTO effects VALUES ('resolved')")
        trail.append("A123", "WS-07", "alert.resolve", "alert-1", {})
    assert [e.seq for e in AuditTrail(connect(tmp_path / "c.db")).entries()] == [1]


def test_details_must_be_json(tmp_path: Path) -> None:
    trail = AuditTrail(connect(tmp_path / "c.db"))
    with pytest.raises(ValueError):
        trail.append("A123", "WS-07", "alert.ack", "a", {"x": float("nan")})
    with pytest.raises(ValueError):
        trail.append("", "WS-07", "alert.ack", "a", {})


def test_reading_a_database_without_a_trail_does_not_create_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        AuditTrail.open(tmp_path / "missing.db", create=False)
    connect(tmp_path / "other.db").execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="no audit trail"):
        AuditTrail.open(tmp_path / "other.db", create=False)


FIELDS = ["at", "actor", "station", "action", "target", "details", "prev_hash", "hash"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seq=st.integers(1, 5), field=st.sampled_from(FIELDS),
       value=st.text(min_size=1, max_size=12))
def test_any_edit_that_bypasses_the_triggers_is_found_at_that_entry(
    tmp_path_factory: pytest.TempPathFactory, seq: int, field: str, value: str
) -> None:
    trail = filled(tmp_path_factory.mktemp("t") / "c.db")
    conn = trail.connection
    old = conn.execute(f"SELECT {field} FROM audit_entries WHERE seq = ?", (seq,)).fetchone()[0]
    if field == "details":
        value = '{"comment":"' + value.replace('"', "").replace("\\", "") + '"}'
    if value == old:
        return
    conn.execute("DROP TRIGGER audit_entries_no_update")
    conn.execute(f"UPDATE audit_entries SET {field} = ? WHERE seq = ?", (value, seq))
    result = trail.verify()
    assert (result.ok, result.broken_seq) == (False, seq)
    assert f"entry {seq} " in (result.problem or "")


def test_a_rewritten_entry_with_a_recomputed_hash_breaks_the_next_link(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db")
    forged = replace(next(e for e in trail.entries() if e.seq == 2), actor="S001")
    forged = replace(forged, hash=forged.expected_hash())
    trail.connection.execute("DROP TRIGGER audit_entries_no_update")
    trail.connection.execute("UPDATE audit_entries SET actor = ?, hash = ? WHERE seq = 2",
                             (forged.actor, forged.hash))
    result = trail.verify()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert "does not follow the entry before it" in (result.problem or "")


def test_a_removed_middle_entry_is_named(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db")
    trail.connection.execute("DROP TRIGGER audit_entries_no_delete")
    trail.connection.execute("DELETE FROM audit_entries WHERE seq = 3")
    result = trail.verify()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert "entry 3 is missing" in (result.problem or "")


def test_record_names_the_signed_in_actor_and_station(tmp_path: Path) -> None:
    trail = AuditTrail(connect(tmp_path / "c.db"))
    actor = Session("A123", "officer", "WS-07").authorize("resolve")
    entry = trail.record(actor, "alert.resolve", "alert-9", {"resolution": "false_alarm"})
    assert (entry.actor, entry.station, entry.action) == ("A123", "WS-07", "alert.resolve")
    assert list(trail.entries()) == [entry]
