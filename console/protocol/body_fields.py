"""Typed readers for the fields of event bodies, raising `BodyRejected` with the field's path.

Every reader takes the object, the key, what the body is ("equipment
event") and the path of the object inside the body ("payload.", "" at the
top), so that a rejection names the field exactly as it is written on the
wire: `equipment event: field 'transportCall.vessel.vesselIMONumber' must be
a string`.  The paths are only put together when something is wrong; the
readers are on the ingest path (tens of thousands of events a second) and do
as little as they can when all is well.
"""

from __future__ import annotations

import math
from typing import Any, Literal, NoReturn, overload

from console.timefmt import is_rfc3339

MAX_TEXT = 200  # identifiers, codes, names, free text
MAX_URL = 2000  # image links may carry signatures


class BodyRejected(ValueError):
    """A body outside the protocol.

    `code` is for machines (`schema`, `bad_time`, `unknown_shape`, `unknown_kind`);
    `reason` is for people and names the field as written on the wire.
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def fail(what: str, path: str, key: str, problem: str, code: str = "schema") -> NoReturn:
    """Reject the body, naming field `path + key` and what is wrong with it."""
    raise BodyRejected(code, f"{what}: field '{path}{key}' {problem}")


def _missing_or(what: str, path: str, key: str, value: Any, expected: str) -> NoReturn:
    if value is None:
        fail(what, path, key, "is missing")
    fail(what, path, key, f"must be {expected}, not {_show(value)}")


def req_str(d: dict[str, Any], key: str, what: str, path: str = "",
            *, allow_empty: bool = False, limit: int = MAX_TEXT) -> str:
    """A required string of 1 to `limit` characters (0 allowed with `allow_empty`)."""
    v = d.get(key)
    if type(v) is str and len(v) <= limit and (v or allow_empty):
        return v
    if type(v) is str:
        if not v:
            fail(what, path, key, "must not be empty")
        fail(what, path, key, f"is longer than {limit} characters")
    _missing_or(what, path, key, v, "a string")


def opt_str(d: dict[str, Any], key: str, what: str, path: str = "",
            *, limit: int = MAX_TEXT) -> str | None:
    """An optional string of at most `limit` characters; absent or null gives None."""
    v = d.get(key)
    if v is None or (type(v) is str and len(v) <= limit):
        return v
    if type(v) is str:
        fail(what, path, key, f"is longer than {limit} characters")
    fail(what, path, key, f"must be a string, not {_show(v)}")


@overload
def enum(d: dict[str, Any], key: str, allowed: frozenset[str], what: str, path: str = "",
         *, required: Literal[True] = True) -> str: ...
@overload
def enum(d: dict[str, Any], key: str, allowed: frozenset[str], what: str, path: str = "",
         *, required: bool) -> str | None: ...
def enum(d: dict[str, Any], key: str, allowed: frozenset[str], what: str, path: str = "",
         *, required: bool = True) -> str | None:
    """A string that must be one of `allowed` (absent allowed when not `required`)."""
    v = d.get(key)
    if type(v) is str and v in allowed:
        return v
    if v is None:
        if not required:
            return None
        fail(what, path, key, "is missing")
    fail(what, path, key, f"must be one of {', '.join(sorted(allowed))}, not {_show(v)}")


@overload
def time(d: dict[str, Any], key: str, what: str, path: str = "",
         *, required: Literal[True] = True) -> str: ...
@overload
def time(d: dict[str, Any], key: str, what: str, path: str = "",
         *, required: bool) -> str | None: ...
def time(d: dict[str, Any], key: str, what: str, path: str = "",
         *, required: bool = True) -> str | None:
    """An RFC 3339 time with an offset, kept exactly as sent; naive times are refused."""
    v = d.get(key)
    if v is None and not required:
        return None
    if type(v) is str:
        if is_rfc3339(v):
            return v
        fail(what, path, key,
             f"must be an RFC 3339 time with an offset (2026-11-28T20:01:03+08:00), not {_show(v)}",
             "bad_time")
    _missing_or(what, path, key, v, "an RFC 3339 time string")


def opt_number(d: dict[str, Any], key: str, what: str, path: str = "",
               *, minimum: float | None = None, maximum: float | None = None) -> float | None:
    """An optional finite number (int or float, never bool) as a float, within the bounds."""
    v = d.get(key)
    if v is None:
        return None
    return _number(v, key, what, path, minimum, maximum)


def req_number(d: dict[str, Any], key: str, what: str, path: str = "",
               *, minimum: float | None = None, maximum: float | None = None) -> float:
    """A required finite number (int or float, never bool) as a float, within the bounds."""
    v = d.get(key)
    if v is None:
        fail(what, path, key, "is missing")
    return _number(v, key, what, path, minimum, maximum)


def _number(v: Any, key: str, what: str, path: str,
            minimum: float | None, maximum: float | None) -> float:
    t = type(v)
    if t is float:
        f: float = v
        if not math.isfinite(f):
            fail(what, path, key, f"must be a finite number, not {_show(v)}")
    elif t is int:
        try:
            f = float(v)
        except OverflowError:
            fail(what, path, key, "is a number too large")
    else:
        fail(what, path, key, f"must be a number, not {_show(v)}")
    if (minimum is not None and f < minimum) or (maximum is not None and f > maximum):
        fail(what, path, key, f"must be between {minimum} and {maximum}, not {_show(v)}")
    return f


def opt_int(d: dict[str, Any], key: str, what: str, path: str = "",
            *, minimum: int = 0, maximum: int = 99_999) -> int | None:
    """An optional integer (never bool, never 3.0) within the bounds."""
    v = d.get(key)
    if v is None:
        return None
    if type(v) is int and minimum <= v <= maximum:
        return v
    fail(what, path, key, f"must be an integer from {minimum} to {maximum}, not {_show(v)}")


def opt_bool(d: dict[str, Any], key: str, what: str, path: str = "") -> bool | None:
    """An optional JSON boolean (0, 1 and strings are refused)."""
    v = d.get(key)
    if v is None or v is True or v is False:
        return v
    fail(what, path, key, f"must be true or false, not {_show(v)}")


def opt_obj(d: dict[str, Any], key: str, what: str, path: str = "") -> dict[str, Any] | None:
    """An optional nested object; absent or null gives None."""
    v = d.get(key)
    if v is None or type(v) is dict:
        return v
    fail(what, path, key, f"must be an object, not {_show(v)}")


def opt_list(d: dict[str, Any], key: str, what: str, path: str = "",
             *, limit: int = 1000) -> list[Any]:
    """An optional list of at most `limit` items; absent or null gives an empty list."""
    v = d.get(key)
    if v is None:
        return []
    if type(v) is list and len(v) <= limit:
        return v
    if type(v) is list:
        fail(what, path, key, f"has more than {limit} items")
    fail(what, path, key, f"must be a list, not {_show(v)}")


def str_items(items: list[Any], key: str, what: str, path: str = "") -> tuple[str, ...]:
    """A list whose items must all be non-empty strings of at most MAX_TEXT characters."""
    for i, s in enumerate(items):
        if type(s) is not str or not s or len(s) > MAX_TEXT:
            fail(what, path, f"{key}[{i}]", f"must be a non-empty string, not {_show(s)}")
    return tuple(items)


def item_obj(items: list[Any], i: int, key: str, what: str, path: str) -> dict[str, Any]:
    """Item `i` of list `key`, which must be an object."""
    v = items[i]
    if type(v) is dict:
        return v
    fail(what, path, f"{key}[{i}]", f"must be an object, not {_show(v)}")


STR, INT, WEIGHT = 1, 2, 3  # kinds of optional field for `check_optional`


def check_optional(d: dict[str, Any], spec: dict[str, int], what: str, path: str = "") -> None:
    """Check the optional fields of `spec` that are present in `d`, in one pass.

    `spec` maps a key to STR (a string of at most MAX_TEXT), INT (an integer
    0-99999) or WEIGHT (a finite number >= 0); null is always allowed.  The
    caller then reads the fields with plain `d.get`: for small objects with
    many optional fields this is what keeps the ingest path fast.  Keys not
    in `spec` are ignored.
    """
    for k, v in d.items():
        kind = spec.get(k)
        if kind is None or v is None:
            continue
        t = type(v)
        if kind == STR:
            if t is not str or len(v) > MAX_TEXT:
                opt_str(d, k, what, path)
        elif kind == INT:
            if t is not int or not 0 <= v <= 99_999:
                opt_int(d, k, what, path)
        elif t is float:
            if not 0.0 <= v < math.inf:
                opt_number(d, k, what, path, minimum=0.0)
        elif t is not int or not 0 <= v <= 2**53:
            opt_number(d, k, what, path, minimum=0.0)  # big ints that fit a double pass
