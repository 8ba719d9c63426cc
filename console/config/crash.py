"""Crash reports: when the program dies of a bug, a file an installer can send to support.

`install_crash_reports(setup, crash_dir)` hooks `sys.excepthook` (an
exception nobody caught ends the program) and `faulthandler` (a native
crash in Qt or a decoder: the interpreter's stacks are written to
`native-crashes.log`).  A report holds the time, the program version, the
platform, the command line, the traceback and the recent log lines, all
passed through the log's `Redactor`, and a `--token VALUE` on the command
line is masked too.  The previous hook still runs afterwards.
"""

from __future__ import annotations

import contextlib
import faulthandler
import platform
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from console import __version__
from console.config.logsetup import MASK, LogSetup, Redactor

SECRET_OPTIONS = ("--token",)


def masked_argv(argv: Sequence[str]) -> list[str]:
    """The command line with the values of secret options replaced."""
    out: list[str] = []
    hide_next = False
    for arg in argv:
        if hide_next:
            out.append(MASK)
            hide_next = False
        elif arg in SECRET_OPTIONS:
            out.append(arg)
            hide_next = True
        elif any(arg.startswith(o + "=") for o in SECRET_OPTIONS):
            out.append(arg.split("=", 1)[0] + "=" + MASK)
        else:
            out.append(arg)
    return out


def write_crash_report(crash_dir: Path, exc: BaseException, recent: Sequence[str],
                       redactor: Redactor, argv: Sequence[str] | None = None) -> Path:
    """Write one report and return its path (`crash-YYYYmmddTHHMMSS-ffffff.txt`)."""
    crash_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    path = crash_dir / f"crash-{now:%Y%m%dT%H%M%S-%f}.txt"
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    body = [
        "Yard Console crash report",
        f"time: {now.isoformat(timespec='seconds')}",
        f"version: {__version__}",
        f"python: {sys.version.split()[0]} on {platform.platform()}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        f"command: {' '.join(masked_argv(sys.argv if argv is None else argv))}",
        "",
        "traceback:",
        trace,
        f"last {len(recent)} log lines:",
        *recent,
    ]
    path.write_text(redactor.scrub("\n".join(body)) + "\n", encoding="utf-8")
    return path


def install_crash_reports(setup: LogSetup, crash_dir: Path, *,
                          native: bool = True) -> Callable[[], None]:
    """Hook uncaught exceptions (and, with `native`, hard crashes through faulthandler);
    returns the function that unhooks."""
    previous = sys.excepthook
    crash_dir.mkdir(parents=True, exist_ok=True)
    native_log: IO[str] | None = None
    if native:
        native_log = open(crash_dir / "native-crashes.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(file=native_log, all_threads=True)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not isinstance(exc, KeyboardInterrupt):
            with contextlib.suppress(OSError):
                report = write_crash_report(crash_dir, exc.with_traceback(tb),
                                            list(setup.recent.lines), setup.redactor)
                print(f"yard-console: crashed; report written to {report}", file=sys.stderr)
        previous(kind, exc, tb)

    sys.excepthook = hook

    def uninstall() -> None:
        sys.excepthook = previous
        if native_log is not None:
            faulthandler.disable()
            native_log.close()

    return uninstall
