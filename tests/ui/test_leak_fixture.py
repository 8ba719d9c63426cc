"""The leftovers check of tests/conftest.py names what a test left behind."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.support import leaks


def test_a_stray_window_and_a_running_timer_are_named_and_cleared_ones_are_not(
    qtbot: QtBot,
) -> None:
    before, _ = leaks.snapshot()
    stray = QLabel("left open")
    stray.setObjectName("strayLabel")
    holder = QWidget()
    holder.setObjectName("timerHolder")
    timer = QTimer(holder)
    timer.start(250)
    left = leaks.leftovers(before)
    assert any("QLabel" in line and "strayLabel" in line for line in left), left
    assert any(line.startswith("widget still alive") and "timerHolder" in line
               for line in left), left
    assert any("QTimer every 250 ms owned by" in line and "timerHolder" in line
               for line in left), left

    timer.stop()
    for widget in (stray, holder):
        widget.close()
        widget.deleteLater()
    del stray, holder, timer
    assert leaks.leftovers(before) == []


def test_a_child_widget_is_not_a_leftover_while_its_window_is_managed(qtbot: QtBot) -> None:
    before, _ = leaks.snapshot()
    window = QWidget()
    qtbot.addWidget(window)
    QLabel("inside", window)
    left = leaks.leftovers(before)
    assert len(left) == 1 and "QWidget" in left[0]  # the window, not its child
