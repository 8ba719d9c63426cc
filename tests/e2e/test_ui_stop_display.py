"""The stop display in the real window (issue 14): a stopped vehicle's place and duration.

An UNSCHEDULED_STOP alert, as the engine sends it (its detail: where the
vehicle stands, the zones there, what it carries, since when), is selected in
the queue of the real main window (real console parts: desk, audit trail,
SQLite file); the case must say the place, the zone, the cargo, since when it
stands (terminal time) and how long it had stood when the alert was raised,
and show it on screen.  It runs offscreen and again, in a subprocess, on a
real X server (Xvfb) with Qt's xcb platform.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.test_ui_operations_panel import Console, console, sign_in
from tests.ui_conftest_helpers import alert

__all__ = ["console"]


def test_a_stopped_vehicles_place_and_duration_are_on_screen(qtbot: QtBot,
                                                               console: Console) -> None:
    c = console
    sign_in(qtbot, c)
    c.display.on_alerts([alert(
        "stop-1", "high", "UNSCHEDULED_STOP", subject="SC17",
        raised_at="2026-11-28T12:01:35.000Z",  # a feed writing UTC: shown at +08:00
        detail={"x": 504.0, "y": 80.0, "zones": ["RD1"], "carrying": "MSKU7788991",
                "stopped_since": "2026-11-28T20:00:05.000+08:00"})])
    assert c.window.queue.select_alert("stop-1")
    c.window.go_to_alert("stop-1")
    qtbot.wait(50)
    evidence = c.window.operations.evidence
    text = evidence.toPlainText()
    assert "x 504 m, y 80 m · RD1" in text
    assert "MSKU7788991" in text
    assert "Standing still since" in text and "2026-11-28 20:00:05" in text
    assert "Duration when raised" in text and "90 s" in text
    assert evidence.isVisible() and evidence.viewport().height() > 0
    shot = c.window.grab()
    assert not shot.isNull() and shot.width() > 1000
    if os.environ.get("YARD_STOP_SHOT"):
        shot.save(os.environ["YARD_STOP_SHOT"])
    print("PLATFORM", qtbot_platform())


def qtbot_platform() -> str:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName()


@pytest.mark.skipif(os.environ.get("YARD_STOP_NESTED") == "1", reason="already under Xvfb")
def test_the_stop_display_on_a_real_x_server(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing (apt-get install xvfb)")
        pytest.skip("xvfb-run is missing (apt-get install xvfb)")
    shot = tmp_path / "stop.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", YARD_STOP_NESTED="1",
               YARD_STOP_SHOT=str(shot))
    done = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1920x1080x24", sys.executable, "-m", "pytest", "-q",
         "-n", "0", "-p", "no:cacheprovider", "-s",
         f"{__file__}::test_a_stopped_vehicles_place_and_duration_are_on_screen",
         "--basetemp", str(tmp_path / "inner")],
        env=env, capture_output=True, text=True, timeout=240, check=False,
        cwd=Path(__file__).resolve().parents[2])
    (tmp_path / "xvfb-run.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    assert done.returncode == 0, (done.stdout[-4000:], done.stderr[-2000:])
    assert "1 passed" in done.stdout and "PLATFORM xcb" in done.stdout
    assert shot.stat().st_size > 20_000
