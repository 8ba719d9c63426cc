"""A full disk under a live feed: said in words, nothing committed is lost, the feed resumes.

The disk is "filled" with SQLite's `max_page_count` on the writer's own
connection (field notes: it produces a real SQLITE_FULL), then given room
again; the gateway keeps the events the console could not save, and the
console fetches them again by resuming after its last committed event.
"""

from __future__ import annotations

from pathlib import Path

from console.store.sqlite import SqliteEventStore
from tests.support.gateway import TestGateway, running_gateway
from tests.unit.test_feed_client import TOKEN, feed, in_loop, start_engine, stored_ids, until


def _limit_pages(extra: int) -> object:
    def limit(store: SqliteEventStore) -> int:
        conn = store.connection
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        conn.execute(f"PRAGMA max_page_count = {pages + extra}")
        return pages

    return limit


@in_loop
async def test_disk_full_is_reported_and_the_feed_resumes_once_room_is_back(tmp_path: Path) -> None:
    gw = TestGateway(heartbeat_s=1.0)
    async with running_gateway({"/terminal": gw}, tokens={TOKEN: None}) as server:
        engine, rec = await start_engine(tmp_path / "c.db", feed(server.url("/terminal")))
        await until(lambda: rec.snapshots != [])
        before = gw.emit(10)
        await until(lambda: len(rec.events) == 10)

        engine.writer.call(_limit_pages(0)).result(10)  # the disk is full now
        during = gw.emit(400, pad_bytes=2000)
        await until(lambda: any(p is not None for p in rec.problems))
        problem = next(p for p in rec.problems if p is not None)
        assert problem.kind == "disk_full"
        assert "full" in problem.message
        await until(
            lambda: any("could not save" in (s.detail or "") for s in rec.statuses), timeout=15
        )
        assert len(rec.events) == 10  # nothing unsaved was handed to the rules

        engine.writer.call(_limit_pages(1_000_000)).result(10)  # room again
        await until(lambda: len(rec.events) == 410, timeout=30)
        after = gw.emit(5)
        await until(lambda: len(rec.events) == 415)
        await engine.stop()
    assert rec.problems[-1] is None  # the problem was cleared once saving worked
    assert stored_ids(tmp_path / "c.db") == [e["id"] for e in before + during + after]
