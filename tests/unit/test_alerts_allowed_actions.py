"""The alert life as a table: from an alert's state, which actions are allowed, and to what.

`tests/unit/test_alerts_stateful.py` checks that nothing is ever lost or rewritten; it
accepts any refusal.  This machine knows the rules of supervision-rules.md
("Alert life") and fails when an allowed action is refused, when a refused one
goes through, or when an action leaves the alert in the wrong state.
"""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from console.alerts import operations as ops
from console.alerts.book import SELF_RESOLVING
from console.alerts.model import Alert, AlertTransitionError, alert_id
from tests.unit.test_alerts_stateful import RESOLUTIONS, AlertLife

# What each officer action needs of the alert's state (supervision-rules.md, "Alert life").
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "acknowledge": frozenset({"unacknowledged"}),
    "resolve": frozenset({"unacknowledged", "acknowledged", "shelved", "escalated"}),
    "shelve": frozenset({"unacknowledged", "acknowledged", "escalated"}),
    "unshelve": frozenset({"shelved"}),
    "escalate": frozenset({"unacknowledged", "acknowledged"}),
    "comment": frozenset({"unacknowledged", "acknowledged", "resolved", "shelved", "escalated"}),
    "reopen": frozenset({"resolved"}),
}
# The state each action leaves (comment leaves the state as it was).
LEAVES: dict[str, str | None] = {
    "acknowledge": "acknowledged", "resolve": "resolved", "shelve": "shelved",
    "unshelve": "unacknowledged", "escalate": "escalated", "comment": None,
    "reopen": "unacknowledged",
}


class AlertActionsByState(AlertLife):
    @precondition(lambda self: bool(self.raised))
    @rule(data=st.data(), action=st.sampled_from(sorted(ALLOWED_FROM)))
    def act(self, data: st.DataObject, action: str) -> None:
        key = data.draw(st.sampled_from(sorted(self.raised)))
        aid = alert_id(*key)
        before = self.store.get(aid)
        assert before is not None
        count = len(list(self.store.changes()))
        officer = {"who": "A123", "station": "WS-07"}
        resolution = data.draw(st.sampled_from(RESOLUTIONS))
        minutes = data.draw(st.integers(1, 480))
        allowed = before.state in ALLOWED_FROM[action]
        try:
            if action == "acknowledge":
                changes = ops.acknowledge(self.book, aid, why="taking it", **officer)
            elif action == "resolve":
                changes = ops.resolve(self.book, aid, resolution, **officer)
            elif action == "shelve":
                changes = ops.shelve(self.book, aid, minutes, "broker", **officer)
            elif action == "unshelve":
                changes = ops.unshelve(self.book, aid, **officer)
            elif action == "escalate":
                changes = ops.escalate(self.book, aid, **officer)
            elif action == "comment":
                changes = ops.comment(self.book, aid, "noted", **officer)
            else:
                changes = ops.reopen(self.book, aid, **officer)
        except AlertTransitionError as exc:
            assert not allowed, f"{action} of a {before.state} alert was refused: {exc}"
            assert self.store.get(aid) == before
            assert len(list(self.store.changes())) == count
            return
        assert allowed, f"{action} of a {before.state} alert went through"
        after = self.store.get(aid)
        assert after is not None
        assert changes[0].alert == after and changes[0].action == action
        assert (changes[0].who, changes[0].station) == ("A123", "WS-07")
        assert after.state == (LEAVES[action] or before.state)
        assert (after.rule, after.subject, after.cause) == (before.rule, before.subject,
                                                           before.cause)
        self._check_fields(action, before, after, resolution, minutes)
        assert len(list(self.store.changes())) == count + len(changes)

    def _check_fields(self, action: str, before: Alert, after: Alert, resolution: str,
                      minutes: int) -> None:
        if action == "resolve":
            assert after.resolution == resolution and after.shelved_until is None
        elif action == "shelve":
            assert after.shelved_until == self.wall + minutes * 60
        elif action == "unshelve":
            assert after.shelved_until is None
        elif action == "reopen":
            assert after.resolution is None
        elif action == "comment":
            assert after == dataclasses.replace(before, changed_at=after.changed_at)
        assert after.cleared == before.cleared

    @precondition(lambda self: bool(self.raised))
    @rule(data=st.data())
    def clear(self, data: st.DataObject) -> None:
        """A clear marks the alert cleared once; a second clear records nothing."""
        aid = alert_id(*data.draw(st.sampled_from(sorted(self.raised))))
        before = self.store.get(aid)
        assert before is not None
        count = len(list(self.store.changes()))
        changes = self.book.clear([before], "condition gone")
        after = self.store.get(aid)
        assert after is not None and after.cleared
        if before.cleared:
            assert changes == [] and after == before
            assert len(list(self.store.changes())) == count
            return
        (change,) = changes
        assert change.action == "clear" and change.alert == after
        if before.rule in SELF_RESOLVING and before.is_open:
            assert (after.state, after.resolution) == ("resolved", "cleared")
            assert after.shelved_until is None
        else:
            assert (after.state, after.resolution) == (before.state, before.resolution)


AlertActionsByState.TestCase.settings = settings(
    max_examples=60, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_alert_actions_by_state = AlertActionsByState.TestCase
