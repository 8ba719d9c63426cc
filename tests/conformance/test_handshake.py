"""Conformance: transport, authentication, hello/welcome, one session per station,
and what a gateway does with a client message it cannot accept (section 1 and 2)."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import InvalidStatus

from console.protocol.messages import (
    CLOSE_BAD_ADDRESS,
    CLOSE_BAD_TOKEN,
    CLOSE_DUPLICATE_STATION,
    CLOSE_POLICY,
    CLOSE_TOO_BIG,
    SUBPROTOCOL,
    parse_server_message,
)
from tests.conformance.scenario import connect, run
from tests.conformance.targets import ConformanceTarget, TargetFactory
from tests.support.probe import Probe

WELCOME_FIELDS = {
    "type", "feed", "role", "epoch", "first_seq", "last_seq", "retained_from_seq",
    "heartbeat_s", "layout_version", "server_time",
}


def test_subprotocol_is_yard_feed_v1_and_required(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        assert probe.ws.subprotocol == SUBPROTOCOL
        await probe.close()
        with pytest.raises(InvalidStatus) as refused:
            await ws_connect(t.url(t.terminal_path), subprotocols=None, open_timeout=5,
                             additional_headers={"Authorization": f"Bearer {t.token}"})
        assert refused.value.response.status_code == 400

    run(target_factory, scenario)


def test_a_path_with_no_feed_is_refused_at_the_handshake(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        with pytest.raises(InvalidStatus) as refused:
            await Probe.connect(t.url("/no-such-feed"), token=t.token)
        assert refused.value.response.status_code == 404

    run(target_factory, scenario)


@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_missing_or_unknown_token_closes_4401(
    target_factory: TargetFactory, token: str | None
) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        for path in t.paths:
            probe = await Probe.connect(t.url(path), token=token)
            closed = await probe.closed()
            assert closed.code == CLOSE_BAD_TOKEN, closed
            assert probe.received == []  # nothing before the close: no welcome, no data

    run(target_factory, scenario)


def test_token_from_an_unregistered_address_closes_4403(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await Probe.connect(t.url(t.terminal_path), token=t.foreign_token)
        closed = await probe.closed()
        assert closed.code == CLOSE_BAD_ADDRESS, closed
        assert probe.received == []

    run(target_factory, scenario)


def test_rejecting_tokens_refuses_new_sessions_only(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        before = await connect(t, station="WS-BEFORE")
        await before.sync()
        t.gateway.reject_tokens(True)
        refused = await connect(t, station="WS-AFTER")
        assert (await refused.closed()).code == CLOSE_BAD_TOKEN
        await t.produce(t.terminal_path, 1)
        assert len(await before.events(1)) == 1  # the established session goes on
        t.gateway.reject_tokens(False)
        again = await connect(t, station="WS-AFTER")
        welcome, _ = await again.sync()
        assert welcome["type"] == "welcome"

    run(target_factory, scenario)


def test_welcome_has_exactly_the_protocol_fields(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        await t.produce(t.terminal_path, 3)
        roles = set()
        for path in t.paths:
            probe = await connect(t, path)
            welcome = await probe.recv()
            assert set(welcome) == WELCOME_FIELDS
            parse_server_message(orjson.dumps(welcome))  # types and ranges, as the console
            assert welcome["first_seq"] <= welcome["retained_from_seq"] <= welcome["last_seq"] + 1
            assert welcome["heartbeat_s"] > 0
            assert welcome["server_time"][-6] in "+-" or welcome["server_time"].endswith("Z")
            roles.add(welcome["role"])
            await probe.close()
        assert "terminal" in roles

    run(target_factory, scenario)


def test_a_second_session_of_one_station_is_closed_4409(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        first = await connect(t, station="WS-07")
        await first.sync()
        second = await connect(t, station="WS-07")
        assert (await second.closed()).code == CLOSE_DUPLICATE_STATION
        other_feed = [p for p in t.paths if p != t.terminal_path]
        if other_feed:  # one session per station *per feed*
            elsewhere = await connect(t, other_feed[0], station="WS-07")
            assert (await elsewhere.recv())["type"] == "welcome"
        await t.produce(t.terminal_path, 2)
        assert len(await first.events(2)) == 2
        await first.close()
        for _ in range(50):  # the station is free again once its session has ended
            if t.gateway.sessions(t.terminal_path) == 0:
                break
            await asyncio.sleep(0.02)
        third = await connect(t, station="WS-07")
        assert (await third.recv())["type"] == "welcome"

    run(target_factory, scenario)


BAD_CLIENT_FRAMES: dict[str, bytes | str] = {
    "not_json": "{\"type\": \"layout_request\"",
    "nan": '{"type":"replay_request","from_seq":NaN,"to_seq":2}',
    "repeated_key": '{"type":"replay_request","from_seq":1,"from_seq":2,"to_seq":3}',
    "too_deep": '{"type":"layout_request","x":' + "[" * 70 + "]" * 70 + "}",
    "unknown_type": '{"type":"subscribe_all"}',
    "bad_schema": '{"type":"replay_request","from_seq":"one","to_seq":2}',
    "backwards_range": '{"type":"replay_request","from_seq":9,"to_seq":2}',
    "empty_correction": '{"type":"correction","request_id":"r1","event_id":"e","changes":{}}',
    "second_hello": '{"type":"hello","client":"x/1","station":"WS-PROBE"}',
    "not_an_object": "[1, 2, 3]",
    "binary_frame": b'{"type":"layout_request"}',
}


@pytest.mark.parametrize("name", sorted(BAD_CLIENT_FRAMES))
def test_a_malformed_client_message_closes_1008(target_factory: TargetFactory, name: str) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        await probe.sync()
        frame = BAD_CLIENT_FRAMES[name]
        if isinstance(frame, bytes):
            await probe.ws.send(frame, text=False)
        else:
            await probe.ws.send(frame)
        closed = await probe.closed()
        assert closed.code == CLOSE_POLICY, closed
        assert closed.reason  # says why, for the installer's log

    run(target_factory, scenario)


@pytest.mark.parametrize("first", ['{"type":"layout_request"}', "not json", '{"type":"hello"}'])
def test_a_session_must_open_with_a_valid_hello(target_factory: TargetFactory, first: str) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t, station=None)
        await probe.send(first)
        closed = await probe.closed()
        assert closed.code == CLOSE_POLICY
        assert probe.received == []

    run(target_factory, scenario)


def test_a_client_message_over_1_mib_closes_1009(target_factory: TargetFactory) -> None:
    async def scenario(t: ConformanceTarget) -> None:
        probe = await connect(t)
        await probe.sync()
        pad = "x" * (1024 * 1024)
        await probe.send('{"type":"layout_request","pad":"' + pad + '"}')
        assert (await probe.closed()).code == CLOSE_TOO_BIG
        fits = await connect(t, station="WS-OTHER")
        await fits.sync()
        await fits.send('{"type":"layout_request","pad":"' + "x" * 900_000 + '"}')
        answer = await fits.recv_until(lambda m: m["type"] in ("layout", "error"))
        assert answer[-1]["type"] == "layout"

    run(target_factory, scenario)
