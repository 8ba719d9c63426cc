"""Corrections of terminal data: the durable outbox and the sender that drains it."""

from console.corrections.outbox import (
    CorrectionOutbox,
    CorrectionRequest,
    OutboxEntry,
    new_request_id,
)
from console.corrections.sender import CorrectionSender

__all__ = [
    "CorrectionOutbox", "CorrectionRequest", "CorrectionSender", "OutboxEntry", "new_request_id",
]
