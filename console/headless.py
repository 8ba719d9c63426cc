"""Headless mode: the engine with JSON lines on stdout instead of a window.

One JSON object per line for every feed state change (`kind: feed`), every
alert change (`kind: alert`) and every storage problem (`kind: store`).
SIGTERM or SIGINT: stop the feeds, commit what was received, exit 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, TextIO

import orjson

from console.composition import ConsoleParts
from console.engine import QuietObserver
from console.feed.status import FeedStatus
from console.operations.commands_stream import OperatorCommands, follow_lines
from console.store.base import StoreError
from console.timefmt import now_rfc3339

log = logging.getLogger("console.headless")


class JsonLinesObserver(QuietObserver):
    """Prints what the engine does as JSON lines, flushed at once (tests read them live)."""

    def __init__(self, out: TextIO = sys.stdout) -> None:
        self._out = out

    def emit(self, obj: dict[str, Any]) -> None:
        self._out.write(orjson.dumps(obj).decode("utf-8") + "\n")
        self._out.flush()

    def on_feed_status(self, status: FeedStatus) -> None:
        self.emit(status.to_json())

    def on_store_problem(self, error: StoreError | None) -> None:
        if error is None:
            self.emit({"kind": "store", "state": "ok", "at": now_rfc3339()})
        else:
            self.emit(
                {
                    "kind": "store",
                    "state": "error",
                    "error": error.kind,
                    "detail": error.message,
                    "at": now_rfc3339(),
                }
            )

    def on_alerts(self, changes: Sequence[Any]) -> None:
        for change in changes:
            self.emit(change.to_json())


async def run_headless(
    make_console: Callable[[], ConsoleParts],
    observer: JsonLinesObserver,
    *,
    operator_commands: IO[str] | None = None,
    station: str = "WS-01",
) -> int:
    """Run until SIGTERM/SIGINT (exit 0) or until every feed is refused for good (exit 3)."""
    parts = make_console()
    engine = parts.engine
    engine.subscribe(observer)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await parts.start()
    others = []
    if operator_commands is not None:
        commands = OperatorCommands(parts.desk, parts.accounts, station, observer.emit)
        others.append(asyncio.ensure_future(follow_lines(operator_commands, commands.apply_line)))
    feeds_done = asyncio.ensure_future(engine.wait_feeds())
    stopper = asyncio.ensure_future(stop.wait())
    await asyncio.wait({feeds_done, stopper}, return_when=asyncio.FIRST_COMPLETED)
    refused = feeds_done.done() and not stop.is_set()
    for fut in (feeds_done, stopper, *others):
        fut.cancel()
    await parts.stop()
    parts.close()
    observer.emit(
        {
            "kind": "engine",
            "state": "stopped",
            "at": now_rfc3339(),
            "events": engine.final_event_count,
        }
    )
    return 3 if refused else 0
