"""One open attempt to get missing event numbers back (protocol section 2, "Gaps").

The client asks the gateway to replay the missing range; if the replay does
not fill it within the replay timeout, it asks for a snapshot, which
supersedes what is still missing; if even that does not come, it gives the
range up.  Only then, or when the gateway itself answers `replay_unavailable`,
is a permanent gap recorded.  A range asked for only because a heartbeat
claimed it (`claim`) is never a gap: if nothing comes, the claim was false.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Recovery:
    """What was asked for, since when, and at which stage."""

    from_seq: int
    to_seq: int
    since: float  # console monotonic clock: asked, or last progress
    claim: int | None = None  # the heartbeat's last_seq when only a claim asked for the range
    requests: int = 1  # replay requests sent for it (the range grows as new holes appear)
    stage: str = "replay"  # "replay", then "snapshot"
    snapshot_upto: int = 0  # in the snapshot stage: the holes up to here wait for it
    snapshot_ordinal: int = 0  # ... and for the snapshot answering this request


def ranges_text(ranges: list[tuple[int, int]]) -> str:
    """`[(3, 5), (9, 9)]` → `"3–5, 9"`."""
    return ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in ranges)
