"""A client that keeps disconnecting and resuming sees every kept event exactly once.

Hypothesis drives random interleavings of production, lost numbers, dropped
connections, resumes and a small retained window against the real gateway on
loopback; after each step the client's view must match what a correct
gateway owes it: replay from its position when that position is retained,
a snapshot at `last_seq` otherwise, and never a duplicate or a reordering.
"""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.deadline import within
from tests.support.gateway import TestGateway, running_gateway
from tests.support.probe import Probe

steps = st.lists(
    st.one_of(
        st.tuples(st.just("produce"), st.integers(1, 25)),
        st.tuples(st.just("skip"), st.integers(1, 3)),
        st.tuples(st.just("reconnect"), st.just(0)),
        st.tuples(st.just("offline_produce"), st.integers(1, 40)),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps, retain=st.integers(5, 60))
def test_resuming_clients_see_each_kept_event_once_in_order(
    plan: list[tuple[str, int]], retain: int
) -> None:
    feed = TestGateway(heartbeat_s=0.05, retain=retain, containers=3)
    log = feed.log

    async def scenario() -> None:
        async with running_gateway({"/terminal": feed}) as gateway:
            probe = await Probe.connect(gateway.url("/terminal"))
            welcome, sync = await probe.sync()
            epoch, applied = welcome["epoch"], sync[0]["seq"]
            for op, n in plan:
                if op in ("produce", "offline_produce"):
                    if op == "offline_produce":
                        await probe.close()
                    produced = [e["seq"] for e in feed.emit(n)]
                    if op == "produce":
                        got = await probe.events(n)
                        assert [e["seq"] for e in got] == produced
                        applied = produced[-1]
                        continue
                    op = "reconnect"
                if op == "skip":
                    log.skip(n)
                    continue
                await probe.close()
                resumable = log.retained_from_seq - 1 <= applied <= log.last_seq
                expected = [s for s in range(applied + 1, log.last_seq + 1)
                            if resumable and log.events_between(s, s)[0]]
                probe = await Probe.connect(gateway.url("/terminal"), resume=(epoch, applied))
                welcome, sync = await probe.sync()
                if resumable:
                    replayed = [m["seq"] for m in sync if m["type"] == "event"]
                    assert replayed == expected
                    applied = max([applied, *replayed])
                else:
                    assert sync[0]["type"] == "snapshot" and sync[0]["seq"] == log.last_seq
                    applied = sync[0]["seq"]
            await Probe.close_all()

    asyncio.run(within(scenario(), 60))
