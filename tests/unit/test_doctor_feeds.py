"""The doctor's feed steps against the real gateway on loopback: each failure named, with a fix."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from console.config.model import FeedSettings, Secret
from console.deadline import within
from console.doctor.feeds import STEPS, FeedProbe, probe_feed
from testbed.gateway.server import Gateway
from tests.support.gateway import TestGateway, running_gateway
from tests.support.pki import fingerprint, make_pki, server_context

TOKEN = "doctor-t0ken"


def verdicts(probe: FeedProbe) -> dict[str, str]:
    return {f.check: f.verdict for f in probe.findings}


def finding(probe: FeedProbe, check: str) -> Any:
    return next(f for f in probe.findings if f.check == check)


async def probe_gateway(feed: dict[str, Any], path: str = "/terminal", role: str = "terminal",
                        **options: Any) -> FeedProbe:
    gw = TestGateway(role=role, heartbeat_s=0.3)
    async with running_gateway({path: gw}, **options) as server:
        url = server.url(path)
        settings = FeedSettings(url=url, **feed)
        return await probe_feed(settings, "WS-07", timeout_s=5.0)


def run(coro: Any) -> FeedProbe:
    result: FeedProbe = asyncio.run(within(coro, 60))
    return result


def test_a_good_terminal_feed_passes_every_step_and_yields_its_layout() -> None:
    probe = run(probe_gateway({"token": Secret(TOKEN)}, tokens={TOKEN: {"127.0.0.1"}}))
    assert verdicts(probe) == dict.fromkeys(STEPS, "ok")
    assert "heartbeat after" in finding(probe, "heartbeat").detail
    assert probe.layout is not None and probe.layout["cameras"]
    assert all(f.area.startswith("feed terminal (ws://127.0.0.1:") for f in probe.findings)


def test_a_refused_token_fails_the_token_step_and_skips_the_rest() -> None:
    probe = run(probe_gateway({"token": Secret("wrong")}, tokens={TOKEN: None}))
    assert verdicts(probe) == {"reachable": "ok", "TLS": "ok", "token": "failed",
                               "address": "skipped", "role": "skipped", "heartbeat": "skipped"}
    token = finding(probe, "token")
    assert "4401" in token.detail and "token_file" in (token.fix or "")
    assert all("wrong" not in f.detail for f in probe.findings)


def test_a_gateway_wanting_a_token_when_none_is_configured() -> None:
    probe = run(probe_gateway({}, tokens={TOKEN: None}))
    [token] = [f for f in probe.findings if f.check == "token"]
    assert token.verdict == "failed" and "none is configured" in token.detail
    assert "token_file" in (token.fix or "")


def test_an_unregistered_address_is_named_with_the_address_to_register() -> None:
    probe = run(probe_gateway({"token": Secret(TOKEN)}, tokens={TOKEN: {"10.9.9.9"}}))
    assert verdicts(probe)["token"] == "ok"
    address = finding(probe, "address")
    assert address.verdict == "failed" and "127.0.0.1" in address.detail
    assert "register 127.0.0.1" in (address.fix or "")


def test_a_feed_configured_with_the_wrong_role_fails() -> None:
    probe = run(probe_gateway({"token": Secret(TOKEN), "role": "terminal"}, path="/clearance",
                              role="clearance", tokens={TOKEN: None}))
    role = finding(probe, "role")
    assert role.verdict == "failed" and 'role = "clearance"' in (role.fix or "")
    assert probe.layout is None


def test_nothing_listening_fails_reachability() -> None:
    async def closed_port() -> FeedProbe:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        feed = FeedSettings(url=f"ws://127.0.0.1:{port}/terminal", token=Secret(TOKEN))
        return await probe_feed(feed, "WS-07", timeout_s=2.0)

    probe = run(closed_port())
    reach = finding(probe, "reachable")
    assert reach.verdict == "failed" and "nothing accepts connections" in reach.detail
    assert [f.verdict for f in probe.findings[1:]] == ["skipped"] * 5


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The server certificate expires in 10 days (the probe says so), the client one in 400."""
    return make_pki(tmp_path_factory.mktemp("pki"), server_days=10, client_days=400)


def tls_probe(pki: dict[str, Path], require_client: bool = False, **feed: Any) -> FeedProbe:
    async def go() -> FeedProbe:
        gw = TestGateway(heartbeat_s=0.3)
        ctx = server_context(pki, require_client=require_client)
        async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}, ssl=ctx) as server:
            url: str = Gateway.url(server, "/terminal")
            return await probe_feed(FeedSettings(url=url, token=Secret(TOKEN), **feed),
                                    "WS-07", timeout_s=5.0)

    return run(go())


def test_tls_with_ca_client_certificate_and_pin(pki: dict[str, Path]) -> None:
    probe = tls_probe(pki, require_client=True, ca=pki["ca"], cert=pki["client"],
                      key=pki["client_key"], pin_sha256=fingerprint(pki["server"]))
    assert verdicts(probe) == {**dict.fromkeys(STEPS, "ok"), "TLS": "warning"}
    tls = finding(probe, "TLS")
    assert "pinned" in tls.detail and "expires in 10 days" in tls.detail
    assert tls.data["fingerprint"] == fingerprint(pki["server"])


def test_an_untrusted_certificate_is_named(pki: dict[str, Path]) -> None:
    probe = tls_probe(pki, ca=pki["stranger"])
    tls = finding(probe, "TLS")
    assert tls.verdict == "failed" and "not trusted" in tls.detail
    assert "set ca" in (tls.fix or "") and verdicts(probe)["token"] == "skipped"


def test_a_changed_certificate_fails_the_pin(pki: dict[str, Path]) -> None:
    probe = tls_probe(pki, ca=pki["ca"], pin_sha256="0" * 64)
    tls = finding(probe, "TLS")
    assert tls.verdict == "failed" and "does not match pin_sha256" in tls.detail


def test_a_client_key_of_another_certificate_is_found(pki: dict[str, Path]) -> None:
    probe = tls_probe(pki, require_client=True, ca=pki["ca"], cert=pki["client"],
                      key=pki["stranger_key"])
    tls = finding(probe, "TLS")
    assert tls.verdict == "failed" and "client certificate" in tls.detail


def test_a_missing_client_certificate_is_named(pki: dict[str, Path]) -> None:
    probe = tls_probe(pki, require_client=True, ca=pki["ca"])
    tls = finding(probe, "TLS")
    assert tls.verdict == "failed" and "requires a client certificate" in tls.detail
    assert "set cert and key" in (tls.fix or "")


def test_a_client_certificate_from_another_ca_is_named(pki: dict[str, Path]) -> None:
    probe = tls_probe(pki, require_client=True, ca=pki["ca"], cert=pki["stranger"],
                      key=pki["stranger_key"])
    tls = finding(probe, "TLS")
    assert tls.verdict == "failed" and "refused this client certificate" in tls.detail
