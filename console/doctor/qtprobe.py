"""Run in a child process by the doctor: start Qt's GUI on a platform plugin and report.

A platform plugin that cannot load (missing system libraries, no display)
makes Qt abort the whole process, so the doctor never tries it in its own.
The child prints one JSON line: the platform it got, its screens, the font
families that can write Traditional Chinese, and the plugins on disk.
`python -m console.doctor.qtprobe` (source) or `yard-console doctor
--qt-probe` (packaged build) runs it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def probe() -> dict[str, Any]:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    available = sorted(p.stem.removeprefix("libq").removeprefix("q") for p in plugins.glob("*")
                       if p.suffix in (".so", ".dll", ".dylib"))
    return {
        "platform": app.platformName(),
        "screens": [s.name() for s in app.screens()],
        "cjk_families": sorted(QFontDatabase.families(
            QFontDatabase.WritingSystem.TraditionalChinese)),
        "platform_plugins": available,
    }


def main() -> int:
    print(json.dumps(probe(), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
