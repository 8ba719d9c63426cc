"""Correction outbox edges a mutation run found unchecked: a failed send of a sent row, resends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from console.store.office.outbox import CorrectionOutbox
from console.store.schema import connect
from tests.unit.test_corrections_outbox import request


@pytest.fixture
def outbox(tmp_path: Path) -> CorrectionOutbox:
    return CorrectionOutbox(connect(tmp_path / "c.db"))


def test_a_failed_resend_of_a_sent_correction_keeps_it_sent(outbox: CorrectionOutbox) -> None:
    outbox.enqueue(request(request_id="c-1"), now=1.0)
    assert outbox.mark_sent("c-1", 2.0, resend_after_s=10)
    assert outbox.mark_send_failed("c-1", 12.0, "feed KHH-T7 is not connected", retry_s=3)
    entry = outbox.get("c-1")
    assert entry is not None
    assert (entry.state, entry.attempts, entry.failed_sends) == ("sent", 1, 1)
    assert (entry.last_error, entry.next_attempt_at, entry.last_attempt_at) == (
        "feed KHH-T7 is not connected", 15.0, 2.0)
    assert outbox.mark_sent("c-1", 15.0, resend_after_s=10)
    again = outbox.get("c-1")
    assert again is not None
    assert (again.attempts, again.last_error, again.next_attempt_at) == (2, None, 25.0)
    assert (again.failed_sends, again.created_at, again.answered_at) == (1, 1.0, None)


def test_marking_an_unknown_correction_changes_nothing(outbox: CorrectionOutbox) -> None:
    assert not outbox.mark_sent("c-none", 1.0, 10)
    assert not outbox.mark_send_failed("c-none", 1.0, "offline", 2)
    assert outbox.entries() == []


def test_due_and_next_due_at_follow_the_clock_exactly(outbox: CorrectionOutbox) -> None:
    assert outbox.next_due_at() is None
    outbox.enqueue(request(request_id="c-1"), now=5.0)
    outbox.enqueue(request(request_id="c-2"), now=6.0)
    assert [e.request_id for e in outbox.due(5.0)] == ["c-1"]
    assert [e.request_id for e in outbox.due(6.0)] == ["c-1", "c-2"]
    assert outbox.due(4.9) == []
    assert outbox.next_due_at() == 5.0
    outbox.mark_sent("c-1", 6.0, resend_after_s=30)
    assert outbox.next_due_at() == 6.0
    outbox.record_answer("c-2", True, 7.0)
    assert outbox.next_due_at() == 36.0
    outbox.record_answer("c-1", True, 8.0)
    assert outbox.next_due_at() is None
    assert outbox.make_all_due(9.0) == 0


def test_entries_come_oldest_first_and_filter_on_both(outbox: CorrectionOutbox) -> None:
    outbox.enqueue(request(request_id="c-b", alert_id="al-1"), now=2.0)
    outbox.enqueue(request(request_id="c-a", alert_id="al-1"), now=1.0)
    outbox.enqueue(request(request_id="c-c", alert_id="al-2"), now=3.0)
    outbox.record_answer("c-b", False, 4.0)
    assert [e.request_id for e in outbox.entries()] == ["c-a", "c-b", "c-c"]
    assert [e.request_id for e in outbox.pending()] == ["c-a", "c-c"]
    assert [e.request_id for e in outbox.entries(state="queued", alert_id="al-1")] == ["c-a"]
    assert [e.request_id for e in outbox.entries(state="rejected", alert_id="al-2")] == []
    rejected = outbox.get("c-b")
    assert rejected is not None and rejected.rejection_reason == "rejected without a reason"
    assert rejected.answered_at == 4.0 and rejected.final


def test_an_accepted_answer_keeps_no_rejection_reason(outbox: CorrectionOutbox) -> None:
    outbox.enqueue(request(request_id="c-1"), now=1.0)
    done = outbox.record_answer("c-1", True, 2.0, reason="ignored when accepted")
    assert done is not None
    assert (done.state, done.rejection_reason, done.replacement_id) == ("accepted", None, None)


def test_an_optional_field_left_out_stays_out_of_the_message(outbox: CorrectionOutbox) -> None:
    r = request(request_id="c-1", officer=None, station=None, alert_id=None, reason="why")
    stored = outbox.enqueue(r, now=1.0)
    assert stored.request == r
    assert r.message() == {"type": "correction", "request_id": "c-1",
                           "event_id": "KHH-T7:G2:000441",
                           "changes": {"equipmentReference": "EGHU9012346"}, "reason": "why"}


def test_a_correction_that_is_not_plain_json_is_refused_and_not_stored(
    outbox: CorrectionOutbox,
) -> None:
    """NaN is not JSON: the terminal would refuse the message, so the outbox refuses it first."""
    with pytest.raises(ValueError):
        outbox.enqueue(request(request_id="c-nan", changes={"grossWeightKg": float("nan")}), 1.0)
    assert outbox.get("c-nan") is None and outbox.entries() == []


def test_a_closed_outbox_is_closed(tmp_path: Path) -> None:
    outbox = CorrectionOutbox(connect(tmp_path / "c.db"))
    outbox.close()
    with pytest.raises(sqlite3.ProgrammingError):
        outbox.get("c-1")
