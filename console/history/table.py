"""`Table`: rows with named columns, the one shape every review result can take.

The history window shows any result in one item model, and CSV export
writes any of them; both need only the column names and the rows.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from console.history.cancel import NEVER, Cancellation

Cell = str | int | float | None


@dataclass(slots=True)
class Table:
    """`columns` names each cell of every row; `keys` (optional) identifies each row."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Cell]:
        i = self.columns.index(name)
        return [r[i] for r in self.rows]


def cell(value: Any) -> Cell:
    """A value as a table shows it (lists and dicts as short text)."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def write_csv(
    table: Table, out: TextIO, *, cancel: Cancellation = NEVER,
    progress: Callable[[float], None] | None = None,
) -> int:
    """Write the table as CSV (header first); return the rows written."""
    writer = csv.writer(out)
    writer.writerow(table.columns)
    total = max(1, len(table.rows))
    for i, row in enumerate(table.rows):
        if i % 5000 == 0:
            cancel.raise_if_cancelled()
            if progress is not None:
                progress(i / total)
        writer.writerow(["" if v is None else v for v in row])
    if progress is not None:
        progress(1.0)
    return len(table.rows)


def table_of(title: str, columns: Sequence[str], records: Iterable[Sequence[Any]]) -> Table:
    return Table(title, tuple(columns), [tuple(cell(v) for v in r) for r in records])
