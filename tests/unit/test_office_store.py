"""The officer-side store on a real SQLite file: one transaction per action, or nothing.

The failures are real ones: a correction whose request id is already taken
(the outbox refuses it inside the transaction), and a trigger that makes the
database refuse alert changes (as a full or locked disk would refuse them).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from console.alerts.book import AlertBook
from console.corrections.request import CorrectionRequest
from console.office.correction_state import CorrectionPhase
from console.office.records import AnswerAction, AuditRecord, CorrectionAnswer, OfficeAction
from console.officers.permissions import Role, Session
from console.operations.desk import AlertDesk, OperationOutcome
from console.store.base import StoreError
from console.store.office.sqlite import SqliteOfficeStore


def _alert(book: AlertBook, i: int = 0) -> str:
    [change] = book.raise_alert(rule="CONTAINER_NUMBER_INVALID", severity="high",
                                subject=f"EGHU{i:07d}", cause=f"E{i}", feed="T",
                                event_id=f"KHH-T7:G2:{i:06d}", raised_at="2026-12-03T05:00:00Z")
    return change.alert.alert_id


def _counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("alert_changes", "audit_entries", "correction_outbox"))
    finally:
        conn.close()


def test_an_action_that_fails_inside_its_transaction_writes_none_of_it(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    office = SqliteOfficeStore(db)
    book = AlertBook(office)
    alert_id = _alert(book)
    first = CorrectionRequest("KHH-T7:G2:000000", {"equipmentReference": "EGHU0000001"},
                              alert_id=alert_id, request_id="c-1")
    office.enqueue(first, 1.0).result()
    before = _counts(db)
    change = book.change(book.open[alert_id], "acknowledge", "A123", "WS-07", None,
                         state="acknowledged")
    clash = CorrectionRequest("KHH-T7:G2:000000", {"seals": []}, alert_id=alert_id,
                              request_id="c-1")  # the same id, another correction
    done = office.act(OfficeAction((change,), (AuditRecord("A123", "WS-07", "alert.correct",
                                                           alert_id),), clash, 2.0))
    with pytest.raises(ValueError, match="already used"):
        done.result(10)
    assert _counts(db) == before  # no alert change, no audit entry, no second row
    assert office.get(alert_id) is not None and office.get(alert_id).state == "unacknowledged"  # type: ignore[union-attr]
    office.close()


def test_reads_see_what_was_submitted_before_them(tmp_path: Path) -> None:
    office = SqliteOfficeStore(tmp_path / "console.db")
    book = AlertBook(office)
    alert_id = _alert(book)
    change = book.change(book.open[alert_id], "acknowledge", "A123", "WS-07", None,
                         state="acknowledged")
    office.act(OfficeAction((change,), (AuditRecord("A123", "WS-07", "alert.acknowledge",
                                                    alert_id),)))
    assert office.get(alert_id).state == "acknowledged"  # type: ignore[union-attr]
    assert [c.action for c in office.changes(alert_id)] == ["raise", "acknowledge"]
    assert [e.action for e in office.audit.entries(target=alert_id)] == ["alert.acknowledge"]
    office.close()


def test_a_repeated_answer_writes_nothing_the_second_time(tmp_path: Path) -> None:
    office = SqliteOfficeStore(tmp_path / "console.db")
    request = CorrectionRequest("KHH-T7:G2:000000", {"seals": []}, request_id="c-9")
    office.enqueue(request, 1.0).result()
    answer = AnswerAction(CorrectionAnswer("c-9", True, 2.0),
                          audit=(AuditRecord("terminal", "WS-07", "correction.accepted", "c-9"),))
    first, again = office.answer(answer).result(), office.answer(answer).result()
    assert first.entry is not None and first.entry.state == "accepted"
    assert again.entry is None and again.audit == ()
    assert [e.action for e in office.audit.entries(target="c-9")] == ["correction.accepted"]
    office.close()


def test_a_write_the_database_refuses_is_reported_and_the_alert_is_read_back(
    tmp_path: Path,
) -> None:
    db = tmp_path / "console.db"
    office = SqliteOfficeStore(db)
    book = AlertBook(office)
    alert_id = _alert(book)
    desk = AlertDesk(book, office)
    failed: list[tuple[OperationOutcome, StoreError]] = []
    desk.failure_listeners.append(lambda outcome, error: failed.append((outcome, error)))
    other = sqlite3.connect(db)
    other.execute("CREATE TRIGGER refuse BEFORE INSERT ON alert_changes "
                  "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
    other.commit()
    outcome = desk.acknowledge(Session("A123", Role.OFFICER, "WS-07"), alert_id, "seen")
    assert book.open[alert_id].state == "acknowledged"  # staged at once, not waited for
    with pytest.raises(StoreError):
        outcome.wait()
    desk.settle_failures()
    assert [o for o, _e in failed] == [outcome] and failed[0][1].message
    assert book.open[alert_id].state == "unacknowledged"  # as the database holds it
    assert not [e for e in office.audit.entries() if e.action.startswith("alert.")]
    assert desk.correction_state(alert_id).phase is CorrectionPhase.NONE
    other.close()
    office.close()
