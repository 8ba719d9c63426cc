"""The test gateway as a real process: control commands, restarts, crashes, epochs.

These are what the end-to-end tests of the console rely on, so each one is
checked here through a plain protocol client (`Probe`).
"""

from __future__ import annotations

import asyncio
import pathlib
import time
from collections.abc import Callable
from typing import Any

import orjson
import pytest

from console.deadline import within
from console.protocol.bodies import BodyRejected, normalise_body
from console.protocol.messages import (
    CLOSE_BAD_ADDRESS,
    CLOSE_BAD_TOKEN,
    CLOSE_GOING_AWAY,
    EventEnvelope,
    Heartbeat,
    MessageRejected,
    parse_server_message,
)
from tests.support.fixtures import TEST_TOKEN, gateway_process, gateway_process_factory
from tests.support.hostile import BROKEN_EVENT_BODY, HOSTILE_FRAMES, numbered_frame
from tests.support.probe import Probe
from tests.support.process import GatewayProcess

__all__ = ["gateway_process", "gateway_process_factory"]  # fixtures used below

pytestmark = pytest.mark.e2e


def run(coro: Any) -> Any:
    async def main() -> Any:
        try:
            return await within(coro, 60)
        finally:
            await Probe.close_all()

    return asyncio.run(main())


async def synced(
    g: GatewayProcess, path: str = "/terminal", **kw: Any
) -> tuple[Probe, dict[str, Any]]:
    probe = await Probe.connect(g.url(path), token=TEST_TOKEN, **kw)
    welcome, _ = await probe.sync()
    return probe, welcome


def test_both_feeds_serve_their_role_with_a_snapshot(gateway_process: GatewayProcess) -> None:
    async def scenario() -> None:
        for path, role in (("/terminal", "terminal"), ("/clearance", "clearance")):
            probe = await Probe.connect(gateway_process.url(path), token=TEST_TOKEN)
            welcome, sync = await probe.sync()
            assert welcome["role"] == role and welcome["heartbeat_s"] == 1.0
            assert sync[0]["type"] == "snapshot"
            key = "containers" if role == "terminal" else "clearances"
            assert len(sync[0][key]) == 20

    run(scenario())


@pytest.mark.parametrize("kill", [False, True], ids=["sigterm", "sigkill"])
def test_a_restarted_gateway_keeps_its_epoch_and_replays(
    gateway_process: GatewayProcess, kill: bool
) -> None:
    g = gateway_process
    g.emit(30)

    async def before() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        probe, welcome = await synced(g)
        g.emit(5)
        return welcome, await probe.events(5)

    welcome, seen = run(before())
    port = g.port
    g.restart(kill=kill)
    assert g.port == port
    g.emit(7)

    async def after() -> None:
        probe = await Probe.connect(g.url(), token=TEST_TOKEN, resume=(welcome["epoch"], 33))
        welcome2, replay = await probe.sync()
        assert welcome2["epoch"] == welcome["epoch"] and welcome2["last_seq"] == 42
        assert [m["seq"] for m in replay] == list(range(34, 43))
        assert replay[:2] == seen[3:]  # the same events, ids and all
        g.emit(1)
        assert [m["seq"] for m in await probe.events(1)] == [43]

    run(after())


def test_sessions_see_1001_when_the_gateway_stops(gateway_process: GatewayProcess) -> None:
    async def scenario() -> None:
        probe, _ = await synced(gateway_process)
        await asyncio.to_thread(gateway_process.stop)
        assert (await probe.closed()).code == CLOSE_GOING_AWAY

    run(scenario())


