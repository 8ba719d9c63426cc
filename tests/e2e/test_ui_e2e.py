"""The real program, end to end: `yard-console demo` on the embedded simulator.

The simulator injects a fence intrusion 15 simulated seconds after start
(`--scenario FENCE_INTRUSION`); the window must show it in the alert queue and
put a marker on the map at the fence segment.  What the window shows is read
back from `--state-json`, the picture from `--screenshot`.  The same run under
Xvfb with the real xcb platform is in `test_ui_xcb.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from testbed.sim.layout import load_layout

YARD_CONSOLE = Path(sys.executable).with_name("yard-console")


def offscreen_screen(tmp_path: Path, width: int, height: int) -> str:
    """Qt's offscreen platform with one screen of this size (the desk layout follows it)."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"synthesizedResolutions": False, "screens": [
        {"name": "desk", "x": 0, "y": 0, "width": width, "height": height,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def run_demo(tmp_path: Path, platform: str, *prefix: str, lang: str = "en",
             seconds: float = 14.0, scale: int = 1) -> tuple[dict[str, Any], Path, str]:
    shot, state = tmp_path / "window.png", tmp_path / "state.json"
    if platform == "offscreen":  # a screen as large as a control-room monitor, in pixels
        platform = offscreen_screen(tmp_path, 1920 * scale, 1080 * scale)
    env = dict(os.environ, QT_QPA_PLATFORM=platform, YARD_CONSOLE_CACHE=str(tmp_path / "cache"),
               QT_SCALE_FACTOR=str(scale))
    cmd = [*prefix, str(YARD_CONSOLE), "demo", "--scenario", "FENCE_INTRUSION", "--speed", "6",
           "--lang", lang, "--settings", str(tmp_path / "window.ini"),
           "--exit-after", str(seconds), "--screenshot", str(shot), "--state-json", str(state)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 90,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(state.read_text(encoding="utf-8")), shot, done.stderr


def check_fence_alert_reached_queue_and_map(state: dict[str, Any]) -> None:
    fences = [a for a in state["alerts"] if a["rule"] == "FENCE_INTRUSION"]
    assert fences, state["alerts"]
    alert = fences[0]
    assert alert["severity"] == "critical" and alert["alert_id"] in state["visible_alerts"]
    markers = {m["alert_id"]: m for m in state["markers"]}
    assert alert["alert_id"] in markers
    segment = next(f for f in load_layout()["fence"] if f["id"] == alert["subject"])
    xs, ys = [p[0] for p in segment["points"]], [p[1] for p in segment["points"]]
    marker = markers[alert["alert_id"]]
    assert marker["x"] == pytest.approx(sum(xs) / len(xs))
    assert marker["y"] == pytest.approx(sum(ys) / len(ys))
    assert state["containers"] > 50_000 and state["vehicles"] > 0
    assert {f["role"] for f in state["feeds"]} == {"terminal", "clearance"}
    assert all(f["state"] not in ("rejected", "disconnected", "stale") for f in state["feeds"])


def check_screenshot(shot: Path, scale: int = 1) -> None:
    img = QImage(str(shot))
    assert img.width() >= 1200 * scale and img.height() >= 700 * scale
    samples = [img.pixel(x, y) for x in range(0, img.width(), 37)
               for y in range(0, img.height(), 29)]
    # A real window, not a blank surface. The map's normal state is muted grey (ISA-101), so
    # a painted desk has fewer distinct colours than the old coloured map (about 33 sampled
    # under Xvfb): ask for many colours and for no colour covering most of the window.
    assert len(set(samples)) > 20
    commonest = max(samples.count(c) for c in set(samples))
    assert commonest < 0.8 * len(samples), f"{commonest} of {len(samples)} samples alike"


@pytest.mark.e2e
@pytest.mark.slow
def test_demo_shows_an_injected_alert_in_the_queue_and_on_the_map(tmp_path: Path) -> None:
    """In Traditional Chinese, at a device pixel ratio of 2 (high-DPI screens)."""
    state, shot, _ = run_demo(tmp_path, "offscreen", lang="zh_TW", scale=2)
    check_fence_alert_reached_queue_and_map(state)
    assert state["language"] == "zh_TW" and state["internal_errors"] == 0
    check_screenshot(shot, scale=2)


@pytest.mark.e2e
@pytest.mark.slow
def test_sigterm_closes_the_window_cleanly_and_keeps_its_layout(tmp_path: Path) -> None:
    import signal
    import time

    settings = tmp_path / "window.ini"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YARD_CONSOLE_CACHE=str(tmp_path / "c"))
    proc = subprocess.Popen(
        [str(YARD_CONSOLE), "demo", "--speed", "4", "--settings", str(settings),
         "--db", str(tmp_path / "demo.sqlite")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        db = tmp_path / "demo.sqlite"
        while time.monotonic() < deadline and not (db.exists() and db.stat().st_size > 0):
            time.sleep(0.5)
        time.sleep(2)
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr[-3000:]
    text = settings.read_text(encoding="utf-8")
    assert "geometry=" in text and "state=" in text
