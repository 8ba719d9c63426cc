"""The house rules that a convention alone would not keep."""

from __future__ import annotations

import ast
import pathlib
import re
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


# The officer side's files (issue 15 item 2, branch wip/office) until they move behind its
# OfficeStore: the coordinator empties this once both branches are merged.
def _database_importers() -> list[str]:
    found = []
    for package in ("console", "ui", "testbed", "yard_console"):
        for path in sorted((ROOT / package).rglob("*.py")):
            names = _imports(path)
            if any(n in ("sqlite3", "sqlite_utils") or n.startswith(("sqlite3.", "sqlite_utils."))
                   for n in names):
                found.append(path.relative_to(ROOT).as_posix())
    return found


def test_nothing_outside_the_stores_imports_sqlite() -> None:
    """Only `console/store/` speaks SQL: every other room asks a store's typed interface."""
    offenders = [p for p in _database_importers()
                 if not p.startswith("console/store/")]
    assert offenders == []


def test_the_stores_themselves_are_seen_importing_sqlite() -> None:
    """The scan above looks where it should (it would pass vacuously on a wrong root)."""
    found = _database_importers()
    assert "console/store/sqlite.py" in found
    assert "console/store/history/sqlite.py" in found


def test_no_wait_for_that_loses_a_cancellation() -> None:
    """`asyncio.wait_for` on Python 3.11 drops a cancellation that meets its result in one loop
    turn (CPython gh-86296): a service loop then ignores `stop`.  `console.deadline.within`
    is the one way to wait with a time limit."""
    offenders = []
    for package in ("console", "ui", "testbed", "yard_console"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "asyncio.wait_for(" in path.read_text(encoding="utf-8"):
                offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
    assert "asyncio.timeout(" in (ROOT / "console" / "deadline.py").read_text(encoding="utf-8")


def test_import_linter_contract_holds() -> None:
    """The same rule, as import-linter sees it (indirect imports through other modules too)."""
    lint = pathlib.Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stored_events_become_feed_events_in_one_place() -> None:
    """`StoredEvent.feed_event` alone turns a stored body back into a record (issue 15
    item 4): the replay, `state_at`, the rules' rebuild and the exports all go through it."""
    places = []
    for package in ("console", "ui", "testbed", "yard_console"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id == "body_from_dict"):
                    places.append(path.relative_to(ROOT).as_posix())
    assert places == ["console/store/base.py"]


# Issue 15: the officer side's names once lived at these paths, then were re-exported there.
_GONE_SHIMS = (
    "console/audit/trail.py", "console/cameras/evidence.py", "console/officers/accounts.py",
    "console/corrections/outbox.py", "console/officers/seal.py",
)
_GONE_NAMES = {  # a module that lost its re-exports: the names it must not offer again
    "console/alerts/store.py": {"SqliteAlertStore", "MIGRATIONS", "COMPONENT", "write_changes",
                                "alert_to_dict", "alert_from_dict"},
}
_PROJECT = ("console", "ui", "testbed", "yard_console")


def _is_reexport_shim(path: pathlib.Path) -> bool:
    """A module whose whole body is imports from the project (and `__all__`): a second name for
    code that lives elsewhere."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = False
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.ImportFrom):
            own = own or (node.level > 0 or (node.module or "").split(".")[0] in _PROJECT)
            continue
        if isinstance(node, ast.Import):
            continue
        if isinstance(node, ast.Assign) and all(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            continue
        return False
    return own


def test_no_module_is_a_reexport_shim() -> None:
    """Every name is imported from where it lives.  A package's `__init__.py` may gather its
    package's names (that is its job); any other module that only re-exports is a shim."""
    shims = [path.relative_to(ROOT).as_posix()
             for package in _PROJECT for path in sorted((ROOT / package).rglob("*.py"))
             if path.name != "__init__.py" and _is_reexport_shim(path)]
    assert shims == []
    gone = [p for p in _GONE_SHIMS if (ROOT / p).exists()]
    assert gone == []
    for path, names in _GONE_NAMES.items():
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        offered = {a.asname or a.name for node in ast.walk(tree)
                   if isinstance(node, ast.ImportFrom) for a in node.names}
        assert offered & names == set(), path


def test_the_shim_check_sees_a_shim(tmp_path: pathlib.Path) -> None:
    """The check above is not vacuous: a re-exporting module is caught, a real one is not."""
    shim = tmp_path / "old_place.py"
    shim.write_text('"""Old place."""\nfrom console.audit.entries import AuditEntry\n\n'
                    '__all__ = ["AuditEntry"]\n', encoding="utf-8")
    assert _is_reexport_shim(shim)
    assert not _is_reexport_shim(ROOT / "console" / "alerts" / "store.py")
    assert _is_reexport_shim(ROOT / "console" / "office" / "__init__.py")  # exempt by name


def test_nothing_imports_the_old_paths() -> None:
    """No code, test or doc names a module path that is gone."""
    old = [p.removesuffix(".py").replace("/", ".") for p in _GONE_SHIMS]
    offenders = []
    for folder in (*_PROJECT, "tests", "packaging", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".md", ".toml", ".sh", ".spec") or not path.is_file():
                continue
            if path.resolve() == pathlib.Path(__file__).resolve():
                continue
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {name}" for name in old
                          if re.search(rf"\b{re.escape(name)}\b(?!_)", text)]
    assert offenders == []


def test_the_yard_reads_the_store_only_through_its_interface() -> None:
    """The live yard is handed an `EventReader` by the composition root (issue 15): nothing in
    `console/yard` or `console/rules` opens a store of its own."""
    offenders = []
    for folder in ("yard", "rules"):
        for path in sorted((ROOT / "console" / folder).rglob("*.py")):
            offenders += [f"{path.relative_to(ROOT)} imports {name}" for name in _imports(path)
                          if name.startswith(("console.store.sqlite", "console.store.office"))]
    assert offenders == []
