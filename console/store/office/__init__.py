"""The officer side's store in a SQLite file: `sqlite.SqliteOfficeStore` (see `console.office`).

The tables' own modules live beside it: `alert_rows` (alerts and their
changes), `audit_trail` and `audit_anchor` (the chained, signed trail and its
anchor), `outbox` (corrections), `evidence_rows` (pictures), `accounts` and
`seals` (officers).  Only `console.store` imports SQLite.
"""
