"""wss:// with a private CA, a client certificate and a pinned server certificate.

Certificates are made for each test run with the system's `openssl`; the
gateway is the real one, serving TLS on loopback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from console.deadline import within
from console.feed.config import FeedConfig
from tests.support.gateway import TestGateway, running_gateway
from tests.support.pki import fingerprint, make_pki, server_context
from tests.unit.test_feed_client import TOKEN, in_loop, start_engine, until


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_pki(tmp_path_factory.mktemp("pki"))


def tls_feed(url: str, **kw: object) -> FeedConfig:
    return FeedConfig(url=url, token=TOKEN, backoff_initial_s=0.05, backoff_max_s=0.2, **kw)  # type: ignore[arg-type]


@in_loop
async def test_wss_with_ca_client_certificate_and_pin(tmp_path: Path, pki: dict[str, Path]) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    ctx = server_context(pki, require_client=True)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}, ssl=ctx) as server:
        url = server.url("/terminal")
        assert url.startswith("wss://")
        feed = tls_feed(
            url,
            ca_file=pki["ca"],
            cert_file=pki["client"],
            key_file=pki["client_key"],
            pin_sha256=fingerprint(pki["server"]),
        )
        engine, rec = await start_engine(tmp_path / "c.db", feed)
        await until(lambda: rec.snapshots != [])
        gw.emit(3)
        await until(lambda: len(rec.events) == 3)
        await engine.stop()
    assert rec.states()[:2] == ["connected", "snapshot"]


@in_loop
async def test_untrusted_server_certificate_is_refused_in_words(
    tmp_path: Path, pki: dict[str, Path]
) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway(
        {"/terminal": gw}, tokens={TOKEN: None}, ssl=server_context(pki, require_client=False)
    ) as server:
        engine, rec = await start_engine(
            tmp_path / "c.db", tls_feed(server.url("/terminal"), ca_file=pki["stranger"])
        )
        await until(lambda: len(rec.statuses) >= 2)
        await engine.stop()
    assert {s.state for s in rec.statuses} == {"disconnected"}
    assert "certificate is not trusted" in (rec.statuses[0].detail or "")


@in_loop
async def test_pin_mismatch_stops_the_feed(tmp_path: Path, pki: dict[str, Path]) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway(
        {"/terminal": gw}, tokens={TOKEN: None}, ssl=server_context(pki, require_client=False)
    ) as server:
        engine, rec = await start_engine(
            tmp_path / "c.db",
            tls_feed(
                server.url("/terminal"), ca_file=pki["ca"], pin_sha256=fingerprint(pki["client"])
            ),  # the wrong certificate's pin
        )
        await within(engine.wait_feeds(), 10)
        await engine.stop()
    assert rec.states() == ["rejected"]
    assert "pinned fingerprint" in (rec.statuses[0].detail or "")


@in_loop
async def test_missing_client_certificate_is_reported(tmp_path: Path, pki: dict[str, Path]) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway(
        {"/terminal": gw}, tokens={TOKEN: None}, ssl=server_context(pki, require_client=True)
    ) as server:
        engine, rec = await start_engine(
            tmp_path / "c.db", tls_feed(server.url("/terminal"), ca_file=pki["ca"])
        )
        await until(lambda: len(rec.statuses) >= 1)
        await engine.stop()
    assert rec.statuses[0].state == "disconnected"
    assert "client certificate" in (rec.statuses[0].detail or "")
