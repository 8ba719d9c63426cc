"""The alert queue as a Qt item model: open alerts, worst first, oldest first.

`AlertQueueModel` keeps every open alert (resolved ones leave the queue) in
the order severity, then age, and updates rows in place as alert changes
arrive.  Filtering and grouping of repeats are `AlertFilter`'s job
(`ui.alerts.filter`), so this model stays a plain ordered list.  `tick()`
refreshes the countdown column once a second.

Signals:
    alert_raised(str, str) – a new alert entered the queue (alert id, severity)
    countdown_tick()       – a second passed; repaint the visible countdowns
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ui import severity as sev
from ui.alerts.row import WARN_S, AlertRow
from ui.alerts.rules import rule_title
from ui.table_model import AnyIndex, ColumnTableModel

COLUMNS: tuple[str, ...] = ("severity", "countdown", "rule", "subject", "state", "feed")
STATES: tuple[str, ...] = ("unacknowledged", "acknowledged", "shelved", "escalated")
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
HEADS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
SECONDS_LEFT_ROLE = Qt.ItemDataRole.UserRole + 5
RULE_ROLE = Qt.ItemDataRole.UserRole + 6
OVERDUE = QColor(255, 90, 80)
RUNNING_LOW = QColor(245, 190, 60)


def severity_icon(severity: str, size: int = 16) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    sev.paint_mark(p, severity, size / 2, size / 2, size / 2 / 1.25)
    p.end()
    return QIcon(pm)


def format_countdown(seconds_left: float) -> str:
    s = int(abs(seconds_left))
    text = f"{s // 60}:{s % 60:02d}"
    return text if seconds_left >= 0 else f"+{text}"


class AlertQueueModel(ColumnTableModel):
    columns = COLUMNS
    alert_raised = Signal(str, str)
    countdown_tick = Signal()

    def __init__(self, clock: Any = time.time, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AlertRow] = []
        self._keys: list[tuple[int, float, str]] = []
        self._by_id: dict[str, AlertRow] = {}
        self._members: dict[str, int] = {}
        self._clock = clock
        self._icons: dict[str, QIcon] = {}

    # -- input ---------------------------------------------------------------
    def apply_changes(self, changes: Iterable[Any]) -> None:
        """Fold alert changes (objects with `to_json()` or their dictionaries) in."""
        for change in changes:
            d = change.to_json() if hasattr(change, "to_json") else dict(change)
            self._apply(d)

    def _apply(self, d: dict[str, Any]) -> None:
        aid = str(d["alert_id"])
        row = self._by_id.get(aid)
        if row is None:
            if d.get("state") == "resolved":
                return
            row = AlertRow.from_json(d, self._clock())
            self._insert(row)
            self.alert_raised.emit(row.alert_id, row.severity)
            return
        old_key = row.sort_key()
        row.update(d)
        if not row.is_open:
            self._remove(row)
        elif row.sort_key() != old_key:
            self._remove(row)
            self._insert(row)
        else:
            i = self._index_of(row)
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))

    def _insert(self, row: AlertRow) -> None:
        key = row.sort_key()
        i = bisect.bisect_left(self._keys, key)
        self.beginInsertRows(QModelIndex(), i, i)
        self._rows.insert(i, row)
        self._keys.insert(i, key)
        self._by_id[row.alert_id] = row
        if not row.heads_group:
            self._members[row.group_id] = self._members.get(row.group_id, 0) + 1
        self.endInsertRows()

    def _remove(self, row: AlertRow) -> None:
        i = self._index_of(row)
        self.beginRemoveRows(QModelIndex(), i, i)
        del self._rows[i]
        del self._keys[i]
        self._by_id.pop(row.alert_id, None)
        if not row.heads_group and self._members.get(row.group_id):
            self._members[row.group_id] -= 1
            if not self._members[row.group_id]:
                del self._members[row.group_id]  # a group of the past: nothing to count
        self.endRemoveRows()

    def _index_of(self, row: AlertRow) -> int:
        i = bisect.bisect_left(self._keys, row.sort_key())
        if i < len(self._rows) and self._rows[i] is row:
            return i
        return self._rows.index(row)

    def tick(self) -> None:
        """A second passed: views repaint the countdown cells they show.

        Not `dataChanged` over every row: through a filter proxy that re-filters
        the whole queue each second, which an alert flood makes expensive.
        """
        if self._rows:
            self.countdown_tick.emit()

    # -- queries -------------------------------------------------------------
    def row_for(self, alert_id: str) -> AlertRow | None:
        return self._by_id.get(alert_id)

    def rows(self) -> list[AlertRow]:
        return list(self._rows)

    def member_ids(self, alert_id: str) -> list[str]:
        """The open repeats grouped under an alert (not the alert itself)."""
        return [r.alert_id for r in self._rows
                if r.group_id == alert_id and r.alert_id != alert_id]

    def group_size(self, row: AlertRow) -> int:
        return 1 + max(row.repeats, self._members.get(row.alert_id, 0))

    # -- Qt model ------------------------------------------------------------
    def row_total(self) -> int:
        return len(self._rows)

    def column_titles(self) -> dict[str, str]:
        return {"severity": self.tr("Severity"), "countdown": self.tr("Time left"),
                "rule": self.tr("Rule"), "subject": self.tr("Subject"),
                "state": self.tr("State"), "feed": self.tr("Feed")}

    def overdue_words(self, text: str) -> str:
        """The time-left cell of an overdue alert ("OVERDUE +1:05")."""
        return self.tr("OVERDUE %1").replace("%1", text)

    def state_words(self, state: str, cleared: bool) -> str:
        """The state cell: the state's word, "· cleared" once the container is cleared."""
        word = state_word(state)
        return word + " · " + self.tr("cleared") if cleared else word

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role == ALERT_ID_ROLE:
            return row.alert_id
        if role == SEVERITY_ROLE:
            return sev.rank(row.severity)
        if role == HEADS_GROUP_ROLE:
            return row.heads_group
        if role == STATE_ROLE:
            return row.state
        if role == RULE_ROLE:
            return row.rule
        if role == SECONDS_LEFT_ROLE:
            return row.seconds_left(self._clock())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == "severity":
            icon = self._icons.get(row.severity)
            if icon is None:
                icon = self._icons[row.severity] = severity_icon(row.severity)
            return icon
        if role == Qt.ItemDataRole.ForegroundRole and col == "countdown" and row.needs_countdown:
            left = row.seconds_left(self._clock())
            if left < 0:
                return OVERDUE
            if left < WARN_S:
                return RUNNING_LOW
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{sev.label(row.severity)} {row.rule} {row.subject}"
        return None

    def _display(self, row: AlertRow, col: str) -> str:
        if col == "severity":
            return sev.label(row.severity)
        if col == "countdown":
            if not row.needs_countdown:
                return "—"
            left = row.seconds_left(self._clock())
            text = format_countdown(left)
            return self.overdue_words(text) if left < 0 else text
        if col == "rule":
            return rule_title(row.rule)
        if col == "subject":
            n = self.group_size(row) if row.heads_group else 1
            return f"{row.subject}  ×{n}" if n > 1 else row.subject
        if col == "state":
            return self.state_words(row.state, row.cleared)
        return row.feed

    def _tooltip(self, row: AlertRow) -> str:
        return self.tr("%1 on %2, raised %3").replace("%1", f"{rule_title(row.rule)} "
                                                      f"({row.rule})").replace(
            "%2", row.subject).replace("%3", row.raised_at)


def state_word(state: str) -> str:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    words = {
        "unacknowledged": translate("AlertState", "unacknowledged"),
        "acknowledged": translate("AlertState", "acknowledged"),
        "shelved": translate("AlertState", "shelved"),
        "escalated": translate("AlertState", "escalated"),
        "resolved": translate("AlertState", "resolved"),
    }
    return words.get(state, state)
