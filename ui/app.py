"""The window's composition root: `yard-console demo` and `yard-console run`.

Start-up is an ordered script: Qt application, theme and language, the
asyncio loop inside Qt's (qasync, through `asyncio.Runner`), the display
state and the window (shown at once), then the source's preparation (the
demo's simulator; the layout when it is known), the console (built by
`console.composition.build_console`, the same as headless mode) with the
display state as its observer, then the feeds.  `--screenshot FILE
--exit-after SECONDS` saves the window and quits, for the README and the
tests; `--state-json FILE` writes what the
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
import signal
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import platformdirs
import qasync
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from console.layout import Layout
from ui.alerts.announcer import AlertAnnouncer
from ui.application import new_application
from ui.display import DisplayState
from ui.errors import ErrorReport
from ui.errors import install as install_error_handlers
from ui.i18n import Translations
from ui.mainwindow import MainWindow
from ui.theme import apply_theme

if TYPE_CHECKING:  # imported where the console is built: the window starts without the engine
    from console.audit.station_key import StationKey
    from console.composition import ConsoleParts
    from console.feed.config import FeedConfig
    from console.rules.config import RuleConfig
    from testbed.sim.runner import Simulator
    from ui.cctv.wall import CameraWall
    from ui.operations.officer_session import OfficerSession

log = logging.getLogger("ui.app")


class FeedSource(Protocol):
    """Where the window's data comes from: the engine on real feeds, or on the simulator."""

    async def prepare(self) -> dict[str, Any] | None:
        """Get ready; return the layout when it is known before connecting."""

    async def start(self, display: DisplayState) -> None:
        """Start the engine with `display` among its observers."""

    async def stop(self) -> None:
        """Stop feeds and engine, committing what was received."""

    def built(self) -> BuiltConsole | None:
        """The console once `start` built it (None before, or without one)."""


@dataclass(frozen=True, slots=True)
class BuiltConsole:
    """What the window's officers' side is assembled from: the parts, typed, and where."""

    parts: ConsoleParts
    db: Path
    station: str
    demo: bool = False


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
        "internal_errors": window.internal_errors,
        "longest_snapshot_step_ms": round(d.longest_load_step * 1000, 1),
        "officer": _officer_state(window),
    }


def _officer_state(window: MainWindow) -> dict[str, Any] | None:
    o = window.officers
    if o is None:
        return None
    s = o.session
    return {"station": o.station, "demo": o.demo, "signed_in": s is not None,
            "name": s.officer if s is not None else None,
            "role": s.role.value if s is not None else None, "locked": o.locked,
            "panel": window.operations.who.text(),
            "sign_in_dialog": window.sign_in_dialog is not None
            and window.sign_in_dialog.isVisible(),
            "sign_in_problem": window.sign_in_dialog.problem.text()
            if window.sign_in_dialog is not None else ""}


def make_cctv(layout: Layout | Mapping[str, Any]) -> CameraWall | None:
    """The CCTV wall (`ui.cctv.wall.CameraWall`) on the layout's cameras; None if it fails."""
    try:
        from console.cameras.registry import CameraRegistry
        from ui.cctv.wall import CameraWall

        wall = CameraWall(CameraRegistry.from_layout(layout), layout=layout)
        wall.show_overview()
        return wall
    except Exception:
        log.exception("the CCTV wall could not be created; the console goes on without it")
        return None


def collector_during_snapshots(loading: bool) -> None:
    """No automatic garbage collection while a snapshot is folded in; freeze it after.

    A snapshot brings ~100k long-lived records (here and in the supervisor).
    Left alone, the collector runs full passes over them while they are being
    built (measured: up to a second on a busy machine, all on the UI thread);
    afterwards `gc.freeze` takes them out of every later pass.
    """
    if loading:
        gc.disable()
    else:
        gc.freeze()
        gc.enable()


STARTUP_COLLECTOR_LIMIT_S = 30.0


