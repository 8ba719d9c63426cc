"""The house rules that a convention alone would not keep."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_core_imports_no_widgets_and_no_ui() -> None:
    offenders = []
    for path in sorted((ROOT / "console").rglob("*.py")):
        for name in _imports(path):
            if (
                name == "ui" or name.startswith(("ui.", "yard_console"))
                or name.startswith(("PySide6.QtWidgets", "pyqtgraph"))
                or name in ("PySide6.QtWidgets",)
            ):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_import_linter_contract_holds() -> None:
    """The same rule, as import-linter sees it (indirect imports through other modules too)."""
    lint = pathlib.Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
