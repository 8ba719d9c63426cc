"""The window's composition root: `yard-console demo` and `yard-console run`.

Start-up is an ordered script: Qt application, theme and language, the
asyncio loop inside Qt's (qasync, through `asyncio.Runner`), the display
state, the engine (built by `console.composition.build_engine`, the same
engine as headless mode) with the display state as its observer, the window,
then the feeds.  `--screenshot FILE --exit-after SECONDS` saves the window and
quits, for the README and the tests; `--state-json FILE` writes what the
window shows (queue, markers, feeds) at exit, for end-to-end tests.

Where files go: settings in `--settings FILE` (else `$YARD_CONSOLE_SETTINGS`,
else the user config folder), compiled translations and the alert chime in
`$YARD_CONSOLE_CACHE` (else the user cache folder).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import platformdirs
import qasync
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.alerts.announcer import AlertAnnouncer
from ui.display import DisplayState
from ui.i18n import Translations
from ui.mainwindow import MainWindow
from ui.theme import apply_theme

log = logging.getLogger("ui.app")
StartFeeds = Callable[[DisplayState], Awaitable[Callable[[], Awaitable[None]]]]


def cache_dir() -> Path:
    env = os.environ.get("YARD_CONSOLE_CACHE")
    return Path(env) if env else Path(platformdirs.user_cache_dir("yard-console"))


def settings_for(args: argparse.Namespace) -> QSettings:
    path = getattr(args, "settings", None) or os.environ.get("YARD_CONSOLE_SETTINGS")
    if not path:
        path = str(Path(platformdirs.user_config_dir("yard-console")) / "window.ini")
    return QSettings(str(path), QSettings.Format.IniFormat)


def window_state(window: MainWindow) -> dict[str, Any]:
    """What the officer sees, as JSON (for tests and support)."""
    d = window.display
    return {
        "alerts": [{"alert_id": r.alert_id, "rule": r.rule, "severity": r.severity,
                    "subject": r.subject, "state": r.state, "cleared": r.cleared}
                   for r in d.alerts.rows()],
        "visible_alerts": window.queue.visible_alert_ids(),
        "markers": [{"alert_id": m.alert_id, "severity": m.severity, "x": m.x, "y": m.y}
                    for m in window.map.markers],
        "feeds": [{"feed": ln.feed, "state": ln.state, "detail": ln.detail, "role": ln.role,
                   "events": ln.events} for ln in d.health.lines()],
        "containers": d.picture.container_count,
        "vehicles": len(d.picture.vehicles),
        "events_seen": d.events_seen,
        "stale_layers": sorted(window.map.stale_layers),
        "language": window.translations.language,
        "announcements": window.announcer.sounds_played,
    }


def make_cctv(layout: dict[str, Any]) -> QWidget | None:
    """The CCTV wall from `ui.cctv.wall` when that issue has landed; else a placeholder."""
    try:
        from ui.cctv.wall import CameraWall  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    try:
        wall: QWidget = CameraWall(layout.get("cameras", []))
        return wall
    except Exception:
        log.exception("the CCTV wall could not be created")
        return None


async def run_console(app: QApplication, args: argparse.Namespace, start_feeds: StartFeeds,
                      layout: dict[str, Any] | None = None) -> int:
    """Open the window, start the feeds, run until the window closes."""
    translations = Translations(cache_dir())
    settings = settings_for(args)
    lang = getattr(args, "lang", None) or str(settings.value("ui/language", "en"))
    translations.set_language(lang if lang in ("en", "zh_TW") else "en")
    display = DisplayState(layout)
    # A snapshot leaves ~100k long-lived records (here and in the supervisor);
    # freezing them keeps the collector's full passes (~200 ms) off the UI thread.
    display.snapshot_applied.connect(gc.freeze)
    announcer = AlertAnnouncer(cache_dir())
    window = MainWindow(display, announcer, translations, settings,
                        cctv=make_cctv(display.layout_body))
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    window.show()
    stop_feeds = await start_feeds(display)
    exit_after = getattr(args, "exit_after", None)
    if exit_after is not None:
        QTimer.singleShot(int(exit_after * 1000), lambda: _finish(window, args))
    await closed.wait()
    await stop_feeds()
    announcer.close()
    return 0


def _finish(window: MainWindow, args: argparse.Namespace) -> None:
    shot = getattr(args, "screenshot", None)
    if shot:
        Path(shot).parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(shot))
    state = getattr(args, "state_json", None)
    if state:
        Path(state).write_text(json.dumps(window_state(window), indent=1), encoding="utf-8")
    window.close()


def engine_feeds(db: Path, feeds: list[Any]) -> StartFeeds:
    """Start the real engine on `feeds`, storing into `db`; the display observes it."""

    async def start(display: DisplayState) -> Callable[[], Awaitable[None]]:
        from console.composition import build_engine

        engine = build_engine(db, feeds)
        engine.observers.append(display)
        await engine.start()
        return engine.stop

    return start


def run_window(args: argparse.Namespace, start_feeds: StartFeeds | None = None,
               layout: dict[str, Any] | None = None) -> int:
    """Entry point of `demo` and `run`: a Qt application with asyncio inside it."""
    logging.basicConfig(level=getattr(args, "log_level", "WARNING").upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Yard Console")
    app.setOrganizationName("yard-console")
    family = apply_theme(app)
    if family is None:
        log.warning("no CJK font found (install fonts-noto-cjk): Chinese text will not show")
    if start_feeds is None:
        start_feeds = _feeds_from_args(args)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(run_console(app, args, start_feeds, layout))


def _feeds_from_args(args: argparse.Namespace) -> StartFeeds:
    if getattr(args, "command", None) == "demo" or getattr(args, "demo", False):
        return demo_feeds(args)
    from ui.run_config import feeds_and_db

    feeds, db = feeds_and_db(args)
    return engine_feeds(db, feeds)


def demo_feeds(args: argparse.Namespace) -> StartFeeds:
    """The embedded simulator on loopback, and the real engine connected to it."""

    async def start(display: DisplayState) -> Callable[[], Awaitable[None]]:
        from console.feed.config import FeedConfig
        from console.sim.runner import CLEARANCE_PATH, TERMINAL_PATH, Simulator

        tmp = tempfile.TemporaryDirectory(prefix="yard-demo-")
        sim = Simulator(seed=getattr(args, "seed", 7), speed=getattr(args, "speed", 1.0),
                        anomaly_rate=getattr(args, "anomaly_rate", 0.0),
                        scenario=getattr(args, "scenario", None))
        await sim.start()
        display.set_layout(sim.layout)
        db = Path(args.db) if getattr(args, "db", None) else Path(tmp.name) / "demo.sqlite"
        feeds = [FeedConfig(url=sim.url(TERMINAL_PATH), station="DEMO"),
                 FeedConfig(url=sim.url(CLEARANCE_PATH), station="DEMO")]
        stop_engine = await engine_feeds(db, feeds)(display)

        async def stop() -> None:
            await stop_engine()
            await sim.stop()
            with contextlib.suppress(OSError):
                tmp.cleanup()

        return stop

    return start