def collector_during_startup(display: DisplayState,
                             limit_s: float = STARTUP_COLLECTOR_LIMIT_S) -> None:
    """No automatic garbage collection from the window's start until the first snapshot is
    in the map, as while any snapshot is folded in (`collector_during_snapshots`).

    Start-up builds only long-lived state: the demo's simulator (its 85k-box yard, in
    a worker thread), then the opening snapshots, parsed, judged and handed to the map
    before the display's loading begins.  Left alone, the collector made full passes
    over that growing heap all along (measured: about 0.7 s of a 5 s start on 2 cores).
    The end of the first loading freezes what was built and turns collection back on;
    a source that sends no snapshot has it back on after `limit_s` all the same.
    """
    gc.disable()

    def at_the_latest() -> None:
        if not gc.isenabled() and not display.loading:
            collector_during_snapshots(False)

    limit = QTimer(display)
    limit.setSingleShot(True)
    limit.timeout.connect(at_the_latest)
    display.snapshot_applied.connect(limit.stop)
    limit.start(int(limit_s * 1000))


def connect_cctv(wall: CameraWall | None, display: DisplayState) -> None:
    """Keep the CCTV wall on the current layout's cameras and their device states."""
    if wall is None:
        return

    def new_layout() -> None:
        from console.cameras.registry import CameraRegistry

        layout = display.terminal_layout
        try:
            wall.set_layout(layout, CameraRegistry.from_layout(layout))
        except Exception:
            log.exception("the CCTV wall could not take the new layout")

    def devices(reports: list[Any]) -> None:
        for report in reports:
            wall.apply_device(report)

    display.layout_replaced.connect(new_layout)
    display.devices_reported.connect(devices)


async def run_console(app: QApplication, args: argparse.Namespace, source: FeedSource) -> int:
    """Open the window, start the feeds, run until the window closes."""
    errors = ErrorReport()
    install_error_handlers(errors, asyncio.get_running_loop())
    translations = Translations(cache_dir())
    settings = settings_for(args)
    lang = getattr(args, "lang", None) or str(
        settings.value("ui/language", getattr(args, "default_lang", "en")))
    translations.set_language(lang if lang in ("en", "zh_TW") else "en")
    # The window first, the feeds' preparation (the demo builds its whole simulator) after:
    # the officer sees the console at once, and the layout arrives when it is known.
    display = DisplayState()
    display.loading_changed.connect(collector_during_snapshots)
    collector_during_startup(display)
    announcer = AlertAnnouncer(cache_dir())
    wall = make_cctv(display.terminal_layout)
    connect_cctv(wall, display)
    window = MainWindow(display, announcer, translations, settings, cctv=wall)
    errors.listeners.append(window.show_internal_error)
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(sig, window.close)
    window.show()
    await asyncio.sleep(0.05)  # let the window paint before the preparation takes the loop
    layout = await source.prepare()
    if layout:
        display.set_layout(layout)
    await source.start(display)
    _attach_officers(window, display, source)
    exit_after = getattr(args, "exit_after", None)
    if exit_after is not None:
        QTimer.singleShot(int(exit_after * 1000), lambda: _begin_finish(window, args))
    await closed.wait()
    await source.stop()
    announcer.close()
    return 0


def _attach_officers(window: MainWindow, display: DisplayState, source: FeedSource) -> None:
    """Actions need a signed-in officer; without a built console the window stays read-only."""
    built = source.built()
    if built is None or not window.isVisible():  # no console, or closed while starting
        return
    from ui.operations.attach import DEMO_STATION, attach_desk

    officers = attach_desk(window, display, built.parts, station=built.station, db=built.db,
                           demo=built.demo)
    _bind_evidence(window, built.parts, officers)
    if built.demo:
        from ui.operations.officer_session import DEMO_OFFICER, DEMO_PASSWORD

        print(f"Demo officer: name {DEMO_OFFICER}, password {DEMO_PASSWORD} (station "
              f"{DEMO_STATION}; Ctrl+I unlocks after Ctrl+Shift+L)", flush=True)
    _offer_history(window, display, built.db)


