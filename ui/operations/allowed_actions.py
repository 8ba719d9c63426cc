"""Which proposals an alert's state allows: the panel never offers what would be refused.

The alert life (`console.alerts.operations`) allows acknowledging only an
unacknowledged alert, escalating an unacknowledged or acknowledged one, and
resolving any open one.  `allowed_proposals` drops the proposals the state
does not allow, keeping their order, so the first one (what Enter accepts)
is always something the desk will carry out.  Plain Python, no widgets.
"""

from __future__ import annotations

from collections.abc import Sequence

from ui.operations.case import Proposal

ACTIONS_BY_STATE: dict[str, frozenset[str]] = {
    "unacknowledged": frozenset({"acknowledge", "escalate", "resolve"}),
    "acknowledged": frozenset({"escalate", "resolve"}),
    "escalated": frozenset({"resolve"}),
    "shelved": frozenset({"resolve"}),
    "resolved": frozenset(),
}


def state_allows(state: str, action: str) -> bool:
    return action in ACTIONS_BY_STATE.get(state, frozenset())


def allowed_proposals(proposals: Sequence[Proposal], state: str) -> list[Proposal]:
    return [p for p in proposals if state_allows(state, p.action)]
