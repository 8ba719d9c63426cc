"""Alert records, their changes, and how an alert is named.

An alert's id is a digest of (rule, subject, cause): the same fact reported
twice, replayed after a reconnect, or judged again after a restart names the
same alert, so it can never be raised twice.  An `Alert` is immutable; every
change produces a new `Alert` and an `AlertChange` that records who made it,
when, from which station and why.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

STATES = ("unacknowledged", "acknowledged", "resolved", "shelved", "escalated")
OPEN_STATES = ("unacknowledged", "acknowledged", "shelved", "escalated")
RESOLUTIONS = ("corrected", "confirmed_violation", "false_alarm", "duplicate", "cleared")
ACTIONS = (
    "raise", "repeat", "clear", "acknowledge", "resolve", "shelve", "unshelve", "escalate",
    "comment", "reopen",
)
SYSTEM = "system"


def alert_id(rule: str, subject: str, cause: str) -> str:
    """The deterministic id of the alert that `rule` raises about `subject` for `cause`."""
    digest = hashlib.sha256(f"{rule}\x1f{subject}\x1f{cause}".encode()).hexdigest()
    return f"{rule}-{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert as it stands.

    `raised_at` is the feed time of the fact that raised it (RFC 3339 as
    sent); `changed_at` the console time of its latest change.  `group_id` is
    the id of the first open alert of the same rule and subject (its own id
    when it heads its group); `repeats` counts the later alerts grouped under it.
    """

    alert_id: str
    rule: str
    severity: str
    subject: str
    cause: str
    feed: str
    event_id: str | None
    raised_at: str
    state: str = "unacknowledged"
    cleared: bool = False
    resolution: str | None = None
    shelved_until: float | None = None
    group_id: str = ""
    repeats: int = 0
    changed_at: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.state != "resolved"

    @property
    def heads_group(self) -> bool:
        return self.group_id == self.alert_id


@dataclass(frozen=True, slots=True)
class AlertChange:
    """One change of one alert: the alert after it, the action and its who/when/where/why."""

    alert: Alert
    action: str
    who: str
    station: str | None
    why: str | None
    at: str

    def to_json(self) -> dict[str, Any]:
        """The headless line (`kind: alert`)."""
        a = self.alert
        out: dict[str, Any] = {
            "kind": "alert",
            "alert_id": a.alert_id,
            "rule": a.rule,
            "severity": a.severity,
            "state": a.state,
            "cleared": a.cleared,
            "subject": a.subject,
            "event_id": a.event_id,
            "raised_at": a.raised_at,
            "changed_at": self.at,
            "feed": a.feed,
            "action": self.action,
            "who": self.who,
            "station": self.station,
            "why": self.why,
            "group_id": a.group_id,
            "repeats": a.repeats,
        }
        if a.resolution is not None:
            out["resolution"] = a.resolution
        if a.shelved_until is not None:
            out["shelved_until"] = a.shelved_until
        if a.detail:
            out["detail"] = a.detail
        return out


class AlertTransitionError(ValueError):
    """An officer's action that the alert's current state does not allow."""


class AlertStateConflict(AlertTransitionError):
    """The alert's present state does not allow the action (someone else acted first)."""


def alert_to_dict(a: Alert) -> dict[str, Any]:
    return {
        "alert_id": a.alert_id, "rule": a.rule, "severity": a.severity, "subject": a.subject,
        "cause": a.cause, "feed": a.feed, "event_id": a.event_id, "raised_at": a.raised_at,
        "state": a.state, "cleared": a.cleared, "resolution": a.resolution,
        "shelved_until": a.shelved_until, "group_id": a.group_id, "repeats": a.repeats,
        "changed_at": a.changed_at, "detail": a.detail,
    }


def alert_from_dict(d: dict[str, Any]) -> Alert:
    return Alert(**d)
