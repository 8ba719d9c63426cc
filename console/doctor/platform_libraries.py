"""Before the window opens: can Qt's platform plugin start here, and if not, what to install.

On a fresh Debian or Ubuntu machine Qt's xcb plugin (the X11 one) needs
system libraries the PySide6 wheel does not bring (`libxcb-cursor0` first of
all); without them Qt prints a paragraph about plugins and aborts the whole
process.  `window_problem(env)` looks first, without starting Qt: it asks the
dynamic loader (`ldd`, else a trial load in a child process) which libraries
the plugin file cannot find and turns their names into one line with the
exact `apt-get install` command.  It also notices a session with no display
at all.  It says nothing (None) when the plugin would load, on other systems,
and when the officer chose another platform (`QT_QPA_PLATFORM=offscreen`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

# The Debian packages of every library the xcb plugin links (Debian 12, Ubuntu 22.04+).
XCB_PACKAGES: tuple[str, ...] = (
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0",
)
# Library stem (soname without ".so.N") -> Debian package, for the ones not named by rule.
_PACKAGE_OF: dict[str, str] = {
    "libxcb-cursor": "libxcb-cursor0", "libxcb-icccm": "libxcb-icccm4",
    "libxcb-keysyms": "libxcb-keysyms1", "libxcb-image": "libxcb-image0",
    "libxcb-randr": "libxcb-randr0", "libxcb-render-util": "libxcb-render-util0",
    "libxcb-shape": "libxcb-shape0", "libxcb-xkb": "libxcb-xkb1",
    "libxkbcommon-x11": "libxkbcommon-x11-0", "libxkbcommon": "libxkbcommon0",
    "libxcb-util": "libxcb-util1", "libX11-xcb": "libx11-xcb1", "libX11": "libx11-6",
    "libGL": "libgl1", "libEGL": "libegl1", "libfontconfig": "libfontconfig1",
    "libdbus-1": "libdbus-1-3", "libglib-2.0": "libglib2.0-0",
    "libgthread-2.0": "libglib2.0-0", "libxcb": "libxcb1",
}
_SONAME = re.compile(r"(lib[\w.+-]+?)\.so(?:\.(\d+))?")


def package_for(soname: str) -> str:
    """The Debian package that provides the library file `soname` (e.g. libxcb-cursor.so.0)."""
    m = _SONAME.fullmatch(soname) or _SONAME.match(soname)
    if m is None:
        return soname
    stem, version = m.group(1), m.group(2) or ""
    if stem in _PACKAGE_OF:
        return _PACKAGE_OF[stem]
    name = stem.lower()
    return f"{name}-{version}" if name[-1:].isdigit() and version else name + version


def xcb_plugin(env: Mapping[str, str]) -> Path | None:
    """The xcb plugin file Qt would load (honouring QT_QPA_PLATFORM_PLUGIN_PATH)."""
    folders = [Path(p) for p in env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(":") if p]
    if not folders:
        from PySide6.QtCore import QLibraryInfo

        folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"]
    for folder in folders:
        plugin = folder / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """The library files the dynamic loader cannot find for `plugin` (empty: it would load)."""
    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is not None and done.returncode == 0:
            found = [line.split("=>")[0].strip() for line in done.stdout.splitlines()
                     if "not found" in line]
            return list(dict.fromkeys(found))
    # No ldd: load the plugin in a child process; the loader names the first missing file.
    code = "import ctypes, sys\ntry:\n ctypes.CDLL(sys.argv[1])\nexcept OSError as e:\n print(e)"
    try:
        done = subprocess.run([sys.executable, "-c", code, str(plugin)], capture_output=True,
                              text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    m = re.search(r"([\w.+-]+\.so[\w.]*): cannot open shared object file", done.stdout)
    return [m.group(1)] if m else []


def install_command(missing: list[str]) -> str:
    """One apt-get line: the xcb plugin's packages and whatever else is missing."""
    packages = list(XCB_PACKAGES)
    packages += [p for p in dict.fromkeys(package_for(s) for s in missing) if p not in packages]
    root = not hasattr(os, "geteuid") or os.geteuid() == 0
    return ("" if root else "sudo ") + "apt-get install " + " ".join(packages)


def window_problem(env: Mapping[str, str]) -> str | None:
    """One line saying why the window cannot open and what to do, or None when it can."""
    if not sys.platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None
    if not chosen and env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return None  # a Wayland session: Qt uses its Wayland plugin
    if not env.get("DISPLAY"):
        return ("The console window cannot open: this session has no display (DISPLAY is not "
                "set). Start it from the workstation's desktop, or over SSH with `ssh -X`.")
    plugin = xcb_plugin(env)
    if plugin is None:
        return None  # no plugin file to judge; Qt's own message follows
    missing = missing_libraries(plugin)
    if not missing:
        return None
    return (f"The console window cannot open: system libraries for the X11 display are missing "
            f"({', '.join(missing)}). Install them with: {install_command(missing)}")
