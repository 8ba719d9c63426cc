"""Exports an installer or officer reads: JSON Lines and CSV of events and the quarantine."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from console.store.base import QuarantineEntry, WriteBatch
from console.store.export import RAW_TEXT_LIMIT, write_events, write_quarantine
from console.store.sqlite import SqliteEventStore
from tests.unit.test_store_support import EPOCH, FEED, batch, equipment_event, position_event


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteEventStore]:
    s = SqliteEventStore(tmp_path / "events.db")
    s.write(batch([equipment_event(1, container="EGHU9012346"),
                   position_event(2, carrying="EGHU9012346")]))
    yield s
    s.close()


def test_jsonl_has_one_object_per_event_with_the_envelope_keys(store: SqliteEventStore) -> None:
    out = io.StringIO()
    assert write_events(store.events(), "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (orjson.loads(line) for line in lines)
    assert {"id", "seq", "feed", "kind", "time", "body"} <= set(first)
    assert (first["id"], first["seq"], first["feed"], first["kind"]) == (
        equipment_event(1).id, 1, FEED, "equipment")
    assert first["epoch"] == EPOCH
    assert first["body"]["equipment_reference"] == "EGHU9012346"
    assert first["body"]["seals"][0] == {"number": "TW1234567", "source": "CUS", "type": "KLP"}
    assert second["body"]["carrying"] == "EGHU9012346"


def test_csv_has_a_header_and_the_body_as_json_text(store: SqliteEventStore) -> None:
    out = io.StringIO()
    assert write_events(store.events(kinds=["equipment"]), "csv", out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["id"], row["seq"], row["kind"]) == (equipment_event(1).id, "1", "equipment")
    assert row["corrects"] == ""
    assert orjson.loads(row["body"])["position"] == {
        "kind": "slot", "block": "A03", "bay": 12, "row": 4, "tier": 2}


def test_unknown_format_is_refused_plainly(store: SqliteEventStore) -> None:
    with pytest.raises(ValueError, match="use one of jsonl, csv"):
        write_events(store.events(), "xml", io.StringIO())  # type: ignore[arg-type]


def _quarantined(store: SqliteEventStore) -> list[QuarantineEntry]:
    entries = [
        QuarantineEntry(FEED, "2026-11-28T20:01:02+08:00", "bad_json",
                        "not valid UTF-8 JSON", b'{"seq": 5, "x": "\xff\xfe\x1b[2J"}', 5, EPOCH),
        QuarantineEntry(FEED, "2026-11-28T20:01:03+08:00", "too_big",
                        "message over 1 MiB", b'{"pad": "' + b"A" * (1024 * 1024) + b'"}'),
    ]
    store.write(WriteBatch([], entries, [], [], []))
    return list(store.quarantine())


def test_quarantine_jsonl_keeps_reason_and_escapes_the_raw_bytes(store: SqliteEventStore) -> None:
    entries = _quarantined(store)
    out = io.StringIO()
    assert write_quarantine(entries, "jsonl", out) == 2
    hostile, huge = (orjson.loads(line) for line in out.getvalue().splitlines())
    assert hostile["reason"] == "not valid UTF-8 JSON"
    assert hostile["code"] == "bad_json" and hostile["seq"] == 5
    assert hostile["raw"] == '{"seq": 5, "x": "\\xff\\xfe\\x1b[2J"}'  # no live escape codes
    assert hostile["raw_length"] == len(entries[0].raw)
    assert hostile["raw_sha256"] == hashlib.sha256(entries[0].raw).hexdigest()
    assert hostile["raw_truncated"] is False
    assert len(huge["raw"]) == RAW_TEXT_LIMIT and huge["raw_truncated"] is True
    assert huge["raw_length"] == 1024 * 1024 + 1  # kept at most 1 MiB + 1 byte


def test_quarantine_csv_is_one_row_per_message(store: SqliteEventStore) -> None:
    out = io.StringIO()
    assert write_quarantine(_quarantined(store), "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["code"] for r in rows] == ["bad_json", "too_big"]
    assert rows[0]["raw_truncated"] == "false" and rows[1]["raw_truncated"] == "true"
    assert rows[1]["seq"] == ""
    assert "\x1b" not in out.getvalue()
