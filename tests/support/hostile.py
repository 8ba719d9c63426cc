"""Every kind of hostile or broken gateway message named in feed-protocol.md section 3.

`HOSTILE_FRAMES` are complete frames, to be sent as-is (as text frames) by
`Gateway.send_raw` or by a control command of the gateway process.  None of
them may be applied by the console, none may stop its feed.

`numbered_frame(name, seq)` is the same fault carried by a frame that holds
a real `seq` of the feed (put in the log with `FeedLog.append_frame`, so that
it is replayed like any event).  For the kinds in `UNREADABLE` the console
cannot trust that `seq` and must see the number as missing; for the others
(`CONSUMES_SEQ`) the envelope is readable, so the number is consumed and the
frame quarantined.  `BINARY_EVENT` is a valid event in a binary frame, which
the protocol does not allow (messages are text frames).

`broken_body` is different: its envelope is readable and numbered, so it must
consume its `seq`.  Sent as a raw frame its fixed `seq` is meaningless; to put
one in a live stream, append `BROKEN_EVENT_BODY` to the feed's log (the gateway
process does that for `hostile broken_body`), so that it is numbered, retained
and replayed like any event.
"""

from __future__ import annotations

from typing import Any

_EVENT_HEAD = (
    b'{"type":"event","seq":1,"id":"KHH-T7:HOSTILE:000000001","kind":"equipment",'
    b'"time":"2026-11-28T20:01:03.004+08:00","source":"HOSTILE",'
)

# Readable as an envelope, rejected as a body: wrong types, missing required fields.
BROKEN_EVENT_BODY: dict[str, Any] = {
    "eventType": "EQUIPMENT",
    "eventClassifierCode": 7,
    "equipmentEventTypeCode": ["GTOT"],
    "equipmentReference": None,
}


def _nested(depth: int) -> bytes:
    return b'{"type":"heartbeat","x":' + b"[" * depth + b"]" * depth + b"}"


def _too_big() -> bytes:
    filler = b"x" * (1024 * 1024 + 16)
    return b'{"type":"heartbeat","time":"2026-11-28T20:01:03.004+08:00","pad":"' + filler + b'"}'


HOSTILE_FRAMES: dict[str, bytes] = {
    "not_json": b'{"type": "event", "seq": 1, "id": ',
    "not_an_object": b'["event", 1]',
    "nan": _EVENT_HEAD + b'"body":{"eventType":"EQUIPMENT","grossWeight":NaN}}',
    "infinity": _EVENT_HEAD + b'"body":{"eventType":"EQUIPMENT","grossWeight":Infinity}}',
    "repeated_key": b'{"type":"heartbeat","last_seq":1,"last_seq":2,'
                    b'"time":"2026-11-28T20:01:03.004+08:00"}',
    "too_deep": _nested(70),
    "too_big": _too_big(),
    "bad_envelope": b'{"type":"event","seq":"seventeen","id":42,"kind":"equipment","body":{}}',
    "broken_body": _EVENT_HEAD + b'"body":{"eventType":"EQUIPMENT","eventClassifierCode":7,'
                   b'"equipmentEventTypeCode":["GTOT"],"equipmentReference":null}}',
    "unknown_type": b'{"type":"teleport","seq":5,"to":"Mars"}',
    "invalid_utf8": b'{"type":"heartbeat","time":"\xff\xfe\xc3\x28","last_seq":1}',
    "huge_number": b'{"type":"heartbeat","time":"2026-11-28T20:01:03.004+08:00","last_seq":1e400}',
    "lone_surrogate": b'{"type":"heartbeat","time":"2026-11-28T20:01:03\\ud800.004+08:00"}',
    "empty": b"",
}

BINARY_EVENT: bytes = _EVENT_HEAD + (
    b'"body":{"eventType":"EQUIPMENT","eventClassifierCode":"ACT",'
    b'"equipmentEventTypeCode":"GTOT","equipmentReference":"MSCU6639871"}}'
)

# Numbered hostile kinds whose seq the console cannot read (a hole), and those it can (consumed).
UNREADABLE = ("not_json", "nan", "infinity", "repeated_key", "too_deep", "too_big",
              "unknown_type", "invalid_utf8", "lone_surrogate", "huge_number", "empty",
              "binary")
CONSUMES_SEQ = ("bad_envelope", "broken_body", "unknown_kind")


def numbered_frame(name: str, seq: int) -> bytes:
    """The hostile kind `name` in a frame that carries `seq` (see the module docstring)."""
    head = (b'{"type":"event","seq":%d,"id":"KHH-T7:HOSTILE:%09d","kind":"equipment",'
            b'"time":"2026-11-28T20:01:03.004+08:00","source":"HOSTILE",' % (seq, seq))
    frames = {
        "not_json": head[:40],
        "nan": head + b'"body":{"eventType":"EQUIPMENT","grossWeight":NaN}}',
        "infinity": head + b'"body":{"eventType":"EQUIPMENT","grossWeight":-Infinity}}',
        "repeated_key": head + b'"seq":%d,"body":{"eventType":"EQUIPMENT"}}' % seq,
        "too_deep": head + b'"body":{"x":' + b"[" * 70 + b"]" * 70 + b"}}",
        "too_big": head + b'"body":{"pad":"' + b"x" * (1024 * 1024) + b'"}}',
        "unknown_type": b'{"type":"teleport","seq":%d,"to":"Mars"}' % seq,
        "invalid_utf8": head + b'"body":{"eventType":"\xff\xfe\xc3\x28"}}',
        "lone_surrogate": head + b'"body":{"eventType":"\\udc00"}}',
        "huge_number": head + b'"body":{"eventType":"EQUIPMENT","grossWeight":1e400}}',
        "empty": b"",
        "binary": BINARY_EVENT.replace(b'"seq":1,', b'"seq":%d,' % seq),
        "bad_envelope": b'{"type":"event","seq":%d,"id":42,"kind":"equipment","body":{}}' % seq,
        "broken_body": head + b'"body":{"eventType":"EQUIPMENT","eventClassifierCode":7,'
                       b'"equipmentEventTypeCode":["GTOT"],"equipmentReference":null}}',
        "unknown_kind": head.replace(b'"equipment"', b'"teleporter"') + b'"body":{"to":"Mars"}}',
    }
    return frames[name]
