"""The doctor's workstation part: Qt's platform plugin in a child process, fonts, disk space."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.doctor.desktop import check_disk, check_qt_and_fonts, run_probe
from tests.conftest import require_tool


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env | extra


def test_the_probe_reports_platform_and_chinese_fonts() -> None:
    report, _ = run_probe(clean_env(QT_QPA_PLATFORM="offscreen"))
    assert report is not None and report["platform"] == "offscreen"
    assert "offscreen" in report["platform_plugins"]


@pytest.mark.skipif(sys.platform != "linux", reason="X11 display semantics")
def test_a_display_that_does_not_exist_is_a_blocking_failure_with_its_fix() -> None:
    findings = check_qt_and_fonts("zh_TW", clean_env(QT_QPA_PLATFORM="xcb", DISPLAY=":87"))
    plugin = findings[0]
    assert plugin.check == "Qt platform plugin" and plugin.verdict == "failed"
    assert "could not connect to display" in plugin.detail
    assert "DISPLAY" in (plugin.fix or "")
    assert findings[1].check == "Chinese fonts" and findings[1].verdict != "skipped"


@pytest.mark.skipif(sys.platform != "linux", reason="X11 display semantics")
def test_no_display_at_all_is_a_warning_and_fonts_are_still_read() -> None:
    plugin, fonts = check_qt_and_fonts("zh_TW", clean_env())
    assert plugin.verdict == "warning" and "no display" in plugin.detail
    if fonts.verdict == "ok":
        assert "繁體中文" in fonts.detail
    else:
        assert "fonts-noto-cjk" in (fonts.fix or "")


def test_chinese_fonts_are_found_when_installed() -> None:
    if not Path("/usr/share/fonts/opentype/noto").exists() and not os.environ.get("CI"):
        pytest.skip("fonts-noto-cjk is not installed")
    [_plugin, fonts] = check_qt_and_fonts("zh_TW", clean_env(QT_QPA_PLATFORM="offscreen"))
    assert fonts.verdict == "ok" and fonts.detail.startswith("Noto Sans CJK TC")


def test_disk_space_thresholds(tmp_path: Path) -> None:
    plenty = check_disk(tmp_path / "not-yet" / "data")
    assert plenty.data["free_gib"] > 0 and "free for" in plenty.detail
    assert check_disk(tmp_path, min_free_gib=1e9).verdict == "failed"
    assert check_disk(tmp_path, min_free_gib=0, warn_free_gib=1e9).verdict == "warning"


@pytest.mark.skipif(sys.platform != "linux", reason="X11")
def test_the_xcb_plugin_starts_on_a_real_x_server() -> None:
    xvfb = require_tool("Xvfb")
    server = subprocess.Popen([xvfb, "-displayfd", "1", "-nolisten", "tcp", "-screen", "0",
                               "1280x800x24"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert server.stdout is not None
        display = server.stdout.readline().decode().strip()
        findings = check_qt_and_fonts("zh_TW", clean_env(QT_QPA_PLATFORM="xcb",
                                                         DISPLAY=f":{display}"))
    finally:
        server.terminate()
        server.wait(10)
        if server.stdout is not None:
            server.stdout.close()
    plugin = findings[0]
    assert plugin.verdict == "ok", plugin.describe()
    assert plugin.detail.startswith("xcb started (1 screen(s))")
