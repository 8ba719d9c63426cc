"""The console shortens the thread switch interval once the engine starts.

The effect itself, SQLite readers in worker threads no longer waiting 5 ms
per row beside a busy thread, depends on how the operating system schedules
two threads racing for the interpreter lock. It is measured in
`console/thread_switching.py` rather than asserted here, where it would make
a flaky test.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.engine import Engine
from console.store.sqlite import SqliteEventStore
from console.thread_switching import SWITCH_INTERVAL_S


@pytest.fixture
def default_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(before)


def test_the_engine_switches_threads_every_millisecond_once_started(
    tmp_path: Path, default_interval: None
) -> None:
    async def run() -> None:
        engine = Engine(SqliteEventStore(tmp_path / "e.db"), [])
        assert sys.getswitchinterval() == pytest.approx(0.005)
        await engine.start()
        try:
            assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S) == 0.001
        finally:
            await engine.stop()

    asyncio.run(run())
