"""`OfficeStore`: the one interface to the officer side's durable state.

Alerts (with their comments and claims, which are alert changes), the audit
trail, the correction outbox, evidence records and accounts live behind it.
Every write is one transaction and runs on the store's writer thread, in the
order submitted; it answers a `concurrent.futures.Future` of a typed outcome
(`asyncio.wrap_future` turns it into an awaitable on the asyncio/qasync side).
A failed write raises `StoreError` (in words) from the future, having written
nothing.  Reads see every write submitted before them.

`record` (the supervisor's raises and clears) is the one synchronous write:
it waits for its transaction, because the engine judges only what is stored
(commit, then judge).  It shares the writer's queue, so the alert rows are
written in the order the changes were made, whoever made them.

This is what a PostgreSQL backend implements next (issue 19); the SQLite one
is `console.store.office.SqliteOfficeStore`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Protocol

from console.alerts.model import Alert, AlertChange
from console.corrections.request import CorrectionRequest, OutboxEntry, State
from console.office.accounts import OfficeAccounts
from console.office.records import AnswerAction, AnswerCommitted, Committed, OfficeAction

if TYPE_CHECKING:  # the protocol names them; importing it costs none of them (cv2, argon2)
    from console.cameras.evidence_record import EvidenceRecord
    from console.cameras.slot import Frame
    from console.store.office.audit_trail import AuditTrail


class OfficeStore(Protocol):
    # -- alerts (also an `AlertStore`, for the supervisor's book) ----------------
    def record(self, changes: Sequence[AlertChange]) -> None:
        """The system's alert changes, committed when this returns."""

    def get(self, alert_id: str) -> Alert | None: ...

    def open_alerts(self) -> list[Alert]: ...

    def alerts(
        self, *, since: float | None = None, until: float | None = None,
        rule: str | None = None, state: str | None = None,
    ) -> Iterator[Alert]: ...

    def changes(self, alert_id: str | None = None) -> Iterator[AlertChange]: ...

    # -- officer actions: one transaction each ------------------------------------
    def act(self, action: OfficeAction) -> Future[Committed]:
        """An officer's action: its alert changes, audit entries and correction together."""

    def answer(self, action: AnswerAction) -> Future[AnswerCommitted]:
        """The terminal's answer with the alert changes and audit entry it causes."""

    # -- the outbox's own bookkeeping (the sender) -------------------------------
    def enqueue(self, request: CorrectionRequest, now: float) -> Future[OutboxEntry]: ...

    def mark_sent(self, request_id: str, now: float, resend_after_s: float) -> Future[bool]: ...

    def mark_send_failed(self, request_id: str, now: float, error: str,
                         retry_s: float) -> Future[bool]: ...

    def make_all_due(self, now: float) -> Future[int]: ...

    def correction(self, request_id: str) -> OutboxEntry | None: ...

    def corrections(self, *, state: State | None = None,
                    alert_id: str | None = None) -> list[OutboxEntry]: ...

    def due(self, now: float) -> list[OutboxEntry]: ...

    def next_due_at(self) -> float | None: ...

    # -- evidence, accounts, the audit trail -------------------------------------
    def take_evidence(self, frame: Frame, camera_id: str, *, alert_id: str | None = None,
                      officer: str | None = None, station: str | None = None
                      ) -> Future[EvidenceRecord]:
        """Save the picture and record it with its audit entry (one transaction)."""

    def evidence(self, *, alert_id: str | None = None,
                 camera_id: str | None = None) -> list[EvidenceRecord]: ...

    @property
    def accounts(self) -> OfficeAccounts:
        """Accounts and sign-in: database steps in this store, hashing on the caller's thread."""

    @property
    def audit(self) -> AuditTrail:
        """The trail, for reading and verifying (its reads see every submitted write)."""

    # -- life ---------------------------------------------------------------------
    def settle(self, timeout_s: float = 30.0) -> None:
        """Wait until every write submitted so far is committed (or has failed)."""

    def close(self) -> None: ...
