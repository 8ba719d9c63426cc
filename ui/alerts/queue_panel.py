"""The alert queue panel: filters above a keyboard-driven table.

Selecting a row (mouse or arrow keys) emits `alert_selected`; Enter emits
`alert_activated`.  The panel never takes focus by itself: a new alert only
changes the model, so an officer typing elsewhere is not interrupted.

Signals:
    alert_selected(str)  – the current alert changed (its id)
    alert_activated(str) – Enter or double-click on an alert
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.alerts.filter import AlertFilter
from ui.alerts.model import ALERT_ID_ROLE, COLUMNS, AlertQueueModel


class AlertQueuePanel(QWidget):
    alert_selected = Signal(str)
    alert_activated = Signal(str)

    def __init__(self, model: AlertQueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertQueuePanel")
        self.model = model
        self.proxy = AlertFilter(self)
        self.proxy.setSourceModel(model)

        self.severity = QComboBox()
        self.severity.setObjectName("alertSeverityFilter")
        self.unack = QCheckBox()
        self.unack.setObjectName("alertUnackOnly")
        self.unack.toggled.connect(self.proxy.set_unacknowledged_only)
        self.group = QCheckBox()
        self.group.setObjectName("alertGroupRepeats")
        self.group.setChecked(True)
        self.group.toggled.connect(self.proxy.set_group_repeats)
        self.shelved = QCheckBox()
        self.shelved.setObjectName("alertShowShelved")
        self.shelved.toggled.connect(self.proxy.set_show_shelved)
        self.search = QLineEdit()
        self.search.setObjectName("alertSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.severity.currentIndexChanged.connect(self.proxy.set_max_rank)

        self.table = QTableView()
        self.table.setObjectName("alertTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for name, width in (("severity", 92), ("countdown", 84), ("rule", 190),
                            ("subject", 118), ("state", 104)):
            header.resizeSection(COLUMNS.index(name), width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.installEventFilter(self)
        model.countdown_tick.connect(self.table.viewport().update)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.severity, self.unack, self.group, self.shelved):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        current = self.severity.currentIndex()
        current = 3 if current < 0 else current
        self.severity.blockSignals(True)
        self.severity.clear()
        self.severity.addItem(self.tr("Critical only"))
        self.severity.addItem(self.tr("High and above"))
        self.severity.addItem(self.tr("Medium and above"))
        self.severity.addItem(self.tr("All severities"))
        self.severity.setCurrentIndex(current)
        self.severity.blockSignals(False)
        self.unack.setText(self.tr("Unacknowledged only"))
        self.group.setText(self.tr("Group repeats"))
        self.shelved.setText(self.tr("Show shelved"))
        self.search.setPlaceholderText(self.tr("Filter by rule, subject or feed"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                aid = self.current_alert_id()
                if aid is not None:
                    self.alert_activated.emit(aid)
                return True
        return super().eventFilter(obj, event)

    def current_alert_id(self) -> str | None:
        idx = self.table.currentIndex()
        return str(idx.data(ALERT_ID_ROLE)) if idx.isValid() else None

    def select_alert(self, alert_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if idx.data(ALERT_ID_ROLE) == alert_id:
                self.table.selectRow(r)
                self.table.scrollTo(idx)
                return True
        return False

    def visible_alert_ids(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data(ALERT_ID_ROLE))
                for r in range(self.proxy.rowCount())]

    def _selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        rows = selected.indexes()
        if rows:
            self.alert_selected.emit(str(rows[0].data(ALERT_ID_ROLE)))

    def _activated(self, index: QModelIndex) -> None:
        self.alert_activated.emit(str(index.data(ALERT_ID_ROLE)))

