"""Snapshot messages: split under the size limit, one seq, nothing lost or reordered."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from console.protocol.messages import SnapshotPart, parse_server_message
from testbed.gateway.snapshotparts import SECTIONS, snapshot_messages
from tests.support import bodies

T = "2026-11-28T20:01:03.004+08:00"

values = st.text(max_size=80) | st.integers(-(2**63), 2**63 - 1)
items = st.lists(st.dictionaries(st.text(min_size=1, max_size=6), values, max_size=4), max_size=40)
states = st.fixed_dictionaries({name: items for name in SECTIONS})


@settings(max_examples=150, deadline=None)
@given(state=states, part_bytes=st.integers(300, 3000), seq=st.integers(0, 10**9))
def test_parts_reassemble_to_the_state_and_respect_the_budget(
    state: dict[str, list[Any]], part_bytes: int, seq: int
) -> None:
    messages = snapshot_messages(state, seq=seq, time=T, part_bytes=part_bytes)
    parts = [parse_server_message(m) for m in messages]
    assert all(isinstance(p, SnapshotPart) for p in parts)
    assert {p.seq for p in parts if isinstance(p, SnapshotPart)} == {seq}
    assert [(p.part, p.parts) for p in parts if isinstance(p, SnapshotPart)] == [
        (k, len(parts)) for k in range(1, len(parts) + 1)
    ]
    for name in SECTIONS:
        assert [i for p in parts for i in getattr(p, name)] == state[name]
    for message, part in zip(messages, parts, strict=True):
        assert isinstance(part, SnapshotPart)
        one_item = sum(len(getattr(part, n)) for n in SECTIONS) == 1
        assert len(message) <= part_bytes or one_item


def test_a_small_state_is_one_message_without_part_numbers() -> None:
    (only,) = snapshot_messages({"containers": [{"equipmentReference": "EGHU9012346"}]},
                                seq=7, time=T)
    assert b'"part"' not in only
    assert only.startswith(b'{"type":"snapshot","seq":7,')


def test_a_yard_of_100k_containers_is_cut_into_1_mib_messages() -> None:
    containers = [
        {"equipmentReference": bodies.container_number(n), "ISOEquipmentCode": "45G1",
         "emptyIndicatorCode": "LADEN", "position": bodies.slot("A01", 1 + n % 40, 1, 1),
         "lastEventId": f"KHH-T7:STS03:{n:09d}"}
        for n in range(100_000)
    ]
    messages = snapshot_messages({"containers": containers}, seq=1, time=T)
    assert 10 < len(messages) < 40
    assert max(len(m) for m in messages) <= 900_000
