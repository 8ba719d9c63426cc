"""The strip that announces a new critical or high alert over the map.

It flashes (border pulse) for a few seconds and stays until the officer
selects that alert, dismisses the strip, or a newer announcement replaces it.
It accepts no keyboard focus, so whatever the officer is typing continues.

Signals:
    go_to(str) – the officer clicked the strip (alert id)
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui import severity as sev


class AlertBanner(QWidget):
    go_to = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(self)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.addWidget(self.label, 1)
        self.alert_id: str | None = None
        self.severity = "low"
        self._flashes = 0
        self._timer = QTimer(self)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self._flash)
        self.hide()

    def announce(self, alert_id: str, severity: str, text: str) -> bool:
        """Show this alert unless a worse one is on show; True when shown."""
        if self.alert_id is not None and sev.rank(severity) > sev.rank(self.severity):
            return False
        self.alert_id = alert_id
        self.severity = severity
        self.label.setText(f"{sev.GLYPH.get(severity, '')} {sev.label(severity)} — {text}")
        self._flashes = 0
        self._apply_style(bright=True)
        self.show()
        self._timer.start()
        return True

    def dismiss(self, alert_id: str | None = None) -> None:
        if alert_id is None or alert_id == self.alert_id:
            self._timer.stop()
            self.alert_id = None
            self.hide()

    def _flash(self) -> None:
        self._flashes += 1
        self._apply_style(bright=self._flashes % 2 == 0)
        if self._flashes >= 12:
            self._timer.stop()
            self._apply_style(bright=True)

    def _apply_style(self, bright: bool) -> None:
        c = sev.COLOUR.get(self.severity, sev.COLOUR["high"])
        bg = c.darker(170 if bright else 260).name()
        self.setStyleSheet(
            f"#alertBanner {{ background: {bg}; border: 3px solid {c.name()}; }}"
            "#alertBanner QLabel { color: white; font-weight: bold; }"
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.alert_id is not None:
            self.go_to.emit(self.alert_id)
