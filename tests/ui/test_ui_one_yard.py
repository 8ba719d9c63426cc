"""One yard (issue 15 item 1): after corrections and retractions the map shows what the
rules saw.  Events go through the real websocket gateway, parser, SQLite store, engine
and supervisor; the window's display is the engine's observer, as in the console."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from console.composition import build_console
from console.deadline import within
from console.model import EquipmentEvent
from console.protocol.dcsa_shapes import to_dcsa_30_beta
from console.yard.state import YardState
from tests.support import bodies
from tests.support.gateway import TestGateway, running_gateway
from tests.unit.test_feed_client import TOKEN, feed
from ui.display import DisplayState
from ui.yard import cellcolours as cc
from ui.yard.picture import YardPicture

Cells = dict[tuple[str, int, int], tuple[int, int, int, tuple[tuple[int, str], ...]]]


def core_cells(yard: YardState, picture: YardPicture) -> Cells:
    """Per ground slot of the map's layout: colour code, height, empty and the stack,
    as the core yard holds them."""
    blocks = {r.block.id: r.block for r in picture.rasters}
    stacks: dict[tuple[str, int, int], dict[int, str]] = {}
    for (block, bay, row, tier), ref in yard.slots.items():
        b = blocks.get(block)
        if b is not None and 1 <= bay <= b.bays and 1 <= row <= b.rows:
            stacks.setdefault((block, bay, row), {})[tier] = ref
    out: Cells = {}
    for cell, stack in stacks.items():
        worst, worst_ref = cc.NO_CONTAINER, None
        for ref in stack.values():
            k = yard.clearances.current(ref)
            code = cc.STATUS_CODE.get(k.status if k is not None else None,
                                      cc.STATUS_CODE[None])
            if code > worst:
                worst, worst_ref = code, ref
        rec = yard.container(worst_ref) if worst_ref is not None else None
        empty = 1 if rec is not None and rec.empty == "EMPTY" else 0
        out[cell] = (worst, len(stack), empty, tuple(sorted(stack.items())))
    return out


def map_cells(picture: YardPicture) -> Cells:
    """The same, read from the map's rasters (every cell that is not an empty slot)."""
    out: Cells = {}
    for r in picture.rasters:
        b = r.block
        for bay in range(1, b.bays + 1):
            for row in range(1, b.rows + 1):
                code = int(r.code[row - 1, bay - 1])
                stack = tuple(picture.stack(picture.rasters.index(r), bay, row))
                if code != cc.NO_CONTAINER or stack:
                    out[(b.id, bay, row)] = (code, int(r.height[row - 1, bay - 1]),
                                             int(r.empty[row - 1, bay - 1]), stack)
    return out


async def until(pred: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def drop(gw: TestGateway, ref: str, bay: int, row: int, tier: int = 1, *,
         empty: str = "LADEN", corrects: str | None = None, event_id: str | None = None
         ) -> dict[str, Any]:
    body = bodies.equipment(ref, "DROP", event_id=event_id or f"ev-{ref}-{bay}-{row}",
                            time=gw.now(), empty=empty,
                            position=bodies.slot("A02", bay, row, tier))
    return gw.add_event("equipment", body, corrects=corrects)


async def stream(gw: TestGateway) -> None:
    n = bodies.container_number
    a, b, c, d, e = n(1), n(2), n(3), n(4), n(5)
    first_a = drop(gw, a, 3, 2)
    first_b = drop(gw, b, 4, 2, empty="EMPTY")
    first_c = drop(gw, c, 5, 2)
    drop(gw, d, 6, 2)
    gw.add_event("clearance", bodies.clearance(a, "hold", time=gw.now()))
    # a correction of the slot, a correction of the number, a correction of a correction
    again_a = drop(gw, a, 9, 7, corrects=first_a["id"], event_id="ev-a-fixed")
    drop(gw, e, 8, 2, empty="EMPTY", corrects=first_b["id"], event_id="ev-b-renumbered")
    drop(gw, a, 10, 7, corrects=again_a["id"], event_id="ev-a-fixed-twice")
    # a retraction (DCSA 3.0 beta: metadata naming the withdrawn eventID)
    gw.add_event("equipment", to_dcsa_30_beta(EquipmentEvent(
        "r-1", "", "", "", "", retracted=True, retracts=first_c["body"]["eventID"])))
    # a gate-out and its retraction (3.0: the withdrawn event itself, isRetracted)
    gate = bodies.equipment(d, "GTOT", event_id="ev-d-out", time=gw.now())
    gw.add_event("equipment", gate)
    gw.add_event("equipment", {**gate, "isRetracted": True})
    gw.add_event("position", bodies.position("SC01", 520.0, 215.0, carrying=a))


def test_after_corrections_and_retractions_the_map_cells_are_the_core_yards(
    qapp: QApplication, tmp_path: Path
) -> None:
    """Run in Qt's loop through qasync, as the window runs the engine."""
    qapp.setQuitOnLastWindowClosed(False)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qapp)) as runner:
        runner.run(within(_run(tmp_path), 90))


async def _run(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        parts = build_console(tmp_path / "c.db", [feed(server.url("/terminal"))])
        display = DisplayState()
        parts.engine.observers.append(display)
        await parts.engine.start()
        try:
            yard = parts.supervisor.yard
            await until(lambda: display.picture.container_count > 0)
            await stream(gw)
            last = gw.log.last_seq
            await until(lambda: any(h.last_seq >= last for h in yard.feeds.values()))
            await until(lambda: not display.loading)
            core, shown = core_cells(yard, display.picture), map_cells(display.picture)
            assert shown == core, {k: (shown.get(k), core.get(k))
                                   for k in set(shown) | set(core) if shown.get(k) != core.get(k)}
            renamed = bodies.container_number(2)
            assert yard.container(renamed) is None and renamed not in display.picture.where
            n = bodies.container_number
            assert core[("A02", 10, 7)] == (cc.HOLD, 1, 0, ((1, n(1)),))  # corrected twice
            assert core[("A02", 8, 2)] == (cc.NOT_ON_MANIFEST, 1, 1, ((1, n(5)),))
            assert ("A02", 4, 2) not in core  # the number it was first given is not in the yard
            assert ("A02", 3, 2) not in core and ("A02", 9, 7) not in core
            assert ("A02", 5, 2) not in core  # its drop was retracted
            assert core[("A02", 6, 2)][3] == ((1, n(4)),)  # its gate-out was retracted
            v = display.picture.vehicles["SC01"]
            assert (v.x, v.y, v.carrying) == (520.0, 215.0, bodies.container_number(1))
        finally:
            await parts.engine.stop()
            parts.close()
