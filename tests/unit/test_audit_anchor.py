"""The anchor beside the station key: moves only forward, never fooled by a second writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.audit.anchor import read_anchor
from console.audit.station_key import StationKey, ensure_station_key
from console.store.office.audit_trail import AuditTrail, write_transaction
from console.store.schema import connect


@pytest.fixture
def key(tmp_path: Path) -> StationKey:
    return ensure_station_key(tmp_path / "key")[0]


def test_two_writers_on_one_database_keep_the_anchor_whole(
    tmp_path: Path, key: StationKey
) -> None:
    db = tmp_path / "console.db"
    headless = AuditTrail(connect(db), signer=key)
    users_cli = AuditTrail(connect(db), signer=key)
    headless.append("A123", "WS-07", "alert.ack", "a-1")
    with write_transaction(headless.connection):  # committed, anchor not yet moved …
        headless.append("A123", "WS-07", "alert.ack", "a-2")
    users_cli.append("os:root", "host", "user.add", "A124")  # … when the other one moves it
    headless.advance_anchor()
    assert not headless.anchor_broken and not users_cli.anchor_broken
    assert key.folder is not None
    anchor = read_anchor(key.folder, db)
    assert anchor is not None and anchor.count == 3
    assert headless.verify(key).ok


def test_a_database_replaced_by_a_new_one_is_reported(tmp_path: Path, key: StationKey,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "console.db"
    first = AuditTrail(connect(db), signer=key)
    for n in range(4):
        first.append("A123", "WS-07", "alert.ack", f"a-{n}")
    first.connection.close()
    for leftover in tmp_path.glob("console.db*"):
        leftover.unlink()
    fresh = AuditTrail(connect(db), signer=key)
    for n in range(5):
        fresh.append("A123", "WS-07", "alert.ack", f"b-{n}")
    assert fresh.anchor_broken
    assert "no longer extends its signed anchor" in caplog.text
    result = fresh.verify(key)
    assert not result.ok and result.problem is not None
    assert "entry 4 is not the one the signed anchor records" in result.problem


def test_an_upgraded_trail_verifies_with_its_unsigned_beginning_named(
    tmp_path: Path, key: StationKey
) -> None:
    db = tmp_path / "console.db"
    before = AuditTrail(connect(db))  # the previous release: no key
    for n in range(3):
        before.append("A123", "WS-07", "alert.ack", f"a-{n}")
    assert before.verify(key).ok  # nothing signed yet: the key has nothing to check
    after = AuditTrail(connect(db), signer=key)
    after.append("A123", "WS-07", "alert.ack", "a-3")
    result = after.verify(key)
    assert result.ok and result.count == 4 and result.signed == 1
    assert key.folder is not None
    anchor = read_anchor(key.folder, db)
    assert anchor is not None and anchor.signed_from == 4
    before.append("A123", "WS-07", "alert.ack", "a-4")  # written without the key, after it
    late = before.verify(key)
    assert not late.ok and late.broken_seq == 5
