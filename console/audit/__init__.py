"""The audit trail (append-only, hash-chained) and the response times read from it."""

from console.audit.response_times import (
    AlertMilestone,
    ResponseSummary,
    ResponseTime,
    milestones_from_audit,
    response_times,
    summarize,
)
from console.audit.trail import AuditEntry, AuditTrail, VerifyResult, write_transaction

__all__ = [
    "AlertMilestone", "AuditEntry", "AuditTrail", "ResponseSummary", "ResponseTime",
    "VerifyResult", "milestones_from_audit", "response_times", "summarize", "write_transaction",
]
