"""pytest fixtures for gateways.

Use them with ``pytest_plugins = ["tests.support.fixtures"]`` in a conftest,
or import the fixture names into a test module.

- `gateway_process`: a started `GatewayProcess` (token ``"test-token"`` for any
  address, heartbeat 1 s, state in `tmp_path`); stopped after the test, and
  the tail of its log printed (pytest shows it when the test failed).
- `gateway_process_factory`: build your own (other tokens, heartbeat, size);
  every process it made is stopped after the test.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.process import GatewayProcess

TEST_TOKEN = "test-token"


@pytest.fixture
def gateway_process_factory(
    tmp_path: pathlib.Path,
) -> Iterator[Callable[..., GatewayProcess]]:
    made: list[GatewayProcess] = []

    def make(name: str = "gateway", *, start: bool = True, **options: Any) -> GatewayProcess:
        options.setdefault("tokens", {TEST_TOKEN: None})
        process = GatewayProcess(tmp_path / name, **options)
        made.append(process)
        if start:
            process.start()
        return process

    yield make
    for process in made:
        process.stop()
        if process.log_path.exists():
            print(f"--- {process.log_path} ---")
            print(process.log_path.read_text(errors="replace")[-4000:])


@pytest.fixture
def gateway_process(gateway_process_factory: Callable[..., GatewayProcess]) -> GatewayProcess:
    return gateway_process_factory()
