"""The officer side's store in a SQLite file (`SqliteOfficeStore`, see `console.office`)."""

from console.store.office.sqlite import SqliteOfficeStore

__all__ = ["SqliteOfficeStore"]
