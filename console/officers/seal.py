"""An account's seal (compatibility path): `account_digest` and `SEALING` live in
`console.officers.account`, the check of a row against the trail (`AccountSeals`) in
`console.store.office.seals`.  Re-exported here for the code and tests that name them
by their old place."""

from console.officers.account import SEALING, account_digest
from console.store.office.seals import AccountSeals

__all__ = ["SEALING", "AccountSeals", "account_digest"]