def _bind_evidence(window: MainWindow, parts: ConsoleParts, officers: OfficerSession) -> None:
    """S / F9 on the camera wall saves into this console's database, for the signed-in
    officer; the status bar confirms and the case shows the picture at once."""
    from ui.cctv.evidence_cameras import evidence_cameras
    from ui.cctv.evidence_sink import bind_evidence
    from ui.cctv.wall import CameraWall

    wall = window.cctv
    if not isinstance(wall, CameraWall) or not bind_evidence(wall, parts.office, officers):
        return
    wall.set_evidence_cameras(evidence_cameras(window.display))

    def saved(record: Any) -> None:
        case = window.operations.case
        if case is not None and record.alert_id == case.alert_id:
            window.operations.show_alert(case.alert_id)

    wall.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    wall.evidenceTaken.connect(saved)


def _offer_history(window: MainWindow, display: DisplayState, db: Path) -> None:
    """Ctrl+H opens the supervisors' history window on this console's database."""

    def open_history() -> None:
        from ui.history.window import HistoryWindow

        history = HistoryWindow(db, display.terminal_layout, window)
        history.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        history.resize(1400, 900)
        history.show()

    window.actions_by_name["actionHistory"].triggered.connect(open_history)


SCREENSHOT_CAMERA_WAIT_S = 10.0


def _begin_finish(window: MainWindow, args: argparse.Namespace) -> None:
    """`--exit-after`: with `--screenshot`, the first case is selected and its cameras get
    up to `SCREENSHOT_CAMERA_WAIT_S` to connect before the picture is taken.

    The selection and the picture run from Qt callbacks, never inside an asyncio task:
    they process Qt events, which under qasync would run other tasks re-entrantly."""
    if not getattr(args, "screenshot", None):
        _finish(window, args)
        return
    from ui.cctv.wall import CameraWall

    window.show_first_case()
    wall = window.cctv if isinstance(window.cctv, CameraWall) else None
    waiting = asyncio.ensure_future(cameras_settled(wall, SCREENSHOT_CAMERA_WAIT_S))
    waiting.add_done_callback(lambda _: QTimer.singleShot(0, lambda: _finish(window, args)))


def _finish(window: MainWindow, args: argparse.Namespace) -> None:
    shot = getattr(args, "screenshot", None)
    if shot:
        Path(shot).parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(shot))
    state = getattr(args, "state_json", None)
    if state:
        Path(state).write_text(json.dumps(window_state(window), indent=1), encoding="utf-8")
    window.close()


async def cameras_settled(wall: CameraWall | None, wait_s: float) -> bool:
    """Wait until the wall's tiles have connected (or failed) — True — or `wait_s` passed."""
    loop = asyncio.get_running_loop()
    until = loop.time() + wait_s
    while wall is not None and loop.time() < until:
        await asyncio.sleep(0.1)  # the tiles' polls run meanwhile
        if wall.settled():
            return True
    return wall is None


class EngineSource:
    """The real console (`console.composition.build_console`) on these feeds."""

    def __init__(self, db: Path, feeds: Sequence[FeedConfig],
                 roles: dict[str, str] | None = None, rules: RuleConfig | None = None,
                 on_stop: Callable[[], None] | None = None,
                 signer: StationKey | None = None) -> None:
        self.db, self.feeds, self.rules = db, feeds, rules
        self.signer = signer  # the station key that signs the audit trail (None: unsigned)
        self.roles = roles or {}
        self.parts: ConsoleParts | None = None
        self.station = feeds[0].station if feeds else "WS-01"
        self._on_stop = on_stop

    async def prepare(self) -> dict[str, Any] | None:
        return None

    async def start(self, display: DisplayState) -> None:
        from console.composition import build_console

        display.health.expected_roles.update(self.roles)
        parts = build_console(self.db, self.feeds, rules=self.rules, signer=self.signer)
        self.parts = parts
        parts.engine.subscribe(display)
        await parts.start()

    async def stop(self) -> None:
        if self.parts is not None:
            await self.parts.stop()
            self.parts.close()
        if self._on_stop is not None:
            self._on_stop()

    def built(self) -> BuiltConsole | None:
        return None if self.parts is None else BuiltConsole(self.parts, self.db, self.station)


