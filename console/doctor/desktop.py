"""The doctor's workstation part: Qt's platform plugin, Traditional Chinese fonts, disk space.

The platform plugin is started in a child process (`console.doctor.qtprobe`)
with this session's environment, exactly as the window would start it; when
the session has no display at all (an installer logged in over SSH), the
plugin cannot be judged here and the fonts are read through the offscreen
plugin instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from console.doctor.finding import Finding, failed, ok, warning
from console.doctor.platform_libraries import install_command

PREFERRED_FONTS = ("Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "PingFang TC")
MIN_FREE_GIB = 1.0
WARN_FREE_GIB = 10.0


def probe_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "doctor", "--qt-probe"]
    return [sys.executable, "-m", "console.doctor.qtprobe"]


def run_probe(env: Mapping[str, str]) -> tuple[dict[str, Any] | None, str]:
    """The child's report (None when Qt could not start) and its error output."""
    try:
        done = subprocess.run(probe_command(), env=dict(env), capture_output=True, text=True,
                              timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    if done.returncode != 0:
        return None, done.stderr
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            report: dict[str, Any] = json.loads(line)
            return report, done.stderr
    return None, done.stderr + done.stdout


def has_display(env: Mapping[str, str]) -> bool:
    if sys.platform != "linux" or env.get("QT_QPA_PLATFORM"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def _platform_failure(stderr: str) -> Finding:
    text = stderr.strip().splitlines()
    tail = " / ".join(line for line in text[-6:] if line.strip())[:600]
    if "could not connect to display" in stderr:
        fix = ("start the console from the workstation's desktop session (DISPLAY "
               "must name a running X server)")
    elif "xcb" in stderr and sys.platform == "linux":
        fix = f"install the libraries of Qt's xcb plugin: {install_command([])}"
    else:
        fix = "reinstall the console; if it persists, send this output to support"
    return failed("workstation", "Qt platform plugin", f"Qt could not start: {tail}", fix)


def check_qt_and_fonts(language: str, env: Mapping[str, str] | None = None) -> list[Finding]:
    env = dict(os.environ if env is None else env)
    findings = []
    if has_display(env):
        report, stderr = run_probe(env)
        if report is None:
            findings.append(_platform_failure(stderr))
            report, _ = run_probe(env | {"QT_QPA_PLATFORM": "offscreen"})
        else:
            findings.append(ok("workstation", "Qt platform plugin",
                               f"{report['platform']} started ({len(report['screens'])} "
                               "screen(s))", **report))
    else:
        findings.append(warning(
            "workstation", "Qt platform plugin", "this session has no display (DISPLAY and "
            "WAYLAND_DISPLAY are unset), so the window's plugin cannot be tried here",
            "run `yard-console doctor` again from the workstation's desktop"))
        report, _ = run_probe(env | {"QT_QPA_PLATFORM": "offscreen"})
    findings.append(_fonts(report, language))
    return findings


def _fonts(report: dict[str, Any] | None, language: str) -> Finding:
    if report is None:
        return failed("workstation", "Chinese fonts", "Qt could not start to list the fonts",
                      "fix the Qt platform plugin first")
    families: list[str] = report.get("cjk_families", [])
    preferred = [f for f in PREFERRED_FONTS if f in families]
    if preferred:
        return ok("workstation", "Chinese fonts", f"{preferred[0]} can write 繁體中文")
    fix = ("apt-get install fonts-noto-cjk" if sys.platform == "linux" else
           "install the Chinese (Traditional) supplemental fonts (Windows optional features)")
    if families:
        return warning("workstation", "Chinese fonts", f"only {families[0]} can write Traditional "
                       "Chinese; the console's own font is missing", fix)
    verdict = failed if language == "zh_TW" else warning
    return verdict("workstation", "Chinese fonts", "no installed font can write Traditional "
                   "Chinese: officers would see boxes instead of 櫃場", fix)


def check_disk(folder: Path, *, min_free_gib: float = MIN_FREE_GIB,
               warn_free_gib: float = WARN_FREE_GIB) -> Finding:
    """Free space where the database grows: failed under 1 GiB, a warning under 10 GiB."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    usage = shutil.disk_usage(probe)
    free_gib = usage.free / 2**30
    detail = f"{free_gib:.1f} GiB free for {folder}"
    if free_gib < min_free_gib:
        return failed("workstation", "disk space", detail + ": the database would fill it "
                      "within hours", "free space on that disk or move data_dir to another "
                      "disk", free_gib=round(free_gib, 2))
    if free_gib < warn_free_gib:
        return warning("workstation", "disk space", detail + f" (under {warn_free_gib:g} GiB: "
                       "a few weeks of events)", "free space or plan a bigger disk",
                       free_gib=round(free_gib, 2))
    return ok("workstation", "disk space", detail, free_gib=round(free_gib, 2))
