"""RFC 3339 times: the console's one reader and writer of them (docs/protocol.md, times).

On the wire and in the database every time is an RFC 3339 date-time with an
offset (`Z` or ±hh:mm); inside, the rules compare UTC seconds since the
epoch.  This module is the only place that turns one into the other:

- `is_rfc3339` is the protocol's check (a real calendar day, an offset);
- `parse_moment` / `parse_time` / `utc_micros` read strictly: a time without an
  offset, a date alone or any other ISO 8601 form is refused with a
  `TimeFormatError` that says what a good time looks like;
- `try_parse_time` is the fast, forgiving-by-None reader the fold uses (feeds
  send hundreds of reports stamped with the same second: it remembers the last);
- `format_time` (UTC, `Z`), `rfc3339` (a moment in its own offset),
  `now_rfc3339` (the console's clock), `terminal_time` (what an officer reads:
  the terminal's zone, UTC+8) write.

A leap second (`23:59:60`) is read as the first instant of the next minute,
as POSIX time has no room for it.
"""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta, timezone

TERMINAL_ZONE = timezone(timedelta(hours=8), "UTC+08:00")
EXAMPLE = "2026-11-28T20:01:02+08:00"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
# Ranges of month, day, hour, minute, second (60: leap second) and offset are in the pattern;
# only days 29-31 need a look at the calendar.
_TIME = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt](?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)"
    r"(?:\.\d{1,9})?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)\Z",
    re.ASCII,
)
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class TimeFormatError(ValueError):
    """Not an RFC 3339 time with an offset; the message shows what one looks like."""


def is_rfc3339(v: str) -> bool:
    """Is `v` an RFC 3339 date-time with an offset (`Z` or ±hh:mm), on a real calendar day?"""
    return _TIME.match(v) is not None and ((v[8] < "3" and v[8:10] != "29") or _day_ok(v))


def _day_ok(v: str) -> bool:
    """Days 29-31 exist in this month (and 29 February in this year)?"""
    year, month, day = int(v[:4]), int(v[5:7]), int(v[8:10])
    if day > _DAYS[month]:
        return False
    return month != 2 or day != 29 or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))


def parse_moment(text: str) -> datetime:
    """The aware `datetime` of an RFC 3339 time; `TimeFormatError` for anything else."""
    if type(text) is not str or not is_rfc3339(text):
        if type(text) is str and _looks_naive(text):
            raise TimeFormatError(f"{text!r} has no offset (add +08:00 or Z)")
        raise TimeFormatError(f"{text!r} is not a time like {EXAMPLE}")
    if text[10] == "t":
        text = text[:10] + "T" + text[11:]
    if text[-1] in "Zz":
        text = text[:-1] + "+00:00"
    leap = text[17:19] == "60"
    if leap:
        text = text[:17] + "59" + text[19:]
    moment = datetime.fromisoformat(text)
    return moment + timedelta(seconds=1) if leap else moment


def _looks_naive(text: str) -> bool:
    return _TIME.match(text + "Z") is not None


def parse_time(text: str) -> float:
    """Seconds since 1970-01-01T00:00:00Z of an RFC 3339 time; `TimeFormatError` if not one."""
    return parse_moment(text).timestamp()


def parse_micros(text: str) -> int:
    """Microseconds since 1970-01-01 UTC of an RFC 3339 time (exact integer arithmetic)."""
    return (parse_moment(text) - _EPOCH) // _MICROSECOND


def utc_micros(text: str | None) -> int | None:
    """Microseconds since 1970-01-01 UTC of a stored time (exact), None if it is none.

    The store's search column: the one reader that takes a time without an
    offset (which this console never writes, but a tool may have) as UTC
    rather than leave the row out of every time query.
    """
    if not text:
        return None
    if _looks_naive(text):
        text += "Z"
    try:
        return parse_micros(text)
    except TimeFormatError:
        return None


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
        value: float | None = parse_moment(text).timestamp()
    except TimeFormatError:
        value = None
    _last[0] = (text, value)
    return value


def format_time(seconds: float) -> str:
    """RFC 3339 in UTC with milliseconds, the form the console writes (`…T12:01:02.003Z`)."""
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def rfc3339(moment: datetime, timespec: str = "milliseconds") -> str:
    """An aware moment as RFC 3339 in its own offset (`…T20:01:02.003+08:00`)."""
    if moment.tzinfo is None:
        raise TimeFormatError(f"{moment!r} has no time zone; the console writes none such")
    return moment.isoformat(timespec=timespec)


def terminal_rfc3339(moment: datetime) -> str:
    """An aware moment as RFC 3339 at the terminal's offset (`…T20:01:02.123+08:00`)."""
    return rfc3339(moment.astimezone(TERMINAL_ZONE))


def local_rfc3339(seconds: float) -> str:
    """Seconds since the epoch as RFC 3339 in this workstation's zone, with milliseconds."""
    return rfc3339(datetime.fromtimestamp(seconds, UTC).astimezone())


def now_rfc3339() -> str:
    """The console clock, in this workstation's zone (`received_at`, `recorded_at`, …)."""
    return rfc3339(datetime.now(UTC).astimezone())


def terminal_time(value: str | float | None) -> str:
    """A time as the officer reads it: `YYYY-MM-DD HH:MM:SS` in the terminal's zone.

    Feeds write any offset (`Z`, `+08:00`); a desk that mixes them makes
    officers do arithmetic.  A missing time is `—`; an unreadable one is shown
    as written.
    """
    if value is None or value == "":
        return "—"
    seconds = try_parse_time(value) if isinstance(value, str) else float(value)
    if seconds is None:
        return str(value)
    moment = datetime.fromtimestamp(seconds, tz=UTC).astimezone(TERMINAL_ZONE)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def parse_time_arg(text: str) -> str:
    """A time typed on the command line, normalised; argparse reports anything else."""
    if len(text) > 10 and text[10] == " ":  # people type a space where the T goes
        text = text[:10] + "T" + text[11:]
    try:
        return parse_moment(text).isoformat()
    except TimeFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
