"""A token over ws:// to another host is refused, with the reason, unless `allow_plaintext = true`.

The "other host" here is this machine's own name (it resolves to loopback on
the test machines, so a real listener can watch): only `localhost`,
127.0.0.0/8 and ::1 written as such count as loopback, since a name can be
made to point anywhere.  A plain TCP listener records every byte that
arrives, so the tests see whether the token was sent at all.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from console.config import check_config
from console.config.model import FeedSettings, Secret
from console.deadline import within
from console.doctor.feeds import probe_feed
from console.engine import Engine
from console.feed.config import FeedConfig
from console.feed.plaintext import is_loopback_host, plaintext_refusal
from console.store.sqlite import SqliteEventStore
from tests.support.console_process import run_cli

TOKEN = "plain-9d0c1e7b5a"


def _own_name_on_loopback() -> str:
    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        pytest.skip(f"this machine's name {name!r} does not resolve")
    if not ipaddress.ip_address(address).is_loopback or is_loopback_host(name):
        pytest.skip(f"this machine's name {name!r} does not resolve to loopback")
    return name


class Listener:
    """A TCP socket on 127.0.0.1 that keeps what every connection sent, then hangs up."""

    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.port = 0

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            self.received.append(await within(reader.readuntil(b"\r\n\r\n"), 5))
        except (asyncio.IncompleteReadError, TimeoutError, asyncio.LimitOverrunError):
            self.received.append(b"")
        writer.close()


@asynccontextmanager
async def listening() -> AsyncIterator[Listener]:
    listener = Listener()
    server = await asyncio.start_server(listener._client, "127.0.0.1", 0)
    listener.port = server.sockets[0].getsockname()[1]
    try:
        yield listener
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize(("url", "token", "allow", "refused"), [
    ("ws://10.1.2.3:8080/terminal", TOKEN, False, True),
    ("ws://gateway.example/terminal", TOKEN, False, True),
    ("ws://10.1.2.3:8080/terminal", TOKEN, True, False),
    ("ws://10.1.2.3:8080/terminal", None, False, False),
    ("wss://10.1.2.3:8443/terminal", TOKEN, False, False),
    ("ws://127.0.0.1:9/terminal", TOKEN, False, False),
    ("ws://127.8.9.10:9/terminal", TOKEN, False, False),
    ("ws://[::1]:9/terminal", TOKEN, False, False),
    ("ws://LOCALHOST:9/terminal", TOKEN, False, False),
])
def test_which_feeds_are_refused(url: str, token: str | None, allow: bool,
                                 refused: bool) -> None:
    reason = plaintext_refusal(url, token, allow)
    assert (reason is not None) == refused
    if reason is not None:
        assert "unencrypted" in reason and "allow_plaintext = true" in reason
        assert TOKEN not in reason


def test_the_client_refuses_to_send_the_token_at_connect_time(tmp_path: Path) -> None:
    host = _own_name_on_loopback()

    async def attempt(allow: bool) -> tuple[list[str], list[str], list[bytes]]:
        async with listening() as listener:
            config = FeedConfig(url=f"ws://{host}:{listener.port}/terminal", token=TOKEN,
                                allow_plaintext=allow, backoff_initial_s=0.05,
                                backoff_max_s=0.1)
            engine = Engine(SqliteEventStore(tmp_path / f"{allow}.db"), [config])
            await engine.start()
            for _ in range(200):
                status = engine.statuses.get(config.key)
                if (status is not None and status.state == "rejected") or listener.received:
                    break
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.3)  # a client that goes on anyway would have connected
            statuses = [s.state for s in engine.statuses.values()]
            details = [s.detail or "" for s in engine.statuses.values()]
            await engine.stop()
            return statuses, details, list(listener.received)

    states, details, received = asyncio.run(within(attempt(False), 60))
    assert states == ["rejected"]
    assert received == []  # nothing at all reached the host: the token never left
    assert f"refusing to send the token to {host} over ws://" in details[0]
    states, _details, received = asyncio.run(within(attempt(True), 60))
    assert received and f"Authorization: Bearer {TOKEN}".encode() in received[0]


def test_config_check_refuses_it_and_allow_plaintext_makes_it_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    feed = f'[[feed]]\nurl = "ws://10.1.2.3:8080/terminal"\ntoken = "{TOKEN}"\n'
    path.write_text(feed)
    checked = check_config(path)
    assert not checked.ok
    [problem] = checked.problems
    assert problem.line == 2 and problem.severity == "error"
    assert "refusing to send the token to 10.1.2.3 over ws://" in problem.message
    assert TOKEN not in problem.describe("c.toml")
    path.write_text(feed + "allow_plaintext = true\n")
    checked = check_config(path)
    assert checked.ok
    [warning] = checked.problems
    assert warning.severity == "warning" and "the token and every event travel" in warning.message
    assert checked.config is not None and checked.config.feed_configs()[0].allow_plaintext


def test_the_doctor_fails_the_feed_without_sending_the_token() -> None:
    host = _own_name_on_loopback()

    async def doctor() -> tuple[dict[str, str], str, list[bytes]]:
        async with listening() as listener:
            feed = FeedSettings(url=f"ws://{host}:{listener.port}/terminal", token=Secret(TOKEN))
            probe = await probe_feed(feed, "WS-07", timeout_s=2.0)
            await asyncio.sleep(0.1)
            tls = next(f for f in probe.findings if f.check == "TLS")
            received = [r for r in listener.received if r]  # the reachability check sends none
            return ({f.check: f.verdict for f in probe.findings}, tls.detail + (tls.fix or ""),
                    received)

    verdicts, words, received = asyncio.run(within(doctor(), 60))
    assert verdicts == {"reachable": "ok", "TLS": "failed", "token": "skipped",
                        "address": "skipped", "role": "skipped", "heartbeat": "skipped"}
    assert "unencrypted" in words and "allow_plaintext = true" in words
    assert received == []


def test_headless_refuses_to_start_and_says_why(tmp_path: Path) -> None:
    result = run_cli("headless", "--feed", "ws://10.1.2.3:8080/terminal", "--token", TOKEN,
                     "--db", tmp_path / "c.db", check=False, timeout=60)
    assert result.returncode == 2
    assert "refusing to send the token to 10.1.2.3 over ws://" in result.stderr
    assert "--allow-plaintext" in result.stderr and TOKEN not in result.stderr
    assert not (tmp_path / "c.db").exists()
