"""Local officer accounts (compatibility path).

The account, its errors and its seal's digest live in `console.officers.account`;
the accounts' table and sign-in in `console.store.office.accounts` (only
`console.store` touches SQLite).  Both are re-exported here for the code and
tests that name them by their old place.
"""

from console.officers.account import (
    MIN_PASSWORD_LENGTH,
    NAME_PATTERN,
    Account,
    AccountError,
    SignInRefused,
)
from console.store.office.accounts import MIGRATIONS, Accounts

__all__ = ["MIGRATIONS", "MIN_PASSWORD_LENGTH", "NAME_PATTERN", "Account", "AccountError",
           "Accounts", "SignInRefused"]
