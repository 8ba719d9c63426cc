"""`OfficeStore` in the console's SQLite file: one writer thread, one transaction per action.

Every write runs on the `OfficeWriter` thread over its own connection, in the
order submitted: an officer's action writes its alert rows and changes, its
outbox row and its audit entries (chained, signed with the station key, and
the anchor moved after the commit, `console.audit`) between one `BEGIN
IMMEDIATE` and one `COMMIT`, so a crash at any point leaves all of it or none
of it.  Reads use connections of their own (WAL: they never wait for the
writer); those that must see every submitted write first wait for the writer
to settle, and `get` answers a submitted, not yet committed alert change from
memory.

The tables and their versioned migrations are those of the table modules
beside this one (`alert_rows`, `audit_trail`, `outbox`, `evidence_rows`,
`accounts`); nothing is renumbered.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from argon2 import PasswordHasher

from console.alerts.model import Alert, AlertChange
from console.audit.anchor import Head
from console.audit.entries import AuditEntry, VerifyResult, utc_now
from console.audit.station_key import StationKey, StationVerifier
from console.cameras.evidence_record import EvidenceRecord
from console.corrections.request import CorrectionRequest, OutboxEntry, State
from console.office.records import (
    AnswerAction,
    AnswerCommitted,
    AuditRecord,
    Committed,
    OfficeAction,
    queued_entry,
)
from console.store.failures import translate
from console.store.office import evidence_rows
from console.store.office.accounts import Accounts
from console.store.office.alert_rows import COMPONENT as ALERTS
from console.store.office.alert_rows import MIGRATIONS as ALERT_MIGRATIONS
from console.store.office.alert_rows import SqliteAlertStore, write_changes
from console.store.office.audit_trail import AuditTrail, write_transaction
from console.store.office.outbox import CorrectionOutbox
from console.store.office.writer import OfficeWriter
from console.store.office.writer_accounts import WriterAccounts
from console.store.schema import connect, migrate

if TYPE_CHECKING:
    from console.cameras.slot import Frame

T = TypeVar("T")


class SettledTrail(AuditTrail):
    """The audit trail for reading: each read first waits for the office writer to settle,
    so it shows every entry submitted before it."""

    def __init__(self, conn: sqlite3.Connection, *, settle: Callable[[], None],
                 now: Callable[[], datetime] = utc_now, signer: StationKey | None = None
                 ) -> None:
        super().__init__(conn, now=now, signer=signer)
        self._settle = settle

    def entries(self, *, target: str | None = None, action_prefix: str | None = None,
                after_seq: int = 0) -> Iterator[AuditEntry]:
        self._settle()
        return super().entries(target=target, action_prefix=action_prefix, after_seq=after_seq)

    def latest(self, target: str, actions: Sequence[str]) -> AuditEntry | None:
        self._settle()
        return super().latest(target, actions)

    def head(self) -> Head:
        self._settle()
        return super().head()

    def verify(self, verifier: StationVerifier | None = None, *,
               expect: Head | None = None) -> VerifyResult:
        self._settle()
        return super().verify(verifier, expect=expect)


class SqliteOfficeStore:
    """The officer side of the console database at `path` (see `console.office.store`)."""

    def __init__(self, path: str | Path, *, signer: StationKey | None = None,
                 now: Callable[[], datetime] = utc_now,
                 hasher: PasswordHasher | None = None) -> None:
        self.path = Path(path)
        self._writer = OfficeWriter()
        self._w = connect(self.path)
        migrate(self._w, ALERTS, ALERT_MIGRATIONS)
        self._w_trail = AuditTrail(self._w, now=now, signer=signer)
        self._w_outbox = CorrectionOutbox(self._w)
        evidence_rows.ensure_schema(self._w)
        self._w_trail.advance_anchor()  # catch up after a crash between a commit and its anchor
        self._alerts = SqliteAlertStore(self.path)
        self._r = connect(self.path)
        self._r_lock = threading.Lock()
        self._r_outbox = CorrectionOutbox(self._r)
        # The trail for reading, on a connection of its own; accounts are written by the
        # writer, on its connection and trail, the hashing kept off it (`WriterAccounts`).
        self._audit_conn = connect(self.path)
        self._trail = SettledTrail(self._audit_conn, settle=self.settle, now=now, signer=signer)
        self._accounts = WriterAccounts(
            Accounts(self._w, audit=self._w_trail, hasher=hasher, now=now, signer=signer),
            self._writer)
        self._staged: dict[str, tuple[int, Alert]] = {}
        self._staged_corrections: dict[str, OutboxEntry] = {}  # alert id → submitted row
        self._staged_lock = threading.Lock()
        self._tokens = itertools.count(1)

    # -- alerts -------------------------------------------------------------------
    def record(self, changes: Sequence[AlertChange]) -> None:
        if changes:
            self._writer.run(lambda: self._transaction(
                "the last alert change", lambda: write_changes(self._w, changes), audited=False))

    def get(self, alert_id: str) -> Alert | None:
        with self._staged_lock:
            staged = self._staged.get(alert_id)
        return staged[1] if staged is not None else self._alerts.get(alert_id)

    def open_alerts(self) -> list[Alert]:
        self.settle()
        return self._alerts.open_alerts()

    def alerts(
        self, *, since: float | None = None, until: float | None = None,
        rule: str | None = None, state: str | None = None,
    ) -> Iterator[Alert]:
        self.settle()
        return self._alerts.alerts(since=since, until=until, rule=rule, state=state)

    def changes(self, alert_id: str | None = None) -> Iterator[AlertChange]:
        self.settle()
        return self._alerts.changes(alert_id)

    # -- officer actions ------------------------------------------------------------
    def act(self, action: OfficeAction) -> Future[Committed]:
        request = action.correction
        if request is not None and request.alert_id is not None:
            alert_id = request.alert_id
            with self._staged_lock:
                self._staged_corrections[alert_id] = queued_entry(request, action.at)

        def job() -> Committed:
            def write() -> Committed:
                write_changes(self._w, action.changes)
                entry = (self._w_outbox.enqueue(action.correction, action.at)
                         if action.correction is not None else None)
                return Committed(action.changes, self._append(action.audit), entry)
            return self._transaction("the officer's action", write)

        future = self._staging(action.changes, job)
        if request is not None and request.alert_id is not None:
            future.add_done_callback(lambda _f: self._unstage_correction(request))
        return future

    def _unstage_correction(self, request: CorrectionRequest) -> None:
        with self._staged_lock:
            assert request.alert_id is not None
            held = self._staged_corrections.get(request.alert_id)
            if held is not None and held.request_id == request.request_id:
                del self._staged_corrections[request.alert_id]

    def answer(self, action: AnswerAction) -> Future[AnswerCommitted]:
        a = action.answer

        def job() -> AnswerCommitted:
            def write() -> AnswerCommitted:
                stored = self._w_outbox.record_answer(
                    a.request_id, a.accepted, a.at, replacement_id=a.replacement_id,
                    reason=a.reason)
                if stored is None:
                    return AnswerCommitted(None)
                write_changes(self._w, action.changes)
                return AnswerCommitted(stored, action.changes, self._append(action.audit))
            return self._transaction("the terminal's answer", write)
        return self._staging(action.changes, job)

    def _append(self, records: Sequence[AuditRecord]) -> tuple[AuditEntry, ...]:
        return tuple(self._w_trail.append(r.actor, r.station, r.action, r.target, r.details)
                     for r in records)

    def _transaction(self, what: str, write: Callable[[], T], *, audited: bool = True) -> T:
        """`write` between BEGIN IMMEDIATE and COMMIT on the writer's connection; the anchor
        follows a commit that appended audit entries.  SQLite's failures become a
        `StoreError` in words."""
        try:
            with write_transaction(self._w):
                result = write()
        except sqlite3.Error as exc:
            raise translate(exc, str(self.path), since=what, busy_timeout_s=5.0) from exc
        if audited:
            self._w_trail.advance_anchor()
        return result

    def _staging(self, changes: Sequence[AlertChange], job: Callable[[], T]) -> Future[T]:
        """Submit `job`; until it is done, `get` answers its alerts as `changes` leave them."""
        token = next(self._tokens)
        ids = [c.alert.alert_id for c in changes]
        with self._staged_lock:
            for change in changes:
                self._staged[change.alert.alert_id] = (token, change.alert)

        def unstage(_done: Future[T]) -> None:
            with self._staged_lock:
                for alert_id in ids:
                    held = self._staged.get(alert_id)
                    if held is not None and held[0] == token:
                        del self._staged[alert_id]

        future = self._writer.submit(job)
        future.add_done_callback(unstage)
        return future

    # -- the outbox --------------------------------------------------------------
    def enqueue(self, request: CorrectionRequest, now: float) -> Future[OutboxEntry]:
        return self._writer.submit(lambda: self._w_outbox.enqueue(request, now))

    def mark_sent(self, request_id: str, now: float, resend_after_s: float) -> Future[bool]:
        return self._writer.submit(
            lambda: self._w_outbox.mark_sent(request_id, now, resend_after_s))

    def mark_send_failed(self, request_id: str, now: float, error: str,
                         retry_s: float) -> Future[bool]:
        return self._writer.submit(
            lambda: self._w_outbox.mark_send_failed(request_id, now, error, retry_s))

    def make_all_due(self, now: float) -> Future[int]:
        return self._writer.submit(lambda: self._w_outbox.make_all_due(now))

    def correction(self, request_id: str) -> OutboxEntry | None:
        with self._r_lock:
            return self._r_outbox.get(request_id)

    def corrections(self, *, state: State | None = None,
                    alert_id: str | None = None) -> list[OutboxEntry]:
        """The outbox rows, oldest first.  Those of one alert are answered without waiting
        for the writer: a correction submitted and not yet committed is added from memory."""
        if alert_id is None:
            self.settle()
        with self._r_lock:
            rows = self._r_outbox.entries(state=state, alert_id=alert_id)
        if alert_id is not None:
            with self._staged_lock:
                staged = self._staged_corrections.get(alert_id)
            if staged is not None and (state is None or state == staged.state) and all(
                    r.request_id != staged.request_id for r in rows):
                rows.append(staged)
        return rows

    def due(self, now: float) -> list[OutboxEntry]:
        with self._r_lock:
            return self._r_outbox.due(now)

    def next_due_at(self) -> float | None:
        with self._r_lock:
            return self._r_outbox.next_due_at()

    # -- evidence, accounts, audit ----------------------------------------------------
    def take_evidence(self, frame: Frame, camera_id: str, *, alert_id: str | None = None,
                      officer: str | None = None, station: str | None = None
                      ) -> Future[EvidenceRecord]:
        def job() -> EvidenceRecord:
            record = evidence_rows.take(self._w, frame, camera_id, alert_id=alert_id,
                                        officer=officer, station=station,
                                        audit=evidence_rows.audited_by(self._w_trail))
            self._w_trail.advance_anchor()
            return record
        return self._writer.submit(job)

    def evidence(self, *, alert_id: str | None = None,
                 camera_id: str | None = None) -> list[EvidenceRecord]:
        self.settle()
        with self._r_lock:
            return evidence_rows.records(self._r, alert_id=alert_id, camera_id=camera_id)

    @property
    def accounts(self) -> WriterAccounts:
        return self._accounts

    @property
    def audit(self) -> AuditTrail:
        return self._trail

    # -- life -----------------------------------------------------------------------
    def settle(self, timeout_s: float = 30.0) -> None:
        self._writer.settle(timeout_s)

    def close(self) -> None:
        self._writer.close()
        for close in (self._w.close, self._alerts.close, self._r.close, self._audit_conn.close):
            close()

