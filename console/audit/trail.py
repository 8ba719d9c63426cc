"""The audit trail (compatibility path).

Entries and the chain check live in `console.audit.entries` (no storage); the
trail's table, triggers, signing and anchoring in
`console.store.office.audit_trail` (only `console.store` touches SQLite).
Both are re-exported here for the code and tests that name them by their old
place.  See docs/audit-trail.md.
"""

from console.audit.entries import (
    GENESIS_HASH,
    Acting,
    AuditEntry,
    VerifyResult,
    canonical_json,
    entry_from_row,
    utc_now,
    verify_rows,
)
from console.store.office.audit_trail import MIGRATIONS, AuditTrail, read_head, write_transaction

__all__ = [
    "GENESIS_HASH", "MIGRATIONS", "Acting", "AuditEntry", "AuditTrail", "VerifyResult",
    "canonical_json", "entry_from_row", "read_head", "utc_now", "verify_rows",
    "write_transaction",
]
