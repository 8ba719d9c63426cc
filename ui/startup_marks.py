"""Start-up marks for `yard-console bench startup`: when the window first painted, when the
yard was populated.

With `$YARD_CONSOLE_STARTUP_MARKS` naming a file, the window appends one JSON
line per mark (`{"mark": "window"|"yard", "at": <epoch seconds>}`) the first
time each happens; without it nothing is installed.  The bench compares the
marks with the moment it launched the program.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

ENV = "YARD_CONSOLE_STARTUP_MARKS"


def write_mark(path: Path, mark: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"mark": mark, "at": time.time()}) + "\n")


class _FirstPaint(QObject):
    def __init__(self, path: Path, watched: QWidget) -> None:
        super().__init__(watched)
        self.path = path
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            write_mark(self.path, "window")
        return False


def install_from_env(window: QWidget, map_widget: QWidget, containers: object) -> None:
    """Mark the first paint of `map_widget` and the first paint with containers in the yard.

    `containers` is a callable returning how many containers the yard picture holds.
    """
    name = os.environ.get(ENV)
    if not name or not callable(containers):
        return
    path = Path(name)
    _FirstPaint(path, map_widget)
    counter = containers

    class _Populated(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and int(counter()) > 0:
                obj.removeEventFilter(self)
                write_mark(path, "yard")
            return False

    map_widget.installEventFilter(_Populated(window))
