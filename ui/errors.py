"""Where the window's unexpected errors go: the log, with context, never a silent death.

Qt's own messages are routed into logging (logger `qt`); uncaught exceptions
on the main thread, other threads and inside asyncio tasks are logged
(logger `ui.errors`) and counted, so that a bug in one slot never takes the
console down on a night shift and is never lost either.  `install` returns
the previous handlers so tests can put them back.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("ui.errors")
qt_log = logging.getLogger("qt")
QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class ErrorReport:
    """Counts what was caught, for the status bar and for tests."""

    def __init__(self) -> None:
        self.count = 0
        self.last: str | None = None
        self.listeners: list[Callable[[str], None]] = []

    def record(self, where: str, exc: BaseException | None) -> None:
        self.count += 1
        self.last = f"{where}: {exc!r}" if exc is not None else where
        for listener in self.listeners:
            listener(self.last)


def qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install(report: ErrorReport, loop: asyncio.AbstractEventLoop | None = None) -> dict[str, Any]:
    previous: dict[str, Any] = {"sys": sys.excepthook, "threading": threading.excepthook}

    def main_hook(kind: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> None:
        log.error("uncaught exception on the main thread", exc_info=(kind, exc, tb))
        report.record("main thread", exc)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        exc = args.exc_value
        log.error("uncaught exception in thread %s", name,
                  exc_info=(args.exc_type, exc, args.exc_traceback) if exc else None)
        report.record(f"thread {name}", exc)

    def loop_hook(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        log.error("asyncio: %s", context.get("message", "error"),
                  exc_info=(type(exc), exc, exc.__traceback__) if exc else None)
        report.record("asyncio", exc)

    sys.excepthook = main_hook
    threading.excepthook = thread_hook
    if loop is not None:
        previous["loop"] = loop.get_exception_handler()
        loop.set_exception_handler(loop_hook)
    previous["qt"] = qInstallMessageHandler(qt_message)
    return previous


def uninstall(previous: dict[str, Any], loop: asyncio.AbstractEventLoop | None = None) -> None:
    sys.excepthook = previous["sys"]
    threading.excepthook = previous["threading"]
    if loop is not None:
        loop.set_exception_handler(previous.get("loop"))
    qInstallMessageHandler(previous.get("qt"))
