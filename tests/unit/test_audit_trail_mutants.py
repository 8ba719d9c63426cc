"""Audit trail edges a mutation run found unchecked: `after_seq`, prefixes, failing writes.

Written against the documented behaviour of `console.store.office.audit_trail` (module
docstring and `AuditTrail`), in a file of its own: the trail is being
extended on another branch, and these tests should hold whatever its inside.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from console.audit.entries import GENESIS_HASH
from console.store.base import StoreError
from console.store.office.audit_trail import AuditTrail
from console.store.schema import connect
from tests.unit.test_audit_trail import filled, ticking_clock


def test_after_seq_is_exclusive_and_zero_means_everything(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db")
    assert [e.seq for e in trail.entries()] == [1, 2, 3, 4, 5]
    assert [e.seq for e in trail.entries(after_seq=0)] == [1, 2, 3, 4, 5]
    assert [e.seq for e in trail.entries(after_seq=2)] == [3, 4, 5]
    assert [e.seq for e in trail.entries(after_seq=4)] == [5]
    assert list(trail.entries(after_seq=5)) == []


def test_after_seq_and_target_together(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db")
    trail.append("A123", "WS-07", "alert.resolve", "alert-1", {})
    assert [e.seq for e in trail.entries(target="alert-1")] == [2, 6]
    assert [e.seq for e in trail.entries(target="alert-1", after_seq=2)] == [6]


def test_action_prefix_matches_the_start_of_the_action_only(tmp_path: Path) -> None:
    trail = AuditTrail(connect(tmp_path / "c.db"), now=ticking_clock())
    for action in ("alert.ack", "alert.resolve", "user.add", "session.alert.ack"):
        trail.append("A123", "WS-07", action, None)
    assert [e.action for e in trail.entries(action_prefix="alert.")] == [
        "alert.ack", "alert.resolve"]
    assert [e.action for e in trail.entries(action_prefix="alert.a")] == ["alert.ack"]
    assert list(trail.entries(action_prefix="alert.ack.more")) == []


def test_an_empty_trail_verifies_with_the_genesis_head(tmp_path: Path) -> None:
    result = AuditTrail(connect(tmp_path / "c.db")).verify()
    assert (result.ok, result.count, result.head) == (True, 0, GENESIS_HASH)


def test_the_verified_head_is_the_last_entry(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db", 3)
    first, second, last = trail.entries()
    result = trail.verify()
    assert (result.ok, result.count, result.head) == (True, 3, last.hash)
    assert result.broken_seq is None and result.problem is None
    assert last.prev_hash == second.hash and second.prev_hash == first.hash
    assert first.prev_hash == GENESIS_HASH


def test_an_entry_records_who_what_and_when(tmp_path: Path) -> None:
    trail = AuditTrail(connect(tmp_path / "c.db"), now=ticking_clock())
    entry = trail.append("A123", "WS-07", "alert.ack", "alert-9", {"why": "taking it"})
    assert (entry.seq, entry.actor, entry.station, entry.action, entry.target) == (
        1, "A123", "WS-07", "alert.ack", "alert-9")
    assert entry.at == "2026-11-28T12:00:00.000+00:00"
    assert entry.details == {"why": "taking it"}
    assert entry.hash == entry.expected_hash()
    assert list(trail.entries()) == [entry]
    assert trail.append("A123", "WS-07", "alert.ack", None).details == {}


@pytest.mark.parametrize(("actor", "station", "action"), [
    ("", "WS-07", "alert.ack"), ("A123", "", "alert.ack"), ("A123", "WS-07", "")])
def test_an_entry_needs_actor_station_and_action(
    tmp_path: Path, actor: str, station: str, action: str
) -> None:
    trail = AuditTrail(connect(tmp_path / "c.db"))
    with pytest.raises(ValueError, match="needs an actor, a station and an action"):
        trail.append(actor, station, action, None)
    assert list(trail.entries()) == []


def test_a_full_disk_refuses_the_entry_in_plain_words_and_keeps_the_chain(
    tmp_path: Path,
) -> None:
    trail = filled(tmp_path / "c.db", 2)
    conn = trail.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as full:
        for _ in range(50):
            trail.append("A123", "WS-07", "alert.comment", "a", {"text": "x" * 20_000})
    assert full.value.kind == "disk_full"
    assert "c.db" in full.value.message and "alert.comment" in full.value.message
    assert not conn.in_transaction
    conn.execute(f"PRAGMA max_page_count = {pages * 100}")
    result = trail.verify()
    assert result.ok
    trail.append("A123", "WS-07", "alert.ack", "b")
    assert trail.verify().ok and trail.verify().count == result.count + 1


def test_a_locked_database_refuses_the_entry_in_plain_words(tmp_path: Path) -> None:
    trail = AuditTrail(connect(tmp_path / "c.db", busy_timeout_ms=50))
    trail.append("A123", "WS-07", "alert.ack", "a")
    other = sqlite3.connect(tmp_path / "c.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as locked:
            trail.append("A123", "WS-07", "alert.resolve", "a")
        assert locked.value.kind == "locked"
        assert "alert.resolve" in locked.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [e.action for e in trail.entries()] == ["alert.ack"]
    trail.append("A123", "WS-07", "alert.resolve", "a")
    assert trail.verify().ok


def test_details_that_are_json_but_not_an_object_are_named_as_changed(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db", 3)
    conn = trail.connection
    conn.execute("DROP TRIGGER audit_entries_no_update")
    conn.execute("UPDATE audit_entries SET details = '[1, 2]' WHERE seq = 2")
    result = trail.verify()
    assert (result.ok, result.broken_seq, result.count) == (False, 2, 2)
    assert "entry 2 " in (result.problem or "") and "unreadable details" in (result.problem or "")
    with pytest.raises(ValueError, match="not a JSON object"):
        list(trail.entries())


def test_a_chain_broken_by_an_insert_outside_the_console_is_refused(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db", 2)
    with pytest.raises(sqlite3.IntegrityError, match="must follow the last one"):
        trail.connection.execute(
            "INSERT INTO audit_entries (seq, at, actor, station, action, target, details, "
            "prev_hash, hash) VALUES (3, 'x', 'A', 'W', 'a', NULL, '{}', ?, 'h')",
            (GENESIS_HASH,))


def test_the_hash_is_sha256_of_the_documented_canonical_json(tmp_path: Path) -> None:
    """Anyone can re-check an entry: sha256 over sorted-key, space-free, UTF-8 JSON."""
    import hashlib
    import json

    trail = AuditTrail(connect(tmp_path / "c.db"), now=ticking_clock())
    entry = trail.append("A123", "WS-07", "alert.ack", "a", {"z": 1, "a": "第一次"})
    content = {"seq": 1, "at": entry.at, "actor": "A123", "station": "WS-07",
               "action": "alert.ack", "target": "a", "details": {"a": "第一次", "z": 1},
               "prev": "0" * 64}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert entry.hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert entry.prev_hash == GENESIS_HASH == "0" * 64


def test_a_trail_asked_of_an_unnamed_database_says_so(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    try:
        with pytest.raises(StoreError, match=r"^this database holds no audit trail"):
            AuditTrail(conn, create=False)
    finally:
        conn.close()


def test_opening_a_new_file_creates_the_trail_by_default(tmp_path: Path) -> None:
    trail = AuditTrail.open(tmp_path / "new.db")
    try:
        trail.append("A123", "WS-07", "alert.ack", "a")
        assert [e.seq for e in trail.entries()] == [1]
    finally:
        trail.connection.close()
    reader = AuditTrail.open(tmp_path / "new.db", create=False)
    try:
        assert reader.verify().count == 1
    finally:
        reader.connection.close()


def test_a_broken_entry_is_named_by_its_action_actor_and_time(tmp_path: Path) -> None:
    trail = filled(tmp_path / "c.db", 3)
    conn = trail.connection
    conn.execute("DROP TRIGGER audit_entries_no_update")
    conn.execute("UPDATE audit_entries SET target = 'forged' WHERE seq = 2")
    result = trail.verify()
    assert result.problem == ("entry 2 (alert.ack by A123 at 2026-11-28T12:00:01.000+00:00) "
                              "does not match its hash: it was changed after it was written")


def test_an_insert_the_database_refuses_is_raised_not_lost(tmp_path: Path) -> None:
    """A refusal by the trail's own rules is a fault to report, not a full disk, never silence."""
    trail = filled(tmp_path / "c.db", 1)
    trail.connection.execute(
        "CREATE TRIGGER refuse_all BEFORE INSERT ON audit_entries "
        "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
    with pytest.raises(sqlite3.IntegrityError, match="refused for the test"):
        trail.append("A123", "WS-07", "alert.ack", "b")
    assert [e.seq for e in trail.entries()] == [1]
