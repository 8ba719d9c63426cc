"""Envelope messages of the feed protocol, both directions: the doc's examples and bad ones."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.protocol.messages import (
    CLIENT_NAME,
    Correction,
    CorrectionResult,
    ErrorMessage,
    EventEnvelope,
    Heartbeat,
    Hello,
    LayoutMessage,
    LayoutRequest,
    MessageRejected,
    ReplayRequest,
    SnapshotPart,
    SnapshotRequest,
    Welcome,
    hello,
    parse_client_message,
    parse_server_message,
)

T = "2026-11-28T20:01:03.004+08:00"

WELCOME = {"type": "welcome", "feed": "KHH-T7", "role": "terminal", "epoch": "9f1c",
           "first_seq": 1, "last_seq": 18240, "retained_from_seq": 12000, "heartbeat_s": 5,
           "layout_version": "2026-11-01", "server_time": "2026-11-28T20:01:02.120+08:00"}
EVENT = {"type": "event", "seq": 18241, "id": "KHH-T7:STS03:000918234", "kind": "equipment",
         "time": T, "source": "STS03", "body": {"eventID": "x"}}
SNAPSHOT = {
    "type": "snapshot", "seq": 18240, "time": T,
    "containers": [{"equipmentReference": "EGHU9012345", "ISOEquipmentCode": "45G1",
                    "emptyIndicatorCode": "LADEN",
                    "position": {"kind": "slot", "block": "A03", "bay": 12, "row": 4, "tier": 2},
                    "lastEventId": "e"}],
    "vehicles": [{"vehicleId": "SC17", "x": 512.3, "y": 210.8, "heading": 90.0, "speed": 4.2,
                  "carrying": "EGHU9012345"}],
    "clearances": [{"equipmentReference": "EGHU9012345", "status": "released"}],
    "devices": [{"deviceId": "CAM-R17-03", "state": "up"}],
}
HEARTBEAT = {"type": "heartbeat", "time": T, "last_seq": 18241}
LAYOUT = {"type": "layout", "version": "2026-11-01", "body": {"terminal": "KHH-T7", "blocks": []}}
ERROR = {"type": "error", "code": "bad_request", "message": "what went wrong", "request_id": "r1"}
ACCEPTED = {"type": "correction_result", "request_id": "c-7f2a", "status": "accepted",
            "event_id": "KHH-T7:G2:000441", "replacement_id": "KHH-T7:G2:000441#1"}
REJECTED = {"type": "correction_result", "request_id": "c-7f2a", "status": "rejected",
            "reason": "event is older than 24 h"}

HELLO = {"type": "hello", "client": "yard-console/1.0", "station": "WS-07",
         "resume": {"epoch": "9f1c", "after_seq": 18234}}
CORRECTION = {"type": "correction", "request_id": "c-7f2a", "event_id": "KHH-T7:G2:000441",
              "changes": {"equipmentReference": "EGHU9012345"}, "officer": "A123",
              "station": "WS-07", "alert_id": "a-1", "reason": "OCR misread 0/O"}


def _frame(m: dict[str, Any]) -> bytes:
    return json.dumps(m, ensure_ascii=False).encode()


def _without(m: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in m.items() if k != key}


# ----------------------------------------------------------------- server messages


def test_welcome() -> None:
    assert parse_server_message(_frame(WELCOME)) == Welcome(
        "KHH-T7", "terminal", "9f1c", 1, 18240, 12000, 5.0, "2026-11-01",
        "2026-11-28T20:01:02.120+08:00")
    clearance = parse_server_message(_frame(WELCOME | {"role": "clearance",
                                                       "layout_version": None}))
    assert isinstance(clearance, Welcome)
    assert clearance.role == "clearance" and clearance.layout_version is None


def test_event_keeps_its_raw_body_for_the_body_parser() -> None:
    env = parse_server_message(_frame(EVENT))
    assert env == EventEnvelope(18241, "KHH-T7:STS03:000918234", "equipment", T, "STS03",
                                {"eventID": "x"}, None)
    corrected = parse_server_message(_frame(EVENT | {"corrects": "KHH-T7:G2:000441"}))
    assert isinstance(corrected, EventEnvelope) and corrected.corrects == "KHH-T7:G2:000441"


def test_event_of_an_unknown_kind_is_still_numbered() -> None:
    """The body parser rejects the kind later; the envelope's seq is consumed either way."""
    env = parse_server_message(_frame(EVENT | {"kind": "weather"}))
    assert isinstance(env, EventEnvelope) and env.seq == 18241


