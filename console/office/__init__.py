"""The officer side's one store: alerts, comments, claims, audit, outbox, evidence, accounts.

`OfficeStore` (`console.office.store`) is the interface; each of its write
operations is one transaction (an alert change, its audit entry and its
outbox row commit together or not at all), carried out on a writer thread off
the UI thread, answering with a typed outcome (`console.office.records`).
The SQLite implementation is `console.store.office.SqliteOfficeStore`; a
PostgreSQL one implements the same protocol (issue 19).  See
docs/architecture.md, "The officer side".
"""

from console.office.correction_state import CorrectionPhase, CorrectionState, correction_state
from console.office.records import (
    AnswerAction,
    AnswerCommitted,
    AuditRecord,
    Committed,
    CorrectionAnswer,
    OfficeAction,
    queued_entry,
)
from console.office.store import OfficeStore

__all__ = [
    "AnswerAction", "AnswerCommitted", "AuditRecord", "Committed", "CorrectionAnswer",
    "CorrectionPhase", "CorrectionState", "OfficeAction", "OfficeStore", "correction_state",
    "queued_entry",
]
