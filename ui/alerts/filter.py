"""Which alerts the queue shows: by severity, state, text, and grouped or not.

Escalated alerts are for supervisors: hidden while the signed-in role may
not see escalations (`set_show_escalated`, set by the window on sign-in).

Shelved alerts are out of the way until their time is up (ISA-18.2): hidden
unless the officer asks to see them.

Grouping hides the repeats of an alert (same rule and subject) under the
first one, whose subject cell shows the count; the officer handles the group.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from ui.alerts.model import (
    ALERT_ID_ROLE,
    HEADS_GROUP_ROLE,
    RULE_ROLE,
    SEVERITY_ROLE,
    STATE_ROLE,
)


class AlertFilter(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.max_rank = 3  # show critical (0) … low (3)
        self.unacknowledged_only = False
        self.group_repeats = True
        self.show_shelved = False
        self.show_escalated = True
        self.text = ""

    def set_max_rank(self, rank: int) -> None:
        self._refilter(lambda: setattr(self, "max_rank", rank))

    def set_unacknowledged_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "unacknowledged_only", on))

    def set_group_repeats(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "group_repeats", on))

    def set_show_shelved(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "show_shelved", on))

    def set_show_escalated(self, on: bool) -> None:
        if on != self.show_escalated:
            self._refilter(lambda: setattr(self, "show_escalated", on))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "text", text.strip().casefold()))

    def _refilter(self, change: Callable[[], None]) -> None:
        """Change a criterion inside Qt's filter-change bracket (6.10+), else invalidate."""
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        m = self.sourceModel()
        idx = m.index(source_row, 0, source_parent)
        if m.data(idx, SEVERITY_ROLE) > self.max_rank:
            return False
        state = m.data(idx, STATE_ROLE)
        if self.unacknowledged_only and state != "unacknowledged":
            return False
        if state == "shelved" and not self.show_shelved:
            return False
        if state == "escalated" and not self.show_escalated:
            return False
        if self.group_repeats and not m.data(idx, HEADS_GROUP_ROLE):
            return False
        if self.text:
            hay = " ".join(
                str(m.data(m.index(source_row, c, source_parent))) for c in (2, 3, 5)
            ) + " " + str(m.data(idx, ALERT_ID_ROLE)) + " " + str(m.data(idx, RULE_ROLE))
            return self.text in hay.casefold()
        return True
