"""The feed session state machine on its own: messages in, the actions it asks for out.

No socket and no database: each test gives a `FeedSession` a welcome and
frames as a gateway would send them (events made by the test gateway's
content, snapshots by the gateway's own encoder), moves its clock, and reads
what it asked to be done: requests sent, batches handed to the store, states
reported (docs/protocol.md section 2, "Gaps, duplicates, order").
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from console.feed.session import BINARY_REASON, FeedSession, Reconnect, resumes
from console.feed.status import CLAIM_WORDS, FeedStatus
from console.layout import Layout
from console.model import FeedEvent
from console.protocol import messages as m
from console.protocol.strictjson import MAX_MESSAGE_BYTES
from console.store.base import FeedCursor, WriteBatch
from testbed.gateway.snapshotparts import snapshot_messages
from tests.support.gateway import TestGateway

URL = "wss://gateway.test/terminal"


class Actions:
    """Records, in order, everything the session asks for."""

    def __init__(self) -> None:
        self.log: list[tuple[str, Any]] = []
        self.batches: list[WriteBatch] = []  # every batch handed over (`take` keeps them)

    def send(self, message: dict[str, Any]) -> None:
        self.log.append(("send", message))

    def submit(self, batch: WriteBatch) -> None:
        self.log.append(("submit", batch))
        self.batches.append(batch)

    def status(self, status: FeedStatus) -> None:
        self.log.append(("status", status))

    def heartbeat(self, time: str) -> None:
        self.log.append(("heartbeat", time))

    def layout(self, layout: Layout) -> None:
        self.log.append(("layout", layout))

    def correction_result(self, result: m.CorrectionResult) -> None:
        self.log.append(("correction_result", result))

    def gateway_error(self, error: m.ErrorMessage) -> None:
        self.log.append(("gateway_error", error))

    def take(self) -> list[tuple[str, Any]]:
        out, self.log = self.log, []
        return out

    def of(self, kind: str) -> list[Any]:
        return [value for k, value in self.log if k == kind]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Rig:
    """A session on a terminal feed, the gateway content behind it, and a clock."""

    def __init__(self, role: str = "terminal") -> None:
        self.gw = TestGateway(role=role)
        self.out = Actions()
        self.clock = Clock()
        self.session = FeedSession("KHH-T7", URL, self.out, clock=self.clock)

    def welcome(self, **changes: Any) -> m.Welcome:
        log = self.gw.log
        fields: dict[str, Any] = {
            "type": "welcome", "feed": log.name, "role": log.role, "epoch": log.epoch,
            "first_seq": log.first_seq, "last_seq": log.last_seq,
            "retained_from_seq": log.retained_from_seq, "heartbeat_s": 5,
            "layout_version": None, "server_time": None,
        }
        fields.update(changes)
        return self.session.read_welcome(orjson.dumps(fields), True)

    def events(self, n: int) -> list[dict[str, Any]]:
        return self.gw.emit(n)

    def frame(self, message: dict[str, Any] | bytes, text: bool = True) -> None:
        raw = message if isinstance(message, bytes) else orjson.dumps(message)
        self.session.handle(raw, text)

    def snapshot(self, seq: int) -> None:
        for raw in snapshot_messages(self.gw.snapshot(), seq=seq, time=self.gw.now()):
            self.session.handle(raw, True)

    def resumed_at(self, seq: int) -> None:
        """Begin a session that resumes after event `seq` (nothing asked for but a layout)."""
        cursor = FeedCursor("KHH-T7", self.gw.log.epoch, seq)
        self.session.begin(self.welcome(), cursor)
        self.out.take()

    def stored(self) -> list[WriteBatch]:
        """Every batch handed to the store, after handing over what is pending."""
        self.session.flush()
        return self.out.batches


def seqs(batches: list[WriteBatch]) -> list[int]:
    return [e.seq for b in batches for e in b.events]


def statuses(out: Actions) -> list[tuple[str, str | None]]:
    return [(s.state, s.detail) for s in out.of("status")]


def test_a_first_connection_waits_for_the_snapshot_then_stores_what_follows_it() -> None:
    rig = Rig()
    early = rig.events(3)
    opening = rig.session.begin(rig.welcome(), None)
    assert opening == [{"type": "layout_request"}]
    assert statuses(rig.out) == [("connected", "waiting for a snapshot (first connection)")]
    rig.out.take()
    later = rig.events(4)
    for envelope in early[2:] + later[:2]:  # events around the snapshot, before it is complete
        rig.frame(envelope)
    assert rig.out.log == []  # nothing stored before the snapshot
    rig.snapshot(seq=early[-1]["seq"])
    for envelope in later[2:]:
        rig.frame(envelope)
    actions = rig.out.take()
    kinds = [k for k, _ in actions]
    assert kinds == ["submit", "status"]  # the snapshot with its cursor, then the state
    snap_batch = actions[0][1]
    assert [s.seq for _, s in snap_batch.snapshots] == [3]
    assert snap_batch.cursors == [FeedCursor("KHH-T7", rig.gw.log.epoch, 3)]
    assert actions[1][1].state == "snapshot"
    snap = snap_batch.snapshots[0][1]
    assert actions[1][1].detail == (
        f"state of {len(snap.containers)} containers, {len(snap.vehicles)} vehicles, "
        f"{len(snap.devices)} devices as of event 3")
    batches = rig.stored()[1:]
    assert seqs(batches) == [e["seq"] for e in later]  # event 3 is in the snapshot: not again
    assert batches[-1].cursors == [FeedCursor("KHH-T7", rig.gw.log.epoch, 7)]


def test_a_resumed_session_stores_in_order_and_drops_duplicates() -> None:
    rig = Rig()
    sent = rig.events(6)
    cursor = FeedCursor("KHH-T7", rig.gw.log.epoch, 2)
    assert resumes(cursor, rig.welcome())
    rig.session.begin(rig.welcome(), cursor)
    assert statuses(rig.out) == [("resumed", "resumed after event 2")]
    rig.out.take()
    for envelope in sent[1:] + sent[2:4]:  # 2, 3..6, then 3 and 4 again
        rig.frame(envelope)
    assert rig.out.of("send") == []
    assert seqs(rig.stored()) == [3, 4, 5, 6]
    assert rig.session.counters.duplicates == 3
    counters = rig.session.counters
    assert counters.last_event_at is not None  # feed health: when the last event came
    assert counters.last_event_at == counters.last_message_at == 100.0


def test_a_cursor_from_another_epoch_or_beyond_the_window_does_not_resume() -> None:
    rig = Rig()
    rig.events(3)
    welcome = rig.welcome()
    assert not resumes(FeedCursor("KHH-T7", "an-older-epoch", 2), welcome)
    assert not resumes(FeedCursor("KHH-T7", welcome.epoch, 9), welcome)
    rig.session.begin(welcome, FeedCursor("KHH-T7", "an-older-epoch", 2))
    assert statuses(rig.out) == [
        ("connected", "waiting for a snapshot (the gateway started a new numbering (epoch))")]


def test_a_hole_is_asked_for_once_and_filled_by_the_replay() -> None:
    rig = Rig()
    sent = rig.events(6)
    rig.resumed_at(1)
    for envelope in (sent[1], sent[3], sent[4]):  # 2, then 4 and 5: 3 is missing
        rig.frame(envelope)
    assert rig.out.of("send") == [{"type": "replay_request", "from_seq": 3, "to_seq": 3}]
    rig.frame(sent[5])  # one more held event: no second request
    assert len(rig.out.of("send")) == 1
    rig.frame(sent[2])  # the replay
    assert rig.session.recovery is None
    assert seqs(rig.stored()) == [2, 3, 4, 5, 6]
    assert rig.session.counters.gaps == 0
    assert rig.session.counters.events == 5


def test_an_unfilled_hole_asks_for_a_snapshot_and_then_becomes_a_permanent_gap() -> None:
    rig = Rig()
    sent = rig.events(5)
    rig.resumed_at(1)
    for envelope in (sent[1], sent[3], sent[4]):  # 3 never comes
        rig.frame(envelope)
    rig.out.take()
    rig.clock.now += 0.5
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)  # not late yet
    assert rig.out.log == []
    rig.clock.now += 1.0
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)
    assert rig.out.of("send") == [{"type": "snapshot_request"}]
    rig.out.take()
    rig.clock.now += 1.5
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)  # nor a snapshot: given up
    assert statuses(rig.out) == [("gap", "event 3 is missing for good (the gateway neither "
                                  "replayed them nor sent a snapshot covering them)")]
    batches = rig.out.batches
    assert [(g.from_seq, g.to_seq) for b in batches for g in b.gaps] == [(3, 3)]
    assert seqs(batches) == [2, 4, 5]
    assert batches[-1].cursors == [FeedCursor("KHH-T7", rig.gw.log.epoch, 5)]


def test_replay_unavailable_records_the_gap_at_once_and_asks_for_the_state_around_it() -> None:
    rig = Rig()
    sent = rig.events(6)
    rig.resumed_at(1)
    rig.frame(sent[1])
    rig.frame(sent[5])  # 3-5 missing
    assert rig.out.of("send") == [{"type": "replay_request", "from_seq": 3, "to_seq": 5}]
    rig.out.take()
    rig.frame({"type": "error", "code": "replay_unavailable", "message": "trimmed",
               "from_seq": 3, "to_seq": 5})
    assert rig.out.of("send") == [{"type": "snapshot_request"}]
    assert statuses(rig.out) == [
        ("gap", "events 3–5 are missing for good (the gateway no longer holds them)")]
    assert seqs(rig.stored()) == [2, 6]


def test_a_heartbeat_claiming_events_that_never_come_is_a_false_claim_not_a_gap() -> None:
    rig = Rig()
    sent = rig.events(3)
    rig.resumed_at(0)
    for envelope in sent:
        rig.frame(envelope)
    rig.frame({"type": "heartbeat", "time": "2026-12-03T08:00:00.000+08:00", "last_seq": 9})
    assert rig.out.of("heartbeat") == ["2026-12-03T08:00:00.000+08:00"]
    assert rig.out.of("send") == [{"type": "replay_request", "from_seq": 4, "to_seq": 9}]
    rig.out.take()
    rig.clock.now += 2
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)
    (claim,) = rig.out.of("status")
    assert claim.state == "resumed"  # the state stays; the words say what happened
    assert claim.detail.startswith(f"{CLAIM_WORDS}: it announced event 9, but sent nothing "
                                   "after event 3 when asked (1 time so far)")
    assert claim.extra == {"false_claims": 1, "claimed_seq": 9}
    batches = rig.stored()
    assert [g for b in batches for g in b.gaps] == []
    assert seqs(batches) == [1, 2, 3]


def test_a_mid_session_snapshot_supersedes_the_holes_it_was_asked_for() -> None:
    rig = Rig()
    sent = rig.events(6)
    rig.resumed_at(1)
    rig.frame(sent[1])
    rig.frame(sent[4])  # 3 and 4 missing; 5 held
    rig.clock.now += 2
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)
    assert rig.out.of("send")[-1] == {"type": "snapshot_request"}
    rig.out.take()
    rig.snapshot(seq=5)
    assert rig.session.recovery is None  # what was asked for is settled by the snapshot
    states = statuses(rig.out)
    assert states[0] == ("gap", "events 3–4 are missing for good (the gateway did not replay "
                         "them; its snapshot supersedes them)")
    assert states[-1][0] == "snapshot"
    rig.frame(sent[5])
    assert rig.session.recovery is None
    assert seqs(rig.stored()) == [2, 5, 6]


def test_rejected_frames_are_quarantined_with_their_reason_and_a_numbered_one_keeps_its_seq(
) -> None:
    rig = Rig()
    sent = rig.events(3)
    rig.resumed_at(0)
    rig.frame(sent[0])
    rig.frame(orjson.dumps(sent[1]), text=False)  # a binary frame: refused whatever it holds
    broken = dict(sent[1], body={"equipmentReference": 42})
    rig.frame(broken)
    rig.frame(sent[2])
    rig.frame(b'{"type": "event", "seq": ')
    assert rig.out.of("send") == []  # seq 2 was consumed by the broken event: no hole
    (batch,) = rig.stored()
    assert [e.seq for e in batch.events] == [1, 3]
    codes = [(q.code, q.seq) for q in batch.quarantine]
    assert codes[0] == ("binary", None) and batch.quarantine[0].reason == BINARY_REASON
    assert codes[1][1] == 2 and batch.quarantine[1].reason.startswith("equipment event")
    assert len(codes) == 3 and codes[2][1] is None
    assert rig.session.counters.quarantined == 3


def test_answers_and_the_layout_are_passed_on_and_a_second_welcome_is_quarantined() -> None:
    rig = Rig()
    rig.resumed_at(0)
    rig.frame({"type": "layout", "version": "v1", "body": {"blocks": []}})
    rig.frame({"type": "correction_result", "request_id": "r1", "status": "accepted",
               "event_id": "e1", "replacement_id": "e1#1"})
    rig.frame({"type": "error", "code": "bad_request", "message": "no", "request_id": "r2"})
    welcome = orjson.loads(orjson.dumps({"type": "welcome", "feed": "KHH-T7", "role": "terminal",
                                         "epoch": "e", "first_seq": 1, "last_seq": 1,
                                         "retained_from_seq": 1, "heartbeat_s": 5}))
    rig.frame(welcome)
    (layout,) = rig.out.of("layout")  # read once, into the typed layout
    assert isinstance(layout, Layout) and layout.blocks == () and layout.body == {"blocks": []}
    assert [r.request_id for r in rig.out.of("correction_result")] == ["r1"]
    assert [e.request_id for e in rig.out.of("gateway_error")] == ["r2"]
    (batch,) = rig.stored()
    assert [q.reason for q in batch.quarantine] == ["a second welcome in one session"]


def test_a_first_frame_that_is_not_a_welcome_ends_the_connection_in_words() -> None:
    rig = Rig()
    with pytest.raises(Reconnect, match="the gateway's welcome was a binary frame"):
        rig.session.read_welcome(b"{}", False)
    with pytest.raises(Reconnect, match="the gateway did not start with a welcome"):
        rig.session.read_welcome(orjson.dumps({"type": "heartbeat"}), True)
    with pytest.raises(Reconnect, match="the gateway's welcome was unreadable"):
        rig.session.read_welcome(b"not json", True)
    rig.session.end()
    (batch,) = rig.out.of("submit")
    assert [q.code for q in batch.quarantine] == ["binary", "bad_json"]


def test_a_clearance_feed_asks_for_no_layout_and_statuses_carry_the_welcome() -> None:
    rig = Rig(role="clearance")
    assert rig.session.begin(rig.welcome(), None) == []
    (status,) = rig.out.of("status")
    assert (status.role, status.name, status.epoch, status.url) == (
        "clearance", "KHH-T7", rig.gw.log.epoch, URL)
    rig.session.end()
    rig.session.status("disconnected", "the gateway closed the connection")
    after = rig.out.of("status")[-1]
    assert after.role is None and after.epoch == rig.gw.log.epoch  # the place is kept


def test_a_new_hole_beyond_the_range_asked_for_is_asked_for_on_its_own() -> None:
    rig = Rig()
    sent = rig.events(7)
    rig.resumed_at(1)
    for envelope in (sent[1], sent[3], sent[6]):  # 2, 4, 7: holes 3 and 5-6
        rig.frame(envelope)
    assert rig.out.of("send") == [{"type": "replay_request", "from_seq": 3, "to_seq": 3},
                                  {"type": "replay_request", "from_seq": 5, "to_seq": 6}]
    for envelope in (sent[2], sent[4], sent[5]):
        rig.frame(envelope)
    assert seqs(rig.stored()) == [2, 3, 4, 5, 6, 7] and rig.session.recovery is None


def test_only_a_replay_that_lets_held_events_go_gives_the_replay_more_time() -> None:
    rig = Rig()
    sent = rig.events(6)
    rig.resumed_at(1)
    for envelope in (sent[1], sent[3], sent[5]):  # 2, 4, 6: holes 3 and 5
        rig.frame(envelope)
    rig.out.take()
    rig.clock.now += 0.8
    rig.frame(sent[2])  # 3 comes and lets 4 go: the replay is coming
    rig.clock.now += 0.4
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)
    assert rig.out.of("send") == []  # 0.4 s since the progress
    rig.clock.now += 0.4
    rig.frame(sent[5])  # a duplicate of a held one lets nothing go: no more time
    rig.clock.now += 0.3
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)
    assert rig.out.of("send") == [{"type": "snapshot_request"}]


def test_replay_unavailable_without_a_range_answers_the_one_request_sent() -> None:
    rig = Rig()
    sent = rig.events(4)
    rig.resumed_at(1)
    rig.frame(sent[1])
    rig.frame(sent[3])  # 3 missing, asked for once
    rig.frame({"type": "error", "code": "replay_unavailable", "message": "gone"})
    assert statuses(rig.out) == [
        ("gap", "event 3 is missing for good (the gateway no longer holds them)")]
    assert seqs(rig.stored()) == [2, 4]


def test_a_snapshot_while_the_replay_is_still_awaited_does_not_give_up_the_holes() -> None:
    rig = Rig()
    sent = rig.events(5)
    rig.resumed_at(1)
    rig.frame(sent[1])
    rig.frame(sent[4])  # 3-4 missing; the replay is asked for, not a snapshot
    rig.snapshot(seq=5)  # a snapshot nobody asked for (yet): the replay may still come
    assert [s.state for s in rig.out.of("status")] == ["snapshot"]
    assert rig.out.of("send") == [{"type": "replay_request", "from_seq": 3, "to_seq": 4}]
    rig.frame(sent[2])
    rig.frame(sent[3])
    batches = rig.stored()
    assert [g for b in batches for g in b.gaps] == []
    assert seqs(batches) == [2, 3, 4, 5]


def test_a_fault_in_the_fast_lane_leaves_the_frame_to_the_careful_reading() -> None:
    def broken(raw: bytes | str, feed: str, epoch: str) -> FeedEvent | None:
        raise RuntimeError("a bug in the fast lane")

    rig = Rig()
    rig.session = FeedSession("KHH-T7", URL, rig.out, clock=rig.clock, read_event=broken)
    sent = rig.events(2)
    rig.resumed_at(0)
    for envelope in sent:
        rig.frame(envelope)
    assert [e.id for e in rig.stored()[0].events] == [e["id"] for e in sent]


def test_a_quarantined_frame_keeps_at_most_one_byte_more_than_the_largest_message() -> None:
    rig = Rig()
    rig.resumed_at(0)
    huge = b'{"type": "heartbeat", "pad": "' + b"x" * MAX_MESSAGE_BYTES + b'"}'
    rig.frame(huge)
    (batch,) = rig.stored()
    (entry,) = batch.quarantine
    assert entry.raw == huge[: MAX_MESSAGE_BYTES + 1]


def test_after_the_snapshot_settles_its_holes_the_holes_beyond_it_are_asked_for_again() -> None:
    rig = Rig()
    sent = rig.events(7)
    rig.resumed_at(1)
    rig.frame(sent[1])
    rig.frame(sent[3])  # 3 missing
    rig.clock.now += 2
    rig.session.tick(rig.clock.now, replay_timeout_s=1.0)  # -> a snapshot is asked for
    rig.frame(sent[6])  # 5-6 missing too, asked for as a replay
    rig.out.take()
    rig.snapshot(seq=4)  # covers the hole it was asked for (3), not 5-6
    assert statuses(rig.out)[0][0] == "gap"
    assert rig.out.of("send") == [{"type": "replay_request", "from_seq": 5, "to_seq": 6}]
    recovery = rig.session.recovery
    assert recovery is not None and recovery.stage == "replay"
    rig.frame(sent[4])
    rig.frame(sent[5])
    batches = rig.stored()
    assert [(g.from_seq, g.to_seq) for b in batches for g in b.gaps] == [(3, 3)]
    assert seqs(batches) == [2, 4, 5, 6, 7]


def test_replay_unavailable_naming_part_of_a_hole_gives_up_only_that_part() -> None:
    rig = Rig()
    sent = rig.events(7)
    rig.resumed_at(1)
    for envelope in (sent[1], sent[5], sent[6]):  # 2, 6, 7: 3-5 missing
        rig.frame(envelope)
    rig.frame({"type": "error", "code": "replay_unavailable", "message": "trimmed",
               "from_seq": 3, "to_seq": 3})
    assert statuses(rig.out) == [
        ("gap", "event 3 is missing for good (the gateway no longer holds them)")]
    rig.frame(sent[3])
    rig.frame(sent[4])
    batches = rig.stored()
    assert [(g.from_seq, g.to_seq) for b in batches for g in b.gaps] == [(3, 3)]
    assert seqs(batches) == [2, 4, 5, 6, 7]


def test_replay_unavailable_naming_its_range_counts_even_after_several_requests() -> None:
    rig = Rig()
    sent = rig.events(7)
    rig.resumed_at(1)
    for envelope in (sent[1], sent[3], sent[6]):  # holes 3 and 5-6: two requests
        rig.frame(envelope)
    assert len(rig.out.of("send")) == 2
    rig.frame({"type": "error", "code": "replay_unavailable", "message": "trimmed",
               "from_seq": 3, "to_seq": 3})
    assert [s.detail for s in rig.out.of("status")] == [
        "event 3 is missing for good (the gateway no longer holds them)"]


def test_a_refused_replay_of_a_claimed_range_is_a_false_claim_at_once() -> None:
    rig = Rig()
    sent = rig.events(2)
    rig.resumed_at(0)
    for envelope in sent:
        rig.frame(envelope)
    rig.frame({"type": "heartbeat", "last_seq": 5})
    rig.out.take()
    rig.frame({"type": "error", "code": "bad_request", "message": "beyond the log"})
    (claim,) = rig.out.of("status")
    assert claim.extra == {"false_claims": 1, "claimed_seq": 5}
    assert rig.session.recovery is None
    assert rig.session.counters.false_claims == 1
