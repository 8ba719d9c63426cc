"""`RecordTableModel`: any review `Table` (alerts, changes, events, workload) as a Qt model.

A thin adapter: the rows are the core's `console.history.table.Table`, replaced
whole when a query answers (`set_table`).  Sorting is by column value, None last.
Headers and cells are shown in the officer's words (`ui.value_words`: states,
actions, rules, kinds as words, times in the terminal's zone); `UserRole` gives
the stored value.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from console.history.table import Table
from ui.value_words import cell_words, field_word

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    def __init__(self, table: Table | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = table or Table("", ())

    @property
    def table(self) -> Table:
        return self._table

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._table.rows)):
            return None
        value = self._table.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_words(self._table.columns[index.column()], value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._table.columns):
            return field_word(self._table.columns[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def key(self, row: int) -> str | None:
        keys = self._table.keys
        return keys[row] if 0 <= row < len(keys) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._table.columns)):
            return
        self.layoutAboutToBeChanged.emit()
        pairs = list(zip(self._table.rows, self._table.keys or [""] * len(self._table.rows),
                         strict=True))
        desc = order == Qt.SortOrder.DescendingOrder
        pairs.sort(key=lambda p: (p[0][column] is None, str(p[0][column])), reverse=desc)
        self._table.rows = [p[0] for p in pairs]
        if self._table.keys:
            self._table.keys = [p[1] for p in pairs]
        self.layoutChanged.emit()
