"""Realistic records for the store tests (no tests here; imported by test_store_*.py)."""

from __future__ import annotations

from console.model import (
    Clearance,
    ContainerState,
    DeviceReport,
    EquipmentEvent,
    FeedEvent,
    OcrImage,
    OcrReading,
    Position,
    PositionReport,
    Seal,
    Snapshot,
)
from console.store.base import FeedCursor, WriteBatch

FEED = "KHH-T7"
EPOCH = "9f1c2e"
EVENT_TYPES = ("DISC", "PICK", "DROP", "GTOT", "GTIN", "LOAD")


def container_no(i: int) -> str:
    return f"EGHU{i % 1_000_000:06d}{i % 10}"


def equipment_event(seq: int, *, container: str | None = None, feed: str = FEED,
                    epoch: str = EPOCH, time: str | None = None,
                    event_id: str | None = None) -> FeedEvent:
    """A DISC/PICK/DROP/... of one container, as the T7 gateway sends them."""
    ref = container or container_no(seq)
    eid = event_id or f"{feed}:STS03:{seq:09d}"
    when = time or f"2026-11-28T20:{(seq // 60) % 60:02d}:{seq % 60:02d}.004+08:00"
    body = EquipmentEvent(
        event_id=eid, classifier="ACT", event_type=EVENT_TYPES[seq % len(EVENT_TYPES)],
        event_time=when, equipment_reference=ref,
        created_time=when, iso_code="45G1", empty="LADEN",
        seals=(Seal("TW1234567", "CUS", "KLP"), Seal("EG0012345", "CAR", "BLT")),
        vessel_imo="9811000", vessel_name="EVER ACE", voyage="1234N",
        mode_of_transport="VESSEL", location_name="Kaohsiung Terminal 7",
        un_location_code="TWKHH", facility_code="KHHT7",
        document_references=(("BKG", "EGLV123456789012"),),
        crane_id="STS03", vehicle_id="SC17",
        position=Position(kind="slot", block="A03", bay=12, row=4, tier=2),
        gross_weight_kg=27400.0, tare_weight_kg=3800.0,
        ocr=OcrReading(equipment_reference=ref, confidence=0.97, seal_numbers=("TW1234567",),
                       images=(OcrImage(camera_id="CAM-G2-04", frame_time=when),)),
    )
    return FeedEvent(feed, epoch, seq, eid, "equipment", when, "STS03", body)


def position_event(seq: int, *, vehicle: str = "SC17", carrying: str | None = None,
                   time: str = "2026-11-28T20:01:03.004+08:00") -> FeedEvent:
    body = PositionReport(vehicle_id=vehicle, x=512.3, y=210.8, heading=90.0, speed=4.2,
                          carrying=carrying, vehicle_type="shuttle")
    return FeedEvent(FEED, EPOCH, seq, f"{FEED}:POS:{seq:09d}", "position", time, vehicle, body)


def clearance_event(seq: int, container: str, status: str = "hold") -> FeedEvent:
    body = Clearance(equipment_reference=container, status=status,
                     status_time="2026-11-28T20:01:03+08:00", declaration_no="AA12345678901",
                     customs_seals=("TW1234567",), declared_empty=False)
    return FeedEvent("KHH-CUS", "c1", seq, f"KHH-CUS:{seq}", "clearance",
                     "2026-11-28T20:01:03+08:00", None, body)


def batch(events: list[FeedEvent], *, cursor: bool = True, feed: str = FEED,
          epoch: str = EPOCH) -> WriteBatch:
    """The events plus, by default, the cursor at the last one's seq (as a feed client commits)."""
    cursors = [FeedCursor(feed, epoch, events[-1].seq)] if cursor and events else []
    return WriteBatch(list(events), [], [], [], cursors,
                      received_at="2026-11-28T20:01:04.000+08:00")


def snapshot(seq: int, containers: int = 50) -> Snapshot:
    return Snapshot(
        feed=FEED, epoch=EPOCH, seq=seq, time="2026-11-28T20:00:00+08:00",
        containers=[
            ContainerState(container_no(i), "45G1", "LADEN",
                           Position(kind="slot", block="A03", bay=i % 40 + 1, row=i % 10 + 1,
                                    tier=i % 5 + 1), f"{FEED}:X:{i}")
            for i in range(containers)
        ] + [ContainerState("TGHU0000001", position=Position(kind="vehicle", vehicle_id="SC17"))],
        vehicles=[PositionReport("SC17", 1.5, 2.5, None, 0.0, "TGHU0000001", "shuttle")],
        clearances=[Clearance(container_no(1), "hold", customs_seals=("TW1",))],
        devices=[DeviceReport("CAM-R17-03", "down", "camera", "no RTP for 10 s")],
    )
