"""What a tile says about its stream, decided from frame age rather than from the reader.

A reader can hang inside a blocking read, a connection can stay open with no
frames, a decoder can hand back the same picture forever: none of that is
visible from the process.  What the officer needs to know is whether the
picture is *recent*, so the state is a pure function of the newest frame's
age and the reader's phase:

| state          | when |
|----------------|------|
| `off`          | nobody asked for the stream (a hidden tile decodes nothing) |
| `connecting`   | no frame yet since the stream was started, for up to `connect_grace_s` |
| `live`         | the newest frame is at most `stale_after_s` old and the reader is streaming |
| `reconnecting` | the reader lost the stream; the last frame is still recent |
| `no_signal`    | no frame for longer than `stale_after_s` (or never, past the grace) |

`no_signal` carries the wall-clock time of the last frame (or of the start
when there never was one), which the tile shows as "NO SIGNAL since hh:mm:ss".
A frozen picture therefore can never look live.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ReaderPhase(StrEnum):
    IDLE = "idle"
    CONNECTING = "connecting"
    STREAMING = "streaming"
    WAITING = "waiting"  # backing off before the next attempt


class TileState(StrEnum):
    OFF = "off"
    CONNECTING = "connecting"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    NO_SIGNAL = "no_signal"


DEFAULT_STALE_AFTER_S = 2.0
DEFAULT_CONNECT_GRACE_S = 4.0


@dataclass(frozen=True, slots=True)
class ReaderReport:
    """The reader's view of itself; times on the monotonic clock unless named `_wall`."""

    phase: ReaderPhase
    started: float
    started_wall: float
    last_frame: float | None = None
    last_frame_wall: float | None = None
    attempts: int = 0  # connection attempts since the last frame (or the start)
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class StreamStatus:
    state: TileState
    frame_age_s: float | None
    since_wall: float | None  # for no_signal: the last frame's (or the start's) wall time
    attempts: int = 0
    error: str | None = None

    def words(self) -> str:
        """What the tile writes, in plain words."""
        if self.state is TileState.NO_SIGNAL:
            since = datetime.fromtimestamp(self.since_wall or 0.0).strftime("%H:%M:%S")
            return f"NO SIGNAL since {since}"
        if self.state is TileState.RECONNECTING:
            return "reconnecting"
        if self.state is TileState.CONNECTING:
            return "connecting"
        return str(self.state.value)


def classify(
    report: ReaderReport,
    now: float,
    *,
    stale_after_s: float = DEFAULT_STALE_AFTER_S,
    connect_grace_s: float = DEFAULT_CONNECT_GRACE_S,
) -> StreamStatus:
    """The tile's state at monotonic time `now` (see the module's table)."""
    if report.phase is ReaderPhase.IDLE:
        return StreamStatus(TileState.OFF, None, None)
    age = None if report.last_frame is None else max(0.0, now - report.last_frame)
    if age is not None and age <= stale_after_s:
        state = (
            TileState.LIVE if report.phase is ReaderPhase.STREAMING else TileState.RECONNECTING
        )
        return StreamStatus(state, age, None, report.attempts, report.last_error)
    if age is None and now - report.started <= connect_grace_s:
        return StreamStatus(TileState.CONNECTING, None, None, report.attempts, report.last_error)
    since = report.last_frame_wall if report.last_frame_wall is not None else report.started_wall
    return StreamStatus(TileState.NO_SIGNAL, age, since, report.attempts, report.last_error)
