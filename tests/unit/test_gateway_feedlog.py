"""FeedLog: numbering, ids, the retained window, skips and epochs, against a plain model."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testbed.gateway.feedlog import FeedLog

T = "2026-11-28T20:01:03.004+08:00"


def test_events_are_numbered_from_first_seq_with_generated_ids() -> None:
    log = FeedLog("KHH-T7", "terminal", first_seq=18_000)
    assert (log.last_seq, log.retained_from_seq) == (17_999, 18_000)
    a = log.append("equipment", {"n": 1}, time=T, source="STS03")
    b = log.append("fence", {"n": 2}, time=T, source="F", id="custom-id", corrects="x")
    assert a == {"type": "event", "seq": 18_000, "id": "KHH-T7:STS03:000018000",
                 "kind": "equipment", "time": T, "source": "STS03", "body": {"n": 1}}
    assert b["seq"] == 18_001 and b["id"] == "custom-id" and b["corrects"] == "x"
    assert "corrects" not in a
    assert log.event("custom-id") == b


def test_subscribers_see_every_append_in_order_until_they_unsubscribe() -> None:
    log = FeedLog("F", "clearance")
    seen: list[int] = []
    unsubscribe = log.subscribe(lambda e: seen.append(e["seq"]))
    log.append("clearance", {}, time=T)
    log.skip(2)
    log.append("clearance", {}, time=T)
    unsubscribe()
    unsubscribe()  # harmless twice
    log.append("clearance", {}, time=T)
    assert seen == [1, 4]


def test_a_new_epoch_restarts_numbering_but_never_repeats_an_id() -> None:
    log = FeedLog("F", "terminal")
    epochs: list[str] = []
    log.watch_epoch(epochs.append)
    first = [log.append("device", {}, time=T, source="CAM")["id"] for _ in range(3)]
    old_epoch = log.epoch
    log.new_epoch()
    assert epochs == [log.epoch] and log.epoch != old_epoch
    assert (log.first_seq, log.last_seq, log.retained_from_seq) == (1, 0, 1)
    assert log.events_after(0) == []
    second = [log.append("device", {}, time=T, source="CAM")["id"] for _ in range(3)]
    assert set(first).isdisjoint(second)
    assert not log.can_resume(old_epoch, 3)


def test_unknown_role_or_bad_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        FeedLog("F", "customs")
    with pytest.raises(ValueError):
        FeedLog("F", "terminal", first_seq=0)
    with pytest.raises(ValueError):
        FeedLog("F", "terminal").skip(0)


def test_a_skip_is_a_permanent_gap_in_replays() -> None:
    log = FeedLog("F", "terminal")
    for _ in range(3):
        log.append("device", {}, time=T)
    log.skip(2)
    log.append("device", {}, time=T)
    events = log.events_after(0)
    assert events is not None
    assert [e["seq"] for e in events] == [1, 2, 3, 6]
    found, missing = log.events_between(2, 9)
    assert [e["seq"] for e in found] == [2, 3, 6] and missing == [(4, 5)]


def test_a_huge_skip_is_cheap_and_empties_the_window() -> None:
    log = FeedLog("F", "terminal", retain=10)
    log.append("device", {}, time=T)
    log.skip(10**12)
    assert log.retained_from_seq == log.last_seq - 9 and log.events_after(log.last_seq) == []
    assert log.append("device", {}, time=T)["seq"] == 10**12 + 2
    found, missing = log.events_between(1, 10**15)  # a hostile range costs the window only
    assert [e["seq"] for e in found] == [10**12 + 2]
    assert missing == [(1, 10**12 + 1)]


# ------------------------------------------------------------ against a model

operations = st.lists(
    st.one_of(
        st.tuples(st.just("append"), st.integers(1, 30)),
        st.tuples(st.just("skip"), st.integers(1, 5)),
        st.tuples(st.just("epoch"), st.integers(1, 1000)),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(ops=operations, retain=st.integers(1, 40), first=st.integers(1, 500))
def test_the_log_matches_a_model_of_kept_and_lost_numbers(
    ops: list[tuple[str, int]], retain: int, first: int
) -> None:
    log = FeedLog("F", "terminal", retain=retain, first_seq=first)
    kept: dict[int, Any] = {}
    first_seq, last = first, first - 1
    ids: set[str] = set()
    for op, n in ops:
        if op == "append":
            for _ in range(n):
                envelope = log.append("position", {"i": last + 1}, time=T, source="SC")
                last += 1
                assert envelope["seq"] == last and envelope["id"] not in ids
                ids.add(envelope["id"])
                kept[last] = envelope
        elif op == "skip":
            log.skip(n)
            last += n
        else:
            log.new_epoch(n)
            first_seq, last, kept = n, n - 1, {}
        floor = max(first_seq, last - retain + 1)
        assert (log.first_seq, log.last_seq, log.retained_from_seq) == (first_seq, last, floor)
        for after in (floor - 2, floor - 1, (floor + last) // 2, last, last + 1):
            replay = log.events_after(after)
            if floor - 1 <= after <= last:
                assert replay is not None
                assert [e["seq"] for e in replay] == [s for s in sorted(kept) if floor <= s > after]
                assert log.can_resume(log.epoch, after)
            else:
                assert replay is None and not log.can_resume(log.epoch, after)
        found, missing = log.events_between(floor - 3, last + 3)
        assert [e["seq"] for e in found] == [s for s in sorted(kept) if s >= floor]
        lost = [s for a, b in missing for s in range(a, b + 1)]
        assert sorted([*lost, *(e["seq"] for e in found)]) == list(range(floor - 3, last + 1))
        assert all(b + 1 < c for (_, b), (c, _) in itertools.pairwise(missing))  # merged ranges