def test_snapshot_single_and_in_parts() -> None:
    snap = parse_server_message(_frame(SNAPSHOT))
    assert isinstance(snap, SnapshotPart)
    assert (snap.seq, snap.part, snap.parts) == (18240, 1, 1)
    assert snap.containers == SNAPSHOT["containers"] and snap.devices == SNAPSHOT["devices"]
    part = parse_server_message(_frame(SNAPSHOT | {"part": 2, "parts": 3, "vehicles": None}))
    assert isinstance(part, SnapshotPart)
    assert (part.part, part.parts, part.vehicles) == (2, 3, [])
    empty = parse_server_message(_frame({"type": "snapshot", "seq": 0, "time": T}))
    assert empty == SnapshotPart(0, T, 1, 1, [], [], [], [])


def test_heartbeat_layout_error_and_correction_results() -> None:
    assert parse_server_message(_frame(HEARTBEAT)) == Heartbeat(T, 18241)
    assert parse_server_message(_frame({"type": "heartbeat"})) == Heartbeat(None, None)
    assert parse_server_message(_frame(LAYOUT)) == LayoutMessage(
        "2026-11-01", {"terminal": "KHH-T7", "blocks": []})
    assert parse_server_message(_frame(ERROR)) == ErrorMessage("bad_request", "what went wrong",
                                                               "r1")
    assert parse_server_message(_frame({"type": "error", "code": "replay_unavailable"})) == \
        ErrorMessage("replay_unavailable", "", None)
    assert parse_server_message(_frame(ACCEPTED)) == CorrectionResult(
        "c-7f2a", "accepted", "KHH-T7:G2:000441", "KHH-T7:G2:000441#1", None)
    assert parse_server_message(_frame(REJECTED)) == CorrectionResult(
        "c-7f2a", "rejected", None, None, "event is older than 24 h")


@pytest.mark.parametrize(
    ("message", "code", "fragment"),
    [
        (WELCOME | {"role": "customs"}, "schema", "unknown role 'customs'"),
        (WELCOME | {"heartbeat_s": 0}, "schema", "heartbeat_s"),
        (WELCOME | {"heartbeat_s": True}, "schema", "heartbeat_s"),
        (WELCOME | {"heartbeat_s": "5"}, "schema", "heartbeat_s"),
        (WELCOME | {"heartbeat_s": 7200}, "schema", "heartbeat_s"),
        (_without(WELCOME, "epoch"), "schema", "field 'epoch'"),
        (WELCOME | {"epoch": ""}, "schema", "field 'epoch'"),
        (WELCOME | {"last_seq": -1}, "schema", "field 'last_seq'"),
        (WELCOME | {"first_seq": 1.0}, "schema", "field 'first_seq'"),
        (WELCOME | {"server_time": "2026-11-28 20:01:02"}, "bad_time", "server_time"),
        (_without(EVENT, "seq"), "schema", "field 'seq'"),
        (EVENT | {"seq": 0}, "schema", "field 'seq'"),
        (EVENT | {"seq": True}, "schema", "field 'seq'"),
        (EVENT | {"seq": "18241"}, "schema", "field 'seq'"),
        (EVENT | {"seq": 2**70}, "schema", "field 'seq'"),
        (SNAPSHOT | {"part": 3, "parts": 2}, "schema", "snapshot part 3 of 2"),
        (SNAPSHOT | {"part": 0}, "schema", "field 'part'"),
        (SNAPSHOT | {"containers": {"a": 1}}, "schema", "field 'containers' must be a list"),
        (_without(SNAPSHOT, "seq"), "schema", "field 'seq'"),
        (HEARTBEAT | {"last_seq": -5}, "schema", "field 'last_seq'"),
        (HEARTBEAT | {"time": "yesterday"}, "bad_time", "field 'time'"),
        (LAYOUT | {"body": []}, "schema", "field 'body' must be an object"),
        (_without(ERROR, "code"), "schema", "field 'code'"),
        (ACCEPTED | {"status": "maybe"}, "schema", "unknown correction status 'maybe'"),
        (_without(ACCEPTED, "request_id"), "schema", "field 'request_id'"),
        ({"type": "welcomed"}, "unknown_type", "unknown message type 'welcomed'"),
        ({"seq": 5}, "unknown_type", "unknown message type None"),
        ({"type": ["event"]}, "unknown_type", "unknown message type"),
    ],
)
def test_bad_server_messages(message: dict[str, Any], code: str, fragment: str) -> None:
    with pytest.raises(MessageRejected) as info:
        parse_server_message(_frame(message))
    assert info.value.code == code
    assert fragment in info.value.reason
    assert info.value.seq is None


