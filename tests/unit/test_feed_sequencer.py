"""Ordering rules of the protocol: duplicates ignored, gaps held, replays filled or given up."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from console.feed.sequencer import Sequencer


@given(st.permutations(list(range(1, 60))), st.lists(st.integers(1, 59), max_size=40))
def test_any_arrival_order_with_duplicates_releases_each_seq_once_in_order(
    order: list[int], dups: list[int]
) -> None:
    seq: Sequencer[int] = Sequencer(0)
    released: list[int] = []
    arrivals = order[: len(order) // 2] + dups + order[len(order) // 2 :] + dups
    for s in arrivals:
        released.extend(seq.offer(s, s))
    assert released == list(range(1, 60))
    assert seq.missing() is None
    assert seq.duplicates == len(arrivals) - 59


def test_gap_is_reported_then_filled_by_replay() -> None:
    seq: Sequencer[str] = Sequencer(10)
    assert seq.offer(11, "a") == ["a"]
    assert seq.offer(14, "d") == []
    assert seq.offer(15, "e") == []
    assert seq.missing() == (12, 13)
    assert seq.offer(12, "b") == ["b"]
    assert seq.missing() == (13, 13)
    assert seq.offer(13, "c") == ["c", "d", "e"]
    assert seq.last_applied == 15


def test_permanent_gap_releases_what_follows_and_never_stalls() -> None:
    seq: Sequencer[str] = Sequencer(0)
    seq.offer(1, "a")
    seq.offer(5, "e")
    seq.offer(6, "f")
    assert seq.missing() == (2, 4)
    assert seq.give_up() == ["e", "f"]
    assert seq.last_applied == 6
    assert seq.offer(3, "late") == []  # a late arrival of a lost message is a duplicate now


def test_snapshot_skips_what_it_includes() -> None:
    seq: Sequencer[str] = Sequencer(0)
    seq.offer(3, "c")
    seq.offer(8, "h")
    assert seq.skip_to(7) == ["h"]
    assert seq.held == 0


def test_a_held_rejected_message_still_counts_for_its_seq() -> None:
    """A quarantined message arrives as None: held out of order, it must not reopen its gap."""
    seq: Sequencer[str | None] = Sequencer(0)
    assert seq.offer(2, None) == []
    assert seq.offer(3, "c") == []
    assert seq.offer(1, "a") == ["a", None, "c"]
    assert seq.missing() is None
    assert seq.last_applied == 3


def test_span_covers_every_hole_below_the_highest_held_item() -> None:
    seq: Sequencer[str] = Sequencer(10)
    assert seq.span() is None
    for s in (15, 13, 20):
        seq.offer(s, f"e{s}")
    assert seq.span() == (11, 19)  # holes 11-12, 14, 16-19; cheap however much is held
    assert seq.missing() == (11, 12)
    seq.give_up()
    assert seq.span() == (14, 19)
    seq.skip_to(20)  # a snapshot's seq at or above the highest held item empties it
    assert seq.span() is None
    seq.offer(25, "e25")
    assert seq.span() == (21, 24)
