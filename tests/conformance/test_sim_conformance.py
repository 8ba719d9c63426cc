"""The simulator as a conformance target (tests/conformance runs every test against it).

`serve_simulator` is the factory that `tests.conformance.targets.TARGETS`
lists under "simulator": a quiescent simulator (its clock does not run; events
come only from `produce`) behind the real gateway, with the suite's tokens.
The tests here check what the suite takes for granted about this target.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from testbed.gateway.server import Gateway
from testbed.sim.runner import Simulator
from testbed.sim.yard import YardPlan

if TYPE_CHECKING:
    from tests.conformance.targets import TargetOptions

TOKEN = "conformance-token"
FOREIGN_TOKEN = "token-of-another-address"


class SimulatorTarget:
    __test__ = False

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.terminal_path = "/terminal"
        self.paths = ("/terminal", "/clearance")
        self.token = TOKEN
        self.foreign_token = FOREIGN_TOKEN

    @property
    def gateway(self) -> Gateway:
        return self.sim.gateway

    def url(self, path: str) -> str:
        return self.sim.url(path)

    async def produce(self, path: str, n: int) -> None:
        await self.sim.produce(path, n)

    async def skip(self, path: str, n: int) -> None:
        self.sim.faults.skip(n, path)

    async def new_epoch(self, path: str) -> None:
        self.sim.feed(path).log.new_epoch()

    async def set_corrections(self, path: str, accept: bool) -> None:
        self.sim.feed(path).corrections = "accept" if accept else "reject"

    def correctable_event_id(self, path: str) -> str:
        log = self.sim.feed(path).log
        model = self.sim.model
        while True:
            for envelope in reversed(log.events_after(log.retained_from_seq - 1) or []):
                if envelope["kind"] == "equipment":
                    return str(envelope["id"])
            self.sim.publish(model.advance(model.now + 10.0))


@contextlib.asynccontextmanager
async def serve_simulator(options: TargetOptions) -> AsyncIterator[SimulatorTarget]:
    capacity = YardPlan.capacity_of(Simulator.default_layout())
    sim = Simulator(
        seed=11, free_run=False, heartbeat_s=options.heartbeat_s, retain=options.retain,
        session_queue=options.session_queue, snapshot_part_bytes=options.snapshot_part_bytes,
        fill_share=options.containers / capacity,
        warmup_s=0.0,  # the yard holds exactly the containers the suite asks for
        tokens={TOKEN: None, FOREIGN_TOKEN: {"10.9.9.9"}},
    )
    await sim.start()
    try:
        yield SimulatorTarget(sim)
    finally:
        await sim.stop()


def test_the_target_is_quiescent_and_fills_the_yard_it_is_asked_for() -> None:
    from tests.conformance.targets import TargetOptions

    async def main() -> None:
        async with serve_simulator(TargetOptions(containers=500)) as t:
            log = t.sim.feed("/terminal").log
            before = log.last_seq
            await asyncio.sleep(0.3)
            assert log.last_seq == before  # nothing happens unless produced
            snapshot = t.sim.feed("/terminal").snapshot()
            assert len(snapshot["containers"]) == 500
            await t.produce("/clearance", 3)
            assert t.sim.feed("/clearance").log.last_seq == 3
            event_id = t.correctable_event_id("/terminal")
            assert t.sim.feed("/terminal").log.event(event_id)["kind"] == "equipment"

    asyncio.run(main())