def test_a_restart_with_a_new_epoch_forces_a_snapshot(gateway_process: GatewayProcess) -> None:
    g = gateway_process
    g.emit(10)
    old = g.feed_state()
    g.restart(new_epoch=True)
    new = g.feed_state()
    assert new["epoch"] != old["epoch"] and new["last_seq"] == 0

    async def scenario() -> None:
        probe = await Probe.connect(g.url(), token=TEST_TOKEN, resume=(old["epoch"], 10))
        welcome, sync = await probe.sync()
        assert welcome["epoch"] == new["epoch"]
        assert sync[0]["type"] == "snapshot" and sync[0]["seq"] == 0
        assert len(sync[0]["containers"]) >= 20  # the yard is still there

    run(scenario())


def test_restart_command_keeps_the_process_and_the_port(gateway_process: GatewayProcess) -> None:
    g = gateway_process

    async def scenario() -> None:
        probe, welcome = await synced(g)
        task = asyncio.ensure_future(asyncio.to_thread(g.command, "restart", down_s=0.5))
        assert (await probe.closed()).code == CLOSE_GOING_AWAY
        with pytest.raises(OSError):
            await Probe.connect(g.url(), token=TEST_TOKEN)  # down meanwhile
        await task
        again = await Probe.connect(g.url(), token=TEST_TOKEN,
                                    resume=(welcome["epoch"], welcome["last_seq"]))
        assert (await again.recv())["epoch"] == welcome["epoch"]

    run(scenario())


@pytest.mark.parametrize("name", sorted(set(HOSTILE_FRAMES) - {"broken_body"}))
def test_hostile_frames_arrive_byte_for_byte(gateway_process: GatewayProcess, name: str) -> None:
    async def scenario() -> None:
        probe, _ = await synced(gateway_process, strict=False)
        await asyncio.to_thread(gateway_process.hostile, name)
        while True:  # heartbeats may come first
            frame = await within(probe.ws.recv(decode=False), 5)
            try:
                if isinstance(parse_server_message(frame), Heartbeat):
                    continue
            except MessageRejected:
                pass
            break
        assert frame == HOSTILE_FRAMES[name]
        with pytest.raises(MessageRejected):
            parse_server_message(frame)

    run(scenario())


def test_a_broken_body_is_a_numbered_retained_event(gateway_process: GatewayProcess) -> None:
    async def scenario() -> None:
        probe, welcome = await synced(gateway_process)
        answer = await asyncio.to_thread(gateway_process.hostile, "broken_body")
        (event,) = await probe.events(1)
        assert event["seq"] == answer["seq"] == welcome["last_seq"] + 1
        assert event["body"] == BROKEN_EVENT_BODY
        envelope = parse_server_message(orjson.dumps(event))  # the envelope is readable
        assert isinstance(envelope, EventEnvelope)
        with pytest.raises(BodyRejected):  # the body is not
            normalise_body(envelope.kind, envelope.body)

    run(scenario())


def test_control_commands_reach_the_sessions(gateway_process: GatewayProcess) -> None:
    g = gateway_process

    async def scenario() -> None:
        probe, welcome = await synced(g)
        await asyncio.to_thread(g.skip, 2)
        await asyncio.to_thread(g.emit, 1)
        (event,) = await probe.events(1)
        assert event["seq"] == welcome["last_seq"] + 3
        await asyncio.to_thread(g.event, "fence", {"segmentId": "F-N-07", "state": "alarm",
                                                   "reason": "pulse_break"})
        (fence,) = await probe.events(1)
        assert fence["kind"] == "fence" and fence["body"]["state"] == "alarm"
        await asyncio.to_thread(g.corrections, "reject", reason="sealed by terminal")
        await probe.send({"type": "correction", "request_id": "r1", "event_id": fence["id"],
                          "changes": {"state": "clear"}})
        result = (await probe.recv_until(lambda m: m["type"] == "correction_result"))[-1]
        assert result["status"] == "rejected" and result["reason"] == "sealed by terminal"
        assert (await asyncio.to_thread(g.feed_state))["corrections"] == ["r1"]
        loop = asyncio.get_running_loop()
        await asyncio.to_thread(g.go_silent, 2.5)
        quiet_from = loop.time()
        await probe.recv(timeout=5)
        assert loop.time() - quiet_from >= 2.0  # a 1 s heartbeat was held back
        await asyncio.to_thread(g.drop, 1000, "bye")
        assert (await probe.closed()).code == 1000
        await asyncio.to_thread(g.reject_tokens, True)
        refused = await Probe.connect(g.url(), token=TEST_TOKEN)
        assert (await refused.closed()).code == CLOSE_BAD_TOKEN
        with pytest.raises(RuntimeError, match="unknown command"):
            await asyncio.to_thread(g.command, "teleport")

    run(scenario())


