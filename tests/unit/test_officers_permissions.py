"""Who may do what, and the idle lock of a signed-in session."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.officers.permissions import (
    PERMISSIONS,
    Operation,
    PermissionDenied,
    Role,
    Session,
    SessionLocked,
    allowed,
    check,
)

ALERT_WORK = {"ack", "resolve", "shelve", "escalate", "comment", "claim"}


class FakeClock:
    """A monotonic clock the test moves by hand (the session only reads it)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_role_matrix_is_the_one_the_issue_names() -> None:
    assert {op.value for op in PERMISSIONS[Role.OFFICER]} == ALERT_WORK
    assert {op.value for op in PERMISSIONS[Role.SUPERVISOR]} == ALERT_WORK | {
        "reopen", "see_escalations"}
    assert {op.value for op in PERMISSIONS[Role.INSTALLER]} == {"manage_users", "configure"}


@pytest.mark.parametrize("operation", ["reopen", "see_escalations"])
def test_an_officer_cannot_do_a_supervisors_action(operation: str) -> None:
    session = Session("A123", "officer", "WS-07", clock=FakeClock())
    with pytest.raises(PermissionDenied) as denied:
        session.authorize(operation)
    assert "officer may not" in denied.value.reason
    assert "supervisor" in denied.value.reason
    assert Session("S001", "supervisor", "WS-01", clock=FakeClock()).authorize(operation)


@pytest.mark.parametrize("operation", sorted(ALERT_WORK))
def test_an_installer_does_no_alert_work(operation: str) -> None:
    with pytest.raises(PermissionDenied, match="installer may not"):
        check(Role.INSTALLER, operation)


def test_unknown_operations_and_roles_are_refused() -> None:
    assert not allowed("officer", "delete_everything")
    assert not allowed("janitor", "ack")
    with pytest.raises(PermissionDenied, match="not an operation"):
        check("supervisor", "delete_everything")


def test_authorize_names_the_actor_with_the_station() -> None:
    actor = Session("A123", "officer", "WS-07", clock=FakeClock()).authorize(Operation.ACK)
    assert (actor.officer, actor.role, actor.station) == ("A123", Role.OFFICER, "WS-07")


def test_idle_session_locks_and_refuses_until_resumed() -> None:
    clock = FakeClock()
    locks: list[Session] = []
    session = Session("A123", "officer", "WS-07", idle_limit_s=300, clock=clock)
    session.on_lock(locks.append)
    clock.now += 299
    session.authorize("ack")  # activity: the idle time starts again
    clock.now += 299
    assert not session.locked
    assert session.seconds_until_lock() == pytest.approx(1.0)
    clock.now += 1
    with pytest.raises(SessionLocked):
        session.authorize("comment")
    assert locks == [session] and session.lock_reason == "idle for 300 s"
    assert not session.touch()  # input on a locked console does not unlock it
    assert session.locked and not session.may("ack")
    session.resume()
    assert session.lock_reason is None
    assert session.authorize("ack").officer == "A123"
    assert locks == [session]  # the listener ran once, for the one lock


def test_a_hand_lock_refuses_even_a_supervisor() -> None:
    session = Session("S001", "supervisor", "WS-01", clock=FakeClock())
    session.lock()
    with pytest.raises(SessionLocked, match="sign in again"):
        session.authorize("reopen")


def test_may_does_not_count_as_activity() -> None:
    clock = FakeClock()
    session = Session("A123", "officer", "WS-07", idle_limit_s=10, clock=clock)
    clock.now += 9
    assert session.may("ack")
    clock.now += 1
    assert session.locked


def test_a_session_needs_an_officer_a_station_and_a_sane_limit() -> None:
    with pytest.raises(ValueError):
        Session("", "officer", "WS-07")
    with pytest.raises(ValueError):
        Session("A123", "officer", "")
    with pytest.raises(ValueError):
        Session("A123", "officer", "WS-07", idle_limit_s=0)


@given(st.lists(st.tuples(st.floats(0, 400), st.booleans()), max_size=30))
def test_locked_exactly_when_some_gap_between_actions_reached_the_limit(
    steps: list[tuple[float, bool]],
) -> None:
    clock = FakeClock()
    session = Session("A123", "officer", "WS-07", idle_limit_s=300, clock=clock)
    last, expect_locked = clock.now, False
    for gap, act in steps:
        clock.now += gap
        if clock.now - last >= 300:
            expect_locked = True
        if act:
            if expect_locked:
                with pytest.raises(SessionLocked):
                    session.authorize("ack")
            else:
                session.authorize("ack")
                last = clock.now
        assert session.locked == expect_locked
