"""Gateway behaviour beyond the conformance suite: TLS, keepalive, hello timeout, silence
details, per-feed answers."""

from __future__ import annotations

import asyncio
import pathlib
import ssl
import subprocess
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidMessage

from console.deadline import within
from console.protocol.messages import CLOSE_GOING_AWAY, CLOSE_POLICY
from tests.conftest import require_tool
from tests.support.gateway import TestGateway, running_gateway
from tests.support.probe import Probe


def run(coro: Any) -> None:
    async def main() -> None:
        try:
            await within(coro, 60)
        finally:
            await Probe.close_all()

    asyncio.run(main())


def _certificate(directory: pathlib.Path, name: str) -> tuple[pathlib.Path, pathlib.Path]:
    openssl = require_tool("openssl")
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={name}", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


def test_wss_with_a_required_client_certificate(tmp_path: pathlib.Path) -> None:
    server_cert, server_key = _certificate(tmp_path, "gateway")
    client_cert, client_key = _certificate(tmp_path, "station")
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.minimum_version = ssl.TLSVersion.TLSv1_2
    server_tls.load_cert_chain(server_cert, server_key)
    server_tls.verify_mode = ssl.CERT_REQUIRED
    server_tls.load_verify_locations(client_cert)

    def client_tls(with_certificate: bool) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(server_cert))
        if with_certificate:
            context.load_cert_chain(client_cert, client_key)
        return context

    async def scenario() -> None:
        async with running_gateway({"/terminal": TestGateway()}, tokens={"t": None},
                                   ssl=server_tls) as gateway:
            assert gateway.url("/terminal").startswith("wss://127.0.0.1:")
            probe = await Probe.connect(gateway.url("/terminal"), token="t",
                                        ssl=client_tls(True))
            welcome, sync = await probe.sync()
            assert welcome["type"] == "welcome" and sync[0]["type"] == "snapshot"
            with pytest.raises((ConnectionClosed, InvalidMessage, OSError, ssl.SSLError)):
                refused = await Probe.connect(gateway.url("/terminal"), token="t",
                                              ssl=client_tls(False))
                await refused.recv()

    run(scenario())


def test_a_client_that_never_says_hello_is_closed_1008() -> None:
    async def scenario() -> None:
        async with running_gateway({"/terminal": TestGateway()}, hello_timeout_s=0.3) as gateway:
            probe = await Probe.connect(gateway.url("/terminal"), station=None)
            closed = await probe.closed(timeout=3)
            assert closed.code == CLOSE_POLICY and "hello" in closed.reason
            assert gateway.sessions() == 0

    run(scenario())


def test_keepalive_pings_close_a_dead_peer_with_1011() -> None:
    async def scenario() -> None:
        async with running_gateway({"/terminal": TestGateway(heartbeat_s=30)},
                                   ping_interval_s=0.2, ping_timeout_s=0.3) as gateway:
            alive = await Probe.connect(gateway.url("/terminal"), station="ALIVE")
            dead = await Probe.connect(gateway.url("/terminal"), station="DEAD")
            await alive.sync()
            await dead.sync()
            dead.ws.transport.pause_reading()  # a hung console: reads nothing, answers nothing
            await asyncio.sleep(2.0)  # ping 0.2 + pong timeout 0.3 + close grace 1.0
            assert gateway.sessions("/terminal") == 1
            dead.ws.transport.resume_reading()
            assert (await dead.closed()).code in (1011, None)  # None: reset before the frame
            await alive.ws.ping()  # the live one stays connected through several pings
            assert gateway.sessions("/terminal") == 1

    run(scenario())


def test_silence_is_extended_not_cut_short_and_covers_new_sessions() -> None:
    async def scenario() -> None:
        async with running_gateway({"/terminal": TestGateway(heartbeat_s=0.2)}) as gateway:
            early = await Probe.connect(gateway.url("/terminal"), station="EARLY")
            await early.sync()
            loop = asyncio.get_running_loop()
            started = loop.time()
            gateway.go_silent(0.5)
            await asyncio.sleep(0.2)
            gateway.go_silent(1.0)  # now until started + 1.2
            late = await Probe.connect(gateway.url("/terminal"), station="LATE")  # waits
            assert loop.time() - started >= 1.1
            for probe in (early, late):
                await probe.recv(timeout=5)
            pong = await early.ws.ping()
            await within(pong, 2)

    run(scenario())


def test_each_feed_answers_for_itself() -> None:
    terminal, clearance = TestGateway(), TestGateway("KHH-CUS", "clearance")

    async def scenario() -> None:
        async with running_gateway({"/terminal": terminal, "/clearance": clearance}) as gateway:
            customs = await Probe.connect(gateway.url("/clearance"), station="WS-1")
            yard = await Probe.connect(gateway.url("/terminal"), station="WS-1")
            await customs.sync()
            await yard.sync()
            await customs.send({"type": "layout_request"})
            error = (await customs.recv_until(lambda m: m["type"] == "error"))[-1]
            assert error["code"] == "no_layout"
            terminal.corrections = "reject"
            event_id = terminal.emit(1)[0]["id"]
            for probe in (yard, customs):
                await probe.send({"type": "correction", "request_id": "same-id",
                                  "event_id": event_id, "changes": {"x": 1}})
            yard_answer = (await yard.recv_until(lambda m: m["type"] == "correction_result"))
            customs_answer = await customs.recv_until(lambda m: m["type"] == "correction_result")
            assert yard_answer[-1]["reason"] == terminal.reject_reason
            assert "unknown or expired" in customs_answer[-1]["reason"]  # not the terminal's
        assert [c.request_id for c in terminal.corrections_seen] == ["same-id"]

    run(scenario())


def test_stopping_closes_sessions_1001_and_frees_the_port() -> None:
    async def scenario() -> None:
        async with running_gateway({"/terminal": TestGateway()}) as gateway:
            probe = await Probe.connect(gateway.url("/terminal"))
            await probe.sync()
            port = gateway.port
        assert (await probe.closed()).code == CLOSE_GOING_AWAY
        async with running_gateway({"/terminal": TestGateway()}, port=port) as again:
            assert again.port == port

    run(scenario())


def test_a_client_asking_faster_than_it_reads_is_closed_1008(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("testbed.gateway.session.MAX_PENDING_ANSWER_BYTES", 4_000_000)

    async def scenario() -> None:
        feed = TestGateway(containers=5_000)  # a snapshot of about 0.8 MB
        async with running_gateway({"/terminal": feed}) as gateway:
            greedy = await Probe.connect(gateway.url("/terminal"), station="GREEDY")
            calm = await Probe.connect(gateway.url("/terminal"), station="CALM")
            await greedy.sync()
            await calm.sync()
            greedy.ws.transport.pause_reading()
            for _ in range(40):
                await greedy.send({"type": "snapshot_request"})
            await asyncio.sleep(0.5)
            greedy.ws.transport.resume_reading()
            assert (await greedy.closed(timeout=10)).code == CLOSE_POLICY
            snapshots = [m for m in greedy.received if m["type"] == "snapshot"]
            assert len(snapshots) < 40  # refused to queue them all
            await calm.send({"type": "snapshot_request"})  # one at a time is fine
            answer = await calm.recv_until(lambda m: m["type"] == "snapshot")
            assert answer[-1]["seq"] == feed.log.last_seq

    run(scenario())
