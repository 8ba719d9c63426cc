"""A shift recorded by the real console from the simulated terminal.

`record_shift` runs the simulator behind its real gateway on loopback, the
console's engine (`console.composition.build_console`) with its feeds, store
and rules, and two signed-in officers who acknowledge and resolve alerts at
the desk as they come, then stops everything.  While it runs it captures the
live yard (`LiveMoment`): what the supervisor's own `YardState` held, with the
last stored event row it had judged.  The review tests replay the store and
compare with those moments; a demo database for the history window is made
the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from console.composition import build_console
from console.engine import QuietObserver
from console.feed.config import FeedConfig
from console.history.frame import YardFrame, frame_from_yard
from console.model import FeedEvent
from console.officers.permissions import Session
from console.operations.desk import AlertDesk, OperationRefused
from console.store.history import open_history
from testbed.sim.runner import CLEARANCE_PATH, TERMINAL_PATH, Simulator

OFFICERS = (("chen.li", "officer"), ("wang.mei", "supervisor"))
PASSWORD = "review-test-password"
STATION = "WS-REVIEW"


@dataclass(slots=True)
class LiveMoment:
    """The live yard right after the engine judged the event stored as row `last_n`."""

    last_n: int
    frame: YardFrame


@dataclass(slots=True)
class Recording:
    db: Path
    layout: dict[str, Any]
    moments: list[LiveMoment] = field(default_factory=list)
    handled: int = 0


class _LastEvent(QuietObserver):
    """Remembers the last event handed to the supervisor (the engine dispatches, then judges)."""

    def __init__(self) -> None:
        self.last: tuple[str, str] | None = None

    def on_events(self, feed: str, events: Sequence[FeedEvent]) -> None:
        if events:
            self.last = (events[-1].feed, events[-1].id)


async def record_shift(
    db: Path, *, sim_seconds: float = 600.0, speed: float = 60.0, seed: int = 7,
    anomaly_rate: float = 0.05, fill_share: float = 0.05, captures: int = 4,
) -> Recording:
    """Record `sim_seconds` of simulated terminal time into `db` (see the module docstring)."""
    sim = Simulator(seed=seed, speed=speed, anomaly_rate=anomaly_rate, fill_share=fill_share,
                    heartbeat_s=1.0, warmup_s=120.0)
    await sim.start()
    parts = None
    try:
        feeds = [FeedConfig(sim.url(TERMINAL_PATH)), FeedConfig(sim.url(CLEARANCE_PATH))]
        parts = build_console(db, feeds)
        watcher = _LastEvent()
        parts.engine.subscribe(watcher)
        sessions = _sign_in(parts.accounts)
        recording = Recording(db, sim.layout)
        await parts.start()
        wall = sim_seconds / speed
        step = wall / (captures + 1)
        reader = open_history(db)
        try:
            for i in range(captures + 1):
                await asyncio.sleep(step)
                recording.handled += _handle_alerts(parts.desk, sessions, i)
                if i == 0 or watcher.last is None:
                    continue
                n = reader.row_of(*watcher.last)
                if n is not None:
                    recording.moments.append(
                        LiveMoment(n, frame_from_yard(parts.supervisor.yard))
                    )
        finally:
            reader.close()
        await parts.stop()
        return recording
    finally:
        if parts is not None:
            with contextlib.suppress(Exception):
                await parts.stop()
            parts.close()
        await sim.stop()


def _sign_in(accounts: Any) -> list[Session]:
    sessions = []
    for name, role in OFFICERS:
        accounts.add(name, role, PASSWORD, by="installer", station=STATION)
        sessions.append(accounts.sign_in(name, PASSWORD, STATION))
    return sessions


def _handle_alerts(desk: AlertDesk, sessions: list[Session], round_no: int) -> int:
    """Officers take the open alerts: the first acknowledges, the second resolves every other."""
    handled = 0
    for k, alert in enumerate(desk.book.store.open_alerts()):
        officer = sessions[(k + round_no) % len(sessions)]
        try:
            if alert.state == "unacknowledged":
                desk.acknowledge(officer, alert.alert_id, comment=f"checking round {round_no}")
                handled += 1
            elif alert.state == "acknowledged" and k % 2 == 0:
                desk.resolve(officer, alert.alert_id, "false_alarm", comment="seen on camera")
                handled += 1
        except OperationRefused:
            continue
    return handled


def main(argv: Sequence[str]) -> int:
    """`python -m testbed.recording DB OUT [SIM_SECONDS]`: record, pickle the Recording."""
    import pickle

    db, out = Path(argv[0]), Path(argv[1])
    seconds = float(argv[2]) if len(argv) > 2 else 600.0
    recording = asyncio.run(record_shift(db, sim_seconds=seconds))
    out.write_bytes(pickle.dumps(recording))
    return 0


if __name__ == "__main__":
    import sys

    from testbed.recording import main as _main  # records pickle under the module's name

    sys.exit(_main(sys.argv[1:]))
