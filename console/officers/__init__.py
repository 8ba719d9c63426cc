"""Officers: local accounts, roles and what each may do, the signed-in session."""

from console.officers.accounts import Account, AccountError, Accounts, SignInRefused
from console.officers.permissions import (
    PERMISSIONS,
    Actor,
    Operation,
    PermissionDenied,
    Role,
    Session,
    SessionLocked,
    allowed,
    check,
)

__all__ = [
    "PERMISSIONS", "Account", "AccountError", "Accounts", "Actor", "Operation",
    "PermissionDenied", "Role", "Session", "SessionLocked", "SignInRefused", "allowed", "check",
]
