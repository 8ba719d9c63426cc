"""The correction outbox (compatibility path).

The request and entry types live in `console.corrections.request`; the
SQLite outbox in `console.store.office.outbox` (only `console.store` touches
SQLite).  Both are re-exported here for the code and tests that name them
by their old place.
"""

from console.corrections.request import (
    PENDING_STATES,
    CorrectionRequest,
    OutboxEntry,
    State,
    new_request_id,
)
from console.store.office.outbox import MIGRATIONS, CorrectionOutbox

__all__ = ["MIGRATIONS", "PENDING_STATES", "CorrectionOutbox", "CorrectionRequest", "OutboxEntry",
           "State", "new_request_id"]