class DemoSource:
    """The embedded simulator on loopback, and the real engine connected to it."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.sim: Simulator | None = None
        self.engine: EngineSource | None = None
        self.db: Path | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="yard-demo-")

    @property
    def parts(self) -> ConsoleParts | None:
        return self.engine.parts if self.engine is not None else None

    def built(self) -> BuiltConsole | None:
        from ui.operations.attach import DEMO_STATION

        inner = self.engine.built() if self.engine is not None else None
        return None if inner is None else BuiltConsole(inner.parts, inner.db, DEMO_STATION, True)

    async def prepare(self) -> dict[str, Any] | None:
        from testbed.sim.runner import Simulator

        a = self.args
        self.sim = Simulator(seed=getattr(a, "seed", 7), speed=getattr(a, "speed", 1.0),
                             anomaly_rate=getattr(a, "anomaly_rate", 0.0),
                             scenario=getattr(a, "scenario", None),
                             showcase=getattr(a, "scenario", None) is None)
        await self.sim.start()
        layout: dict[str, Any] = self.sim.layout
        return layout

    async def start(self, display: DisplayState) -> None:
        from console.feed.config import FeedConfig
        from testbed.sim.runner import CLEARANCE_PATH, TERMINAL_PATH

        sim = self.sim
        if sim is None:
            raise RuntimeError("the demo's simulator must be prepared before the console starts")
        db = getattr(self.args, "db", None) or Path(self._tmp.name) / "demo.sqlite"
        feeds = [FeedConfig(url=sim.url(TERMINAL_PATH), station="DEMO"),
                 FeedConfig(url=sim.url(CLEARANCE_PATH), station="DEMO")]
        roles = {feeds[0].key: "terminal", feeds[1].key: "clearance"}
        self.db = Path(db)
        self.engine = EngineSource(self.db, feeds, roles)
        await self.engine.start(display)

    async def stop(self) -> None:
        if self.engine is not None:
            await self.engine.stop()
        if self.sim is not None:
            await self.sim.stop()
        with contextlib.suppress(OSError):
            self._tmp.cleanup()


def source_from_args(args: argparse.Namespace) -> FeedSource:
    if getattr(args, "command", None) == "demo":
        return DemoSource(args)
    from console.config.runtime import start_runtime
    from ui.run_config import plan_from_args

    plan = plan_from_args(args)
    if getattr(args, "lang", None) is None and plan.language in ("en", "zh_TW"):
        args.default_lang = plan.language
    # The configured rotated log (secrets redacted) and crash reports, as headless has.
    signer = _station_signer(plan.config.source if plan.config is not None else None)
    stop_runtime = start_runtime(plan.config)
    return EngineSource(plan.db, plan.feeds, plan.roles, plan.rules, on_stop=stop_runtime,
                        signer=signer)


def _station_signer(config_file: Path | None) -> StationKey | None:
    """The workstation's station key; a key others can read stops `run` with the reason."""
    from console.audit.station_key import StationKeyError, station_signer

    try:
        return station_signer(config_file)
    except StationKeyError as exc:
        raise SystemExit(f"yard-console run: {exc.reason}") from None


def run_window(args: argparse.Namespace, source: FeedSource | None = None) -> int:
    """Entry point of `demo` and `run`: a Qt application with asyncio inside it."""
    logging.basicConfig(level=getattr(args, "log_level", "WARNING").upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or new_application()
    assert isinstance(app, QApplication)
    app.setApplicationName("Yard Console")
    app.setOrganizationName("yard-console")
    app.setQuitOnLastWindowClosed(False)  # the coroutine ends the loop, after the feeds stop
    family = apply_theme(app)
    if family is None:
        log.warning("no CJK font found (install fonts-noto-cjk): Chinese text will not show")
    chosen = source if source is not None else source_from_args(args)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(run_console(app, args, chosen))
