"""The one RFC 3339 module: strict reading, exact round trips, what officers read."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.timefmt import (
    TERMINAL_ZONE,
    TimeFormatError,
    format_time,
    is_rfc3339,
    parse_micros,
    parse_moment,
    parse_time,
    parse_time_arg,
    rfc3339,
    terminal_rfc3339,
    terminal_time,
    try_parse_time,
    utc_micros,
)

offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9998, 12, 30),
                       timezones=offsets)


@given(moments)
def test_written_times_read_back_to_the_same_microsecond(moment: datetime) -> None:
    text = rfc3339(moment, timespec="microseconds")
    assert is_rfc3339(text)
    assert parse_moment(text) == moment
    assert parse_micros(text) == utc_micros(text)
    assert parse_micros(text) == (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(
        microseconds=1)


@given(st.integers(0, 7_000_000_000_000))  # to the year 2191: float seconds stay exact to µs
def test_utc_milliseconds_round_trip(ms: int) -> None:
    seconds = ms / 1000
    text = format_time(seconds)
    assert text.endswith("Z") and is_rfc3339(text)
    assert -1e-6 < seconds - parse_time(text) < 1e-3 + 1e-6  # milliseconds: truncated
    assert format_time(parse_time(text)) == text


@given(moments)
def test_the_terminal_offset_keeps_the_instant(moment: datetime) -> None:
    text = terminal_rfc3339(moment)
    assert text.endswith("+08:00")
    assert abs(parse_moment(text) - moment) < timedelta(milliseconds=1)


@pytest.mark.parametrize("text", [
    "2026-11-28T20:01:02",  # no offset
    "2026-11-28",  # a date alone
    "20261128T200102Z",  # ISO 8601 basic form
    "2026-11-28T20:01Z",  # no seconds
    "2026-02-29T00:00:00Z",  # not a leap year
    "2026-11-31T00:00:00Z",
    "2026-11-28T24:00:00Z",
    "2026-11-28T20:01:02+8:00",
    "2026-11-28T20:01:02.Z",
    " 2026-11-28T20:01:02Z",
    "",
])
def test_anything_but_rfc3339_with_an_offset_is_refused(text: str) -> None:
    assert not is_rfc3339(text)
    with pytest.raises(TimeFormatError):
        parse_moment(text)
    assert try_parse_time(text) is None


def test_the_refusal_says_what_is_wrong() -> None:
    with pytest.raises(TimeFormatError, match=r"has no offset \(add \+08:00 or Z\)"):
        parse_time("2026-11-28T20:01:02")
    with pytest.raises(TimeFormatError, match="is not a time like 2026-11-28T20:01:02"):
        parse_time("yesterday")


def test_lower_case_letters_nanoseconds_and_a_leap_second() -> None:
    assert parse_time("2026-11-28t12:00:00z") == parse_time("2026-11-28T20:00:00+08:00")
    assert parse_micros("2026-11-28T12:00:00.123456789Z") % 1_000_000 == 123_456
    assert parse_time("2016-12-31T23:59:60Z") == parse_time("2017-01-01T00:00:00Z")


def test_the_stored_search_column_reads_an_offsetless_time_as_utc() -> None:
    assert utc_micros("2026-11-28T12:01:03.004") == utc_micros("2026-11-28T20:01:03.004+08:00")
    assert utc_micros(None) is None and utc_micros("soon") is None


def test_the_last_answer_is_remembered_and_still_right() -> None:
    a, b = "2026-11-28T20:00:00+08:00", "2026-11-28T20:00:01+08:00"
    assert try_parse_time(a) == try_parse_time(a) == parse_time(a)
    assert try_parse_time(b) == parse_time(a) + 1
    assert try_parse_time(None) is None


def test_officers_read_the_terminal_zone() -> None:
    assert terminal_time("2026-11-28T12:01:03Z") == "2026-11-28 20:01:03"
    assert terminal_time("2026-11-28T20:01:03+08:00") == "2026-11-28 20:01:03"
    assert terminal_time(None) == "—" and terminal_time("later") == "later"
    assert TERMINAL_ZONE.utcoffset(None) == timedelta(hours=8)


def test_command_line_times() -> None:
    assert parse_time_arg("2026-11-28T20:01:02Z") == "2026-11-28T20:01:02+00:00"
    assert parse_time_arg("2026-11-28 20:01:02+08:00") == "2026-11-28T20:01:02+08:00"
    with pytest.raises(argparse.ArgumentTypeError, match="has no offset"):
        parse_time_arg("2026-11-28T20:01:02")


def test_a_naive_moment_is_not_written() -> None:
    with pytest.raises(TimeFormatError):
        rfc3339(datetime(2026, 11, 28))
