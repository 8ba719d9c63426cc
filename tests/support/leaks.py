"""What a test left behind in Qt: live top-level widgets and running timers.

`tests/conftest.py` takes a `snapshot` before and asks for the `leftovers` after every test that ran
with a `QApplication`; a test that leaves a widget alive or a timer running
fails, naming them.  Such leftovers fire in the next test (a timer's slot on a
half-deleted window) and make failures appear far from their cause.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import weakref
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QtState:
    widgets: frozenset[int]
    timers: frozenset[int]


def qt_app_running() -> bool:
    widgets = sys.modules.get("PySide6.QtWidgets")
    return widgets is not None and widgets.QApplication.instance() is not None


def settle() -> None:
    """Let deferred deletions happen and Python drop what nobody holds."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _describe(obj: object) -> str:
    name = ""
    try:
        name = obj.objectName()  # type: ignore[attr-defined]
    except RuntimeError:
        return f"{type(obj).__name__} (deleted)"
    title = ""
    with contextlib.suppress(AttributeError, RuntimeError):
        title = obj.windowTitle()  # type: ignore[attr-defined]
    parts = [type(obj).__module__ + "." + type(obj).__qualname__]
    if name:
        parts.append(f"objectName={name!r}")
    if title:
        parts.append(f"title={title!r}")
    return " ".join(parts)


def _timer_owner(timer: object) -> str:
    parent = None
    try:
        parent = timer.parent()  # type: ignore[attr-defined]
    except RuntimeError:
        return "deleted"
    owner = _describe(parent) if parent is not None else "no parent"
    try:
        interval = timer.interval()  # type: ignore[attr-defined]
    except RuntimeError:
        interval = -1
    return f"QTimer every {interval} ms owned by {owner}"


def snapshot() -> tuple[QtState, dict[int, str]]:
    """The live top-level widgets and the active timers, by identity, with descriptions."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    settle()
    described: dict[int, str] = {}
    widgets = set()
    for widget in QApplication.topLevelWidgets():
        widgets.add(id(widget))
        described[id(widget)] = _describe(widget)
    timers = set()
    for obj in gc.get_objects():
        if isinstance(obj, weakref.ProxyTypes):
            continue  # a proxy whose object is gone raises on any question, isinstance too
        if isinstance(obj, QTimer):
            try:
                active = obj.isActive()
            except RuntimeError:
                continue
            if active:
                timers.add(id(obj))
                described[id(obj)] = _timer_owner(obj)
    return QtState(frozenset(widgets), frozenset(timers)), described


def leftovers(before: QtState) -> list[str]:
    after, described = snapshot()
    left = [f"widget still alive: {described[i]}" for i in sorted(after.widgets - before.widgets)]
    left += [f"timer still running: {described[i]}" for i in sorted(after.timers - before.timers)]
    return left
