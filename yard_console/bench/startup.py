"""`yard-console bench startup`: seconds from launch to the first painted window and to a
populated yard, beside a bare PySide6 window started in the same run.

Each run launches `yard-console demo` (the embedded simulator: Terminal 7,
about 85,000 containers) as a subprocess with `$YARD_CONSOLE_STARTUP_MARKS`
set, so the window notes when its map first painted and when it first painted
with containers in the yard (`ui.startup_marks`), then stops it with SIGTERM.
The baseline is a bare PySide6 window (one `QWidget`, 1920×1080) timed to its
first paint.  The platform is `$QT_QPA_PLATFORM`, offscreen when unset.
Targets: the window in under 3 s, the yard in under 8 s.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS = {"window_s": 3.0, "yard_s": 8.0}
BARE = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
w.resize(1920, 1080)
class Mark(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"mark": "window", "at": time.time()}), flush=True)
            QTimer.singleShot(0, app.quit)
        return False
w.installEventFilter(Mark(w))
w.show()
app.exec()
"""


def _marks(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            out.setdefault(str(d["mark"]), float(d["at"]))
    return out


def time_console(tmp: Path, run: int, timeout_s: float = 120.0) -> dict[str, float]:
    marks = tmp / f"marks-{run}.jsonl"
    env = dict(os.environ, YARD_CONSOLE_STARTUP_MARKS=str(marks),
               YARD_CONSOLE_CACHE=str(tmp / "cache"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    exe = Path(sys.executable).with_name("yard-console")
    cmd = [str(exe), "demo", "--settings", str(tmp / f"window-{run}.ini"),
           "--db", str(tmp / f"demo-{run}.sqlite")]
    started = time.time()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and "yard" not in _marks(marks):
            if proc.poll() is not None:
                raise RuntimeError(f"yard-console demo stopped: {proc.stderr.read()[-2000:]}"
                                   if proc.stderr else "yard-console demo stopped")
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    got = _marks(marks)
    return {k: got[k] - started for k in ("window", "yard") if k in got}


def time_bare() -> float:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.time()
    done = subprocess.run([sys.executable, "-c", BARE], env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("{"))
    return float(json.loads(line)["at"]) - started


def run(runs: int = 3, timeout_s: float = 120.0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="yard-startup-") as name:
        tmp = Path(name)
        bare: list[float] = []
        window: list[float] = []
        yard: list[float] = []
        for i in range(runs):
            bare.append(time_bare())
            t = time_console(tmp, i, timeout_s)
            if "window" in t:
                window.append(t["window"])
            if "yard" in t:
                yard.append(t["yard"])
    return {"runs": runs, "bare_window_s": statistics.median(bare),
            "window_s": statistics.median(window) if window else float("nan"),
            "yard_s": statistics.median(yard) if yard else float("nan"),
            "window_all_s": window, "yard_all_s": yard, "bare_all_s": bare,
            "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "load_average": os.getloadavg()[0], "cpus": os.cpu_count()}


def report(r: dict[str, Any]) -> str:
    def mark(key: str) -> str:
        return "  ok" if r[key] <= TARGETS[key] else f"  OVER target {TARGETS[key]:g} s"

    return "\n".join([
        f"startup bench: yard-console demo, {r['runs']} runs (median), platform "
        f"{r['platform']}, load average {r['load_average']:.1f} on {r['cpus']} CPUs",
        f"launch to first painted window   {r['window_s']:6.2f} s{mark('window_s')}",
        f"launch to populated yard         {r['yard_s']:6.2f} s{mark('yard_s')}",
        f"baseline: bare PySide6 window    {r['bare_window_s']:6.2f} s",
    ])


def bench_startup(args: Any) -> int:
    r = run(int(getattr(args, "runs", 3) or 3))
    print(report(r))
    return 0 if r["window_s"] <= TARGETS["window_s"] and r["yard_s"] <= TARGETS["yard_s"] else 1
