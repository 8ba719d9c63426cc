"""The live yard reads back what it let go of through the `EventReader` it is handed.

`StoreRecall` opens nothing itself: the composition root gives it a read-only
store of its own on the console's database and closes it.  Real SQLite files
throughout: the events are written by the real store and read back through the
reader handed over.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from console.composition import build_console
from console.store.base import StoreError, WriteBatch
from console.store.sqlite import OnDemandReader, SqliteEventStore
from console.yard.recall import StoreRecall
from tests.unit.test_rules_world import LAYOUT, World

SLOT = {"kind": "slot", "block": "A03", "bay": 3, "row": 2, "tier": 1}


def _visit(w: World, ref: str) -> list[str]:
    """A container's equipment and clearance events (with a position report between)."""
    w.later(10).equipment("DISC", ref, vehicleId="SC1", craneId="QC1")
    ids = [w.sent[-1].id]
    w.later(10).position("SC1", 10.0, 10.0, 2.0, carrying=ref)
    w.later(10).clearance(ref, "hold")
    ids.append(w.sent[-1].id)
    w.later(10).equipment("DROP", ref, position=SLOT)
    ids.append(w.sent[-1].id)
    return ids


def test_recall_reads_one_containers_past_through_the_reader_it_is_given(
    tmp_path: Path
) -> None:
    w = World(tmp_path)
    mine = _visit(w, "MSCU1234566")
    _visit(w, "TGHU9876541")
    w.close()
    reader = SqliteEventStore(w.path, readonly=True)
    try:
        recall = StoreRecall(reader)
        got = recall("MSCU1234566", None)
        assert [e.id for e in got] == mine  # its own events only, in order, no position
        assert [e.kind for e in got] == ["equipment", "clearance", "equipment"]
        # only what was stored before the event being applied, never it or what followed
        assert [e.id for e in recall("MSCU1234566", ("KHH-T7", mine[-1]))] == mine[:-1]
        assert [e.id for e in recall("MSCU1234566", ("CUSTOMS", mine[1]))] == mine[:1]
        assert recall("NONE0000000", None) == []
        assert recall.recalled == 4
    finally:
        reader.close()


def test_recall_answers_from_the_reader_handed_over_not_from_a_path(tmp_path: Path) -> None:
    """Two databases with the same event ids at different times: the recall answers what the
    one it was handed holds."""
    worlds = []
    for name, start in (("first.db", 0.0), ("second.db", 500.0)):
        w = World(tmp_path, db=name)
        w.later(start)
        ids = _visit(w, "MSCU1234566")
        w.close()
        worlds.append((w.path, [(e.id, e.time) for e in w.sent if e.id in ids]))
    assert [i for i, _ in worlds[0][1]] == [i for i, _ in worlds[1][1]]
    assert worlds[0][1] != worlds[1][1]
    for path, expected in worlds:
        reader = SqliteEventStore(path, readonly=True)
        try:
            got = StoreRecall(reader)("MSCU1234566", None)
            assert [(e.id, e.time) for e in got] == expected
        finally:
            reader.close()


def test_the_composition_root_hands_the_yard_a_read_only_reader_and_closes_it(
    tmp_path: Path
) -> None:
    parts = build_console(tmp_path / "console.db", [])
    reader = parts.recall_reader
    recall = parts.supervisor.yard.recall
    assert isinstance(reader, OnDemandReader) and not reader.opened  # opened when needed
    assert isinstance(recall, StoreRecall) and recall.reader is reader
    assert recall("MSCU1234566", None) == []  # the real database, empty
    assert reader.opened
    parts.close()
    assert parts.recall_reader is None
    with pytest.raises(StoreError):  # closed by its owner, not left open
        list(reader.events(container="MSCU1234566"))


def test_the_console_the_composition_root_builds_reads_a_forgotten_container_back(
    tmp_path: Path
) -> None:
    """Issue 13: a late correction of a container the live yard forgot is judged against its
    history read back through the reader `build_console` wired, from the real database."""
    from console.protocol.iso6346 import make_number

    w = World(tmp_path, db="world.db")  # makes the events (its own alerts stay there)
    first = make_number("RET", 0)
    w.equipment("DISC", first, vehicleId="SC1", craneId="QC1")
    w.later(20).equipment("DROP", first, position=SLOT)
    w.later(20).clearance(first, "pending")
    w.later(20).equipment("GTIN", first, laneId="L1")
    w.later(20).equipment("GTOT", first)
    gate_out = w.sent[-1].id
    for n in range(1, 30):  # others come and go until the first is forgotten
        ref = make_number("RET", n)
        w.later(20).equipment("DISC", ref, vehicleId="SC1", craneId="QC1")
        w.later(20).equipment("DROP", ref, position=SLOT)
        w.later(20).clearance(ref, "released")
        w.later(20).equipment("GTIN", ref, laneId="L1")
        w.later(20).equipment("GTOT", ref)
    w.later(5).equipment("GTOT", first, empty="EMPTY", corrects=gate_out)
    w.close()
    db = tmp_path / "console.db"
    store = SqliteEventStore(db)  # every event stored, as the engine commits before judging
    batch = WriteBatch.empty()
    batch.events.extend(w.sent)
    assert store.write(batch) == len(w.sent)
    store.close()
    parts = build_console(db, [])
    try:
        sup = parts.supervisor
        sup.set_layout(LAYOUT)  # as the terminal's feed hands it over
        changes = [c for e in w.sent
                   for c in sup.apply(e.feed, "clearance" if e.feed == "CUSTOMS" else "terminal",
                                      e)]
        yard = sup.yard
        assert yard.recalled == 1 and yard.late_references == 0
        back = yard.container(first)
        assert back is not None and back.empty == "EMPTY" and back.stage == "gated_out"
        raised = [c.alert for c in changes if c.action == "raise"
                  and c.alert.rule == "GATE_OUT_WITHOUT_RELEASE" and c.alert.subject == first]
        assert len(raised) == 1
        cleared = [c for c in changes if c.action != "raise"
                   and c.alert.alert_id == raised[0].alert_id]
        assert cleared, "the correction (an empty box) clears what the original raised"
    finally:
        parts.close()


def test_a_half_read_recall_holds_no_read_transaction_beside_the_writers(
    tmp_path: Path
) -> None:
    """A read transaction left open by a half-read iterator stops the writers' checkpoint
    (and, on a database not in WAL, their commits): the reader hands out what it has read."""
    import sqlite3

    from console.store import sqlite as sqlite_store

    w = World(tmp_path)
    _visit(w, "MSCU1234566")
    for _ in range(sqlite_store._FETCH):  # more than one fetch of the store's reads
        w.later(1).clearance("MSCU1234566", "hold")
    w.close()
    reader = OnDemandReader(w.path)
    try:
        events = reader.events(container="MSCU1234566")
        first = next(events)  # the caller stops after the first
        assert first.kind == "equipment"
        other = sqlite3.connect(w.path)
        try:
            other.execute("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
            other.execute("INSERT INTO probe VALUES (1)")
            other.commit()
            busy, _log, _done = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            other.close()
        assert busy == 0  # no reader holds the WAL: the checkpoint went all the way
        rest = [e.kind for e in events]  # the rest is still there
        assert "equipment" in rest and len(rest) >= sqlite_store._FETCH
    finally:
        reader.close()
