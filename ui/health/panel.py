"""The feed-health table, always visible in its dock (see `FeedHealthModel`)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from ui.health.model import COLUMNS, FeedHealthModel


class FeedHealthPanel(QWidget):
    def __init__(self, model: FeedHealthModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedHealthPanel")
        self.model = model
        self.table = QTableView()
        self.table.setObjectName("feedHealthTable")
        self.table.setModel(model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("detail"), QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.table)
