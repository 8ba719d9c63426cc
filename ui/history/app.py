"""Running the history window on its own (`yard-console review --db PATH`).

Start-up as an ordered script: the Qt application with the console's theme
and language, the layout (given, or the built-in terminal), the window.
`--screenshot FILE` (hidden; for checks) saves the window once the first
query answered, then quits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from console.layout import LayoutError, builtin_layout, read_layout
from ui.application import new_application
from ui.history.window import HistoryWindow
from ui.theme import apply_theme


def run_review(db: Path, layout_path: Path | None, *, screenshot: Path | None = None) -> int:
    app = QApplication.instance() or new_application()
    assert isinstance(app, QApplication)
    apply_theme(app)
    try:
        layout = read_layout(layout_path) if layout_path is not None else builtin_layout()
    except (OSError, LayoutError) as exc:
        print(f"yard-console review: cannot read the layout: {exc}", file=sys.stderr)
        return 2
    window = HistoryWindow(db, layout)
    window.show()
    if screenshot is not None:
        def shoot(busy: bool) -> None:
            if not busy and window.alerts.rowCount() > 0:
                QTimer.singleShot(300, lambda: (window.grab().save(str(screenshot)), app.quit()))

        window.busy_changed.connect(shoot)
        QTimer.singleShot(120_000, app.quit)
    code = app.exec()
    window.close()
    return int(code)
