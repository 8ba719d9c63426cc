"""Sequencer edges the protocol promises ("Gaps, duplicates, order") that nothing checked."""

from __future__ import annotations

from console.feed import sequencer
from console.feed.sequencer import Sequencer


def test_skip_to_a_held_seq_drops_it_and_releases_what_follows() -> None:
    """The snapshot includes seq 8: a held 8 must go (else it would stay held forever)."""
    seq: Sequencer[str] = Sequencer(0)
    seq.offer(8, "h")
    seq.offer(9, "i")
    assert seq.skip_to(8) == ["i"]
    assert seq.held == 0
    assert seq.last_applied == 9
    assert seq.missing() is None


def test_skip_to_an_older_seq_keeps_the_resume_point() -> None:
    seq: Sequencer[str] = Sequencer(10)
    assert seq.skip_to(7) == []
    assert seq.last_applied == 10
    assert seq.skip_to(10) == []
    assert seq.last_applied == 10
    assert seq.offer(11, "k") == ["k"]


def test_a_seq_already_held_is_a_duplicate() -> None:
    seq: Sequencer[str] = Sequencer(0)
    assert seq.offer(3, "c") == []
    assert seq.offer(3, "c again") == []
    assert seq.duplicates == 1
    assert seq.held == 1
    assert seq.offer(1, "a") == ["a"]
    assert seq.offer(2, "b") == ["b", "c"]  # the first copy of 3, not the second


def test_take_next_only_when_next_and_nothing_held() -> None:
    seq: Sequencer[str] = Sequencer(4)
    assert not seq.take_next(6)
    assert not seq.take_next(4)
    assert seq.take_next(5) and seq.last_applied == 5
    seq.offer(7, "g")
    assert not seq.take_next(6), "with 7 held, 6 must go through offer to release 7"
    assert seq.last_applied == 5


def test_missing_names_the_first_gap_only() -> None:
    seq: Sequencer[str] = Sequencer(0)
    seq.offer(3, "c")
    seq.offer(7, "g")
    assert seq.missing() == (1, 2)
    assert seq.give_up() == ["c"]
    assert seq.missing() == (4, 6)
    assert seq.give_up() == ["g"]
    assert seq.missing() is None
    assert seq.give_up() == []
    assert seq.last_applied == 7


def test_holding_more_than_max_held_gives_the_gap_up() -> None:
    """Memory is bounded: the item after MAX_HELD held ones releases them all, in order."""
    seq: Sequencer[int] = Sequencer(0)
    top = sequencer.MAX_HELD + 1  # seqs 2..top are held: MAX_HELD of them
    for s in range(2, top + 1):
        assert seq.offer(s, s) == []
    assert seq.held == sequencer.MAX_HELD
    released = seq.offer(top + 1, top + 1)
    assert released == list(range(2, top + 2))
    assert seq.held == 0
    assert seq.last_applied == top + 1
    assert seq.offer(1, 1) == [] and seq.duplicates == 1  # the lost seq is a duplicate now



def test_a_new_feed_starts_before_seq_one() -> None:
    seq: Sequencer[str] = Sequencer()
    assert seq.last_applied == 0
    assert seq.offer(1, "a") == ["a"]
