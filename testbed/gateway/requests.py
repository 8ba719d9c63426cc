"""Answers to a client's requests on one feed (protocol sections 2 and 6).

`layout_request` → `layout`; `replay_request` → the retained events of the
range (numbers above `last_seq` do not exist yet and are left out), followed
by an `error` `replay_unavailable` naming what could not be replayed;
`snapshot_request` → a fresh snapshot, split into parts; `correction` →
`correction_result`, decided once per `request_id` by the endpoint and
repeated verbatim when the same request is sent again.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from console.protocol.messages import (
    ClientMessage,
    Correction,
    LayoutRequest,
    ReplayRequest,
    SnapshotRequest,
)
from testbed.gateway.endpoint import FeedEndpoint
from testbed.gateway.session import encode
from testbed.gateway.snapshotparts import snapshot_messages

log = logging.getLogger("testbed.gateway.requests")

MAX_REMEMBERED_CORRECTIONS = 10_000


def _ranges(ranges: list[tuple[int, int]]) -> str:
    """`[(3, 5), (9, 9)]` → `"3-5, 9"`."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


class RequestHandler:
    """Turns one feed's client requests into encoded answers."""

    def __init__(
        self,
        endpoint: FeedEndpoint,
        *,
        snapshot_part_bytes: int,
        answers: OrderedDict[str, bytes],
    ) -> None:
        self.endpoint = endpoint
        self.snapshot_part_bytes = snapshot_part_bytes
        self._answers = answers

    def snapshot(self) -> list[bytes]:
        """The endpoint's state as of `log.last_seq`, as encoded snapshot messages."""
        return snapshot_messages(
            self.endpoint.snapshot(),
            seq=self.endpoint.log.last_seq,
            time=self.endpoint.now(),
            part_bytes=self.snapshot_part_bytes,
        )

    def answer(self, message: ClientMessage) -> list[bytes | Iterator[bytes]]:
        """The answer messages, in order; a replay's events as one lazy iterator."""
        if isinstance(message, LayoutRequest):
            return [self._layout()]
        if isinstance(message, ReplayRequest):
            return self._replay(message)
        if isinstance(message, SnapshotRequest):
            return list(self.snapshot())
        if isinstance(message, Correction):
            return [self._correction(message)]
        return []

    def _layout(self) -> bytes:
        body = self.endpoint.layout()
        if body is None:
            return encode({"type": "error", "code": "no_layout",
                           "message": "this feed has no layout"})
        return encode({"type": "layout", "version": self.endpoint.layout_version, "body": body})

    def _replay(self, request: ReplayRequest) -> list[bytes | Iterator[bytes]]:
        feed = self.endpoint.log
        if request.from_seq > feed.last_seq:
            return [encode({
                "type": "error",
                "code": "bad_request",
                "message": f"seq {request.from_seq} is beyond last_seq {feed.last_seq}",
            })]
        events, missing = feed.events_between(request.from_seq, request.to_seq)
        out: list[bytes | Iterator[bytes]] = []
        if events:
            out.append(encode(e) for e in events)
        if missing:
            out.append(encode({
                "type": "error",
                "code": "replay_unavailable",
                "message": f"cannot replay seq {_ranges(missing)} of epoch {feed.epoch}",
                "from_seq": request.from_seq,
                "to_seq": request.to_seq,
            }))
        return out

    def _correction(self, c: Correction) -> bytes:
        known = self._answers.get(c.request_id)
        if known is not None:
            return known
        try:
            decision: dict[str, Any] = self.endpoint.correct(c)
        except Exception as exc:
            log.exception("correction %s failed in the endpoint", c.request_id)
            decision = {"status": "rejected", "reason": f"gateway error: {exc}"}
        result: dict[str, Any] = {
            "type": "correction_result",
            "request_id": c.request_id,
            "status": decision.get("status"),
            "event_id": c.event_id,
        }
        if result["status"] == "accepted":
            result["replacement_id"] = decision.get("replacement_id")
        else:
            result["status"] = "rejected"
            result["reason"] = str(decision.get("reason") or "rejected")
        answer = encode(result)
        self._answers[c.request_id] = answer
        while len(self._answers) > MAX_REMEMBERED_CORRECTIONS:
            self._answers.popitem(last=False)
        return answer
