"""A bug in a slot, a thread or an asyncio task is logged and counted; the console goes on."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import logging
import threading

import pytest
from PySide6.QtCore import QTimer, qWarning
from pytestqt.qtbot import QtBot

from ui.errors import ErrorReport, install, uninstall


@pytest.mark.qt_no_exception_capture
def test_slot_thread_and_task_errors_are_logged_and_counted(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    report = ErrorReport()
    seen: list[str] = []
    report.listeners.append(seen.append)
    loop = asyncio.new_event_loop()
    previous = install(report, loop)
    try:
        with caplog.at_level(logging.ERROR, logger="ui.errors"):
            def broken_slot() -> None:
                raise ValueError("slot went wrong")

            QTimer.singleShot(0, broken_slot)
            qtbot.waitUntil(lambda: report.count >= 1, timeout=2000)

            def broken_thread() -> None:
                raise RuntimeError("thread went wrong")

            t = threading.Thread(target=broken_thread, name="reader")
            t.start()
            t.join()

            async def broken_task() -> None:
                raise KeyError("task went wrong")

            async def main() -> None:
                task = loop.create_task(broken_task())
                await asyncio.sleep(0.01)
                del task

            loop.run_until_complete(main())
            import gc

            gc.collect()
            loop.run_until_complete(asyncio.sleep(0))
    finally:
        uninstall(previous, loop)
        loop.close()
    assert report.count == 3, seen
    assert "slot went wrong" in seen[0] and "thread reader" in seen[1]
    assert "task went wrong" in seen[2]
    assert sum("uncaught" in r.message or "asyncio" in r.message for r in caplog.records) == 3


@pytest.mark.qt_log_ignore("a routed Qt warning")
def test_qt_warnings_go_to_the_log(caplog: pytest.LogCaptureFixture, qapp: object) -> None:
    previous = install(ErrorReport())
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("a routed Qt warning")
    finally:
        uninstall(previous)
    assert any(r.name == "qt" and "a routed Qt warning" in r.message for r in caplog.records)
