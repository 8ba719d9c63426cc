"""The container search field: Enter jumps to the container or offers the likely ones.

Signals:
    jump_to(str) – the officer chose a container number
    not_found(str) – nothing in the yard matches the text
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMenu, QWidget

from ui.yard.search import SearchResult, find_container


class ContainerSearchBox(QWidget):
    jump_to = Signal(str)
    not_found = Signal(str)

    def __init__(self, known: Callable[[], Collection[str]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("containerSearch")
        self._known = known
        self.edit = QLineEdit()
        self.edit.setObjectName("containerSearchEdit")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(190)
        self.edit.returnPressed.connect(self.search)
        self.menu: QMenu | None = None
        self.last: SearchResult | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Container no. (Ctrl+F)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def search(self) -> SearchResult:
        result = find_container(self.edit.text(), self._known())
        self.last = result
        if result.exact is not None:
            self.jump_to.emit(result.exact)
        elif result.candidates:
            self._offer(result)
        else:
            self.not_found.emit(result.query)
        return result

    def _offer(self, result: SearchResult) -> None:
        menu = QMenu(self)
        menu.setObjectName("containerSearchCandidates")
        title = menu.addAction(self.tr("Not found; did you mean:"))
        title.setEnabled(False)
        for ref in result.candidates:
            act = menu.addAction(ref)
            act.triggered.connect(lambda _=False, r=ref: self.jump_to.emit(r))
        self.menu = menu
        menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
