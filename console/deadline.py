"""Waiting with a time limit, without losing a cancellation.

On Python 3.11, `asyncio.wait_for` swallows a cancellation that arrives in the
same loop turn as the awaited result (CPython gh-86296): the task goes on as if
never cancelled.  A service loop built on it (the correction sender waiting for
its wake-up, a feed client waiting for a welcome) then ignores `stop`, and the
console never exits.  `within` uses `asyncio.timeout`, which counts
cancellations correctly; `tests/unit/test_architecture.py` keeps
`asyncio.wait_for` out of the code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


async def within(awaitable: Awaitable[T], seconds: float) -> T:
    """The result of `awaitable`, or TimeoutError after `seconds`."""
    async with asyncio.timeout(seconds):
        return await awaitable
