"""The layout and the role as a real gateway sends them, over loopback, into a real store.

A good layout reaches the rules' yard and the observers as the one `Layout`
read by the protocol; a bad one is quarantined with the field named and the
feed goes on; the role the welcome announced is what the store keeps.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from console.engine import Engine
from console.layout import Layout
from console.rules.supervisor import Supervisor
from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore
from tests.support import bodies
from tests.support.gateway import TestGateway, running_gateway
from tests.unit.test_feed_client import TOKEN, Recorder, feed, in_loop, until


class LayoutRecorder(Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.layouts: list[Any] = []

    def on_layout(self, feed: str, layout: Any) -> None:  # type: ignore[override]
        self.layouts.append(layout)


class BadLayoutGateway(TestGateway):
    __test__ = False

    def layout(self) -> dict[str, Any] | None:
        body = bodies.layout(self.log.name)
        body["blocks"][1]["bays"] = 0
        return body


async def _run(db: Path, gateways: dict[str, TestGateway]) -> tuple[Engine, LayoutRecorder]:
    store = SqliteEventStore(db)
    supervisor = Supervisor(SqliteAlertStore(db))
    async with running_gateway(gateways, tokens={TOKEN: None}) as server:
        engine = Engine(store, [feed(server.url(path)) for path in gateways],
                        supervisor=supervisor)
        rec = LayoutRecorder()
        engine.observers.append(rec)
        await engine.start()
        await until(lambda: len(rec.snapshots) == len(gateways))
        for gw in gateways.values():
            gw.emit(3)
        await until(lambda: len(rec.events) == 3 * len(gateways))
        await asyncio.sleep(0.2)
        await engine.stop()
    return engine, rec


@in_loop
async def test_the_layout_is_read_once_and_every_room_gets_the_same_object(
    tmp_path: Path,
) -> None:
    engine, rec = await _run(tmp_path / "c.db", {"/terminal": TestGateway(heartbeat_s=1.0)})
    assert len(rec.layouts) == 1 and isinstance(rec.layouts[0], Layout)
    lay = rec.layouts[0]
    assert engine.current_layout is lay
    assert engine.supervisor.yard.layout.model is lay  # type: ignore[attr-defined]
    assert [b.id for b in lay.blocks] == ["A01", "A02", "A03"]


@in_loop
async def test_a_bad_layout_is_quarantined_with_the_field_named_and_the_feed_goes_on(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.db"
    engine, rec = await _run(db, {"/terminal": BadLayoutGateway(heartbeat_s=1.0)})
    assert rec.layouts == [] and engine.current_layout is None
    store = SqliteEventStore(db, readonly=True)
    try:
        rejected = list(store.quarantine())
        assert len(store_events := list(store.events())) == 3, store_events
    finally:
        store.close()
    assert [(q.code, q.reason) for q in rejected] == [
        ("schema", "the layout's blocks[1] A02: bays must be a whole number above 0, not 0")]
    assert b'"type":"layout"' in rejected[0].raw.replace(b" ", b"")


@in_loop
async def test_the_store_keeps_the_role_each_welcome_announced(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    await _run(db, {"/terminal": TestGateway(heartbeat_s=1.0),
                    "/clearance": TestGateway("KHH-CUS", "clearance", heartbeat_s=1.0)})
    store = SqliteEventStore(db, readonly=True)
    try:
        roles = {key: store.feed_role(key) for key in
                 store.connection.execute("SELECT feed FROM feed_cursors").fetchall()
                 for key in key}
        snap_roles = dict(store.connection.execute(
            "SELECT DISTINCT feed, role FROM snapshots").fetchall())
    finally:
        store.close()
    assert sorted(roles.values()) == ["clearance", "terminal"]
    assert snap_roles == roles
