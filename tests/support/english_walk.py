"""Find user-visible English in a widget tree (for the Traditional Chinese UI tests).

`english_in(root)` walks every visible widget under `root` and collects the
texts an officer reads: labels, buttons, placeholders, combo items, tab
titles, tooltips, text views, window titles, and item views' headers and
cells.  `english_words(text)` keeps the words that are English: runs of three
or more Latin letters, except identifiers (a word with a digit, such as
CAM-R17-03 or EGHU9012345, or capitals joined by hyphens or underscores, CAM-A,
a rule's code SEAL_MISMATCH shown beside its title) and the few
terms every control room writes in Latin letters (units, ISO, OCR, CCTV, key
names), account names (lin.hao: written as the installer created them) and the name
"English" on the language switch (a language is offered in its own name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

LATIN_TERMS = frozenset({"fps", "ms", "kg", "ISO", "OCR", "CCTV", "PDF", "CSV", "Ctrl", "Esc",
                         "Enter", "Shift", "SHA", "UTC", "DEMO", "demo", "TEU", "IMO",
                         "English"})
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-z]{3,}")
_IDENTIFIER = re.compile(r"[A-Z0-9]+(?:[-_][A-Z0-9]+)+")  # CAM-A, G1-IN-01, SEAL_MISMATCH
_ACCOUNT = re.compile(r"[a-z]+(?:\.[a-z]+)+")  # lin.hao: an officer's account name


def english_words(text: str) -> list[str]:
    found = []
    for word in _TAG.sub(" ", text).replace("&nbsp;", " ").split():
        bare = word.strip("()[],;:·")
        if (any(c.isdigit() for c in word) or _IDENTIFIER.fullmatch(bare)
                or _ACCOUNT.fullmatch(bare)):
            continue
        found += [w for w in _WORD.findall(word) if w not in LATIN_TERMS]
    return found


def _texts(w: QWidget) -> Iterable[str]:
    yield w.toolTip()
    if w.isWindow():
        yield w.windowTitle()
    if isinstance(w, QLabel | QAbstractButton):
        yield w.text()
    elif isinstance(w, QLineEdit):
        yield w.placeholderText()
    elif isinstance(w, QComboBox):
        yield from (w.itemText(i) for i in range(w.count()))
    elif isinstance(w, QTabWidget):
        yield from (w.tabText(i) for i in range(w.count()))
    elif isinstance(w, QGroupBox):
        yield w.title()
    elif isinstance(w, QTextEdit):
        yield w.toPlainText()
    elif isinstance(w, QAbstractItemView) and w.model() is not None:
        m = w.model()
        root = QModelIndex()
        try:
            columns = m.columnCount(root)
        except TypeError:  # a QListWidget's own model keeps columnCount private: one column
            columns = 1
        for c in range(columns):
            yield str(m.headerData(c, Qt.Orientation.Horizontal) or "")
        for r in range(min(m.rowCount(root), 50)):
            for c in range(columns):
                yield str(m.data(m.index(r, c, root)) or "")


def english_in(root: QWidget) -> list[tuple[str, str]]:
    """(widget, text) for every visible text under `root` that has English words."""
    found = []
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not w.isVisibleTo(root):
            continue
        for text in _texts(w):
            if text and english_words(text):
                found.append((w.objectName() or type(w).__name__, text))
    return found