@pytest.mark.parametrize(
    ("change", "code", "fragment"),
    [
        ({"body": None}, "schema", "field 'body' must be an object"),
        ({"body": [1, 2]}, "schema", "field 'body' must be an object"),
        ({"id": None}, "schema", "field 'id'"),
        ({"id": "x" * 201}, "schema", "field 'id'"),
        ({"kind": 3}, "schema", "field 'kind'"),
        ({"time": None}, "schema", "field 'time'"),
        ({"time": "2026-11-28T20:01:03"}, "bad_time", "field 'time'"),
        ({"source": 17}, "schema", "field 'source'"),
        ({"corrects": ""}, "schema", "field 'corrects'"),
    ],
)
def test_numbered_event_with_a_bad_envelope_still_names_its_seq(
    change: dict[str, Any], code: str, fragment: str
) -> None:
    """So that the sequencer can consume the number and quarantine the message."""
    with pytest.raises(MessageRejected) as info:
        parse_server_message(_frame(EVENT | change))
    assert (info.value.code, info.value.seq) == (code, 18241)
    assert fragment in info.value.reason


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (b"[1, 2]", "not_object"),
        (b'"event"', "not_object"),
        (b"null", "not_object"),
        (b"{", "bad_json"),
        (b'{"type": "heartbeat", "type": "event"}', "duplicate_key"),
        (b'{"type": "heartbeat", "last_seq": NaN}', "bad_number"),
        (b'{"type": "heartbeat", "last_seq": 1e400}', "bad_number"),
        (b'{"type": "heartbeat", "time": "\xff"}', "bad_encoding"),
        (b'{"type": "layout", "body": ' + b"[" * 70 + b"]" * 70 + b"}", "too_deep"),
        (b'{"type": "heartbeat", "pad": "' + b"x" * (1 << 20) + b'"}', "too_big"),
    ],
)
def test_unreadable_frames_carry_the_decoders_code(frame: bytes, code: str) -> None:
    for parse in (parse_server_message, parse_client_message):
        with pytest.raises(MessageRejected) as info:
            parse(frame)
        assert info.value.code == code


def test_str_frames_are_accepted_too() -> None:
    assert parse_server_message(json.dumps(HEARTBEAT)) == Heartbeat(T, 18241)


# ----------------------------------------------------------------- client messages


def test_hello_with_and_without_resume() -> None:
    assert parse_client_message(_frame(HELLO)) == Hello("yard-console/1.0", "WS-07", "9f1c",
                                                        18234)
    for first in (_without(HELLO, "resume"), HELLO | {"resume": None}):
        assert parse_client_message(_frame(first)) == Hello("yard-console/1.0", "WS-07", None,
                                                            None)


def test_the_consoles_own_hello_is_what_a_gateway_reads() -> None:
    assert parse_client_message(_frame(hello("WS-07", "9f1c", 18234))) == Hello(
        CLIENT_NAME, "WS-07", "9f1c", 18234)
    assert parse_client_message(_frame(hello("WS-07", None, None))) == Hello(
        CLIENT_NAME, "WS-07", None, None)


