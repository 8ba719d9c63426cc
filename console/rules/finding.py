"""A rule's verdict before it becomes an alert."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Finding:
    """`rule` holds for `subject` because of `cause` (an event id, or a fact derived from one).

    `time` is the feed time of the fact (RFC 3339); `severity` overrides the
    rule's configured severity (DEVICE_DOWN is low for a degraded device).
    """

    rule: str
    subject: str
    cause: str
    event_id: str | None
    time: str
    detail: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class Clearing:
    """The condition of every open alert of `rule` on `subject` no longer holds."""

    rule: str
    subject: str
    why: str


@dataclass(slots=True)
class Verdict:
    """What judging one input found: alerts to raise and conditions that cleared."""

    findings: list[Finding] = field(default_factory=list)
    clearings: list[Clearing] = field(default_factory=list)
