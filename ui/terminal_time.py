"""Times as the officer reads them: in the terminal's zone, whatever zone a feed wrote.

Feeds write RFC 3339 with any offset (`Z`, `+08:00`); a desk that mixes them
makes officers do arithmetic.  Every time the case shows goes through
`terminal_time`, which writes it in the terminal's zone (Kaohsiung, UTC+8)
as `YYYY-MM-DD HH:MM:SS`.  An unreadable time is shown as written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from console.yard.feedtime import try_parse_time

TERMINAL_ZONE = timezone(timedelta(hours=8), "UTC+08:00")


def terminal_time(value: str | float | None) -> str:
    if value is None or value == "":
        return "—"
    seconds = try_parse_time(value) if isinstance(value, str) else float(value)
    if seconds is None:
        return str(value)
    moment = datetime.fromtimestamp(seconds, tz=UTC).astimezone(TERMINAL_ZONE)
    return moment.strftime("%Y-%m-%d %H:%M:%S")
