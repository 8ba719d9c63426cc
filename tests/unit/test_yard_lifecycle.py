"""Hypothesis: any order of container events and corrections keeps the yard consistent.

Events go through the real parser and stores (`World`).  After every step:
the incremental record equals a fold of its history from scratch, every event
sits in exactly one container's history (a correction replaces, never adds),
the slot index only names containers that are in that slot, and a restarted
console replaying everything raises no alert twice.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from console.protocol.iso6346 import make_number
from console.rules.supervisor import Supervisor
from console.store.office.alert_rows import SqliteAlertStore
from console.store.sqlite import SqliteEventStore
from console.yard.containers import ContainerRecord, record_before
from console.yard.recall import StoreRecall
from tests.unit.test_rules_world import LAYOUT, World

REFS = [make_number("EGH", n) for n in (1, 2, 3)]
SLOTS = [{"kind": "slot", "block": "A03", "bay": b, "row": 1, "tier": 1} for b in (1, 2)]
TYPES = ["DISC", "PICK", "DROP", "GTIN", "GTOT", "LOAD", "RSEA", "RMVD", "INSP"]


def _same(a: ContainerRecord, b: ContainerRecord) -> bool:
    return (a.stage, a.position, a.seals, a.empty, a.gross_weight_kg, a.last_event_id,
            a.seen_in_yard, a.disc_customs_seals) == (
        b.stage, b.position, b.seals, b.empty, b.gross_weight_kg, b.last_event_id,
        b.seen_in_yard, b.disc_customs_seals)


class ContainerLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._dir = tempfile.TemporaryDirectory()
        self.w = World(Path(self._dir.name))
        self.equipment_ids: list[str] = []
        self.replaced = 0

    def teardown(self) -> None:
        store = SqliteAlertStore(self.w.path)
        fresh = Supervisor(store, LAYOUT)
        reader = SqliteEventStore(self.w.path, readonly=True)
        fresh.yard.recall = StoreRecall(reader)
        raised = [c for e in self.w.sent for c in fresh.apply(e.feed, "terminal", e)
                  if c.action == "raise"]
        reader.close()
        store.close()
        self.w.close()
        self._dir.cleanup()
        assert raised == []

    @rule(
        etype=st.sampled_from(TYPES), ref=st.sampled_from(REFS),
        slot=st.sampled_from(SLOTS), vehicle=st.sampled_from(["SC1", "SC2", None]),
        seal=st.sampled_from([None, ("CS1", "CUS"), ("PS1", "PHY")]),
        gap=st.integers(1, 900),
    )
    def event(self, etype: str, ref: str, slot: dict[str, object], vehicle: str | None,
              seal: tuple[str, str] | None, gap: int) -> None:
        extra: dict[str, object] = {"vehicleId": vehicle}
        if etype == "DROP":
            extra["position"] = slot
        if seal is not None:
            extra["seals"] = [seal]
        self.w.later(gap).equipment(etype, ref, **extra)
        self.equipment_ids.append(self.w.sent[-1].id)

    @rule(status=st.sampled_from(["pending", "released", "hold"]), ref=st.sampled_from(REFS))
    def clearance(self, status: str, ref: str) -> None:
        self.w.later(5).clearance(ref, status)

    @precondition(lambda self: bool(self.equipment_ids))
    @rule(data=st.data(), ref=st.sampled_from(REFS), etype=st.sampled_from(TYPES))
    def correct(self, data: st.DataObject, ref: str, etype: str) -> None:
        target = data.draw(st.sampled_from(self.equipment_ids))
        self.w.later(3).equipment(etype, ref, corrects=target)
        new_id = self.w.sent[-1].id
        self.equipment_ids[self.equipment_ids.index(target)] = new_id
        self.replaced += 1

    @rule(seconds=st.integers(1, 2400))
    def time_passes(self, seconds: int) -> None:
        self.w.later(seconds).heartbeat()

    @invariant()
    def records_equal_a_fold_from_scratch(self) -> None:
        for rec in self.w.sup.yard.containers.values():
            assert _same(rec, record_before(rec, 1 << 60))

    @invariant()
    def every_event_in_exactly_one_history(self) -> None:
        """...or forgotten with its container, which left the terminal (the retention)."""
        yard = self.w.sup.yard
        held = [h[1] for rec in yard.containers.values() for h in rec.history]
        kept = [e for e in self.equipment_ids if yard.forgotten_event(e) is None]
        assert sorted(held) == sorted(kept)

    @invariant()
    def slot_index_names_containers_in_that_slot(self) -> None:
        yard = self.w.sup.yard
        for key, ref in yard.slots.items():
            pos = yard.containers[ref].position
            assert pos is not None and pos.slot_key() == key

    @invariant()
    def stage_follows_the_last_moving_event(self) -> None:
        stage_of = {"DISC": ("discharged", "on_vehicle"), "PICK": ("on_vehicle",),
                    "DROP": ("in_slot",), "GTIN": ("gated_in",), "GTOT": ("gated_out",),
                    "LOAD": ("loaded",)}
        for rec in self.w.sup.yard.containers.values():
            moving = [h[2].event_type for h in rec.history if h[2].event_type in stage_of]
            if moving:
                assert rec.stage in stage_of[moving[-1]]

    @invariant()
    def one_alert_per_cause(self) -> None:
        alerts = list(self.w.alerts.alerts())
        keys = [(a.rule, a.subject, a.cause) for a in alerts]
        assert len(keys) == len(set(keys))


ContainerLife.TestCase.settings = settings(
    max_examples=25, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_container_life = ContainerLife.TestCase
