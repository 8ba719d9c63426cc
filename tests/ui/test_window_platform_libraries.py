"""The README's first command on a fresh machine: one line saying what to install, not Qt's abort.

A fresh Debian lacks `libxcb-cursor0`, which Qt's xcb plugin links.  To be
that machine here, the real plugin file is copied into a plugin folder with
its need for `libxcb-cursor.so.0` renamed to a version no system has
(`libxcb-cursor.so.9`): both the dynamic loader and Qt itself then fail to
load it exactly as they do on the fresh machine.  The real `yard-console
demo` runs on it as a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from console.doctor.platform_libraries import (
    install_command,
    missing_libraries,
    package_for,
    window_problem,
    xcb_plugin,
)

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Qt's xcb plugin is Linux's")
QT_LIB = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
REAL_PLUGINS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"


def fresh_machine_plugins(tmp_path: Path) -> Path:
    """A platform plugin folder whose xcb plugin misses libxcb-cursor, as on a fresh Debian."""
    folder = tmp_path / "qt" / "plugins" / "platforms"
    folder.mkdir(parents=True)
    (tmp_path / "qt" / "lib").symlink_to(QT_LIB)  # the plugin's RUNPATH is $ORIGIN/../../lib
    data = (REAL_PLUGINS / "libqxcb.so").read_bytes()
    assert b"libxcb-cursor.so.0\0" in data
    (folder / "libqxcb.so").write_bytes(data.replace(b"libxcb-cursor.so.0\0",
                                                     b"libxcb-cursor.so.9\0"))
    return folder


def window_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY",
                        "QT_QPA_PLATFORM_PLUGIN_PATH")}
    return env | {"YARD_CONSOLE_SETTINGS": str(tmp_path / "window.ini")} | extra


def run_demo(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("yard-console")
    return subprocess.run([str(exe), "demo", "--exit-after", "5"], env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def test_a_missing_xcb_library_is_one_line_with_the_apt_command(tmp_path: Path) -> None:
    plugins = fresh_machine_plugins(tmp_path)
    done = run_demo(window_env(tmp_path, DISPLAY=":28", QT_QPA_PLATFORM_PLUGIN_PATH=str(plugins)))
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 3, done.stderr
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert "libxcb-cursor.so.9" in line and "apt-get install libxcb-cursor0 " in line
    assert "plugin" not in line.lower() and "qt.qpa" not in line  # never Qt's own words


def test_the_same_folder_really_stops_qt(tmp_path: Path) -> None:
    """Without the check, Qt aborts on that folder: the test machine is a fresh machine."""
    plugins = fresh_machine_plugins(tmp_path)
    env = window_env(tmp_path, DISPLAY=":28", QT_QPA_PLATFORM_PLUGIN_PATH=str(plugins),
                     QT_QPA_PLATFORM="xcb")
    done = subprocess.run([sys.executable, "-c", "from PySide6.QtGui import QGuiApplication;"
                           "QGuiApplication([])"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode != 0
    assert "xcb" in done.stderr
    assert missing_libraries(plugins / "libqxcb.so") == ["libxcb-cursor.so.9"]


def test_no_display_is_one_line_too(tmp_path: Path) -> None:
    done = run_demo(window_env(tmp_path))
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 3 and len(lines) == 1, done.stderr
    assert "no display" in lines[0] and "DISPLAY" in lines[0]


def test_another_chosen_platform_is_not_judged(tmp_path: Path) -> None:
    plugins = fresh_machine_plugins(tmp_path)
    assert window_problem(window_env(tmp_path, QT_QPA_PLATFORM="offscreen",
                                     QT_QPA_PLATFORM_PLUGIN_PATH=str(plugins))) is None


def test_the_installed_plugin_loads_where_ci_installed_its_libraries() -> None:
    plugin = xcb_plugin({})
    assert plugin is not None and plugin.parent == REAL_PLUGINS
    missing = missing_libraries(plugin)
    if missing and not os.environ.get("CI"):
        pytest.skip(f"this machine lacks {missing} (.ci/run installs them)")
    assert missing == []


def test_library_files_map_to_debian_packages() -> None:
    assert package_for("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert package_for("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert package_for("libX11-xcb.so.1") == "libx11-xcb1"
    assert package_for("libxcb-xinput.so.0") == "libxcb-xinput0"
    command = install_command(["libxcb-xinerama.so.0"])
    assert command.endswith("libxkbcommon-x11-0 libxcb-xinerama0")
    assert command.split().count("libxcb-cursor0") == 1
