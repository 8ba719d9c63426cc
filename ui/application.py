"""The Qt application, created only once it is known that Qt's platform plugin can start.

Qt aborts the whole process with a paragraph about plugins when the xcb
plugin's system libraries are missing (a fresh Debian or Ubuntu lacks
`libxcb-cursor0`); the officer gets one line with the command that fixes it
instead (`console.doctor.platform_libraries.window_problem`) and exit code 3.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication

from console.doctor.platform_libraries import window_problem

EXIT_NO_WINDOW = 3


def new_application() -> QApplication:
    problem = window_problem(os.environ)
    if problem is not None:
        print(problem, file=sys.stderr, flush=True)
        raise SystemExit(EXIT_NO_WINDOW)
    return QApplication(sys.argv[:1])
