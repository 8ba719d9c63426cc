"""A restart's replay of the store judges as the live run did (found by the hypothesis
test of `test_yard_lifecycle.py`; these are its shrunk examples, kept deterministic).

The replay is a fresh `Supervisor` fed every stored event again, with the store
already holding all of them, as `console.rules.rebuild` does after a restart: it
must raise nothing the live run did not.
"""

from __future__ import annotations

from pathlib import Path

from console.alerts.model import AlertChange
from console.protocol.iso6346 import make_number
from console.rules.supervisor import Supervisor
from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore
from console.yard.recall import StoreRecall
from tests.unit.test_rules_world import LAYOUT, World

A, B = make_number("EGH", 1), make_number("EGH", 2)


def _replay(w: World) -> list[AlertChange]:
    store = SqliteAlertStore(w.path)
    fresh = Supervisor(store, LAYOUT)
    reader = SqliteEventStore(w.path, readonly=True)
    fresh.yard.recall = StoreRecall(reader)
    try:
        return [c for e in w.sent for c in fresh.apply(e.feed, "terminal", e)
                if c.action == "raise"]
    finally:
        reader.close()
        store.close()


def test_a_deadline_set_for_a_corrected_discharge_is_void(tmp_path: Path) -> None:
    """DISC A, corrected into DISC B, corrected back into DISC A ten minutes later: A's
    discharge is now the last version's, and the question asked for the first version
    ("cleared within 600 s of t=1?") no longer stands, whether or not a heartbeat moved
    the clock in between."""
    for heartbeat in (True, False):
        (tmp_path / str(heartbeat)).mkdir()
        w = World(tmp_path / str(heartbeat))
        w.later(1).equipment("DISC", A, vehicleId="SC1")
        w.later(3).equipment("DISC", B, corrects=w.sent[-1].id)
        w.later(598)
        if heartbeat:
            w.heartbeat()
        w.later(3).equipment("DISC", A, corrects=w.sent[-1].id)
        assert [c.alert.rule for c in w.changes if c.action == "raise"] == []
        assert _replay(w) == []
        # ... and the discharge's own deadline (600 s after t=605) still fires.
        w.later(601).heartbeat()
        raised = [(c.alert.rule, c.alert.subject) for c in w.changes if c.action == "raise"]
        assert raised == [("NOT_ON_MANIFEST", A)]
        w.close()


def test_a_recalled_container_gets_only_its_past(tmp_path: Path) -> None:
    """A leaves, is forgotten, and a correction brings it back: the store is read back
    only up to the event being applied.  Replaying a store that already holds the hold
    decided later must not judge the earlier gate-out against that hold."""
    w = World(tmp_path)
    w.later(1).equipment("GTOT", A, vehicleId="SC1")
    e1 = w.sent[-1].id
    w.later(1859).heartbeat()  # A left 30 minutes ago: the live yard forgets it
    w.later(1).equipment("DISC", B, vehicleId="SC1")
    e2 = w.sent[-1].id
    w.later(3).equipment("DISC", A, corrects=e1)
    w.later(5).clearance(A, "hold")
    w.later(3).equipment("GTOT", A, corrects=e2)  # takes e2's place, before the hold
    live = [(c.alert.rule, c.alert.cause) for c in w.changes if c.action == "raise"]
    assert ("GATE_OUT_WITHOUT_RELEASE", e2) in live
    assert _replay(w) == []
    w.close()


def test_events_before_a_stored_event(tmp_path: Path) -> None:
    w = World(tmp_path)
    for n in range(4):
        w.later(1).equipment("DISC" if n == 0 else "PICK", A, vehicleId="SC1")
    w.later(1).clearance(A, "hold")
    ids = [e.id for e in w.sent]
    store = SqliteEventStore(w.path, readonly=True)
    try:
        assert [s.id for s in store.events(container=A, before=("KHH-T7", ids[2]))] == ids[:2]
        assert [s.id for s in store.events(container=A, before=("CUSTOMS", ids[4]))] == ids[:4]
        # not stored: no bound
        assert [s.id for s in store.events(container=A, before=("KHH-T7", "nope"))] == ids
        recall = StoreRecall(store)
        assert [e.id for e in recall(A, ("KHH-T7", ids[3]))] == ids[:3]
        assert [e.id for e in recall(A, None)] == ids
    finally:
        store.close()
    w.close()


def test_a_correction_that_removes_the_move_asks_the_timed_question_again(
    tmp_path: Path,
) -> None:
    """DISC A, DROP A 27 minutes later (the transfer is done), and after the 30-minute mark
    the DROP is corrected into a second DISC: A was never stored, so the overdue transfer
    is raised by the live run too, not only by a replay of the corrected facts."""
    w = World(tmp_path)
    w.later(1).equipment("DISC", A, vehicleId="SC1")
    w.later(1620).heartbeat()
    w.later(1).equipment("DROP", A, vehicleId="SC1", position={
        "kind": "slot", "block": "A03", "bay": 1, "row": 1, "tier": 1})
    w.later(180).heartbeat()
    assert [c for c in w.changes if c.alert.rule == "TRANSFER_OVERDUE"] == []
    w.later(3).equipment("DISC", A, corrects=w.sent[-1].id)
    raised = [(c.alert.rule, c.alert.cause) for c in w.changes if c.action == "raise"]
    assert ("TRANSFER_OVERDUE", w.sent[0].id) in raised
    assert _replay(w) == []
    w.close()
