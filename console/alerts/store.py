"""Where alerts live: the `AlertStore` interface.

The SQLite implementation and the tables' migrations are in
`console.store.office.alert_rows` (only `console.store` touches SQLite).  The
console itself keeps its alerts in the officer-side store
(`console.office.OfficeStore`, which is an `AlertStore`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from console.alerts.model import Alert, AlertChange


class AlertStore(Protocol):
    """Durable alerts.  Every write is one atomic transaction."""

    def record(self, changes: Sequence[AlertChange]) -> None:
        """Store the alerts as the changes leave them, and append the changes."""

    def get(self, alert_id: str) -> Alert | None:
        """One alert as it stands, or None."""

    def open_alerts(self) -> list[Alert]:
        """Every alert that is not resolved, oldest first."""

    def alerts(
        self, *, since: float | None = None, until: float | None = None,
        rule: str | None = None, state: str | None = None,
    ) -> Iterator[Alert]:
        """Alerts raised in [since, until) (feed time, seconds), filtered, oldest first."""

    def changes(self, alert_id: str | None = None) -> Iterator[AlertChange]:
        """Changes in the order they were made."""

    def close(self) -> None:
        """Release the database."""
