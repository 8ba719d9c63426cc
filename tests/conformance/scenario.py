"""Running one conformance scenario against one target, in a fresh event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from console.deadline import within
from tests.conformance.targets import ConformanceTarget, TargetFactory, TargetOptions
from tests.support.probe import Probe


def run(
    factory: TargetFactory,
    scenario: Callable[[ConformanceTarget], Awaitable[None]],
    *,
    timeout: float = 60.0,
    **options: Any,
) -> None:
    """Start the target with `options`, run `scenario(target)`, stop the target."""

    async def main() -> None:
        async with factory(TargetOptions(**options)) as target:
            try:
                await within(scenario(target), timeout)
            finally:
                await Probe.close_all()

    asyncio.run(main())


async def connect(target: ConformanceTarget, path: str | None = None, **kwargs: Any) -> Probe:
    """A probe with the target's valid token, on the terminal feed unless told."""
    kwargs.setdefault("token", target.token)
    return await Probe.connect(target.url(path or target.terminal_path), **kwargs)


def seqs(messages: list[dict[str, Any]]) -> list[int]:
    return [m["seq"] for m in messages if m["type"] == "event"]
