"""The tile's words come from frame age: a frozen picture never reads as live."""

from __future__ import annotations

import threading
from datetime import datetime

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from console.cameras.reader import Backoff
from console.cameras.slot import FrameSlot
from console.cameras.watchdog import ReaderPhase, ReaderReport, TileState, classify

T0 = 1000.0
WALL0 = 1_764_000_000.0


def report(phase: ReaderPhase, last: float | None = None, attempts: int = 0) -> ReaderReport:
    return ReaderReport(
        phase, T0, WALL0,
        last_frame=last, last_frame_wall=None if last is None else WALL0 + (last - T0),
        attempts=attempts,
    )


def test_states_in_order_of_a_stream_that_dies_and_comes_back() -> None:
    assert classify(report(ReaderPhase.IDLE), T0).state is TileState.OFF
    assert classify(report(ReaderPhase.CONNECTING), T0 + 1).state is TileState.CONNECTING
    live = classify(report(ReaderPhase.STREAMING, T0 + 2), T0 + 2.1)
    assert live.state is TileState.LIVE and live.words() == "live"
    assert live.frame_age_s is not None and abs(live.frame_age_s - 0.1) < 1e-9
    lost = classify(report(ReaderPhase.WAITING, T0 + 2, attempts=1), T0 + 3)
    assert lost.state is TileState.RECONNECTING
    dead = classify(report(ReaderPhase.CONNECTING, T0 + 2, attempts=3), T0 + 4.5)
    assert dead.state is TileState.NO_SIGNAL
    hhmmss = datetime.fromtimestamp(WALL0 + 2).strftime("%H:%M:%S")
    assert dead.words() == f"NO SIGNAL since {hhmmss}"


def test_a_connection_that_stays_open_without_frames_is_no_signal() -> None:
    frozen = classify(report(ReaderPhase.STREAMING, T0 + 1), T0 + 3.5)
    assert frozen.state is TileState.NO_SIGNAL


def test_a_stream_that_never_delivers_is_no_signal_since_the_start_after_the_grace() -> None:
    status = classify(report(ReaderPhase.CONNECTING), T0 + 10, connect_grace_s=4)
    assert status.state is TileState.NO_SIGNAL
    assert status.since_wall == WALL0


@given(
    phase=st.sampled_from([p for p in ReaderPhase if p is not ReaderPhase.IDLE]),
    last=st.none() | st.floats(0, 100),
    now=st.floats(0, 200),
)
def test_live_only_ever_with_a_recent_frame_from_a_streaming_reader(
    phase: ReaderPhase, last: float | None, now: float
) -> None:
    last_t = None if last is None else T0 + last
    status = classify(report(phase, last_t), T0 + now, stale_after_s=2.0)
    if status.state is TileState.LIVE:
        assert phase is ReaderPhase.STREAMING
        assert last_t is not None and (T0 + now) - last_t <= 2.0
    if last_t is not None and (T0 + now) - last_t > 2.0:
        assert status.state is TileState.NO_SIGNAL


def test_slot_keeps_only_the_newest_frame_and_counts_the_dropped() -> None:
    slot = FrameSlot()
    img = np.zeros((2, 2, 3), np.uint8)
    assert slot.take() is None
    slot.put(img, 1.0, 1.0)
    slot.put(img, 2.0, 2.0)
    slot.put(img, 3.0, 3.0)
    got = slot.take()
    assert got is not None and got.index == 3 and got.arrived == 3.0
    assert slot.take() is None  # the same frame is never handed out twice
    c = slot.counters()
    assert (c.produced, c.delivered, c.dropped) == (3, 1, 2)
    slot.put(img, 4.0, 4.0)
    slot.clear()
    assert slot.take() is None and slot.peek() is None
    assert slot.counters().dropped == 3


def test_slot_counters_add_up_under_a_concurrent_producer() -> None:
    slot = FrameSlot()
    img = np.zeros((2, 2, 3), np.uint8)
    done = threading.Event()

    def produce() -> None:
        for i in range(20_000):
            slot.put(img, float(i), float(i))
        done.set()

    taken = 0
    t = threading.Thread(target=produce)
    t.start()
    last_index = 0
    while True:
        finished = done.is_set()
        f = slot.take()
        if f is not None:
            assert f.index > last_index
            last_index = f.index
            taken += 1
        if finished:
            break
    t.join()
    c = slot.counters()
    assert c.produced == 20_000
    assert c.delivered == taken
    assert c.delivered + c.dropped == c.produced


def test_slot_fps_over_the_recent_window() -> None:
    slot = FrameSlot()
    img = np.zeros((2, 2, 3), np.uint8)
    for i in range(31):
        slot.put(img, 10.0 + i / 15, 0.0)
    assert abs(slot.fps(12.0) - 15.0) < 0.01
    assert slot.fps(100.0) == 0.0


def test_backoff_grows_to_its_cap_with_bounded_jitter() -> None:
    b = Backoff(first_s=0.25, factor=2, cap_s=2.0, jitter=0.0)
    assert [b.delay(n) for n in (1, 2, 3, 4, 5, 10)] == [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    j = Backoff(first_s=1, cap_s=1, jitter=0.2, rng=lambda: 1.0)
    assert j.delay(1) == 1.2