def test_requests_and_correction() -> None:
    assert parse_client_message(_frame({"type": "layout_request"})) == LayoutRequest()
    assert parse_client_message(_frame({"type": "snapshot_request"})) == SnapshotRequest()
    assert parse_client_message(_frame({"type": "replay_request", "from_seq": 18235,
                                        "to_seq": 18240})) == ReplayRequest(18235, 18240)
    assert parse_client_message(_frame({"type": "replay_request", "from_seq": 7,
                                        "to_seq": 7})) == ReplayRequest(7, 7)
    assert parse_client_message(_frame(CORRECTION)) == Correction(
        "c-7f2a", "KHH-T7:G2:000441", {"equipmentReference": "EGHU9012345"}, "A123", "WS-07",
        "a-1", "OCR misread 0/O")


@pytest.mark.parametrize(
    ("message", "fragment"),
    [
        (HELLO | {"resume": "9f1c"}, "field 'resume' must be an object or null"),
        (HELLO | {"resume": {"epoch": "9f1c"}}, "field 'after_seq'"),
        (HELLO | {"resume": {"after_seq": 3}}, "field 'epoch'"),
        (_without(HELLO, "station"), "field 'station'"),
        (_without(HELLO, "client"), "field 'client'"),
        ({"type": "replay_request", "from_seq": 9, "to_seq": 3}, "to_seq is below from_seq"),
        ({"type": "replay_request", "from_seq": 0, "to_seq": 3}, "field 'from_seq'"),
        ({"type": "replay_request", "from_seq": 1}, "field 'to_seq'"),
        (CORRECTION | {"changes": {}}, "field 'changes' must be a non-empty object"),
        (CORRECTION | {"changes": ["x"]}, "field 'changes' must be a non-empty object"),
        (_without(CORRECTION, "request_id"), "field 'request_id'"),
        (_without(CORRECTION, "event_id"), "field 'event_id'"),
        (CORRECTION | {"officer": 123}, "field 'officer'"),
        ({"type": "event"}, "unknown message type 'event'"),
        ({"type": "welcome"}, "unknown message type 'welcome'"),
    ],
)
def test_bad_client_messages(message: dict[str, Any], fragment: str) -> None:
    with pytest.raises(MessageRejected) as info:
        parse_client_message(_frame(message))
    assert fragment in info.value.reason
    assert info.value.code in {"schema", "unknown_type"}


# ----------------------------------------------------------------- nothing else escapes

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10) | st.sampled_from([T, "event", "welcome", "terminal"]),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(
        st.sampled_from(["seq", "id", "kind", "time", "body", "part", "parts", "role",
                         "heartbeat_s", "resume", "changes", "status", "epoch"])
        | st.text(max_size=5), c, max_size=4),
    max_leaves=15,
)
TYPES = ["welcome", "event", "snapshot", "heartbeat", "layout", "error", "correction_result",
         "hello", "layout_request", "replay_request", "snapshot_request", "correction", "x"]
BASES = [WELCOME, EVENT, SNAPSHOT, HEARTBEAT, LAYOUT, ERROR, ACCEPTED, REJECTED, HELLO,
         CORRECTION]


@given(st.sampled_from(TYPES), st.dictionaries(st.text(max_size=12), json_values, max_size=6))
def test_any_object_is_a_message_or_a_rejection(kind: str, fields: dict[str, Any]) -> None:
    frame = _frame(fields | {"type": kind})
    for parse in (parse_server_message, parse_client_message):
        try:
            parse(frame)
        except MessageRejected as exc:
            assert exc.reason


@given(st.sampled_from(BASES), st.sampled_from(sorted({k for b in BASES for k in b})),
       json_values)
def test_one_field_changed_is_a_message_or_a_rejection(base: dict[str, Any], key: str,
                                                       value: Any) -> None:
    frame = _frame(base | {key: value})
    for parse in (parse_server_message, parse_client_message):
        try:
            parse(frame)
        except MessageRejected as exc:
            assert exc.reason
