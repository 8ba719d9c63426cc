"""Feed health as a Qt table: state in words, reason, events per second, last event age.

Fed by the engine's feed status changes and by the count of committed events;
`tick()` (once a second) recomputes the rate over the last five seconds and
the age of the last event.  `stale_roles()` tells the window which map layers
to grey.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from console.feed.status import CLAIM_WORDS
from ui.health.reasons import reason_words
from ui.table_model import AnyIndex, ColumnTableModel

COLUMNS: tuple[str, ...] = ("feed", "state", "rate", "age", "detail")
STATE_GLYPH = {"connected": "●", "resumed": "●", "snapshot": "◌", "gap": "▲",
               "stale": "◐", "disconnected": "✕", "rejected": "⛔"}
STATE_COLOUR = {"connected": QColor(110, 200, 130), "resumed": QColor(110, 200, 130),
                "snapshot": QColor(140, 180, 230), "gap": QColor(245, 190, 60),
                "stale": QColor(245, 150, 40), "disconnected": QColor(240, 80, 70),
                "rejected": QColor(240, 60, 50)}
UNHEALTHY = frozenset({"stale", "disconnected", "rejected"})
RATE_WINDOW_S = 5.0


def state_word(state: str) -> str:
    translate = QCoreApplication.translate
    words = {
        "connected": translate("FeedState", "connected"),
        "resumed": translate("FeedState", "resumed"),
        "snapshot": translate("FeedState", "synced (snapshot)"),
        "gap": translate("FeedState", "gap in data"),
        "stale": translate("FeedState", "stale"),
        "disconnected": translate("FeedState", "disconnected"),
        "rejected": translate("FeedState", "rejected"),
    }
    return words.get(state, state)


def false_claims_words(n: int) -> str:
    """A lying peer, in the officer's language, with how often it lied."""
    text = QCoreApplication.translate(
        "FeedReason", "the gateway claims events it cannot deliver (%1 times)")
    return text.replace("%1", str(n))


@dataclass(slots=True)
class FeedLine:
    feed: str
    state: str = "disconnected"
    detail: str = ""
    role: str = ""  # unknown until the gateway's welcome names it
    name: str = ""
    events: int = 0
    last_event: float | None = None
    arrivals: deque[tuple[float, int]] = field(default_factory=deque)
    rate: float = 0.0
    false_claims: int = 0  # heartbeats that announced events the gateway did not deliver


class FeedHealthModel(ColumnTableModel):
    columns = COLUMNS
    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[FeedLine] = []
        self._clock = clock
        self.expected_roles: dict[str, str] = {}  # from the configuration, before any welcome

    def line(self, feed: str) -> FeedLine:
        for ln in self._lines:
            if ln.feed == feed:
                return ln
        ln = FeedLine(feed, role=self.expected_roles.get(feed, ""))
        self.beginInsertRows(QModelIndex(), len(self._lines), len(self._lines))
        self._lines.append(ln)
        self.endInsertRows()
        return ln

    def lines(self) -> list[FeedLine]:
        return list(self._lines)

    def apply_status(self, status: Any) -> None:
        ln = self.line(str(status.feed))
        ln.state = str(status.state)
        ln.detail = str(getattr(status, "detail", None) or "")
        ln.role = str(getattr(status, "role", None) or ln.role)
        ln.name = str(getattr(status, "name", None) or ln.name)
        extra = getattr(status, "extra", None) or {}
        if isinstance(extra.get("false_claims"), int):
            ln.false_claims = max(ln.false_claims, extra["false_claims"])
        self._changed(ln)

    def count_events(self, feed: str, n: int) -> None:
        ln = self.line(feed)
        now = self._clock()
        ln.events += n
        ln.last_event = now
        ln.arrivals.append((now, n))

    def tick(self) -> None:
        now = self._clock()
        for ln in self._lines:
            while ln.arrivals and ln.arrivals[0][0] < now - RATE_WINDOW_S:
                ln.arrivals.popleft()
            ln.rate = sum(n for _, n in ln.arrivals) / RATE_WINDOW_S
        if self._lines:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._lines) - 1, 3))

    def stale_roles(self) -> set[str]:
        return {ln.role for ln in self._lines if ln.state in UNHEALTHY}

    def summary(self) -> tuple[int, int]:
        """(healthy feeds, all feeds)."""
        return (sum(1 for ln in self._lines if ln.state not in UNHEALTHY), len(self._lines))

    def _changed(self, ln: FeedLine) -> None:
        i = self._lines.index(ln)
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))

    def _detail(self, ln: FeedLine) -> str:
        """The reason; a gateway that claimed events it could not deliver stays said."""
        if not ln.false_claims:
            return reason_words(ln.detail)
        claims = false_claims_words(ln.false_claims)
        if ln.detail.startswith(CLAIM_WORDS) or not ln.detail:
            return claims
        return f"{reason_words(ln.detail)} — {claims}"

    # -- Qt model ------------------------------------------------------------
    def row_total(self) -> int:
        return len(self._lines)

    def column_titles(self) -> dict[str, str]:
        return {"feed": self.tr("Feed"), "state": self.tr("State"), "rate": self.tr("Events/s"),
                "age": self.tr("Last event"), "detail": self.tr("Reason")}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        ln = self._lines[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "feed":
                if ln.name and ln.name != ln.feed:
                    return f"{ln.name} ({ln.role})" if ln.role else ln.name
                return ln.feed
            if col == "state":
                return f"{STATE_GLYPH.get(ln.state, '?')} {state_word(ln.state)}"
            if col == "rate":
                return f"{ln.rate:.1f}"
            if col == "age":
                if ln.last_event is None:
                    return "—"
                return self.tr("%1 s ago").replace(
                    "%1", f"{max(0.0, self._clock() - ln.last_event):.0f}")
            return self._detail(ln)
        if role == Qt.ItemDataRole.ForegroundRole and col == "state":
            return STATE_COLOUR.get(ln.state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{ln.feed}\n{ln.detail}" if ln.detail else ln.feed
        return None
