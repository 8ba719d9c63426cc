"""A flat table model with named columns: the part every list in the window shares."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """Rows from `row_total()`, columns named by `columns`, titles from `column_titles()`.

    Subclasses give `columns` and the two methods, and their own `data`.
    """

    columns: tuple[str, ...] = ()

    def row_total(self) -> int:
        raise NotImplementedError

    def column_titles(self) -> dict[str, str]:
        """Each column's title in the current language (call `self.tr` here)."""
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.columns):
            return None
        return self.column_titles()[self.columns[section]]
