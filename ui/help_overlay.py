"""The keyboard shortcut overlay (F1): every shortcut of the window, in the current language.

It lists the window's `QAction`s that have shortcuts, so the list can never
drift from what the keys do, then `PLACE_KEYS`: the keys that act where the
focus is (the queue, the case, the map).  The README's key table is the
same list (a test compares them).  Any key or click closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

# Keys that act where the focus is, in the order of the officer's path (English source texts).
PLACE_KEYS: tuple[tuple[str, object], ...] = (
    ("↑ ↓", QT_TRANSLATE_NOOP("ShortcutOverlay", "Queue: select the previous / next alert")),
    ("Enter", QT_TRANSLATE_NOOP("ShortcutOverlay",
                                "Queue: accept the proposal for the selected alert")),
    ("Esc", QT_TRANSLATE_NOOP("ShortcutOverlay",
                              "Back: from the case to the queue; in the queue, clear the "
                              "selection")),
    ("↑ ↓ Enter", QT_TRANSLATE_NOOP("ShortcutOverlay",
                                    "Case (Ctrl+4): choose another proposal and accept it")),
    ("← → ↑ ↓", QT_TRANSLATE_NOOP("ShortcutOverlay", "Map: pan")),
    ("+ / −", QT_TRANSLATE_NOOP("ShortcutOverlay", "Map: zoom")),
    ("Home", QT_TRANSLATE_NOOP("ShortcutOverlay", "Map: whole terminal")),
)


class ShortcutOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._actions: list[QAction] = []
        self.title = QLabel()
        self.title.setObjectName("helpTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addLayout(self.grid)
        box.addStretch(1)
        self.hide()

    def set_actions(self, actions: list[QAction]) -> None:
        self._actions = [a for a in actions if not a.shortcut().isEmpty()]

    def entries(self) -> list[tuple[str, str]]:
        rows = [(a.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                 a.text().replace("&", "")) for a in self._actions]
        rows += [(key, QCoreApplication.translate("ShortcutOverlay", str(text)))
                 for key, text in PLACE_KEYS]
        return rows

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._fill()
        self.show()
        self.raise_()
        self.setFocus()

    def _fill(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.title.setText("<h2>" + self.tr("Keyboard shortcuts") + "</h2>")
        for i, (key, text) in enumerate(self.entries()):
            k = QLabel(f"<b>{key}</b>")
            k.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(k, i, 0)
            self.grid.addWidget(QLabel(text), i, 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self._fill()
        super().changeEvent(event)
