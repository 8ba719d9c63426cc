"""The durable outbox: states, idempotence, and what survives closing the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.corrections.request import CorrectionRequest
from console.store.base import StoreError
from console.store.office.outbox import CorrectionOutbox
from console.store.schema import connect


def request(**kw: object) -> CorrectionRequest:
    base: dict[str, object] = {
        "event_id": "KHH-T7:G2:000441", "changes": {"equipmentReference": "EGHU9012346"},
        "officer": "A123", "station": "WS-07", "alert_id": "al-1", "reason": "OCR misread 0/O"}
    base.update(kw)
    return CorrectionRequest(**base)  # type: ignore[arg-type]


@pytest.fixture
def outbox(tmp_path: Path) -> CorrectionOutbox:
    return CorrectionOutbox(connect(tmp_path / "c.db"))


def test_the_wire_message_is_the_protocols(outbox: CorrectionOutbox) -> None:
    r = request(request_id="c-1", reason=None)
    assert r.message() == {
        "type": "correction", "request_id": "c-1", "event_id": "KHH-T7:G2:000441",
        "changes": {"equipmentReference": "EGHU9012346"}, "officer": "A123",
        "station": "WS-07", "alert_id": "al-1"}
    assert request().request_id.startswith("c-") and request().request_id != r.request_id


def test_queued_sent_accepted(outbox: CorrectionOutbox) -> None:
    entry = outbox.enqueue(request(request_id="c-1"), now=100.0)
    assert (entry.state, entry.attempts, entry.next_attempt_at) == ("queued", 0, 100.0)
    assert [e.request_id for e in outbox.due(100.0)] == ["c-1"]
    assert outbox.mark_sent("c-1", 100.5, resend_after_s=10)
    assert outbox.due(110.0) == [] and [e.request_id for e in outbox.due(110.5)] == ["c-1"]
    done = outbox.record_answer("c-1", True, 101.0, replacement_id="KHH-T7:G2:000441#1")
    assert done is not None and done.final
    assert (done.state, done.replacement_id, done.attempts) == ("accepted", "KHH-T7:G2:000441#1", 1)
    assert outbox.pending() == [] and outbox.due(1e9) == []


def test_a_final_answer_never_changes(outbox: CorrectionOutbox) -> None:
    outbox.enqueue(request(request_id="c-1"), now=1.0)
    assert outbox.record_answer("c-1", False, 2.0, reason="event already gated out") is not None
    assert outbox.record_answer("c-1", True, 3.0) is None
    assert not outbox.mark_sent("c-1", 4.0, 10)
    assert not outbox.mark_send_failed("c-1", 4.0, "offline", 2)
    entry = outbox.get("c-1")
    assert entry is not None
    assert (entry.state, entry.rejection_reason) == ("rejected", "event already gated out")
    assert outbox.record_answer("c-unknown", True, 5.0) is None


def test_enqueue_is_idempotent_on_request_id(outbox: CorrectionOutbox) -> None:
    r = request(request_id="c-1")
    outbox.enqueue(r, now=1.0)
    outbox.mark_sent("c-1", 2.0, 10)
    again = outbox.enqueue(r, now=3.0)
    assert (again.state, again.attempts) == ("sent", 1)
    with pytest.raises(ValueError, match="already used"):
        outbox.enqueue(request(request_id="c-1", changes={"emptyIndicatorCode": "LADEN"}), 4.0)
    with pytest.raises(ValueError, match="at least one field"):
        outbox.enqueue(request(changes={}), 5.0)


def test_a_failed_send_waits_retry_s_and_keeps_its_state(outbox: CorrectionOutbox) -> None:
    outbox.enqueue(request(request_id="c-1"), now=1.0)
    assert outbox.mark_send_failed("c-1", 1.0, "feed KHH-T7 is not connected", retry_s=2)
    entry = outbox.get("c-1")
    assert entry is not None
    assert (entry.state, entry.failed_sends, entry.last_error) == (
        "queued", 1, "feed KHH-T7 is not connected")
    assert outbox.due(2.9) == [] and len(outbox.due(3.0)) == 1
    assert outbox.next_due_at() == 3.0


def test_pending_corrections_survive_closing_the_database(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    first = CorrectionOutbox(conn)
    first.enqueue(request(request_id="c-1"), now=1.0)
    first.enqueue(request(request_id="c-2", alert_id="al-2"), now=2.0)
    first.mark_sent("c-1", 2.0, 10)
    first.record_answer("c-2", False, 3.0, reason="no such event")
    conn.close()
    again = CorrectionOutbox(connect(tmp_path / "c.db"))
    assert [(e.request_id, e.state) for e in again.pending()] == [("c-1", "sent")]
    assert again.make_all_due(5.0) == 1 and [e.request_id for e in again.due(5.0)] == ["c-1"]
    assert [e.request_id for e in again.entries(alert_id="al-2")] == ["c-2"]
    assert [e.request_id for e in again.entries(state="rejected")] == ["c-2"]


def test_a_full_disk_refuses_in_plain_words_and_keeps_what_was_stored(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    outbox = CorrectionOutbox(conn)
    outbox.enqueue(request(request_id="c-1"), now=1.0)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    big = {"equipmentReference": "EGHU9012346", "note": "x" * 20_000}
    with pytest.raises(StoreError) as full:
        for i in range(50):
            outbox.enqueue(request(request_id=f"c-big-{i}", changes=big), now=2.0)
    assert full.value.kind == "disk_full"
    assert "c.db" in full.value.message
    kept = outbox.get("c-1")
    assert kept is not None and kept.state == "queued"
