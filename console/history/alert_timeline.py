"""Which alerts were open at a past moment, on the feed's clock.

An alert is raised at a feed time (`raised_at`: the time of the fact); the
officers' changes are stamped with the console's clock.  The two clocks may
differ (a simulation at 60x, a terminal clock a few seconds off), so a change
is placed on the feed clock by its delay after the alert's own `raise`
change: an alert acknowledged 95 s after it was raised shows acknowledged from
`raised_at + 95 s` in a replay.  Changes of an alert whose raise was not
recorded keep their console time.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from console.history.store import HistoryStore
from console.timefmt import parse_micros as _micros
from console.timefmt import utc_micros


@dataclass(frozen=True, slots=True)
class AlertAtMoment:
    alert_id: str
    rule: str
    severity: str
    subject: str
    state: str
    raised_at: str


@dataclass(slots=True)
class _Life:
    alert_id: str
    rule: str
    severity: str
    subject: str
    raised_at: str
    raised_us: int
    times: list[int] = field(default_factory=list)
    states: list[str] = field(default_factory=list)

    def state_at(self, at_us: int) -> str | None:
        """The alert's state at `at_us`, or None before it was raised."""
        if at_us < self.raised_us:
            return None
        i = bisect.bisect_right(self.times, at_us)
        return self.states[i - 1] if i > 0 else "unacknowledged"


class AlertTimeline:
    """Every alert's states over time, loaded once (alerts are few: thousands a month)."""

    def __init__(self, store: HistoryStore) -> None:
        self.lives: list[_Life] = []
        self._raised: list[int] = []
        self.loaded_changes = 0
        lives: dict[str, _Life] = {}
        for alert_id, rule, severity, subject, raised_at in store.alert_heads():
            raised_us = utc_micros(raised_at)
            if raised_us is not None:
                lives[alert_id] = _Life(alert_id, rule, severity, subject, raised_at, raised_us)
        raise_at: dict[str, int] = {}
        for alert_id, action, at, state in store.change_stamps():
            self.loaded_changes += 1
            life = lives.get(alert_id)
            if life is None:
                continue
            console_us = _micros(at)
            if action == "raise" and alert_id not in raise_at:
                raise_at[alert_id] = console_us
            base = raise_at.get(alert_id)
            at_us = life.raised_us + (console_us - base) if base is not None else console_us
            at_us = max(at_us, life.raised_us)
            if life.times and at_us < life.times[-1]:
                at_us = life.times[-1]
            life.times.append(at_us)
            life.states.append(state)
        self.lives = sorted(lives.values(), key=lambda life: life.raised_us)
        self._raised = [life.raised_us for life in self.lives]

    def open_at(self, at_us: int) -> list[AlertAtMoment]:
        """Alerts raised before `at_us` and not resolved at that moment, oldest first."""
        out: list[AlertAtMoment] = []
        for life in self.lives[: bisect.bisect_left(self._raised, at_us)]:
            state = life.state_at(at_us)
            if state is not None and state != "resolved":
                out.append(AlertAtMoment(life.alert_id, life.rule, life.severity, life.subject,
                                         state, life.raised_at))
        return out
