"""The alert queue panel: filters above a keyboard-driven table.

The officer's keyboard path starts here: arrows move the selection (the
case follows it), Enter asks to accept the proposal of the selected alert
(`accept_wanted`; the one-step panel decides whether the case has been on
screen long enough), Esc clears the selection.  When the queue takes the
focus with nothing selected, the first alert is selected; when the selected
alert leaves the queue (resolved, escalated away), the one below it is.
Rows are one line high, so the queue shows as many alerts as it can.  The
panel never takes focus by itself: a new alert only changes the model, so
an officer typing elsewhere is not interrupted.

Signals:
    alert_selected(str)  – the current alert changed (its id)
    alert_activated(str) – double-click on an alert
    accept_wanted(str)   – Enter on the selected alert (its id)
    backed_out()         – Esc: the selection was cleared
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
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

from ui import severity as sev
from ui.alerts.filter import AlertFilter
from ui.alerts.model import ALERT_ID_ROLE, COLUMNS, STATES, AlertQueueModel, state_word

RULE_MIN_PX = 180  # the rule column keeps at least this much before "· cleared" gets room


class AlertQueuePanel(QWidget):
    alert_selected = Signal(str)
    alert_activated = Signal(str)
    accept_wanted = Signal(str)
    backed_out = Signal()

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
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # The rule's title takes the room the other columns leave: they are sized to
        # their longest words in the console's language (`fit_columns`), never elided.
        header.setSectionResizeMode(COLUMNS.index("rule"), QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.installEventFilter(self)
        self._reselect: int | None = None
        self.proxy.rowsAboutToBeRemoved.connect(self._rows_leaving)
        self.proxy.rowsRemoved.connect(self._rows_removed)
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
        self.fit_columns()

    def column_words(self) -> dict[str, list[str]]:
        """The longest texts each fixed column writes, in the current language."""
        states = [state_word(s) for s in STATES]
        titles = self.model.column_titles()
        return {
            "severity": [sev.label(s) for s in ("critical", "high", "medium", "low")],
            "countdown": [self.model.overdue_words("+9:59"), "2:59"],
            "subject": ["MSCU1234567  ×99"],
            "state": states,
            "feed": ["KHH-T7"],
        } | {"title:" + k: [v] for k, v in titles.items()}

    def fit_columns(self) -> None:
        """Size severity, time left, subject, state and feed to their longest words (so
        the state is never "unacknowled…"), the rule's title gets the rest; a cleared
        alert's "· cleared" gets room too when the rule keeps `RULE_MIN_PX`."""
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        words = self.column_words()
        pad = 18  # the cell's margins and the header's sort mark
        widths: dict[str, int] = {}
        for name in ("severity", "countdown", "subject", "state", "feed"):
            texts = words[name] + words["title:" + name]
            widths[name] = max(fm.horizontalAdvance(t) for t in texts) + pad
        widths["severity"] += 22  # the severity's shape beside its word
        cleared = max(fm.horizontalAdvance(self.model.state_words(s, True))
                      for s in STATES) + pad
        room = self.table.viewport().width() - sum(widths.values())
        if room - (cleared - widths["state"]) >= RULE_MIN_PX:
            widths["state"] = cleared
        for name, width in widths.items():
            header.resizeSection(COLUMNS.index(name), width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                aid = self.current_alert_id()
                if aid is not None and not event.isAutoRepeat():
                    self.accept_wanted.emit(aid)
                return True
            if key == Qt.Key.Key_Escape:
                self.table.clearSelection()
                self.table.setCurrentIndex(QModelIndex())
                self.backed_out.emit()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.current_alert_id() is None:
                self.select_row(0 if key == Qt.Key.Key_Down else self.proxy.rowCount() - 1)
                return True
        if obj is self.table and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        if (obj is self.table and event.type() == QEvent.Type.FocusIn
                and self.current_alert_id() is None):
            self.select_row(0)
        return super().eventFilter(obj, event)

    def current_alert_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        idx = rows[0] if rows else QModelIndex()
        return str(idx.data(ALERT_ID_ROLE)) if idx.isValid() else None

    def select_row(self, row: int) -> bool:
        if not 0 <= row < self.proxy.rowCount():
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))
        return True

    def rows_shown(self) -> int:
        """How many whole rows the table has room for at its present size."""
        return self.table.viewport().height() // max(1, self.table.verticalHeader()
                                                     .defaultSectionSize())

    def _rows_leaving(self, _parent: QModelIndex, first: int, last: int) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and first <= rows[0].row() <= last:
            self._reselect = first

    def _rows_removed(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        row, self._reselect = self._reselect, None
        if row is not None and self.current_alert_id() is None and self.proxy.rowCount():
            self.select_row(min(row, self.proxy.rowCount() - 1))

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

