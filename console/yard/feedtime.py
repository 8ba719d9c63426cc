"""Feed times: RFC 3339 strings on the wire, seconds since the epoch inside.

The timed rules compare times from different sources, so every time is turned
into one number (UTC seconds) as soon as it is read.  A time without an offset
is read as UTC rather than rejected: the parser has already refused bodies that
break the protocol, and a rule must never stop a feed.
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(text: str) -> float:
    """Seconds since 1970-01-01T00:00:00Z for an RFC 3339 string (`Z` or an offset)."""
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


_last: list[tuple[str, float | None]] = [("", None)]


def try_parse_time(text: str | None) -> float | None:
    """`parse_time`, or None for a missing or unreadable time.

    Feeds send bursts of messages stamped with the same time (hundreds of
    position reports a second), so the last answer is remembered.
    """
    if not text:
        return None
    last = _last[0]
    if last[0] == text:
        return last[1]
    try:
        value: float | None = parse_time(text)
    except ValueError:
        value = None
    _last[0] = (text, value)
    return value


def format_time(seconds: float) -> str:
    """RFC 3339 in UTC with milliseconds, the form the console writes."""
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
