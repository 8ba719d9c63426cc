"""Conformance: heartbeats, pings, slow clients, and the faults a gateway can be told to
show (drops, silence, raw frames) — section 2 and the close codes of section 1."""

from __future__ import annotations

import asyncio
import contextlib
import itertools

import pytest

from console.deadline import within
from console.protocol.messages import CLOSE_GOING_AWAY, CLOSE_NORMAL
from tests.conformance.scenario import connect, run, seqs
from tests.conformance.targets import ConformanceTarget, TargetFactory


async def _gaps(t: ConformanceTarget, count: int) -> tuple[list[float], list[dict[str, object]]]:
    probe = await connect(t)
    welcome, _ = await probe.sync()
    loop = asyncio.get_running_loop()
    stamps, beats = [loop.time()], []
    for _ in range(count):
        beats.append(await probe.recv(timeout=welcome["heartbeat_s"] * 3))
        stamps.append(loop.time())
    return [b - a for a, b in itertools.pairwise(stamps)], beats


def test_an_idle_feed_sends_heartbeats_every_heartbeat_s(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.produce(t.terminal_path, 3)
        gaps, beats = await _gaps(t, 4)
        last_seq = t.gateway.endpoints[t.terminal_path].log.last_seq
        assert [b["type"] for b in beats] == ["heartbeat"] * 4
        assert all(b["last_seq"] == last_seq for b in beats)
        assert all(0.3 <= g <= 0.8 for g in gaps), gaps  # heartbeat_s = 0.4; slack for load

    run(target_factory, scenario, heartbeat_s=0.4)


def test_heartbeats_give_way_to_traffic_and_report_lost_numbers(
    target_factory: TargetFactory,
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        welcome, _ = await probe.sync()
        for _ in range(6):  # traffic every 0.2 s keeps a 0.4 s heartbeat away
            await t.produce(t.terminal_path, 1)
            await asyncio.sleep(0.2)
        got = await probe.events(6)
        assert not [m for m in probe.received if m["type"] == "heartbeat"]
        await t.skip(t.terminal_path, 2)  # lost at the end: only a heartbeat can tell
        beat = (await probe.recv_until(lambda m: m["type"] == "heartbeat",
                                       skip_heartbeats=False))[-1]
        assert beat["last_seq"] == got[-1]["seq"] + 2 == welcome["last_seq"] + 8

    run(target_factory, scenario, heartbeat_s=0.4)


def test_silence_sends_nothing_then_everything(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        welcome, _ = await probe.sync()
        loop = asyncio.get_running_loop()
        started = loop.time()
        t.gateway.go_silent(1.5)
        await t.produce(t.terminal_path, 5)
        pong = await probe.ws.ping()
        first = await probe.recv(timeout=5)
        quiet = loop.time() - started
        assert 1.4 <= quiet <= 4.0, quiet  # not even a heartbeat (heartbeat_s = 0.3)
        assert first["type"] == "event" and first["seq"] == welcome["last_seq"] + 1
        await within(pong, 2)
        assert loop.time() - started >= 1.4  # the pong came only after the silence
        rest = await probe.events(4)
        assert seqs([first, *rest]) == list(range(welcome["last_seq"] + 1, welcome["last_seq"] + 6))

    run(target_factory, scenario, heartbeat_s=0.3)


@pytest.mark.parametrize("code", [CLOSE_GOING_AWAY, CLOSE_NORMAL])
def test_drop_all_closes_every_session_and_they_can_resume(
    target_factory: TargetFactory, code: int
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probes = [await connect(t, path, station=f"WS-{i}") for i, path in enumerate(t.paths)]
        welcomes = [(await p.sync())[0] for p in probes]
        await t.gateway.drop_all(code, "restart")
        for probe in probes:
            assert (await probe.closed()).code == code
        assert t.gateway.sessions() == 0
        await t.produce(t.terminal_path, 4)
        back = await connect(t, resume=(welcomes[0]["epoch"], welcomes[0]["last_seq"]),
                             station="WS-0")
        _, replay = await back.sync()
        assert seqs(replay) == [welcomes[0]["last_seq"] + i for i in range(1, 5)]

    run(target_factory, scenario)


@pytest.mark.slow
def test_a_slow_client_is_closed_1001_and_does_not_hold_back_others(
    target_factory: TargetFactory,
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        slow = await connect(t, station="WS-SLOW")
        fast = await connect(t, station="WS-FAST")
        welcome, _ = await fast.sync()
        slow.ws.transport.pause_reading()  # stops reading: buffers fill, then its queue
        total, chunk, produced = 40_000, 200, 0
        got: list[dict[str, object]] = []

        async def read_fast() -> None:
            while len(got) < total:
                message = await fast.recv(timeout=30)
                if message["type"] == "event":
                    got.append(message)

        reader = asyncio.ensure_future(read_fast())
        while produced < total:  # as fast as the fast client reads, whatever the machine
            if produced - len(got) > 1000:
                await asyncio.sleep(0.002)
                continue
            await t.produce(t.terminal_path, chunk)
            produced += chunk
        await within(reader, 60)
        assert seqs(got) == list(range(welcome["last_seq"] + 1, welcome["last_seq"] + total + 1))
        slow.ws.transport.resume_reading()
        try:
            closed = await slow.closed(timeout=20)
        except TimeoutError:
            pytest.fail("the slow client was never closed")
        assert closed.code == CLOSE_GOING_AWAY, closed
        slow_seqs = seqs(slow.received)
        assert slow_seqs == sorted(slow_seqs) and len(slow_seqs) < total  # in order, cut short

    run(target_factory, scenario, session_queue=2000, timeout=120)


def test_raw_frames_reach_every_session_of_the_path_as_sent(
    target_factory: TargetFactory,
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t, strict=False)
        other = [p for p in t.paths if p != t.terminal_path]
        bystander = await connect(t, other[0], station="WS-B") if other else None
        await probe.sync()
        if bystander is not None:
            await bystander.sync()
        await t.gateway.send_raw(t.terminal_path, b'{"type":"teleport"}')
        frame = await within(probe.ws.recv(), 5)
        assert frame == '{"type":"teleport"}'
        if bystander is not None:  # the other feed's sessions get nothing but heartbeats
            seen: list[str] = []
            deadline = asyncio.get_running_loop().time() + 0.4
            with contextlib.suppress(TimeoutError):
                while (left := deadline - asyncio.get_running_loop().time()) > 0:
                    seen.append((await bystander.recv(timeout=left))["type"])
            assert seen and set(seen) == {"heartbeat"}

    run(target_factory, scenario, heartbeat_s=0.1)
