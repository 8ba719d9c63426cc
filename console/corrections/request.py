"""What an officer asks the terminal to change, and an outbox row as it stands (no storage).

`CorrectionRequest` is the `correction` message of the feed protocol
(section 6); `OutboxEntry` one row of the durable outbox, moving
`queued → sent → accepted | rejected`.  Where rows are kept is the
officer-side store's business (`console.office`, SQLite:
`console.store.office.outbox`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

State = Literal["queued", "sent", "accepted", "rejected"]
PENDING_STATES: tuple[State, ...] = ("queued", "sent")


def new_request_id() -> str:
    return f"c-{uuid.uuid4().hex}"


@dataclass(frozen=True, slots=True)
class CorrectionRequest:
    """What an officer asks the terminal to change in one event."""

    event_id: str
    changes: dict[str, Any]
    officer: str | None = None
    station: str | None = None
    alert_id: str | None = None
    reason: str | None = None
    request_id: str = field(default_factory=new_request_id)

    def message(self) -> dict[str, Any]:
        """The `correction` message as the protocol writes it."""
        m: dict[str, Any] = {"type": "correction", "request_id": self.request_id,
                             "event_id": self.event_id, "changes": self.changes}
        for key in ("officer", "station", "alert_id", "reason"):
            value = getattr(self, key)
            if value is not None:
                m[key] = value
        return m


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    request: CorrectionRequest
    state: State
    created_at: float
    attempts: int  # times handed to the link without error
    failed_sends: int  # times the link refused (offline)
    last_attempt_at: float | None
    last_error: str | None
    next_attempt_at: float
    answered_at: float | None
    replacement_id: str | None
    rejection_reason: str | None

    @property
    def request_id(self) -> str:
        return self.request.request_id

    @property
    def final(self) -> bool:
        return self.state in ("accepted", "rejected")
