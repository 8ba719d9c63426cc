"""The gateway journal: a restarted gateway keeps its epoch, its numbers and its window."""

from __future__ import annotations

import pathlib

from testbed.gateway.journal import FeedJournal, read_journal

T = "2026-11-28T20:01:03.004+08:00"


def test_a_reopened_journal_gives_back_the_same_log(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "terminal.jsonl"
    with FeedJournal(path) as journal:
        log = journal.open_log("KHH-T7", "terminal", retain=5)
        for i in range(4):
            log.append("device", {"i": i}, time=T, source="CAM")
        log.skip(2)
        log.append("device", {"i": 9}, time=T, source="CAM")

    seen: list[int] = []
    with FeedJournal(path) as journal:
        again = journal.open_log("KHH-T7", "terminal", retain=5,
                                 on_event=lambda e: seen.append(e["seq"]))
        assert (again.epoch, again.last_seq, again.retained_from_seq) == (log.epoch, 7, 3)
        assert again.events_after(2) == log.events_after(2)
        assert seen == [1, 2, 3, 4, 7]
        assert again.append("device", {}, time=T, source="CAM")["seq"] == 8
    with FeedJournal(path) as journal:
        assert journal.open_log("KHH-T7", "terminal").last_seq == 8


def test_epochs_are_kept_and_every_event_is_seen_on_reopening(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "feed.jsonl"
    with FeedJournal(path) as journal:
        log = journal.open_log("F", "clearance")
        old = log.append("clearance", {"a": 1}, time=T, source="C")
        log.new_epoch(100)
        log.append("clearance", {"a": 2}, time=T, source="C")
    bodies: list[dict[str, int]] = []
    with FeedJournal(path) as journal:
        again = journal.open_log("F", "clearance", on_event=lambda e: bodies.append(e["body"]))
        assert (again.epoch, again.first_seq, again.last_seq) == (log.epoch, 100, 100)
        assert bodies == [{"a": 1}, {"a": 2}]  # the state snapshots describe spans epochs
        fresh = again.append("clearance", {}, time=T, source="C")
        assert fresh["id"] != old["id"] and fresh["seq"] == 101


def test_a_torn_last_line_is_ignored(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "feed.jsonl"
    with FeedJournal(path) as journal:
        journal.open_log("F", "terminal").append("fence", {}, time=T)
    with path.open("ab") as f:
        f.write(b'{"event": {"type": "event", "seq": 2, "id"')
    assert len(list(read_journal(path))) == 2
    with FeedJournal(path) as journal:
        log = journal.open_log("F", "terminal")
        assert log.last_seq == 1
        log.append("fence", {}, time=T)
    with FeedJournal(path) as journal:
        assert journal.open_log("F", "terminal").last_seq == 2


def test_a_numbered_raw_frame_survives_a_restart_byte_for_byte(tmp_path: pathlib.Path) -> None:
    """A hostile numbered frame (invalid UTF-8, binary) is replayed after a restart as it was."""
    path = tmp_path / "terminal.jsonl"
    frame = b'{"type":"event","seq":1,"body":"\xff\xfe"}'
    with FeedJournal(path) as journal:
        log = journal.open_log("KHH-T7", "terminal")
        log.append_frame(lambda seq: frame, binary=True)
        log.append("device", {"i": 1}, time=T, source="CAM")
    with FeedJournal(path) as journal:
        again = journal.open_log("KHH-T7", "terminal")
        (kept, normal), missing = again.events_between(1, 2)
        assert missing == []
        assert kept["frame"] == frame and kept["binary"] is True and kept["seq"] == 1
        assert normal["body"] == {"i": 1}