def test_trickled_events_arrive_over_time(gateway_process: GatewayProcess) -> None:
    async def scenario() -> None:
        probe, welcome = await synced(gateway_process)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.to_thread(gateway_process.emit, 5, interval_s=0.1)
        events = await probe.events(5)
        assert loop.time() - started >= 0.35
        assert [e["seq"] for e in events] == [welcome["last_seq"] + i for i in range(1, 6)]

    run(scenario())


def test_tokens_bound_to_other_addresses_close_4403(
    gateway_process_factory: Callable[..., GatewayProcess],
) -> None:
    g = gateway_process_factory(tokens={"mine": {"127.0.0.1"}, "theirs": {"10.1.2.3"}})

    async def scenario() -> None:
        ok = await Probe.connect(g.url(), token="mine")
        assert (await ok.recv())["type"] == "welcome"
        refused = await Probe.connect(g.url(), token="theirs")
        assert (await refused.closed()).code == CLOSE_BAD_ADDRESS

    run(scenario())


def test_a_script_plays_a_timeline_of_commands(
    gateway_process_factory: Callable[..., GatewayProcess], tmp_path: pathlib.Path
) -> None:
    script = tmp_path / "timeline.jsonl"
    script.write_text("\n".join(orjson.dumps(c).decode() for c in [
        {"cmd": "emit", "n": 3},
        {"cmd": "sleep", "seconds": 0.5},
        {"cmd": "skip", "n": 2},
        {"cmd": "emit", "n": 1},
        {"cmd": "no-such-command"},
        {"cmd": "emit", "n": 1, "feed": "clearance"},
    ]))
    g = gateway_process_factory(extra_args=("--script", str(script)))
    deadline = time.monotonic() + 10
    while g.feed_state("clearance")["last_seq"] < 1:
        assert time.monotonic() < deadline, "the script did not finish"
        time.sleep(0.05)
    assert g.feed_state()["last_seq"] == 6
    assert "script command failed" in g.log_path.read_text()


@pytest.mark.parametrize("name", ["nan", "invalid_utf8", "binary", "bad_envelope"])
def test_a_numbered_hostile_frame_is_kept_and_replayed_as_sent(
    gateway_process: GatewayProcess, name: str
) -> None:
    """`hostile {numbered: true}`: the fault holds the next seq, live and in a replay."""
    async def scenario() -> None:
        probe, welcome = await synced(gateway_process, strict=False)
        answer = await asyncio.to_thread(gateway_process.hostile, name, numbered=True)
        expected = numbered_frame(name, answer["seq"])
        assert answer["seq"] == welcome["last_seq"] + 1
        for ask in (None, {"type": "replay_request", "from_seq": answer["seq"],
                           "to_seq": answer["seq"]}):
            if ask is not None:
                await probe.ws.send(orjson.dumps(ask).decode())
            while True:
                message = await within(  # invalid UTF-8 must stay undecoded
                    probe.ws.recv(decode=None if name == "binary" else False), 5)
                raw = message if isinstance(message, bytes) else message.encode()
                if raw.startswith(b'{"type":"heartbeat"'):
                    continue
                break
            assert raw == expected
            if name == "binary":  # read with decode=None: a text frame would come as str
                assert isinstance(message, bytes)

    run(scenario())
