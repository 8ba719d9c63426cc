"""Strict JSON decoding for feed messages (protocol section "Hostile or broken input").

A message is refused, with a reason an installer can read, when it is larger
than 1 MiB, not UTF-8, not JSON, uses `NaN` or `Infinity`, repeats a key in
one object, nests deeper than 64 levels, or holds a number too large for a
double.  Decoding never raises anything but `JsonRejected`.

orjson does the parsing (it already refuses `NaN`/`Infinity` and infinite
numbers); duplicate keys are found by comparing the number of keys orjson
kept with the number of key tokens in the text, which costs one regular
expression pass and only runs its slow path when the counts differ.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

MAX_MESSAGE_BYTES = 1024 * 1024
MAX_DEPTH = 64

# Every JSON string token, and whether a colon follows it (then it is a key).
# Between tokens valid JSON has no quote, so matches stay aligned on tokens.
_STRING_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"(\s*:)?', re.DOTALL)


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
        text = str(exc)
        if "infinity" in text.lower() and "number" in text.lower():
            raise JsonRejected("bad_number", f"number out of range: {text}") from None
        if "depth" in text:
            raise JsonRejected("too_deep", f"nesting deeper than {MAX_DEPTH} levels") from None
        if "utf-8" in text.lower() or "surrogate" in text.lower():
            raise JsonRejected("bad_encoding", f"not valid UTF-8: {text}") from None
        if raw.lstrip()[:1] in (b"N", b"I", b"-") or b"NaN" in raw or b"Infinity" in raw:
            raise JsonRejected("bad_number", f"NaN or Infinity is not JSON: {text}") from None
        raise JsonRejected("bad_json", f"not valid JSON: {text}") from None
    kept = _check_depth_and_count_keys(value)
    if kept:
        written = sum(1 for m in _STRING_TOKEN.finditer(raw) if m.group(1) is not None)
        if written != kept:
            raise JsonRejected("duplicate_key", f"an object repeats a key ({_first_duplicate(raw)})")
    return value


def _check_depth_and_count_keys(value: Any) -> int:
    """Walk the decoded value: refuse nesting beyond MAX_DEPTH, return the number of keys."""
    keys = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > MAX_DEPTH:
                raise JsonRejected("too_deep", f"nesting deeper than {MAX_DEPTH} levels")
            keys += len(item)
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            if depth > MAX_DEPTH:
                raise JsonRejected("too_deep", f"nesting deeper than {MAX_DEPTH} levels")
            stack.extend((v, depth + 1) for v in item if isinstance(v, dict | list))
    return keys


def _first_duplicate(raw: bytes) -> str:
    """Name the first repeated key, using the standard library's pair hook (slow path only)."""
    import json

    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen and not found:
                found.append(k)
            seen.add(k)
        return dict(pairs)

    try:
        json.loads(raw, object_pairs_hook=hook)
    except (ValueError, RecursionError):
        return "key unknown"
    return repr(found[0]) if found else "key unknown"


def dumps(value: Any) -> bytes:
    """Encode compactly (the inverse of `loads` for anything `loads` accepts)."""
    return orjson.dumps(value)
