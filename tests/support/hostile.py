"""Every kind of hostile or broken gateway message named in feed-protocol.md section 3.

`HOSTILE_FRAMES` are complete frames, to be sent as-is (as text frames) by
`Gateway.send_raw` or by a control command of the gateway process.  None of
them may be applied by the console, none may stop its feed.

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
}
