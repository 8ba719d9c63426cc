"""What one office-store transaction writes, and what it answers (typed, no dicts or prose).

An `OfficeAction` is one officer action: the alert changes it makes, the audit
entries that record it, and at most one correction for the outbox.  The store
commits all of it in one transaction and answers `Committed` (the audit
entries as written, with their sequence numbers and hashes, and the outbox
entry).  An `AnswerAction` is the terminal's answer to a correction: the
outbox row's final state, the alert changes it causes and its audit entry;
the store answers `AnswerCommitted`, whose `entry` is None when the answer was
a repeat (the row was answered already) and nothing was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from console.alerts.model import AlertChange
from console.audit.entries import AuditEntry
from console.corrections.request import CorrectionRequest, OutboxEntry


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """An audit entry to append (the store chains, hashes and signs it)."""

    actor: str
    station: str
    action: str
    target: str | None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OfficeAction:
    """One officer action, written in one transaction."""

    changes: tuple[AlertChange, ...]
    audit: tuple[AuditRecord, ...]
    correction: CorrectionRequest | None = None
    at: float = 0.0  # wall-clock seconds: the outbox row's `created_at`


@dataclass(frozen=True, slots=True)
class Committed:
    """What `OfficeStore.act` wrote."""

    changes: tuple[AlertChange, ...]
    audit: tuple[AuditEntry, ...]
    correction: OutboxEntry | None = None


@dataclass(frozen=True, slots=True)
class CorrectionAnswer:
    """The terminal's answer to one correction (`correction_result`, or an `error`)."""

    request_id: str
    accepted: bool
    at: float  # wall-clock seconds
    replacement_id: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AnswerAction:
    """An answer, the alert changes it causes and its audit entry: one transaction."""

    answer: CorrectionAnswer
    changes: tuple[AlertChange, ...] = ()
    audit: tuple[AuditRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class AnswerCommitted:
    """`entry` is the answered outbox row; None when it was answered already (a repeat)."""

    entry: OutboxEntry | None
    changes: tuple[AlertChange, ...] = ()
    audit: tuple[AuditEntry, ...] = ()


def queued_entry(request: CorrectionRequest, now: float) -> OutboxEntry:
    """The outbox row a new correction becomes (what `CorrectionOutbox.enqueue` writes)."""
    return OutboxEntry(request, "queued", now, 0, 0, None, None, now, None, None, None)


def answered_entry(entry: OutboxEntry, answer: CorrectionAnswer) -> OutboxEntry:
    """The row as `answer` leaves it (what `CorrectionOutbox.record_answer` writes)."""
    return OutboxEntry(
        entry.request, "accepted" if answer.accepted else "rejected", entry.created_at,
        entry.attempts, entry.failed_sends, entry.last_attempt_at, entry.last_error,
        entry.next_attempt_at, answer.at, answer.replacement_id,
        None if answer.accepted else (answer.reason or "rejected without a reason"))
