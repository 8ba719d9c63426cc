"""wss:// with a private CA, a client certificate and a pinned server certificate.

Certificates are made for each test run with the system's `openssl`; the
gateway is the real one, serving TLS on loopback.
"""

from __future__ import annotations

import asyncio
import hashlib
import ssl
import subprocess
from pathlib import Path

import pytest

from console.feed.config import FeedConfig
from tests.conftest import require_tool
from tests.support.gateway import TestGateway, running_gateway
from tests.test_feed_client import TOKEN, in_loop, start_engine, until


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA, a server certificate for 127.0.0.1 signed by it, a client one, a stranger CA."""
    openssl = require_tool("openssl")
    d = tmp_path_factory.mktemp("pki")

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], cwd=d, check=True, capture_output=True, timeout=60)

    for ca in ("ca", "stranger"):
        run(
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            f"{ca}.key",
            "-out",
            f"{ca}.pem",
            "-days",
            "2",
            "-subj",
            f"/CN=Yard test {ca}",
        )
    (d / "san.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name in ("server", "client"):
        run(
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            f"{name}.key",
            "-out",
            f"{name}.csr",
            "-subj",
            f"/CN={name}",
        )
        extra = ["-extfile", "san.cnf"] if name == "server" else []
        run(
            "x509",
            "-req",
            "-in",
            f"{name}.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            f"{name}.pem",
            "-days",
            "2",
            *extra,
        )
    names = ("ca", "stranger", "server", "client")
    return {n: d / f"{n}.pem" for n in names} | {f"{n}_key": d / f"{n}.key" for n in names}


def server_context(pki: dict[str, Path], *, require_client: bool) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pki["server"], pki["server_key"])
    if require_client:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(pki["ca"])
    return ctx


def fingerprint(pem: Path) -> str:
    der = ssl.PEM_cert_to_DER_cert(pem.read_text())
    return hashlib.sha256(der).hexdigest()


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
        await asyncio.wait_for(engine.wait_feeds(), 10)
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
