"""Checkpoint frames: what is stored is what is read back; packed views behave as mappings;
a long query is cancelled from another thread."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.history.cancel import Cancellation, Cancelled
from console.history.columns import PackedViews
from console.history.frame import (
    ClearanceView,
    ContainerView,
    VehicleView,
    YardFrame,
    decode_frame,
    encode_frame,
    frame_from_yard,
    overlay,
    yard_from_frame,
)
from console.model import DeviceReport, FenceReport
from console.store.history.cancel import interruptible

text = st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789-", min_size=1, max_size=12)
maybe = st.none() | text
slot = st.tuples(st.just("slot"), text, st.integers(1, 60), st.integers(1, 10),
                 st.integers(1, 6), st.none(), st.none(), st.none(), st.none())
elsewhere = st.tuples(st.sampled_from(["vehicle", "berth", "lane"]), st.none(), st.none(),
                      st.none(), st.none(), maybe, maybe, maybe, maybe)
stage = st.sampled_from(["on_vessel", "discharged", "on_vehicle", "in_slot", "gated_in",
                         "gated_out", "loaded", "something_new"])
container = st.builds(ContainerView, stage, st.none() | slot | elsewhere, maybe,
                      st.sampled_from([None, "EMPTY", "LADEN"]))
vehicle = st.builds(VehicleView, st.floats(-1e4, 1e4), st.floats(-1e4, 1e4),
                    st.none() | st.floats(0, 360), st.floats(0, 30), maybe, maybe)
clearance = st.builds(ClearanceView, st.sampled_from(["pending", "released", "hold", "inspect"]),
                      maybe, maybe, maybe, maybe, maybe)


@st.composite
def frames(draw: st.DrawFn) -> YardFrame:
    frame = YardFrame(draw(st.none() | st.integers(0, 2**62)))
    frame.containers = draw(st.dictionaries(text, container, max_size=40))
    frame.vehicles = draw(st.dictionaries(text, vehicle, max_size=10))
    frame.clearances = draw(st.dictionaries(text, clearance, max_size=40))
    frame.devices = {d: DeviceReport(d, "down", "camera") for d in draw(st.lists(text, max_size=3))}
    frame.fences = {f: FenceReport(f, "alarm") for f in draw(st.lists(text, max_size=3))}
    return frame


@settings(max_examples=150, deadline=None)
@given(frames())
def test_a_frame_reads_back_as_stored(frame: YardFrame) -> None:
    back = decode_frame(encode_frame(frame))
    assert back.same_yard(frame) and frame.same_yard(back)
    assert back.at_us == frame.at_us
    assert dict(back.containers) == frame.containers
    assert back.differences(frame) == []


@settings(max_examples=60, deadline=None)
@given(frames())
def test_a_yard_rebuilt_from_a_frame_gives_the_same_frame(frame: YardFrame) -> None:
    frame.containers = {k: v for k, v in frame.containers.items() if v.stage != "something_new"}
    again = frame_from_yard(yard_from_frame(decode_frame(encode_frame(frame))))
    assert again.same_yard(frame), again.differences(frame)


def test_packed_views_overlay_without_copying() -> None:
    built: list[int] = []

    def build(i: int) -> str:
        built.append(i)
        return f"view{i}"

    base = PackedViews(["A", "B", "C"], build)
    assert len(base) == 3 and base["B"] == "view1" and built == [1]
    changed = overlay(base, {"B": "moved", "D": "new"}, {"A"})
    assert dict(changed) == {"B": "moved", "C": "view2", "D": "new"}
    assert "A" not in changed and "A" in base
    with pytest.raises(KeyError):
        changed["A"]
    again = overlay(changed, {"A": "back"}, {"D"})
    assert dict(again) == {"A": "back", "B": "moved", "C": "view2"}
    assert overlay({"x": 1}, {"y": 2}, {"x"}) == {"y": 2}


def test_a_long_query_is_interrupted_from_another_thread() -> None:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    cancel = Cancellation()
    threading.Timer(0.2, cancel.cancel).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled), interruptible(conn, cancel):
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT count(*) FROM n").fetchone()
    assert time.perf_counter() - started < 5
    assert conn.execute("SELECT 1").fetchone() == (1,)
    conn.close()
