"""The bearer token never reaches a log line, whichever logger wrote it and at whatever level.

`websockets.client` logs every request header at DEBUG, `Authorization:
Bearer …` included.  These tests turn DEBUG on for every logger, connect
for real (loopback websocket, in this process and through the real
`yard-console headless`) and read every line every handler received.
"""

from __future__ import annotations

import asyncio
import io
import logging
import pathlib
from collections.abc import Iterator
from typing import Any

import pytest

from console.config.logsetup import hide_in_logs
from console.deadline import within
from console.engine import Engine
from console.feed.config import FeedConfig
from console.store.sqlite import SqliteEventStore
from tests.support.console_process import ConsoleProcess
from tests.support.gateway import TestGateway, running_gateway

TOKEN = "bearer-6c1f0e9a77d2-secret"


@pytest.fixture
def every_logger_at_debug() -> Iterator[io.StringIO]:
    """DEBUG on the root and on every logger that exists; what the root's handler printed."""
    manager = logging.root.manager
    before = {name: lg.level for name, lg in manager.loggerDict.items()
              if isinstance(lg, logging.Logger)}
    root_level = logging.root.level
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logging.root.addHandler(handler)
    logging.root.setLevel(logging.DEBUG)
    for name in before:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield out
    finally:
        logging.root.removeHandler(handler)
        logging.root.setLevel(root_level)
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def test_a_real_connection_logs_the_header_but_never_the_token(
        every_logger_at_debug: io.StringIO, tmp_path: pathlib.Path) -> None:
    late = io.StringIO()  # a handler added after the client exists, on the library's own logger
    late_handler = logging.StreamHandler(late)
    client_log = logging.getLogger("websockets.client")
    saw: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            saw.append(record.getMessage() + str(record.args or ""))

    keep = Keep(logging.DEBUG)

    async def session() -> None:
        gw = TestGateway(heartbeat_s=1.0)
        gw.emit(3)
        async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
            engine = Engine(SqliteEventStore(tmp_path / "c.db"),
                            [FeedConfig(url=server.url("/terminal"), token=TOKEN)])
            client_log.addHandler(late_handler)
            client_log.addHandler(keep)
            await engine.start()
            for _ in range(500):
                if any("snapshot" in (s.state or "") for s in engine.statuses.values()):
                    break
                await asyncio.sleep(0.02)
            await engine.stop()

    try:
        asyncio.run(within(session(), 60))
    finally:
        client_log.removeHandler(late_handler)
        client_log.removeHandler(keep)
    text = every_logger_at_debug.getvalue()
    assert "websockets.client DEBUG > Authorization: Bearer ***" in text
    for where in (text, late.getvalue(), "\n".join(saw)):
        assert TOKEN not in where
    assert "> Authorization: Bearer ***" in late.getvalue()


def test_every_level_and_every_kind_of_record_is_scrubbed(
        every_logger_at_debug: io.StringIO) -> None:
    release = hide_in_logs([TOKEN])
    try:
        third_party = logging.getLogger("some.library.nobody.configured")
        third_party.propagate = False
        own = io.StringIO()
        third_party.addHandler(logging.StreamHandler(own))
        for level in (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, 5):
            third_party.setLevel(1)
            third_party.log(level, "header %s", {"Authorization": f"Bearer {TOKEN}"})
            logging.getLogger("console.x").log(level, f"inline {TOKEN}")
        try:
            raise PermissionError(f"refused {TOKEN}")
        except PermissionError:
            logging.getLogger("console.x").exception("failed")
        logging.getLogger("console.x").warning("bad args %d", TOKEN)  # a logging bug
    finally:
        release()
    text = every_logger_at_debug.getvalue() + own.getvalue()
    assert TOKEN not in text
    assert own.getvalue().count("'Bearer ***'") == 5
    assert "PermissionError: refused ***" in text and "bad args %d % ('***',)" in text


def test_a_released_secret_is_no_longer_hidden(every_logger_at_debug: io.StringIO) -> None:
    word = "released-word-81f2"
    release = hide_in_logs([word])
    logging.getLogger("console.x").info("one %s", word)
    release()
    logging.getLogger("console.x").info("two %s", word)
    assert "one ***" in every_logger_at_debug.getvalue()
    assert f"two {word}" in every_logger_at_debug.getvalue()


@pytest.mark.e2e
def test_headless_at_debug_never_prints_the_token(
        gateway_process_factory: Any, tmp_path: pathlib.Path) -> None:
    gw = gateway_process_factory(tokens={TOKEN: None})
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    console = ConsoleProcess(
        ["headless", "--db", str(tmp_path / "c.db"), "--token-file", str(token_file),
         "--feed", gw.url("/terminal"), "--log-level", "DEBUG"], log=tmp_path / "stderr.log")
    console.feed_state("snapshot")
    assert console.terminate() == 0
    stderr = (tmp_path / "stderr.log").read_text(errors="replace")
    assert "websockets.client: > Authorization: Bearer ***" in stderr
    assert TOKEN not in stderr
