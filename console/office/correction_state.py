"""Where an alert's correction stands, as a type the window shows (never the desk's prose)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from console.corrections.request import OutboxEntry


class CorrectionPhase(StrEnum):
    NONE = "none"  # no correction was sent for this alert
    WAITING = "waiting"  # stored and being sent; the terminal has not answered yet
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class CorrectionState:
    phase: CorrectionPhase
    request_id: str | None = None
    reason: str | None = None  # the terminal's reason of a rejection, as it sent it

    @property
    def waiting(self) -> bool:
        return self.phase is CorrectionPhase.WAITING


NO_CORRECTION = CorrectionState(CorrectionPhase.NONE)


def correction_state(entries: Iterable[OutboxEntry]) -> CorrectionState:
    """The state of an alert's latest correction (entries oldest first)."""
    last: OutboxEntry | None = None
    for entry in entries:
        last = entry
    if last is None:
        return NO_CORRECTION
    if last.state == "accepted":
        return CorrectionState(CorrectionPhase.ACCEPTED, last.request_id)
    if last.state == "rejected":
        return CorrectionState(CorrectionPhase.REJECTED, last.request_id, last.rejection_reason)
    return CorrectionState(CorrectionPhase.WAITING, last.request_id)
