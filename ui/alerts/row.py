"""One line of the alert queue, read from an alert change's JSON form.

The queue reads `AlertChange.to_json()` (the same dictionary the headless
mode prints) rather than the core's classes, so the window and the headless
JSON can never disagree about what an alert is.  The 3-minute handling target
is counted on the console's clock: from the `changed_at` of the first change
the window sees (for a new alert, its raising), or from the moment the window
first saw it when that time is missing or implausible.  `raised_at` is the
feed's clock (a replay or a fast simulation is far from the wall clock), so
it is shown but never counted from.

A row keeps its first change (the raising) and its last `HISTORY_KEPT`
changes: a group head counts every repeat with a change, so a flapping fence
segment would otherwise grow one row without end.  `history_omitted` says how
many changes in between were let go; the store keeps them all (the history
window shows them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from console.timefmt import try_parse_time
from ui import severity as sev

TARGET_S = 180.0
WARN_S = 60.0
HISTORY_KEPT = 50  # latest changes a row keeps, besides its first


@dataclass(slots=True)
class AlertRow:
    alert_id: str
    rule: str
    severity: str
    subject: str
    state: str
    cleared: bool
    feed: str
    event_id: str | None
    raised_at: str
    repeats: int = 0
    group_id: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    started: float = 0.0  # wall-clock seconds the countdown runs from
    history_omitted: int = 0  # changes between the first and the kept ones, let go

    @classmethod
    def from_json(cls, d: dict[str, Any], now: float | None = None) -> AlertRow:
        now = time.time() if now is None else now
        changed = try_parse_time(d.get("changed_at"))
        started = changed if changed is not None and now - 7 * 86400 < changed <= now + 1 else now
        row = cls(
            alert_id=str(d["alert_id"]), rule=str(d.get("rule", "")),
            severity=str(d.get("severity", "low")), subject=str(d.get("subject", "")),
            state=str(d.get("state", "unacknowledged")), cleared=bool(d.get("cleared", False)),
            feed=str(d.get("feed", "")), event_id=d.get("event_id"),
            raised_at=str(d.get("raised_at", "")), started=started,
        )
        row.update(d)
        return row

    def update(self, d: dict[str, Any]) -> None:
        self.state = str(d.get("state", self.state))
        self.cleared = bool(d.get("cleared", self.cleared))
        self.severity = str(d.get("severity", self.severity))
        self.repeats = int(d.get("repeats", self.repeats) or 0)
        self.group_id = str(d.get("group_id", self.group_id) or "")
        if d.get("detail"):
            self.detail = dict(d["detail"])
        self.history.append(d)
        if len(self.history) > HISTORY_KEPT + 1:
            del self.history[1]
            self.history_omitted += 1

    @property
    def is_open(self) -> bool:
        return self.state != "resolved"

    @property
    def heads_group(self) -> bool:
        return not self.group_id or self.group_id == self.alert_id

    @property
    def needs_countdown(self) -> bool:
        return self.state == "unacknowledged"

    def seconds_left(self, now: float | None = None) -> float:
        now = time.time() if now is None else now
        return self.started + TARGET_S - now

    def sort_key(self) -> tuple[int, float, str]:
        return (sev.rank(self.severity), self.started, self.alert_id)
