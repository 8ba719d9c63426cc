"""Envelope messages of the feed protocol (section 2), both directions.

`parse_server_message` is what the console applies to every frame the
gateway sends; `parse_client_message` is what a gateway (the simulator, the
test gateway) applies to every frame a client sends.  Both raise
`MessageRejected` with a plain reason for anything outside the protocol; the
bodies of events are checked separately by `console.protocol.bodies`, so that
an event whose envelope is readable but whose body is wrong still consumes its
`seq`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias

from console.layout import Layout, LayoutError, parse_layout
from console.protocol.body_fields import MAX_TEXT
from console.protocol.strictjson import JsonRejected, loads
from console.timefmt import is_rfc3339

SUBPROTOCOL = "yard-feed.v1"
CLIENT_NAME = "yard-console/1.0"

# Close codes (section 1).
CLOSE_NORMAL = 1000
CLOSE_GOING_AWAY = 1001
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_BAD_TOKEN = 4401
CLOSE_BAD_ADDRESS = 4403
CLOSE_DUPLICATE_STATION = 4409


class MessageRejected(ValueError):
    """A frame that breaks the protocol; `code` is machine-readable, `reason` is for people."""

    def __init__(self, code: str, reason: str, seq: int | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.seq = seq  # set when the envelope was numbered but the rest is wrong


@dataclass(frozen=True, slots=True)
class Welcome:
    feed: str
    role: str
    epoch: str
    first_seq: int
    last_seq: int
    retained_from_seq: int
    heartbeat_s: float
    layout_version: str | None
    server_time: str | None


@dataclass(frozen=True, slots=True)
class EventEnvelope:
    seq: int
    id: str
    kind: str
    time: str
    source: str | None
    body: Any  # raw; checked by console.protocol.bodies
    corrects: str | None


@dataclass(frozen=True, slots=True)
class SnapshotPart:
    seq: int
    time: str | None
    part: int
    parts: int
    containers: list[Any]
    vehicles: list[Any]
    clearances: list[Any]
    devices: list[Any]


@dataclass(frozen=True, slots=True)
class Heartbeat:
    time: str | None
    last_seq: int | None


@dataclass(frozen=True, slots=True)
class LayoutMessage:
    """A `layout` message: its body as received and the `Layout` read from it, once."""

    version: str | None
    body: dict[str, Any]
    layout: Layout = field(default_factory=Layout, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    code: str
    message: str
    request_id: str | None
    from_seq: int | None = None  # a `replay_unavailable` names the request it answers
    to_seq: int | None = None


@dataclass(frozen=True, slots=True)
class CorrectionResult:
    request_id: str
    status: str  # accepted rejected
    event_id: str | None
    replacement_id: str | None
    reason: str | None


ServerMessage: TypeAlias = (
    Welcome | EventEnvelope | SnapshotPart | Heartbeat | LayoutMessage | ErrorMessage
    | CorrectionResult
)


@dataclass(frozen=True, slots=True)
class Hello:
    client: str
    station: str
    resume_epoch: str | None
    resume_after_seq: int | None


@dataclass(frozen=True, slots=True)
class LayoutRequest:
    pass


@dataclass(frozen=True, slots=True)
class ReplayRequest:
    from_seq: int
    to_seq: int


@dataclass(frozen=True, slots=True)
class SnapshotRequest:
    pass


@dataclass(frozen=True, slots=True)
class Correction:
    request_id: str
    event_id: str
    changes: dict[str, Any]
    officer: str | None
    station: str | None
    alert_id: str | None
    reason: str | None


ClientMessage: TypeAlias = Hello | LayoutRequest | ReplayRequest | SnapshotRequest | Correction


# ---------------------------------------------------------------- field readers


def _obj(data: bytes | str) -> dict[str, Any]:
    try:
        value = loads(data)
    except JsonRejected as exc:
        raise MessageRejected(exc.code, exc.reason) from None
    if not isinstance(value, dict):
        raise MessageRejected("not_object", "a message must be one JSON object")
    return value


def _str(m: dict[str, Any], key: str, *, optional: bool = False) -> Any:
    v = m.get(key)
    if v is None and optional:
        return None
    if not isinstance(v, str) or not v or len(v) > MAX_TEXT:
        raise MessageRejected(
            "schema", f"field '{key}' must be a non-empty string of at most {MAX_TEXT} characters"
        )
    return v


def _time(m: dict[str, Any], key: str, *, optional: bool = False) -> Any:
    """A time field: RFC 3339 with an offset, since the timed rules run on the feed's clock."""
    v = _str(m, key, optional=optional)
    if v is not None and not is_rfc3339(v):
        raise MessageRejected(
            "bad_time", f"field '{key}' must be an RFC 3339 time with an offset, not {v!r:.60}"
        )
    return v


def _int(m: dict[str, Any], key: str, *, optional: bool = False, minimum: int = 0) -> Any:
    v = m.get(key)
    if v is None and optional:
        return None
    if not isinstance(v, int) or isinstance(v, bool) or v < minimum:
        raise MessageRejected("schema", f"field '{key}' must be an integer ≥ {minimum}")
    return v


def _list(m: dict[str, Any], key: str) -> list[Any]:
    v = m.get(key, [])
    if v is None:
        return []
    if not isinstance(v, list):
        raise MessageRejected("schema", f"field '{key}' must be a list")
    return v


