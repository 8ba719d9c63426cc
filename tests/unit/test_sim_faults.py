"""Faults on demand through `POST /control/{fault}`, and corrections judged as a terminal would."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
import pytest

from console.deadline import within
from console.protocol.bodies import normalise_body
from console.protocol.body_fields import BodyRejected
from console.protocol.messages import MessageRejected, parse_server_message
from testbed.sim.runner import Simulator
from tests.support.probe import Probe

TOKEN = "sim-token"


async def _post(sim: Simulator, fault: str, query: str = "") -> dict[str, Any]:
    reader, writer = await asyncio.open_connection("127.0.0.1", sim.media_port)
    writer.write(f"POST /control/{fault}?{query} HTTP/1.1\r\nHost: sim\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head + body
    answer: dict[str, Any] = orjson.loads(body)
    return answer


def run(test: Callable[[Simulator], Awaitable[None]], **options: Any) -> None:
    async def main() -> None:
        options.setdefault("free_run", False)
        sim = Simulator(fill_share=0.02, heartbeat_s=0.25, tokens={TOKEN: None}, **options)
        await sim.start()
        try:
            await within(test(sim), 60)
        finally:
            await Probe.close_all()
            await sim.stop()

    asyncio.run(main())


async def _synced(
    sim: Simulator, path: str = "/terminal", **kw: Any
) -> tuple[Probe, dict[str, Any]]:
    probe = await Probe.connect(sim.url(path), token=TOKEN, **kw)
    welcome, _ = await probe.sync()
    return probe, welcome


def test_skipped_numbers_are_a_gap_nobody_can_replay() -> None:
    async def test(sim: Simulator) -> None:
        await sim.produce("/terminal", 3)
        probe, welcome = await _synced(sim)
        await _post(sim, "skip", "n=5&feed=terminal")
        await sim.produce("/terminal", 1)
        (event,) = await probe.events(1)
        assert event["seq"] == welcome["last_seq"] + 6
        await probe.send(
            {
                "type": "replay_request",
                "from_seq": welcome["last_seq"] + 1,
                "to_seq": welcome["last_seq"] + 5,
            }
        )
        got = await probe.recv_until(lambda m: m["type"] == "error")
        assert got[-1]["code"] == "replay_unavailable"

    run(test)


def test_a_restart_with_a_new_epoch_drops_sessions_and_forces_a_snapshot() -> None:
    async def test(sim: Simulator) -> None:
        await sim.produce("/terminal", 5)
        probe, welcome = await _synced(sim)
        await _post(sim, "new_epoch")
        closed = await probe.closed()
        assert closed.code == 1001
        again = await Probe.connect(
            sim.url("/terminal"), token=TOKEN, resume=(welcome["epoch"], welcome["last_seq"])
        )
        welcome2, sync = await again.sync()
        assert welcome2["epoch"] != welcome["epoch"]
        assert [m["type"] for m in sync] == ["snapshot"]

    run(test)


@pytest.mark.parametrize("kind", ["nan", "duplicate_key", "deep", "not_json", "too_big"])
def test_hostile_frames_reach_the_client_as_sent(kind: str) -> None:
    async def test(sim: Simulator) -> None:
        probe, _ = await _synced(sim, strict=False)
        await _post(sim, "hostile", f"kind={kind}")
        frame = await within(probe.ws.recv(), 5)
        raw = frame.encode() if isinstance(frame, str) else frame
        with pytest.raises(MessageRejected):
            parse_server_message(raw)

    run(test)


def test_a_bad_body_consumes_its_number() -> None:
    async def test(sim: Simulator) -> None:
        probe, welcome = await _synced(sim)
        await _post(sim, "hostile", "kind=bad_body")
        (event,) = await probe.events(1)
        assert event["seq"] == welcome["last_seq"] + 1
        with pytest.raises(BodyRejected):
            normalise_body(event["kind"], event["body"])

    run(test)


def test_refused_tokens_and_a_device_going_down() -> None:
    async def test(sim: Simulator) -> None:
        probe, _ = await _synced(sim)
        answer = await _post(sim, "device_down", "device=CAM-A01-S1")
        assert answer["device"] == "CAM-A01-S1"
        (event,) = await probe.events(1)
        assert event["kind"] == "device" and event["body"]["state"] == "down"
        assert event["body"]["deviceId"] == "CAM-A01-S1"
        await _post(sim, "reject_tokens", "on=1")
        refused = await Probe.connect(sim.url("/terminal"), token=TOKEN, station="WS-2")
        closed = await refused.closed()
        assert closed.code == 4401
        await _post(sim, "reject_tokens", "on=0")
        await _synced(sim, station="WS-3")

    run(test)


def test_silence_means_not_even_heartbeats() -> None:
    async def test(sim: Simulator) -> None:
        probe, _ = await _synced(sim)
        await probe.recv(2)  # heartbeats flow every 0.25 s
        await _post(sim, "silence", "seconds=1.5")
        loop = asyncio.get_running_loop()
        start = loop.time()
        with pytest.raises(TimeoutError):
            await probe.recv(1.2)
        message = await probe.recv(3)
        assert message["type"] in ("heartbeat", "event")
        assert loop.time() - start >= 1.2

    run(test)


def test_the_feed_stale_scenario_silences_a_free_running_feed() -> None:
    async def test(sim: Simulator) -> None:
        probe, _ = await _synced(sim)
        loop = asyncio.get_running_loop()
        last, longest = loop.time(), 0.0
        while loop.time() - last < 5 and longest < 0.75 * 1.2:
            with contextlib.suppress(TimeoutError):
                await probe.recv(2)
            now = loop.time()
            longest, last = max(longest, now - last), now
        assert longest > 3 * sim.heartbeat_s  # what FEED_STALE needs

    run(test, free_run=True, scenario="FEED_STALE", speed=20.0)


def test_corrections_are_judged_like_a_terminal_would() -> None:
    async def test(sim: Simulator) -> None:
        event_id = None
        while event_id is None:
            await sim.advance(10)
            log = sim.feed("/terminal").log
            found = [
                e
                for e in log.events_after(log.retained_from_seq - 1) or []
                if e["kind"] == "equipment"
            ]
            event_id = found[-1]["id"] if found else None
        probe, _ = await _synced(sim)

        async def correct(request_id: str, changes: dict[str, Any]) -> dict[str, Any]:
            await probe.send(
                {
                    "type": "correction",
                    "request_id": request_id,
                    "event_id": event_id,
                    "changes": changes,
                    "officer": "A123",
                    "station": "WS-PROBE",
                    "reason": "test",
                }
            )
            got = await probe.recv_until(lambda m: m["type"] == "correction_result")
            return got[-1]

        bad = await correct("c-1", {"equipmentReference": "EGHU9012346"})  # check digit is 5
        assert bad["status"] == "rejected" and "ISO 6346" in bad["reason"]
        odd = await correct("c-2", {"vesselName": "X"})
        assert odd["status"] == "rejected" and "vesselName" in odd["reason"]
        good = await correct("c-3", {"equipmentReference": "EGHU9012345", "grossWeightKg": 21000})
        assert good["status"] == "accepted"
        (event,) = await probe.events(1)
        assert event["corrects"] == event_id and event["id"] == good["replacement_id"]
        record = normalise_body("equipment", event["body"])
        assert record.equipment_reference == "EGHU9012345"
        assert record.gross_weight_kg == 21000

    run(test)


def test_a_failing_step_is_logged_and_the_feed_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    async def test(sim: Simulator) -> None:
        probe, _ = await _synced(sim)

        def broken(t: float) -> None:
            raise RuntimeError("a bug in one action")

        sim.model.schedule(sim.model.now, broken)
        await asyncio.sleep(0.3)
        events = await probe.events(20, timeout=10)
        assert len({e["seq"] for e in events}) == 20

    with caplog.at_level("ERROR", logger="testbed.sim"):
        run(test, free_run=True, speed=20.0)
    assert any("simulation step failed" in r.message for r in caplog.records)
