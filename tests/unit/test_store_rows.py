"""What the store writes for each record: the canonical body, search columns, UTC times."""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from console.model import (
    Clearance,
    DeviceReport,
    EquipmentEvent,
    FenceReport,
    OcrImage,
    OcrReading,
    Position,
    PositionReport,
    Seal,
)
from console.store.rows import canonical_body, event_row, search_columns
from console.timefmt import utc_micros
from tests.unit.test_store_support import clearance_event, equipment_event, position_event

text = st.text(max_size=12)
maybe_text = st.none() | text
maybe_int = st.none() | st.integers(-5, 500)
maybe_float = st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32)

positions = st.builds(Position, kind=st.sampled_from(["slot", "berth", "vehicle", "lane"]),
                      block=maybe_text, bay=maybe_int, row=maybe_int, tier=maybe_int,
                      berth=maybe_text, crane_id=maybe_text, vehicle_id=maybe_text,
                      lane_id=maybe_text)
seals = st.builds(Seal, number=text, source=maybe_text, type=maybe_text)
ocr = st.builds(OcrReading, equipment_reference=maybe_text, confidence=maybe_float,
                seal_numbers=st.lists(text, max_size=3).map(tuple),
                images=st.lists(st.builds(OcrImage, camera_id=maybe_text, frame_time=maybe_text,
                                          url=maybe_text), max_size=2).map(tuple))
equipment = st.builds(
    EquipmentEvent, event_id=text, classifier=text, event_type=text, event_time=text,
    equipment_reference=text, created_time=maybe_text, iso_code=maybe_text, empty=maybe_text,
    seals=st.lists(seals, max_size=3).map(tuple), vessel_imo=maybe_text,
    document_references=st.lists(st.tuples(text, text), max_size=2).map(tuple),
    vehicle_id=maybe_text, position=st.none() | positions, gross_weight_kg=maybe_float,
    ocr=st.none() | ocr, retracted=st.booleans(),
    shape=st.sampled_from(["dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0"]),
)
bodies: st.SearchStrategy[Any] = st.one_of(
    equipment,
    st.builds(PositionReport, vehicle_id=text, x=st.floats(-1e4, 1e4), y=st.floats(-1e4, 1e4),
              heading=maybe_float, speed=st.floats(0, 30), carrying=maybe_text,
              vehicle_type=maybe_text),
    st.builds(FenceReport, segment_id=text, state=text, reason=maybe_text),
    st.builds(DeviceReport, device_id=text, state=text, device_type=maybe_text,
              detail=maybe_text),
    st.builds(Clearance, equipment_reference=text, status=text, declared_empty=st.none()
              | st.booleans(), customs_seals=st.lists(text, max_size=3).map(tuple)),
)


@given(bodies)
def test_canonical_body_is_exactly_to_dict_as_json(body: Any) -> None:
    assert orjson.dumps(canonical_body(body)) == orjson.dumps(body.to_dict())


def test_stored_body_is_the_json_of_to_dict() -> None:
    event = equipment_event(7)
    row = event_row(event, "2026-11-28T20:01:04+08:00")
    assert orjson.loads(row[8]) == orjson.loads(orjson.dumps(event.body.to_dict()))


def test_search_columns_name_the_container_and_vehicle() -> None:
    eq = equipment_event(1, container="EGHU9012346")
    assert search_columns(eq.kind, eq.body) == ("EGHU9012346", "SC17", "PICK")
    pos = position_event(2, vehicle="SC04", carrying="TGHU0000001")
    assert search_columns(pos.kind, pos.body) == ("TGHU0000001", "SC04", None)
    cl = clearance_event(3, "EGHU9012346")
    assert search_columns(cl.kind, cl.body) == ("EGHU9012346", None, None)
    assert search_columns("fence", FenceReport("F-N-07", "alarm")) == (None, None, None)


def test_times_become_utc_microseconds_whatever_their_offset() -> None:
    taipei = utc_micros("2026-11-28T20:01:03.004+08:00")
    assert taipei == utc_micros("2026-11-28T12:01:03.004Z")
    assert taipei == utc_micros("2026-11-28T12:01:03.004000+00:00")
    assert utc_micros("2026-11-28T12:01:03.004") == taipei  # no offset: read as UTC
    assert utc_micros("1970-01-01T00:00:01Z") == 1_000_000
    assert utc_micros("not a time") is None
    assert utc_micros("") is None
