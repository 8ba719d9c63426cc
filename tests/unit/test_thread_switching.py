"""The console process shortens the thread switch interval and paces the garbage collector
once it starts; an `Engine` used as a library changes neither (issue 15 item 5).

The effect itself, SQLite readers in worker threads no longer waiting 5 ms
per row beside a busy thread, depends on how the operating system schedules
two threads racing for the interpreter lock. It is measured in
`console/thread_switching.py` rather than asserted here, where it would make
a flaky test.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.composition import build_console
from console.engine import Engine
from console.gc_policy import YOUNG_THRESHOLD
from console.store.sqlite import SqliteEventStore
from console.thread_switching import SWITCH_INTERVAL_S


@pytest.fixture
def default_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    yield
    sys.setswitchinterval(before)


@pytest.fixture
def default_gc() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])
    yield
    gc.set_threshold(*before)
    gc.unfreeze()


def test_the_console_switches_threads_every_millisecond_once_started(
    tmp_path: Path, default_interval: None, default_gc: None
) -> None:
    async def run() -> None:
        parts = build_console(tmp_path / "c.db", [])
        assert sys.getswitchinterval() == pytest.approx(0.005)
        await parts.start()
        try:
            assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S) == 0.001
            assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        finally:
            await parts.stop()
            parts.close()

    asyncio.run(run())


def test_an_engine_used_as_a_library_leaves_the_process_settings_alone(
    tmp_path: Path, default_interval: None, default_gc: None
) -> None:
    async def run() -> None:
        engine = Engine(SqliteEventStore(tmp_path / "e.db"), [])
        frozen = gc.get_freeze_count()
        await engine.start()
        try:
            assert sys.getswitchinterval() == pytest.approx(0.005)
            assert gc.get_threshold()[0] == 700
            assert gc.get_freeze_count() == frozen
        finally:
            await engine.stop()

    asyncio.run(run())
