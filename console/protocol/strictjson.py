"""Strict JSON decoding for feed messages (protocol section "Hostile or broken input").

A message is refused, with a reason an installer can read, when it is larger
than 1 MiB, not UTF-8, not JSON, uses `NaN` or `Infinity`, repeats a key in
one object, nests deeper than 64 levels, or holds a number too large for a
double.  Decoding never raises anything but `JsonRejected`.

orjson does the parsing (it already refuses `NaN`/`Infinity`, infinite
numbers and lone surrogates).  Two checks orjson cannot do are added without
walking the decoded value in Python on the common path:

- Depth: a text with at most 64 opening brackets cannot nest deeper than 64;
  only texts with more are walked.
- Duplicate keys: orjson keeps the last of repeated keys.  Every key written
  carries one colon, and colons inside strings survive decoding unchanged
  unless spelled as a `\\u` escape, so when the text has no `\\u` escape and
  as many colons as the re-encoded value, no key was dropped.  Otherwise the
  standard library, with a hook that sees every key, decides.

Integers beyond 64 bits are decoded as (rounded) floats, as orjson does.
"""

from __future__ import annotations

from itertools import chain, compress
from typing import Any

import orjson

MAX_MESSAGE_BYTES = 1024 * 1024
MAX_DEPTH = 64


class JsonRejected(ValueError):
    """A message that is not strict JSON; `reason` says why in plain words."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def loads(data: bytes | str) -> Any:
    """Decode one message strictly, or raise `JsonRejected`."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > MAX_MESSAGE_BYTES:
        raise JsonRejected(
            "too_big", f"message of {len(raw)} bytes exceeds the 1 MiB limit"
        )
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _classify(str(exc), raw) from None
    if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH:
        _check_depth(value)
    if b":" in raw and (b"\\u" in raw or raw.count(b":") != orjson.dumps(value).count(b":")):
        duplicate = _first_duplicate(raw)
        if duplicate is not None:
            raise JsonRejected("duplicate_key", f"an object repeats a key ({duplicate!r})")
    return value


def _classify(text: str, raw: bytes) -> JsonRejected:
    """Turn orjson's complaint into a code and a reason an installer can act on."""
    lowered = text.lower()
    if "infinity when parsed" in lowered:
        return JsonRejected("bad_number", f"number out of range: {text}")
    if "depth" in lowered or "recursion" in lowered:
        return JsonRejected("too_deep", f"nesting deeper than {MAX_DEPTH} levels")
    if "utf-8" in lowered or "surrogate" in lowered:
        return JsonRejected("bad_encoding", f"not valid UTF-8: {text}")
    if (b"NaN" in raw or b"Infinity" in raw) and _first_error_is_constant(raw):
        return JsonRejected("bad_number", f"NaN or Infinity is not JSON: {text}")
    return JsonRejected("bad_json", f"not valid JSON: {text}")


class _Constant(Exception):
    pass


def _first_error_is_constant(raw: bytes) -> bool:
    """Does the standard library, reading in order, meet NaN or Infinity first?"""
    import json

    def constant(name: str) -> Any:
        raise _Constant(name)

    try:
        json.loads(raw, parse_constant=constant)
    except _Constant:
        return True
    except (ValueError, RecursionError):
        return False
    return False


_CONTAINERS = frozenset((dict, list))


def _check_depth(value: Any) -> None:
    """Refuse a value whose arrays and objects nest deeper than MAX_DEPTH (top level is 1).

    Level by level; the containers of the next level are picked out of all the values
    of this one by type (orjson decodes to plain `dict` and `list`), with iterator tools
    rather than a Python loop per value: a snapshot part holds ~5,000 objects."""
    level = [value] if isinstance(value, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise JsonRejected("too_deep", f"nesting deeper than {MAX_DEPTH} levels")
        values = list(chain.from_iterable(
            [item.values() if isinstance(item, dict) else item for item in level]))
        level = list(compress(values, map(_CONTAINERS.__contains__, map(type, values))))


def _first_duplicate(raw: bytes) -> str | None:
    """The first key repeated within one object, or None (the slow, exact path)."""
    import json

    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if not found:
            seen: set[str] = set()
            for k, _ in pairs:
                if k in seen:
                    found.append(k)
                    break
                seen.add(k)
        return dict(pairs)

    try:
        json.loads(raw, object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return None
    return found[0] if found else None


def dumps(value: Any) -> bytes:
    """Encode compactly (the inverse of `loads` for anything `loads` accepts)."""
    return orjson.dumps(value)
