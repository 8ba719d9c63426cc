"""Encoding a snapshot as one or more `snapshot` messages (protocol section 2).

A full yard is about 20 MB of JSON, and a message may not exceed 1 MiB, so
a gateway splits one snapshot into parts that carry the same `seq` and
`"part": k, "parts": n`.  Each part has all four lists (possibly empty); the
items keep their order across parts.  Items are encoded one by one and the
parts are assembled from the encoded pieces, so the cost is one `orjson`
pass over the state.  The items are encoded a run of `RUN` at a time (one
list each, whose items are the run's encoded items joined by commas): one
small `bytes` per item made the allocator hand back and fault in the heap
over and over (measured: 0.18 s for 85k containers, 0.02 s as runs).  A run
that would not fit whole in the part being filled is split item by item, so
the parts are the same as item by item.
"""

from __future__ import annotations

from typing import Any

import orjson

SECTIONS: tuple[str, ...] = ("containers", "vehicles", "clearances", "devices")
_PART_OVERHEAD = 200  # type, seq, time, part, parts, the four keys
RUN = 256  # items encoded in one `orjson` call


def snapshot_messages(
    state: dict[str, Any], *, seq: int, time: str, part_bytes: int = 900_000
) -> list[bytes]:
    """The encoded `snapshot` messages for `state` as of `seq`.

    A single message (without `part`/`parts`) when it fits in `part_bytes`;
    otherwise as many parts as needed, each at most `part_bytes` unless one
    item alone is bigger."""
    budget = max(1, part_bytes - _PART_OVERHEAD - len(time))
    parts: list[dict[str, list[bytes]]] = [{name: [] for name in SECTIONS}]
    used = 0
    for name in SECTIONS:
        items = list(state.get(name) or ())
        for start in range(0, len(items), RUN):
            run = items[start:start + RUN]
            joined = orjson.dumps(run)[1:-1]  # the run's items, comma-separated
            if used + len(joined) + 1 <= budget:  # each item and its comma fit, in order
                parts[-1][name].append(joined)
                used += len(joined) + 1
                continue
            for item in map(orjson.dumps, run):
                if used and used + len(item) + 1 > budget:
                    parts.append({name: [] for name in SECTIONS})
                    used = 0
                parts[-1][name].append(item)
                used += len(item) + 1
    head = {"type": "snapshot", "seq": seq, "time": time}
    messages = []
    for k, part in enumerate(parts, start=1):
        fields = dict(head)
        if len(parts) > 1:
            fields["part"] = k
            fields["parts"] = len(parts)
        prefix = orjson.dumps(fields)[:-1]
        lists = b",".join(
            b'"' + name.encode() + b'":[' + b",".join(part[name]) + b"]" for name in SECTIONS
        )
        messages.append(prefix + b"," + lists + b"}")
    return messages
