"""`strictjson.loads` against a reference built only on the standard library.

The reference says what the protocol means ("Hostile or broken input"): UTF-8
only, no NaN/Infinity, no repeated key in one object, at most 64 levels, at
most 1 MiB, no number beyond a double, no lone surrogate.  For every text the
two must agree on accept/reject, and on the decoded value when they accept.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from console.protocol import strictjson
from console.protocol.strictjson import MAX_DEPTH, MAX_MESSAGE_BYTES, JsonRejected

REJECT = object()


class _Refused(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise _Refused("duplicate key")
    return dict(pairs)


def _constant(name: str) -> Any:
    raise _Refused(f"constant {name}")


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _Refused("number too large for a double")
    return value


def _int(text: str) -> int | float:
    value = int(text)
    if -(2**63) <= value < 2**64:
        return value
    try:
        return float(value)  # beyond 64 bits the decoder gives a double, as orjson does
    except OverflowError:
        raise _Refused("number too large for a double") from None


def _deep_or_bad_strings(value: Any, depth: int = 0) -> bool:
    if isinstance(value, dict | list):
        if depth + 1 > MAX_DEPTH:
            return True
        items = list(value.items()) if isinstance(value, dict) else [(None, v) for v in value]
        for k, v in items:
            if k is not None and _bad_string(k):
                return True
            if _deep_or_bad_strings(v, depth + 1):
                return True
        return False
    return isinstance(value, str) and _bad_string(value)


def _bad_string(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True  # a lone surrogate escape (\\ud800) names no character
    return False


def reference(data: bytes) -> Any:
    """The standard library's reading of the protocol's rules; REJECT or the value."""
    if len(data) > MAX_MESSAGE_BYTES:
        return REJECT
    try:
        text = data.decode("utf-8")
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                           parse_float=_float, parse_int=_int)
    except (UnicodeDecodeError, ValueError, RecursionError, _Refused):
        return REJECT
    if _deep_or_bad_strings(value):
        return REJECT
    return value


def strict(data: bytes) -> Any:
    try:
        return strictjson.loads(data)
    except JsonRejected as exc:
        assert exc.code in {"too_big", "bad_json", "bad_number", "too_deep", "bad_encoding",
                            "duplicate_key"}
        assert exc.reason
        return REJECT


def same(a: Any, b: Any) -> bool:
    """Equal values, with 0.0 and -0.0 told apart and ints only equal to ints."""
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float):
        return isinstance(b, float) and a == b and math.copysign(1, a) == math.copysign(1, b)
    return type(a) is type(b) and a == b


def assert_agree(data: bytes) -> None:
    expected, got = reference(data), strict(data)
    if expected is REJECT or got is REJECT:
        assert (expected is REJECT) == (got is REJECT), (data[:200], expected, got)
    else:
        assert same(expected, got), (data[:200], expected, got)


# ----------------------------------------------------------------- generated texts

scalars = (
    st.none() | st.booleans() | st.integers() | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
    | st.sampled_from(['"', '\\"', "a:b", "\\u0061", "\ud7ff", "😀"])
)
keys = st.text(max_size=6) | st.sampled_from(['"', 'a"b', "\\", ":", "a", "\\u0061"])


def _pairs_strategy(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Objects as lists of pairs, so that keys may repeat."""
    return st.lists(st.tuples(keys, children), max_size=4).map(_Obj)


class _Obj(list):  # type: ignore[type-arg]
    pass


values = st.recursive(
    scalars, lambda c: st.lists(c, max_size=4) | _pairs_strategy(c), max_leaves=20
)


def _encode(v: Any, ascii_only: bool, space: str) -> str:
    if isinstance(v, _Obj):
        inner = f",{space}".join(
            f"{json.dumps(k, ensure_ascii=ascii_only)}:{space}{_encode(x, ascii_only, space)}"
            for k, x in v
        )
        return "{" + inner + "}"
    if isinstance(v, list):
        return "[" + f",{space}".join(_encode(x, ascii_only, space) for x in v) + "]"
    return json.dumps(v, ensure_ascii=ascii_only)


@st.composite
def json_texts(draw: st.DrawFn) -> bytes:
    text = _encode(draw(values), draw(st.booleans()), draw(st.sampled_from(["", " ", "\n\t"])))
    return text.encode("utf-8", "surrogatepass")


@st.composite
def mutated_texts(draw: st.DrawFn) -> bytes:
    """Valid texts with hostile pieces put in: bad bytes, constants, huge numbers, junk."""
    data = bytearray(draw(json_texts()))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        piece = draw(st.sampled_from([
            b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xef\xbb\xbf",
            b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e309", b"1.7976931348623159e308",
            b"123456789012345678901234567890", b"18446744073709551616", b"9" * 400,
            b'"', b"\\", b",", b":", b"{", b"}", b"[", b"]", b"\x00", b"\\ud800", b'"\\u0000"',
            b'"a":1,', b"\\u003a", b" ",
        ]))
        mode = draw(st.sampled_from(["insert", "replace", "delete"]))
        if mode == "insert":
            data[at:at] = piece
        elif mode == "replace":
            data[at:at + len(piece)] = piece
        else:
            del data[at:at + draw(st.integers(1, 3))]
    return bytes(data)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(json_texts())
