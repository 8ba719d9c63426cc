"""Conformance: layout, replay and snapshot requests, corrections (sections 2, 6, 7)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conformance.scenario import connect, run, seqs
from tests.conformance.targets import ConformanceTarget, TargetFactory

LAYOUT_KEYS = {"terminal", "width_m", "height_m", "geo", "blocks", "berths", "cranes", "lanes",
               "zones", "cameras", "fence"}


def test_layout_request_is_answered_with_the_layout(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        welcome, _ = await probe.sync()
        await probe.send({"type": "layout_request"})
        layout = (await probe.recv_until(lambda m: m["type"] in ("layout", "error")))[-1]
        assert layout["type"] == "layout"
        assert layout["version"] == welcome["layout_version"]
        assert set(layout["body"]) >= LAYOUT_KEYS
        assert all({"id", "x", "y", "bays", "rows", "tiers"} <= set(b)
                   for b in layout["body"]["blocks"])

    run(target_factory, scenario)


def test_replay_request_returns_the_range_in_order(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.produce(t.terminal_path, 40)
        probe = await connect(t)
        welcome, _ = await probe.sync()
        low, high = welcome["last_seq"] - 30, welcome["last_seq"] - 20
        await probe.send({"type": "replay_request", "from_seq": low, "to_seq": high})
        replay = await probe.recv_until(lambda m: m["type"] == "error" or m.get("seq") == high)
        assert seqs(replay) == list(range(low, high + 1))
        again = await connect(t, station="WS-AGAIN", resume=(welcome["epoch"], low - 1))
        _, original = await again.sync()
        assert [e["id"] for e in replay] == [e["id"] for e in original[: high - low + 1]]
        assert replay == original[: high - low + 1]  # a re-sent event is the same event

    run(target_factory, scenario)


def test_lost_numbers_are_reported_replay_unavailable(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        welcome, _ = await probe.sync()
        await t.produce(t.terminal_path, 2)
        await t.skip(t.terminal_path, 3)
        await t.produce(t.terminal_path, 2)
        live = await probe.events(4)
        base = welcome["last_seq"]
        assert seqs(live) == [base + 1, base + 2, base + 6, base + 7]  # the gap shows
        await probe.send({"type": "replay_request", "from_seq": base + 3, "to_seq": base + 5})
        answer = await probe.recv_until(lambda m: m["type"] == "error")
        assert seqs(answer) == []
        assert answer[-1]["code"] == "replay_unavailable"
        await probe.send({"type": "replay_request", "from_seq": base + 2, "to_seq": base + 6})
        partial = await probe.recv_until(lambda m: m["type"] == "error")
        assert seqs(partial) == [base + 2, base + 6]
        assert partial[-1]["code"] == "replay_unavailable"

    run(target_factory, scenario)


def test_replay_beyond_last_seq_is_an_error_not_silence(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        welcome, _ = await probe.sync()
        ahead = welcome["last_seq"] + 10
        await probe.send({"type": "replay_request", "from_seq": ahead, "to_seq": ahead + 5})
        answer = await probe.recv_until(lambda m: m["type"] == "error")
        assert seqs(answer) == []

    run(target_factory, scenario)


def test_snapshot_request_gives_the_state_as_of_now(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        welcome, first = await probe.sync()
        await t.produce(t.terminal_path, 12)
        await probe.events(12)
        await probe.send({"type": "snapshot_request"})
        snapshot = (await probe.recv_until(lambda m: m["type"] == "snapshot"))[-1]
        assert snapshot["seq"] == welcome["last_seq"] + 12
        assert snapshot != first[0]
        await t.produce(t.terminal_path, 1)
        assert seqs(await probe.events(1)) == [snapshot["seq"] + 1]

    run(target_factory, scenario)


def _correction(event_id: str, request_id: str) -> dict[str, Any]:
    return {"type": "correction", "request_id": request_id, "event_id": event_id,
            "changes": {"equipmentReference": "EGHU9012346"}, "officer": "A123",
            "station": "WS-PROBE", "alert_id": "alert-1", "reason": "OCR misread 0/O"}


def test_an_accepted_correction_is_answered_and_emitted_once(
    target_factory: TargetFactory,
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.set_corrections(t.terminal_path, True)
        event_id = t.correctable_event_id(t.terminal_path)
        probe = await connect(t)
        await probe.sync()
        await probe.send(_correction(event_id, "c-7f2a"))
        got = await probe.recv_until(lambda m: m["type"] == "correction_result", timeout=10)
        result = got[-1]
        assert result["status"] == "accepted"
        assert result["request_id"] == "c-7f2a" and result["event_id"] == event_id
        events = [m for m in probe.received if m["type"] == "event"]
        if not events:
            events = await probe.events(1)
        assert events[0]["corrects"] == event_id
        assert events[0]["id"] == result["replacement_id"] != event_id
        assert events[0]["body"]["equipmentReference"] == "EGHU9012346"
        await probe.send(_correction(event_id, "c-7f2a"))  # resent: same answer, no new event
        repeat = await probe.recv_until(lambda m: m["type"] == "correction_result")
        assert repeat[-1] == result
        assert seqs(repeat) == []
        await asyncio.sleep(0.1)
        assert t.gateway.endpoints[t.terminal_path].log.last_seq == events[0]["seq"]

    run(target_factory, scenario)


def test_a_rejected_correction_says_why_and_emits_nothing(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        event_id = t.correctable_event_id(t.terminal_path)
        await t.set_corrections(t.terminal_path, False)
        probe = await connect(t)
        welcome, _ = await probe.sync()
        await probe.send(_correction(event_id, "c-no"))
        got = await probe.recv_until(lambda m: m["type"] == "correction_result", timeout=10)
        assert got[-1]["status"] == "rejected" and got[-1]["reason"]
        assert seqs(got) == []
        await t.set_corrections(t.terminal_path, True)
        await probe.send(_correction(event_id, "c-no"))  # the first answer stands
        again = await probe.recv_until(lambda m: m["type"] == "correction_result")
        assert again[-1] == got[-1]
        assert t.gateway.endpoints[t.terminal_path].log.last_seq == welcome["last_seq"]

    run(target_factory, scenario)