def parse_server_message(data: bytes | str) -> ServerMessage:
    """Read one frame from a gateway, or raise `MessageRejected`."""
    m = _obj(data)
    kind = m.get("type")
    if kind == "event":
        seq = _int(m, "seq", minimum=1)
        try:
            body = m.get("body")
            if not isinstance(body, dict):
                raise MessageRejected("schema", "field 'body' must be an object")
            return EventEnvelope(
                seq=seq,
                id=_str(m, "id"),
                kind=_str(m, "kind"),
                time=_time(m, "time"),
                source=_str(m, "source", optional=True),
                body=body,
                corrects=_str(m, "corrects", optional=True),
            )
        except MessageRejected as exc:
            exc.seq = seq
            raise
    if kind == "heartbeat":
        return Heartbeat(
            time=_time(m, "time", optional=True), last_seq=_int(m, "last_seq", optional=True)
        )
    if kind == "snapshot":
        part = _int(m, "part", optional=True, minimum=1) or 1
        parts = _int(m, "parts", optional=True, minimum=1) or 1
        if part > parts:
            raise MessageRejected("schema", f"snapshot part {part} of {parts}")
        return SnapshotPart(
            seq=_int(m, "seq"),
            time=_time(m, "time", optional=True),
            part=part,
            parts=parts,
            containers=_list(m, "containers"),
            vehicles=_list(m, "vehicles"),
            clearances=_list(m, "clearances"),
            devices=_list(m, "devices"),
        )
    if kind == "welcome":
        hb = m.get("heartbeat_s")
        if not isinstance(hb, int | float) or isinstance(hb, bool) or not 0 < hb <= 3600:
            raise MessageRejected("schema", "field 'heartbeat_s' must be a positive number")
        role = _str(m, "role")
        if role not in ("terminal", "clearance"):
            raise MessageRejected("schema", f"unknown role {role!r}")
        return Welcome(
            feed=_str(m, "feed"),
            role=role,
            epoch=_str(m, "epoch"),
            first_seq=_int(m, "first_seq"),
            last_seq=_int(m, "last_seq"),
            retained_from_seq=_int(m, "retained_from_seq"),
            heartbeat_s=float(hb),
            layout_version=_str(m, "layout_version", optional=True),
            server_time=_time(m, "server_time", optional=True),
        )
    if kind == "layout":
        body = m.get("body")
        if not isinstance(body, dict):
            raise MessageRejected("schema", "field 'body' must be an object")
        version = _str(m, "version", optional=True)
        try:
            layout = parse_layout(body)
        except LayoutError as exc:
            raise MessageRejected("schema", str(exc)) from None
        if layout.version is None and version is not None:
            layout = replace(layout, version=version)  # the message's, when the body has none
        return LayoutMessage(version=version, body=body, layout=layout)
    if kind == "error":
        return ErrorMessage(
            code=_str(m, "code"),
            message=str(m.get("message") or ""),
            request_id=_str(m, "request_id", optional=True),
            from_seq=_int(m, "from_seq", optional=True, minimum=1),
            to_seq=_int(m, "to_seq", optional=True, minimum=1),
        )
    if kind == "correction_result":
        status = _str(m, "status")
        if status not in ("accepted", "rejected"):
            raise MessageRejected("schema", f"unknown correction status {status!r}")
        return CorrectionResult(
            request_id=_str(m, "request_id"),
            status=status,
            event_id=_str(m, "event_id", optional=True),
            replacement_id=_str(m, "replacement_id", optional=True),
            reason=_str(m, "reason", optional=True),
        )
    raise MessageRejected("unknown_type", f"unknown message type {kind!r:.60}")


def parse_client_message(data: bytes | str) -> ClientMessage:
    """Read one frame from a client, or raise `MessageRejected`."""
    m = _obj(data)
    kind = m.get("type")
    if kind == "hello":
        resume = m.get("resume")
        epoch = after = None
        if resume is not None:
            if not isinstance(resume, dict):
                raise MessageRejected("schema", "field 'resume' must be an object or null")
            epoch = _str(resume, "epoch")
            after = _int(resume, "after_seq")
        return Hello(
            client=_str(m, "client"),
            station=_str(m, "station"),
            resume_epoch=epoch,
            resume_after_seq=after,
        )
    if kind == "layout_request":
        return LayoutRequest()
    if kind == "snapshot_request":
        return SnapshotRequest()
    if kind == "replay_request":
        a, b = _int(m, "from_seq", minimum=1), _int(m, "to_seq", minimum=1)
        if b < a:
            raise MessageRejected("schema", "to_seq is below from_seq")
        return ReplayRequest(from_seq=a, to_seq=b)
    if kind == "correction":
        changes = m.get("changes")
        if not isinstance(changes, dict) or not changes:
            raise MessageRejected("schema", "field 'changes' must be a non-empty object")
        return Correction(
            request_id=_str(m, "request_id"),
            event_id=_str(m, "event_id"),
            changes=changes,
            officer=_str(m, "officer", optional=True),
            station=_str(m, "station", optional=True),
            alert_id=_str(m, "alert_id", optional=True),
            reason=_str(m, "reason", optional=True),
        )
    raise MessageRejected("unknown_type", f"unknown message type {kind!r:.60}")


def hello(station: str, epoch: str | None, after_seq: int | None) -> dict[str, Any]:
    resume = {"epoch": epoch, "after_seq": after_seq} if epoch is not None else None
    return {"type": "hello", "client": CLIENT_NAME, "station": station, "resume": resume}
