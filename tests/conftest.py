"""Shared test set-up: no display needed, no user folders touched, no leftovers."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest

from tests.support import leaks

pytest_plugins = ["tests.support.fixtures"]

# Widgets render offscreen unless a test asks for the real xcb platform itself.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or write the user's real configuration or data folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """A test that leaves a thread running fails (it would leak into the next test)."""
    before = set(threading.enumerate())
    yield
    deadline_threads = [
        t for t in threading.enumerate()
        if t not in before and t.is_alive() and not t.daemon
    ]
    for t in deadline_threads:
        t.join(timeout=5)
    left = [t.name for t in deadline_threads if t.is_alive()]
    assert not left, f"threads left running: {left}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Remember whether the test itself failed: its traceback holds its widgets."""
    report = yield
    if call.when == "call":
        item.stash[_CALL_FAILED] = bool(getattr(report, "failed", False))
    return report


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _no_qt_leftovers(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that leaves a widget alive or a timer running fails, naming them.

    Runs only where a QApplication exists (the window tests). It is set up
    before, so torn down after, every fixture the test asked for and
    pytest-qt's `qtbot`, which closes and deletes the widgets it was given.
    pytest still holds those fixtures' values until the test is over; they are
    let go here first, so that what is left is what nobody should hold. A test
    that already failed is not judged again (its traceback keeps its locals)."""
    before = leaks.snapshot()[0] if leaks.qt_app_running() else None
    yield
    if before is None and not leaks.qt_app_running():
        return
    if request.node.stash.get(_CALL_FAILED, False):
        return
    funcargs = getattr(request.node, "funcargs", None)
    if isinstance(funcargs, dict):
        for name in funcargs:
            if name != "request":
                funcargs[name] = None
    left = leaks.leftovers(before or leaks.QtState(frozenset(), frozenset()))
    if left:
        pytest.fail("the test left Qt objects behind:\n  " + "\n  ".join(left), pytrace=False)


def require_tool(name: str) -> str:
    """The path of a system tool; skip without it locally, fail without it in CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path
