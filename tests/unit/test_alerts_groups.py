"""Alert groups and refusals: what an officer's action on a group head does to its members.

supervision-rules.md (alert life) and `console.alerts.operations`: actions on
a head apply to the alerts grouped under it, except a comment and a reopen,
which touch the one alert; an action on an unknown alert is refused in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.alerts import operations as ops
from console.alerts.book import AlertBook
from console.alerts.model import AlertTransitionError, alert_id
from console.store.office.alert_rows import SqliteAlertStore

OFFICER = {"who": "A123", "station": "WS-07"}
RULE, BOX = "GATE_OUT_WITHOUT_RELEASE", "EGHU9012345"


@pytest.fixture
def book(tmp_path: Path) -> Iterator[AlertBook]:
    store = SqliteAlertStore(tmp_path / "alerts.db")
    yield AlertBook(store, lambda: 1_800_000_000.0)
    store.close()


def raise_for(book: AlertBook, cause: str, rule: str = RULE) -> str:
    book.raise_alert(rule=rule, severity="critical", subject=BOX, cause=cause, feed="KHH-T7",
                     event_id=cause, raised_at="2026-11-28T20:00:00.000+08:00")
    return alert_id(rule, BOX, cause)


def group(book: AlertBook) -> tuple[str, str]:
    head, member = raise_for(book, "e1"), raise_for(book, "e2")
    h, m = book.get(head), book.get(member)
    assert h is not None and m is not None
    assert h.heads_group and m.group_id == head and h.repeats == 1
    return head, member


def test_an_action_on_an_unknown_alert_is_refused_in_words(book: AlertBook) -> None:
    for action in (lambda: ops.acknowledge(book, "nope", **OFFICER),
                   lambda: ops.comment(book, "nope", "x", **OFFICER),
                   lambda: ops.reopen(book, "nope", **OFFICER)):
        with pytest.raises(AlertTransitionError, match="no alert nope"):
            action()


def test_acknowledging_a_head_acknowledges_its_group(book: AlertBook) -> None:
    head, member = group(book)
    changes = ops.acknowledge(book, head, **OFFICER)
    assert [c.alert.alert_id for c in changes] == [head, member]
    assert {c.alert.state for c in changes} == {"acknowledged"}


def test_a_comment_on_a_head_touches_no_member(book: AlertBook) -> None:
    head, member = group(book)
    (change,) = ops.comment(book, head, "called the lane", **OFFICER)
    assert change.alert.alert_id == head and change.why == "called the lane"
    assert [c.action for c in book.store.changes(member)] == ["raise"]


def test_reopening_a_head_reopens_only_the_head(book: AlertBook) -> None:
    head, member = group(book)
    assert len(ops.resolve(book, head, "false_alarm", **OFFICER)) == 2
    (change,) = ops.reopen(book, head, **OFFICER)
    assert change.alert.alert_id == head and change.alert.state == "unacknowledged"
    again = book.get(member)
    assert again is not None and again.state == "resolved"


def test_an_action_on_a_member_leaves_the_head_alone(book: AlertBook) -> None:
    head, member = group(book)
    (change,) = ops.acknowledge(book, member, **OFFICER)
    assert change.alert.alert_id == member
    h = book.get(head)
    assert h is not None and h.state == "unacknowledged"


def test_a_member_the_step_does_not_allow_is_skipped_not_refused(book: AlertBook) -> None:
    head, member = group(book)
    ops.acknowledge(book, member, **OFFICER)
    changes = ops.acknowledge(book, head, **OFFICER)
    assert [c.alert.alert_id for c in changes] == [head]


def test_a_new_alert_under_a_shelved_head_is_shelved_until_the_same_time(
    book: AlertBook,
) -> None:
    head = raise_for(book, "e1")
    (shelved,) = ops.shelve(book, head, 30, "waiting for the broker", **OFFICER)
    member = raise_for(book, "e2")
    m = book.get(member)
    assert m is not None
    assert (m.state, m.shelved_until) == ("shelved", shelved.alert.shelved_until)
    assert shelved.alert.shelved_until == 1_800_000_000.0 + 30 * 60


@pytest.mark.parametrize("minutes", [0, -1, 480.5])
def test_shelving_outside_zero_to_eight_hours_is_refused(book: AlertBook, minutes: float) -> None:
    head = raise_for(book, "e1")
    with pytest.raises(AlertTransitionError, match="at most 480 min"):
        ops.shelve(book, head, minutes, "reason", **OFFICER)
    assert ops.shelve(book, head, 480, "reason", **OFFICER)[0].alert.state == "shelved"


def test_half_a_minute_on_the_shelf_is_allowed(book: AlertBook) -> None:
    head = raise_for(book, "e1")
    (change,) = ops.shelve(book, head, 0.5, "one moment", **OFFICER)
    assert change.alert.shelved_until == 1_800_000_000.0 + 30


def test_a_shelf_expires_exactly_when_its_time_is_up(book: AlertBook) -> None:
    head = raise_for(book, "e1")
    ops.shelve(book, head, 10, "reason", **OFFICER)
    until = 1_800_000_000.0 + 600
    assert ops.expire_shelves(book, until - 0.001) == []
    (back,) = ops.expire_shelves(book, until)
    assert (back.alert.state, back.alert.shelved_until, back.who) == (
        "unacknowledged", None, "system")
    assert back.why == "shelving time is up"


def test_a_blank_comment_is_refused(book: AlertBook) -> None:
    head = raise_for(book, "e1")
    with pytest.raises(AlertTransitionError, match="needs text"):
        ops.comment(book, head, "  ", **OFFICER)


def test_open_by_event_forgets_an_alert_once_it_is_closed(book: AlertBook) -> None:
    """A correction re-judges the open alerts its event raised: closed ones are not among them."""
    first = raise_for(book, "e1")
    other = raise_for(book, "e1", rule="SEAL_MISMATCH")
    assert [a.alert_id for a in book.open_by_event("e1")] == sorted([first, other])
    ops.resolve(book, first, "false_alarm", **OFFICER)
    assert [a.alert_id for a in book.open_by_event("e1")] == [other]
    ops.resolve(book, other, "duplicate", **OFFICER)
    assert book.open_by_event("e1") == []
    assert book.open_for(RULE, BOX) == []
    ops.reopen(book, first, **OFFICER)
    assert [a.alert_id for a in book.open_by_event("e1")] == [first]
    assert [a.alert_id for a in book.open_for(RULE, BOX)] == [first]


def test_an_alert_id_is_stable_across_versions() -> None:
    """Ids are stored: a changed digest would raise every stored alert again after an upgrade."""
    import hashlib

    aid = alert_id("GATE_OUT_WITHOUT_RELEASE", "EGHU9012345", "KHH-T7:000000042")
    assert aid == "GATE_OUT_WITHOUT_RELEASE-36781b62a3cebd84"
    digest = hashlib.sha256(b"GATE_OUT_WITHOUT_RELEASE\x1fEGHU9012345\x1fKHH-T7:000000042")
    assert aid == "GATE_OUT_WITHOUT_RELEASE-" + digest.hexdigest()[:16]


def test_the_headless_line_carries_resolution_shelf_and_detail_only_when_set(
    book: AlertBook,
) -> None:
    changes = book.raise_alert(rule="SEAL_MISMATCH", severity="high", subject=BOX, cause="e9",
                               feed="KHH-T7", event_id="e9",
                               raised_at="2026-11-28T20:00:00.000+08:00",
                               detail={"missing": ["CUS-1"]})
    raised = changes[0].to_json()
    assert raised["detail"] == {"missing": ["CUS-1"]}
    assert "resolution" not in raised and "shelved_until" not in raised
    aid = changes[0].alert.alert_id
    (shelved,) = ops.shelve(book, aid, 10, "broker", **OFFICER)
    assert shelved.to_json()["shelved_until"] == 1_800_000_000.0 + 600
    (resolved,) = ops.resolve(book, aid, "confirmed_violation", **OFFICER)
    line = resolved.to_json()
    assert line["resolution"] == "confirmed_violation" and "shelved_until" not in line
    plain = raise_for(book, "e1")
    first = book.get(plain)
    assert first is not None and first.detail == {}
    assert "detail" not in next(iter(book.store.changes(plain))).to_json()