@example(b'{"a":1,"a":2}')
@example(b'{"a":1,"\\u0061":2}')
@example(b'{"a\\"b":1,"a\\"b":2}')
@example(b'{"x":{"t":"20:01:03","t":"20:01:04"}}')
@example(b'{"\\u003a":1,":":2}')
@example(b'{"\\\\u":1,"\\\\u":2}')
@example(b'{"a":"\\\\","b":"\\"","a":0}')
@example(b'[{"k":1},{"k":2}]')
def test_generated_json_texts_agree(data: bytes) -> None:
    assert_agree(data)


@pytest.mark.slow
@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_texts())
@example(b"NaN")
@example(b"[Infinity]")
@example(b"-Infinity")
@example(b'{"a": NaN}')
@example(b"1e400")
@example(b"-1e400")
@example(b"1.7976931348623157e308")
@example(b"1.7976931348623159e308")
@example(b"1e-400")
@example(b"123456789012345678901234567890")
@example(b"18446744073709551615")
@example(b"-9223372036854775808")
@example(b"-9223372036854775809")
@example(b"9" * 5000)
@example(b"-0")
@example(b"-0.0")
@example(b'"\xff"')
@example(b'"\xed\xa0\x80"')
@example(b'"\\ud800"')
@example(b'"\\udc00\\ud800"')
@example(b'"\\ud83d\\ude00"')
@example(b"\xef\xbb\xbf{}")
@example(b"")
@example(b"   ")
@example(b"[1,]")
@example(b"01")
@example(b'"\x7f"')
@example(b'"\x1f"')
@example(b"\x00")
@example(b" 1 ")
@example(b"1 2")
def test_hostile_texts_agree(data: bytes) -> None:
    assert_agree(data)


@pytest.mark.parametrize("depth", [1, 2, 63, 64, 65, 66, 200, 1023, 1024, 1025, 5000])
@pytest.mark.parametrize("opener", ["[", '{"k":'])
def test_nesting_depth_limit(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    data = (opener * depth + "0" + closer * depth).encode()
    assert_agree(data)
    assert (strict(data) is REJECT) == (depth > MAX_DEPTH)


def test_depth_counts_mixed_nesting_and_brackets_inside_strings() -> None:
    data = ('{"a":' * 40 + "[" * 24 + '"[[[[{{{{"' + "]" * 24 + "}" * 40).encode()
    assert strict(data) is not REJECT
    assert_agree(data)
    data = ('{"a":' * 40 + "[" * 25 + "1" + "]" * 25 + "}" * 40).encode()
    assert strict(data) is REJECT
    assert_agree(data)


def test_size_limit_is_one_mebibyte() -> None:
    filler = MAX_MESSAGE_BYTES - len(b'{"a":""}')
    at_limit = b'{"a":"' + b"x" * filler + b'"}'
    assert len(at_limit) == MAX_MESSAGE_BYTES
    assert_agree(at_limit)
    assert strict(at_limit) == {"a": "x" * filler}
    over = b'{"a":"' + b"x" * (filler + 1) + b'"}'
    assert_agree(over)
    with pytest.raises(JsonRejected) as info:
        strictjson.loads(over)
    assert info.value.code == "too_big"


def test_large_message_with_many_colons_and_a_late_duplicate() -> None:
    """Close to the limit: 20,000 objects with times in them, the last one repeating a key."""
    item = b'{"t":"2026-11-28T20:01:03+08:00","n":1}'
    body = b",".join([item] * 20_000)
    assert_agree(b"[" + body + b"]")
    bad = b"[" + body + b',{"t":"x","t":"y"}]'
    assert_agree(bad)
    with pytest.raises(JsonRejected) as info:
        strictjson.loads(bad)
    assert info.value.code == "duplicate_key"
    assert "'t'" in info.value.reason


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'{"a":1,"a":2}', "duplicate_key"),
        (b'{"a":1,"\\u0061":2}', "duplicate_key"),
        (b"[NaN]", "bad_number"),
        (b"-Infinity", "bad_number"),
        (b"1e400", "bad_number"),
        (b'"\xff"', "bad_encoding"),
        (b'"\\ud800"', "bad_encoding"),
        (b"[" * 65 + b"]" * 65, "too_deep"),
        (b"[" * 2000 + b"]" * 2000, "too_deep"),
        (b"{", "bad_json"),
        (b'{"NaN": "Infinity",}', "bad_json"),
        (b"", "bad_json"),
    ],
)
def test_rejections_carry_a_code(data: bytes, code: str) -> None:
    with pytest.raises(JsonRejected) as info:
        strictjson.loads(data)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


@given(st.text(max_size=40))
def test_str_input_is_read_as_its_utf8(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert same(strict(text.encode("utf-8", "surrogatepass")), strict(data))
    try:
        got = strictjson.loads(text)
    except JsonRejected:
        got = REJECT
    assert same(got, strict(data))


@given(values)
def test_dumps_is_the_inverse_of_loads(value: Any) -> None:
    plain = reference(_encode(value, True, "").encode())
    if plain is REJECT:
        return
    assert same(strictjson.loads(strictjson.dumps(plain)), plain)
