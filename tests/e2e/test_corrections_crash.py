"""A console process killed with SIGKILL loses no correction and applies none twice.

The child process is a console (outbox in a SQLite file, sender, link to the
test's loopback gateway); it submits one correction and is killed, either
while the terminal is offline (the correction was never sent) or after the
terminal applied it but before the answer came back.  A new console on the
same file then finishes the job.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from console.deadline import within
from tests.unit.test_corrections_sender import EVENT, Console, Gateway, until

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import asyncio, sys
from tests.unit.test_corrections_sender import Console, correction

async def main() -> None:
    console = Console(sys.argv[1], int(sys.argv[2]))
    console.start()
    entry = await console.sender.submit(correction())
    print(entry.request_id, flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


@pytest.mark.parametrize("terminal_offline", [True, False])
def test_a_killed_console_resends_after_restart_and_nothing_applies_twice(
    tmp_path: Path, terminal_offline: bool
) -> None:
    async def scenario() -> None:
        db = tmp_path / "console.db"
        gateway = Gateway({EVENT})
        await gateway.start()
        if terminal_offline:
            await gateway.stop()
        else:
            gateway.lose_answers = 1
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CHILD, str(db), str(gateway.port), cwd=ROOT,
            stdout=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            assert child.stdout is not None
            request_id = (await within(child.stdout.readline(), 30)).decode().strip()
            assert request_id.startswith("c-")
            if terminal_offline:
                await asyncio.sleep(0.3)  # it keeps failing to send meanwhile
            else:
                await until(lambda: gateway.received == [request_id], timeout=20)
        finally:
            child.send_signal(signal.SIGKILL)
            assert await child.wait() == -signal.SIGKILL

        if terminal_offline:
            await gateway.start()
        console = Console(db, gateway.port)
        [pending] = console.outbox.pending()
        assert pending.request_id == request_id
        console.start()
        await until(lambda: bool(console.outcomes))
        assert console.outcomes[0].state == "accepted"
        assert gateway.applied[EVENT] == 1
        assert gateway.received == [request_id] * (1 if terminal_offline else 2)
        await console.stop()
        await gateway.stop()

    asyncio.run(scenario())

