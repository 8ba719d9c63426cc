"""Hypothesis: any order of raises, clears and officer actions keeps the alert life whole.

Invariants after every step: one alert per (rule, subject, cause); each stored
alert equals the state its latest recorded change left; the change log only
grows and never rewrites its past; the in-memory open set matches the store;
a refused action changes nothing; a restarted book sees the same open alerts.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from console.alerts import operations as ops
from console.alerts.book import AlertBook
from console.alerts.model import AlertChange, AlertTransitionError, alert_id
from console.store.office.alert_rows import SqliteAlertStore

RULES = ["GATE_OUT_WITHOUT_RELEASE", "FENCE_INTRUSION", "DEVICE_DOWN"]
SUBJECTS = ["EGHU0000019", "F-N-07"]
CAUSES = ["e1", "e2", "e3"]
RESOLUTIONS = list(ops.OFFICER_RESOLUTIONS)


class AlertLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._dir = tempfile.TemporaryDirectory()
        self.path = Path(self._dir.name) / "alerts.db"
        self.store = SqliteAlertStore(self.path)
        self.wall = 1_800_000_000.0
        self.book = AlertBook(self.store, lambda: self.wall)
        self.raised: set[tuple[str, str, str]] = set()
        self.log: list[AlertChange] = []

    def teardown(self) -> None:
        self.store.close()
        self._dir.cleanup()

    @rule(r=st.sampled_from(RULES), s=st.sampled_from(SUBJECTS), c=st.sampled_from(CAUSES))
    def raise_alert(self, r: str, s: str, c: str) -> None:
        changes = self.book.raise_alert(rule=r, severity="high", subject=s, cause=c,
                                        feed="KHH-T7", event_id=c, raised_at="2026-11-28T20:00Z")
        raised = [ch for ch in changes if ch.action == "raise"]
        if (r, s, c) in self.raised:
            assert raised == []
        for ch in raised:
            assert ch.alert.alert_id == alert_id(r, s, c)
            self.raised.add((r, s, c))

    @precondition(lambda self: bool(self.raised))
    @rule(data=st.data(), action=st.sampled_from(
        ["ack", "resolve", "shelve", "unshelve", "escalate", "comment", "reopen", "clear"]))
    def act(self, data: st.DataObject, action: str) -> None:
        key = data.draw(st.sampled_from(sorted(self.raised)))
        aid = alert_id(*key)
        before = self.store.get(aid)
        count = len(list(self.store.changes()))
        officer = {"who": "A123", "station": "WS-07"}
        try:
            if action == "ack":
                ops.acknowledge(self.book, aid, why="taking it", **officer)
            elif action == "resolve":
                ops.resolve(self.book, aid, data.draw(st.sampled_from(RESOLUTIONS)), **officer)
            elif action == "shelve":
                ops.shelve(self.book, aid, data.draw(st.integers(1, 480)), "broker", **officer)
            elif action == "unshelve":
                ops.unshelve(self.book, aid, **officer)
            elif action == "escalate":
                ops.escalate(self.book, aid, **officer)
            elif action == "comment":
                ops.comment(self.book, aid, "noted", **officer)
            elif action == "reopen":
                ops.reopen(self.book, aid, **officer)
            else:
                assert before is not None
                self.book.clear([before], "condition gone")
        except AlertTransitionError:
            assert self.store.get(aid) == before
            assert len(list(self.store.changes())) == count

    @rule(minutes=st.integers(1, 600))
    def time_passes(self, minutes: int) -> None:
        self.wall += minutes * 60
        ops.expire_shelves(self.book, self.wall)

    @invariant()
    def one_alert_per_cause(self) -> None:
        stored = list(self.store.alerts())
        assert {(a.rule, a.subject, a.cause) for a in stored} == self.raised
        assert len(stored) == len(self.raised)

    @invariant()
    def each_alert_is_what_its_last_change_left(self) -> None:
        last = {}
        for ch in self.store.changes():
            last[ch.alert.alert_id] = ch.alert
        for a in self.store.alerts():
            assert last[a.alert_id] == a

    @invariant()
    def the_log_only_grows(self) -> None:
        now = list(self.store.changes())
        assert now[: len(self.log)] == self.log
        self.log = now

    @invariant()
    def open_set_matches_the_store(self) -> None:
        assert self.book.open == {a.alert_id: a for a in self.store.open_alerts()}
        assert all(a.state != "shelved" or (a.shelved_until or 0) > self.wall
                   for a in self.book.open.values())

    @invariant()
    def groups_stay_with_their_rule_and_subject(self) -> None:
        every = {a.alert_id: a for a in self.store.alerts()}
        for a in every.values():
            head = every[a.group_id]
            assert (head.rule, head.subject) == (a.rule, a.subject)

    @invariant()
    def a_restart_sees_the_same_open_alerts(self) -> None:
        assert set(AlertBook(self.store).open) == set(self.book.open)


AlertLife.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_alert_life = AlertLife.TestCase
