"""`yard-console self-test`: the whole engine, inside Qt's event loop, against the simulator.

What an installer runs after installing a package (and what CI runs on the
installed `.deb`): it proves that this build's parts work together on this
machine, without any gateway.  In order:

1. a Qt GUI application starts on the platform plugin asked for (`offscreen`
   by default, so it runs without a display) and the asyncio loop runs
   inside Qt's (qasync), as in the window;
2. the shipped translation catalogue (zh_TW) loads, and a Traditional
   Chinese font is looked for (a warning only: the doctor says how to fix);
3. the embedded simulator starts on loopback and the console's engine, the
   same one `run` and `headless` build, connects to both of its feeds for
   `seconds` once both are live (at most 60 s after connecting), storing into
   a throw-away database (a small yard: this tests the parts, not the load);
4. once both feeds are live, the simulator reports a camera `down` (another
   each second until the rules, which start judging once the feeds are in
   sync, raise the alert);
5. the verdict: every feed reached a live state (snapshot or resumed), no
   feed was refused, events arrived and were committed to the database, and
   the rules raised the `DEVICE_DOWN` alert for that camera.

It prints the figures (events received and stored, alerts raised, each
feed's state) and a plain `SELF-TEST PASSED`/`FAILED`, or one JSON object
with `--json`.  Exit code 0 when passed, 1 when failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console import __version__
from console.audit.key_setup import signing_round_trip
from console.engine import QuietObserver
from console.feed.status import FeedStatus
from console.layout import Layout
from console.model import FeedEvent, Snapshot
from console.store.base import StoreError
from console.yard.changes import YardChanges

LIVE_STATES = ("snapshot", "resumed")
LIVE_TIMEOUT_S = 60.0
RESOURCES = Path(__file__).resolve().parents[1] / "resources"
CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans TC", "Noto Sans CJK SC", "WenQuanYi Zen Hei",
                "AR PL UMing TW")


@dataclass
class SelfTestObserver(QuietObserver):
    """Counts what the engine reports (an `EngineObserver`)."""

    events: int = 0
    snapshots: int = 0
    alerts: Counter[str] = field(default_factory=Counter)
    states: dict[str, list[str]] = field(default_factory=dict)
    details: dict[str, str | None] = field(default_factory=dict)
    store_errors: list[str] = field(default_factory=list)

    def on_feed_status(self, status: FeedStatus) -> None:
        self.states.setdefault(status.feed, []).append(status.state)
        self.details[status.feed] = status.detail

    def live(self) -> int:
        return sum(1 for states in self.states.values() if set(states) & set(LIVE_STATES))

    async def wait_live(self, feeds: int, timeout_s: float) -> float | None:
        """Seconds until every feed was live at least once (None: not within `timeout_s`)."""
        start = time.monotonic()
        while time.monotonic() - start < timeout_s:
            if self.live() >= feeds:
                return time.monotonic() - start
            if any("rejected" in s for s in self.states.values()):
                return None
            await asyncio.sleep(0.05)
        return None

    def on_store_problem(self, error: StoreError | None) -> None:
        if error is not None:
            self.store_errors.append(error.message)

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        self.events += len(events)

    def on_snapshot(self, feed: str, snapshot: Snapshot) -> None:
        self.snapshots += 1

    def on_layout(self, feed: str, layout: Layout) -> None:
        pass

    def on_yard_changes(self, changes: YardChanges) -> None:
        pass

    def on_alerts(self, changes: Sequence[Any]) -> None:
        for change in changes:
            alert = getattr(change, "alert", None)
            self.alerts[str(getattr(alert, "rule", "?"))] += 1


async def _engine_run(seconds: float, seed: int, speed: float, db: Path) -> dict[str, Any]:
    from console.composition import build_console
    from console.feed.config import FeedConfig
    from testbed.sim.runner import CLEARANCE_PATH, TERMINAL_PATH, Simulator

    started = time.monotonic()
    sim = Simulator(seed=seed, speed=speed, anomaly_rate=0.05, warmup_s=120.0, fill_share=0.05)
    await sim.start()
    sim_ready = time.monotonic() - started
    observer = SelfTestObserver()
    feeds = [FeedConfig(url=sim.url(TERMINAL_PATH), station="SELF-TEST"),
             FeedConfig(url=sim.url(CLEARANCE_PATH), station="SELF-TEST")]
    parts = build_console(db, feeds)
    try:
        parts.engine.subscribe(observer)
        await parts.start()
        live_after = await observer.wait_live(len(feeds), LIVE_TIMEOUT_S)
        camera = None
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if live_after is not None and not observer.alerts.get("DEVICE_DOWN"):
                camera = sim.faults.device_down(detail="self-test: camera reported down")
            await asyncio.sleep(min(1.0, max(0.0, end - time.monotonic())))
        await parts.stop()
    finally:
        parts.close()
        await sim.stop()
    return {
        "simulator_start_s": round(sim_ready, 2),
        "live_after_s": None if live_after is None else round(live_after, 2),
        "events_received": observer.events,
        "events_stored": parts.engine.final_event_count,
        "snapshots": observer.snapshots,
        "alert_changes": sum(observer.alerts.values()),
        "alerts_by_rule": dict(observer.alerts),
        "camera_taken_down": camera,
        "feeds": {k: {"state": v[-1], "states": v, "detail": observer.details.get(k)}
                  for k, v in observer.states.items()},
        "store_errors": observer.store_errors,
    }


def catalogue(tmp: Path) -> Path | None:
    """The zh_TW catalogue: shipped (packages), else compiled into `tmp` (source checkouts)."""
    qm = RESOURCES / "i18n" / "yard_console_zh_TW.qm"
    if qm.is_file() or getattr(sys, "frozen", False):
        return qm if qm.is_file() else None
    ts = qm.with_suffix(".ts")
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if lrelease is None or not ts.is_file():
        return None
    out = tmp / qm.name
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out)], check=False, timeout=60,
                   capture_output=True)
    return out if out.is_file() else None


def _qt_checks(app: Any, tmp: Path) -> dict[str, Any]:
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFontDatabase

    qm = catalogue(tmp)
    translator = QTranslator()
    loaded = qm is not None and translator.load(str(qm))
    families = set(QFontDatabase.families())
    return {
        "qt_platform": app.platformName(),
        "translation_zh_TW": str(qm) if loaded else None,
        "translation_sample": translator.translate("AlertQueueModel", "Severity") or None,
        "cjk_font": next((f for f in CJK_FAMILIES if f in families), None),
    }


def verdict(report: dict[str, Any]) -> list[str]:
    """The reasons the self-test failed (empty when it passed)."""
    failures = []
    feeds = report.get("feeds", {})
    if len(feeds) < 2:
        failures.append(f"only {len(feeds)} of 2 feeds reported any state")
    for key, feed in feeds.items():
        if "rejected" in feed["states"]:
            failures.append(f"feed {key} was refused: {feed['detail']}")
        elif not set(feed["states"]) & set(LIVE_STATES):
            failures.append(f"feed {key} never went live (last: {feed['state']}, "
                            f"{feed['detail']})")
    if report.get("camera_taken_down") and not report.get("alerts_by_rule", {}).get(
            "DEVICE_DOWN"):
        failures.append(f"camera {report['camera_taken_down']} was reported down but no "
                        "DEVICE_DOWN alert was raised")
    if not report.get("events_received"):
        failures.append("no event was received from the simulator")
    elif not report.get("events_stored"):
        failures.append("events were received but none is in the database")
    failures += [f"storage: {e}" for e in report.get("store_errors", [])]
    if not (report.get("audit_signed") and report.get("audit_cut_detected")):
        failures.append("the audit trail could not be signed and checked with a station key "
                        "(Ed25519, the cryptography package)")
    if report.get("translation_sample") != "嚴重度":
        failures.append("the Traditional Chinese translation (yard_console_zh_TW.qm) is "
                        "missing or unreadable")
    return failures


def run_self_test(seconds: float = 5.0, seed: int = 7, speed: float = 5.0,
                  platform: str = "offscreen") -> dict[str, Any]:
    """Run the self-test in this process; the report with `passed` and `failures`."""
    os.environ["QT_QPA_PLATFORM"] = platform
    import qasync
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    report: dict[str, Any] = {"version": __version__, "frozen": bool(getattr(sys, "frozen",
                                                                             False))}
    with tempfile.TemporaryDirectory(prefix="yard-self-test-") as tmp, \
            asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        report |= _qt_checks(app, Path(tmp))
        report |= signing_round_trip(Path(tmp))
        report |= runner.run(_engine_run(seconds, seed, speed, Path(tmp) / "self-test.sqlite"))
    report["failures"] = verdict(report)
    report["passed"] = not report["failures"]
    return report


def describe(report: dict[str, Any]) -> str:
    lines = [f"Yard Console {report['version']} self-test"
             + (" (packaged build)" if report["frozen"] else ""),
             f"  Qt platform: {report['qt_platform']}",
             f"  translation zh_TW: {'loaded' if report['translation_zh_TW'] else 'MISSING'}",
             f"  Chinese font: {report['cjk_font'] or 'none (run yard-console doctor)'}",
             "  audit trail signing (Ed25519): "
             + ("works, a cut trail is caught" if report.get("audit_signed")
                and report.get("audit_cut_detected") else "FAILED"),
             f"  simulator started in {report['simulator_start_s']} s; feeds live after "
             f"{report['live_after_s']} s",
             f"  events received: {report['events_received']}, stored: "
             f"{report['events_stored']}, snapshots: {report['snapshots']}",
             f"  alert changes: {report['alert_changes']} "
             f"({', '.join(f'{k} {v}' for k, v in report['alerts_by_rule'].items()) or 'none'}"
             f"; camera taken down: {report['camera_taken_down']})"]
    for key, feed in report["feeds"].items():
        lines.append(f"  feed {key}: {feed['state']} ({feed['detail'] or ''})")
    lines += [f"  FAILED: {f}" for f in report["failures"]]
    lines.append("SELF-TEST PASSED" if report["passed"] else "SELF-TEST FAILED")
    return "\n".join(lines)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "self-test", help="run the engine against the embedded simulator and report",
        description="Start the engine inside Qt's event loop (offscreen by default) against "
        "the embedded simulator for a few seconds; print events, alerts and feed states and "
        "a verdict. Exit 0 when it passed.")
    p.add_argument("--seconds", type=float, default=5.0, help="how long to run (default 5)")
    p.add_argument("--seed", type=int, default=7, help="simulation seed (default 7)")
    p.add_argument("--platform", default="offscreen",
                   help="Qt platform plugin (default offscreen; xcb to test the display)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_self_test)


def _self_test(args: argparse.Namespace) -> int:
    report = run_self_test(args.seconds, args.seed, platform=args.platform)
    print(json.dumps(report, ensure_ascii=False) if args.json else describe(report))
    return 0 if report["passed"] else 1
