"""Encoding a snapshot as one or more `snapshot` messages (protocol section 2).

A full yard is about 20 MB of JSON, and a message may not exceed 1 MiB, so
a gateway splits one snapshot into parts that carry the same `seq` and
`"part": k, "parts": n`.  Each part has all four lists (possibly empty); the
items keep their order across parts.  Items are encoded one by one and the
parts are assembled from the encoded pieces, so the cost is one `orjson`
pass over the state.
"""

from __future__ import annotations

from typing import Any

import orjson

SECTIONS: tuple[str, ...] = ("containers", "vehicles", "clearances", "devices")
_PART_OVERHEAD = 200  # type, seq, time, part, parts, the four keys


def snapshot_messages(
    state: dict[str, Any], *, seq: int, time: str, part_bytes: int = 900_000
) -> list[bytes]:
    """The encoded `snapshot` messages for `state` as of `seq`.

    A single message (without `part`/`parts`) when it fits in `part_bytes`;
    otherwise as many parts as needed, each at most `part_bytes` unless one
    item alone is bigger."""
    encoded = {name: [orjson.dumps(item) for item in state.get(name) or []] for name in SECTIONS}
    budget = max(1, part_bytes - _PART_OVERHEAD - len(time))
    parts: list[dict[str, list[bytes]]] = [{name: [] for name in SECTIONS}]
    used = 0
    for name in SECTIONS:
        for item in encoded[name]:
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
