"""End to end: the real `yard-console headless` against a gateway process that lies or is hostile.

Issue 13, items 1 and 2, measured the way they were found: through the real
console process, reading its store with `yard-console history`.

- A heartbeat whose `last_seq` claims events that do not exist must not move
  the console's resume point: every later event is still stored, no gap is
  recorded, and feed health says, and counts, that the gateway claims events
  it cannot deliver.
- Hostile frames that hold a real `seq` (unreadable JSON, NaN, invalid UTF-8,
  binary...) amid valid events, with closes: every valid event is stored once,
  each unreadable number is a permanent gap of exactly that number, and each
  readable-but-rejected one is quarantined with its seq.
"""

from __future__ import annotations

import pathlib
import time
from collections import Counter
from typing import Any

import orjson
import pytest

from tests.e2e.test_e2e_headless import history, start_console
from tests.support.hostile import CONSUMES_SEQ, HOSTILE_FRAMES, UNREADABLE
from tests.support.process import GatewayProcess

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CLAIM_WORDS = "the gateway claims events it cannot deliver"


def wait_covered(db: pathlib.Path, last: int, timeout: float = 60) -> None:
    """Until stored events, quarantined numbers and gaps reach `last` (or time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seqs = {e["seq"] for e in history(db)}
        seqs |= {q["seq"] for q in history(db, "quarantine") if q.get("seq") is not None}
        for g in history(db, "gaps"):
            seqs.update(range(g["from_seq"], min(g["to_seq"], last) + 1))
        if seqs and max(seqs) >= last and len(seqs) >= last - min(seqs) + 1:
            return
        time.sleep(0.3)


def wait_reconnected(gw: GatewayProcess, timeout: float = 45) -> None:
    """Until the gateway holds the console's session again (a 4409 retry may take 30 s)."""
    deadline = time.monotonic() + timeout
    time.sleep(0.2)
    while gw.feed_state()["sessions"] != 1:
        if time.monotonic() > deadline:
            raise AssertionError("the console did not reconnect")
        time.sleep(0.1)


def test_one_lying_heartbeat_stops_nothing(
    gateway_process_factory: Any, tmp_path: pathlib.Path
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start_console(gw, db, tmp_path)
    snap = console.feed_state("snapshot")
    gw.emit(100)
    real = gw.feed_state()["last_seq"]
    lie = {"type": "heartbeat", "time": "2026-11-28T20:01:03.004+08:00",
           "last_seq": real + 1_000_000}
    gw.raw(orjson.dumps(lie).decode())
    for round_ in range(8):  # spread over more than the 5 s replay timeout, as in the field
        target = gw.feed_state()["last_seq"] + 100
        gw.emit(100, interval_s=0.01)
        while gw.feed_state()["last_seq"] < target:
            time.sleep(0.1)
        gw.hostile(("nan", "not_json", "too_deep", "binary")[round_ % 4])
        if round_ in (5, 7):  # the first close comes after the replay timeout
            gw.drop(1001, "restart")
            wait_reconnected(gw)
    last = gw.feed_state()["last_seq"]
    wait_covered(db, last)
    stored = [e["seq"] for e in history(db)]
    assert len(stored) == 900, f"{len(stored)} of 900 valid events stored"
    assert sorted(stored) == list(range(snap["last_seq"] + 1, last + 1))
    assert history(db, "gaps") == []
    claim = console.wait_for(lambda d: CLAIM_WORDS in str(d.get("detail")), 30)
    assert console.terminate() == 0
    assert claim["false_claims"] >= 1
    assert f"event {real + 1_000_000}" in claim["detail"]


def test_numbered_hostile_frames_amid_valid_events_lose_no_valid_event(
    gateway_process_factory: Any, tmp_path: pathlib.Path
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start_console(gw, db, tmp_path)
    snap = console.feed_state("snapshot")
    unreadable: list[int] = []
    consumed: list[int] = []
    valid = 0
    for i, name in enumerate(UNREADABLE + CONSUMES_SEQ):
        gw.emit(3)
        valid += 3
        seq = gw.hostile(name, numbered=True)["seq"]
        (unreadable if name in UNREADABLE else consumed).append(seq)
        if name in HOSTILE_FRAMES and name != "broken_body" and i % 2:
            gw.hostile(name)  # the same fault unnumbered, sent live only
        if i in (4, 9):
            gw.drop(1001, "restart")  # the console resumes: the hostile frames are replayed
            wait_reconnected(gw)
    gw.emit(3)
    valid += 3
    last = gw.feed_state()["last_seq"]
    wait_covered(db, last)
    assert console.terminate() == 0
    events = history(db)
    assert [i for i, n in Counter(e["id"] for e in events).items() if n > 1] == []
    assert len(events) == valid, f"{len(events)} of {valid} valid events stored"
    gaps = sorted((g["from_seq"], g["to_seq"]) for g in history(db, "gaps"))
    assert gaps == [(s, s) for s in unreadable]
    quarantine = history(db, "quarantine")
    assert {q["seq"] for q in quarantine if q.get("seq") is not None} == set(consumed)
    covered = {e["seq"] for e in events} | set(unreadable) | set(consumed)
    assert covered == set(range(snap["last_seq"] + 1, last + 1))
    assert "binary frame" in " ".join(q["reason"] for q in quarantine)
