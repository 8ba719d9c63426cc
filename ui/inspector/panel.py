"""The inspector: one container's dossier or one alert's evidence, as readable text.

The panel only renders what `ui.inspector.report` builds from the display
state; it re-renders when the same subject changes or the language changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget


class InspectorPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorPanel")
        self.browser = QTextBrowser()
        self.browser.setObjectName("inspectorText")
        self.browser.setOpenLinks(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.browser)
        self.subject: tuple[str, str] | None = None
        self._render: Callable[[], str] | None = None
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.subject = None
        self._render = None
        self.browser.setHtml(
            "<p style='color:#8a95a3'>"
            + self.tr("Click a container or vehicle on the map, or select an alert.")
            + "</p>")

    def show_subject(self, kind: str, key: str, render: Callable[[], str]) -> None:
        """Show `render()` for (kind, key); `refresh` calls it again later."""
        self.subject = (kind, key)
        self._render = render
        self.refresh()

    def refresh(self) -> None:
        if self._render is None:
            return
        bar = self.browser.verticalScrollBar().value()
        self.browser.setHtml(self._render())
        self.browser.verticalScrollBar().setValue(bar)

    def text(self) -> str:
        return self.browser.toPlainText()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self._render is None:
                self.show_placeholder()
            else:
                self.refresh()
        super().changeEvent(event)
