"""Conformance: snapshot or replay after hello, the resume window, snapshot parts,
epochs, and the numbering of events (section 2)."""

from __future__ import annotations

import asyncio

import pytest

from console.protocol.messages import CLOSE_GOING_AWAY
from tests.conformance.scenario import connect, run, seqs
from tests.conformance.targets import ConformanceTarget, TargetFactory


def test_first_connection_gets_a_snapshot_then_every_live_event(
    target_factory: TargetFactory,
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        for path in t.paths:
            await t.produce(path, 5)
            probe = await connect(t, path)
            welcome, sync = await probe.sync()
            assert [m["type"] for m in sync] == ["snapshot"]
            snapshot = sync[0]
            assert snapshot["seq"] == welcome["last_seq"]
            assert {"containers", "vehicles", "clearances", "devices"} <= set(snapshot)
            await t.produce(path, 30)
            live = await probe.events(30)
            assert seqs(live) == list(range(snapshot["seq"] + 1, snapshot["seq"] + 31))
            assert len({e["id"] for e in live}) == 30
            assert all(e["time"][-6] in "+-" for e in live)  # RFC 3339 with an offset

    run(target_factory, scenario)


def test_an_empty_feed_snapshots_at_seq_0(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.new_epoch(t.terminal_path)
        probe = await connect(t)
        welcome, sync = await probe.sync()
        assert welcome["last_seq"] == welcome["first_seq"] - 1
        assert sync[0]["type"] == "snapshot" and sync[0]["seq"] == welcome["last_seq"]
        await t.produce(t.terminal_path, 1)
        assert seqs(await probe.events(1)) == [welcome["first_seq"]]

    run(target_factory, scenario)


def test_resume_replays_exactly_what_was_missed_while_events_keep_coming(
    target_factory: TargetFactory,
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        first = await connect(t)
        welcome, _ = await first.sync()
        await t.produce(t.terminal_path, 20)
        seen = await first.events(20)
        await first.close()
        await t.produce(t.terminal_path, 300)
        producer = asyncio.ensure_future(t.produce(t.terminal_path, 300))
        again = await connect(t, resume=(welcome["epoch"], seen[-1]["seq"]))
        await asyncio.sleep(0)
        welcome2, _ = await again.sync()  # the replay, up to welcome2's last_seq
        assert welcome2["epoch"] == welcome["epoch"]
        await producer
        got = [m for m in again.received if m["type"] == "event"]
        end = t.gateway.endpoints[t.terminal_path].log.last_seq
        got += await again.events(end - got[-1]["seq"])
        expected = list(range(seen[-1]["seq"] + 1, end + 1))
        assert seqs(got) == expected  # no duplicate, no hole at the replay→live boundary
        assert not any(m["type"] == "snapshot" for m in again.received)

    run(target_factory, scenario)


@pytest.mark.parametrize(
    ("where", "replayed"),
    [
        ("retained_from_seq - 1", True),
        ("retained_from_seq", True),
        ("last_seq", True),
        ("retained_from_seq - 2", False),
        ("last_seq + 1", False),
        ("0", False),
        ("other epoch", False),
    ],
)
def test_resume_window_is_retained_from_seq_minus_1_to_last_seq(
    target_factory: TargetFactory, where: str, replayed: bool
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.produce(t.terminal_path, 120)
        look = await connect(t, station="WS-LOOK")
        welcome, _ = await look.sync()
        await look.close()
        assert welcome["retained_from_seq"] > 2, "the target must honour retain=50"
        after = {
            "retained_from_seq - 1": welcome["retained_from_seq"] - 1,
            "retained_from_seq": welcome["retained_from_seq"],
            "last_seq": welcome["last_seq"],
            "retained_from_seq - 2": welcome["retained_from_seq"] - 2,
            "last_seq + 1": welcome["last_seq"] + 1,
            "0": 0,
            "other epoch": welcome["last_seq"] - 5,
        }[where]
        epoch = "an-epoch-long-gone" if where == "other epoch" else welcome["epoch"]
        probe = await connect(t, resume=(epoch, after))
        welcome2, sync = await probe.sync()
        if replayed:
            assert not any(m["type"] == "snapshot" for m in sync)
            replay = [m for m in sync if m["type"] == "event" and m["seq"] <= welcome2["last_seq"]]
            assert seqs(replay) == list(range(after + 1, welcome2["last_seq"] + 1))
        else:
            assert sync[0]["type"] == "snapshot"
            assert sync[0]["seq"] == welcome2["last_seq"]

    run(target_factory, scenario, retain=50)


def test_a_large_snapshot_comes_in_parts_with_one_seq(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.produce(t.terminal_path, 10)
        probe = await connect(t)
        welcome, parts = await probe.sync(timeout=30)
        assert len(parts) > 3
        assert {p["seq"] for p in parts} == {welcome["last_seq"]}
        assert [p["part"] for p in parts] == list(range(1, len(parts) + 1))
        assert {p["parts"] for p in parts} == {len(parts)}
        whole = [c["equipmentReference"] for p in parts for c in p["containers"]]
        assert len(whole) == len(set(whole)) >= 3000
        await t.produce(t.terminal_path, 1)
        assert seqs(await probe.events(1)) == [welcome["last_seq"] + 1]

    run(target_factory, scenario, containers=3000, snapshot_part_bytes=64_000)


def test_a_full_yard_snapshot_respects_the_1_mib_limit(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)  # the probe asserts every message is at most 1 MiB
        _, parts = await probe.sync(timeout=60)
        assert len(parts) > 1
        assert sum(len(p["containers"]) for p in parts) >= 20_000

    run(target_factory, scenario, containers=20_000, timeout=120)


def test_a_new_epoch_ends_sessions_and_resuming_clients_resync(
    target_factory: TargetFactory,
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.produce(t.terminal_path, 10)
        look = await connect(t, station="WS-LOOK")
        first_welcome, _ = await look.sync()
        await look.close()
        probe = await connect(t, resume=(first_welcome["epoch"], first_welcome["first_seq"] - 1))
        welcome, replay = await probe.sync()
        old_ids = {m["id"] for m in replay if m["type"] == "event"}
        assert len(old_ids) == 10
        await t.new_epoch(t.terminal_path)
        assert (await probe.closed()).code == CLOSE_GOING_AWAY
        again = await connect(t, resume=(welcome["epoch"], welcome["last_seq"]))
        welcome2, sync = await again.sync()
        assert welcome2["epoch"] != welcome["epoch"]
        assert sync[0]["type"] == "snapshot"
        await t.produce(t.terminal_path, 3)
        fresh = await again.events(3)
        assert seqs(fresh) == [welcome2["first_seq"] + i for i in range(3)]
        assert old_ids.isdisjoint({e["id"] for e in fresh})  # ids are unique for all time

    run(target_factory, scenario)
