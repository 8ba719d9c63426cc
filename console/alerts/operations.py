"""What an officer (or the system) does to an alert: the alert life's transitions.

Each operation takes who, from which station and why, checks that the alert's
state allows it (`AlertTransitionError` otherwise), commits the change and
returns the changes made: the alert's own first, then those of the alerts
grouped under it when it heads a group.  With `commit=False` it only plans
them: the desk then commits them with their audit entry in one office-store
transaction (`console.operations.desk`).  The window and the headless
operator commands call these same functions.
"""

from __future__ import annotations

from collections.abc import Callable

from console.alerts.book import AlertBook
from console.alerts.model import (
    SYSTEM,
    Alert,
    AlertChange,
    AlertStateConflict,
    AlertTransitionError,
)

OFFICER_RESOLUTIONS = ("corrected", "confirmed_violation", "false_alarm", "duplicate")
MAX_SHELVE_MINUTES = 480.0

Step = Callable[[Alert], AlertChange | None]


def _run(book: AlertBook, alert_id: str, step: Step, cascade: bool = True,
         commit: bool = True) -> list[AlertChange]:
    target = book.get(alert_id)
    if target is None:
        raise AlertTransitionError(f"no alert {alert_id}")
    first = step(target)
    if first is None:
        raise AlertStateConflict(f"{target.state} alert {alert_id} does not allow that")
    changes = [first]
    if cascade and target.heads_group:
        for member in book.members(target):
            change = step(member)
            if change is not None:
                changes.append(change)
    return book.commit(changes) if commit else changes


def acknowledge(
    book: AlertBook, alert_id: str, *, who: str, station: str | None, why: str | None = None,
    at: float | None = None, commit: bool = True,
) -> list[AlertChange]:
    def step(a: Alert) -> AlertChange | None:
        if a.state != "unacknowledged":
            return None
        return book.change(a, "acknowledge", who, station, why, at, state="acknowledged")
    return _run(book, alert_id, step, commit=commit)


def resolve(
    book: AlertBook, alert_id: str, resolution: str, *, who: str, station: str | None,
    why: str | None = None, at: float | None = None, commit: bool = True,
) -> list[AlertChange]:
    """Close an alert (acknowledging it in the same step when needed)."""
    if resolution not in OFFICER_RESOLUTIONS:
        raise AlertTransitionError(f"unknown resolution {resolution!r}")

    def step(a: Alert) -> AlertChange | None:
        if not a.is_open:
            return None
        return book.change(a, "resolve", who, station, why, at, state="resolved",
                           resolution=resolution, shelved_until=None)
    return _run(book, alert_id, step, commit=commit)


def shelve(
    book: AlertBook, alert_id: str, minutes: float, reason: str, *, who: str,
    station: str | None, at: float | None = None, commit: bool = True,
) -> list[AlertChange]:
    """Put an alert aside for at most eight hours; it returns unacknowledged when time is up."""
    if not reason or not reason.strip():
        raise AlertTransitionError("shelving needs a reason")
    if not 0 < minutes <= MAX_SHELVE_MINUTES:
        raise AlertTransitionError(f"shelve for more than 0 and at most {MAX_SHELVE_MINUTES:g} min")
    now = book.now() if at is None else at
    until = now + minutes * 60.0

    def step(a: Alert) -> AlertChange | None:
        if a.state not in ("unacknowledged", "acknowledged", "escalated"):
            return None
        return book.change(a, "shelve", who, station, reason, now, state="shelved",
                           shelved_until=until)
    return _run(book, alert_id, step, commit=commit)


def unshelve(
    book: AlertBook, alert_id: str, *, who: str, station: str | None, why: str | None = None,
    at: float | None = None, commit: bool = True,
) -> list[AlertChange]:
    def step(a: Alert) -> AlertChange | None:
        if a.state != "shelved":
            return None
        return book.change(a, "unshelve", who, station, why, at, state="unacknowledged",
                           shelved_until=None)
    return _run(book, alert_id, step, commit=commit)


def escalate(
    book: AlertBook, alert_id: str, *, who: str, station: str | None, why: str | None = None,
    at: float | None = None, commit: bool = True,
) -> list[AlertChange]:
    def step(a: Alert) -> AlertChange | None:
        if a.state not in ("unacknowledged", "acknowledged"):
            return None
        return book.change(a, "escalate", who, station, why, at, state="escalated")
    return _run(book, alert_id, step, commit=commit)


def comment(
    book: AlertBook, alert_id: str, text: str, *, who: str, station: str | None,
    at: float | None = None, commit: bool = True,
) -> list[AlertChange]:
    """Add a remark; the alert's state does not change (and no group member is touched)."""
    if not text.strip():
        raise AlertTransitionError("a comment needs text")
    return _run(book, alert_id, lambda a: book.change(a, "comment", who, station, text, at),
                cascade=False, commit=commit)


def reopen(
    book: AlertBook, alert_id: str, *, who: str, station: str | None, why: str | None = None,
    at: float | None = None, commit: bool = True,
) -> list[AlertChange]:
    def step(a: Alert) -> AlertChange | None:
        if a.is_open:
            return None
        return book.change(a, "reopen", who, station, why, at, state="unacknowledged",
                           resolution=None)
    return _run(book, alert_id, step, cascade=False, commit=commit)


def expire_shelves(book: AlertBook, now: float) -> list[AlertChange]:
    """Return every shelved alert whose time is up to the queue, unacknowledged."""
    due = [a for a in book.open.values()
           if a.state == "shelved" and a.shelved_until is not None and a.shelved_until <= now]
    changes = [book.change(a, "unshelve", SYSTEM, None, "shelving time is up", now,
                           state="unacknowledged", shelved_until=None) for a in due]
    return book.commit(changes) if changes else []
