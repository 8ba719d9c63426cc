"""`yard-console bench ingest`: events through a real loopback websocket into committed rows.

A gateway process holds N realistic equipment, transport or shipment events
(`--kind`, `--shape`: T&T 2.2, 3.0 beta or 3.0), or 3.0 IoT or reefer events, in its
retained window.
The console's engine (strict parser, normaliser, sequencer, single writer,
SQLite store) resumes from seq 0 and is timed until the cursor of the last
event is committed.  In the same run, a naive baseline (plain `json.loads` and
one `executemany` per 1,000 events into a bare table) reads the same replay
from the same gateway.  Printed: events/s for both and their ratio; for any
other shape or kind than T&T 2.2 equipment events, the same is then measured
for 2.2 equipment events and the two rates are printed side by side with
their ratio (the same run on the same machine, so that load weighs on both).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_EPOCH = "bench-epoch"


def _raw_event(i: int) -> dict[str, Any]:
    """A realistic DCSA 2.2 gate-out event with terminal additions (about 700 bytes)."""
    from console.protocol.iso6346 import make_number

    ref = make_number("EGH", i % 1_000_000)
    return {
        "eventID": f"ev-{i}",
        "eventType": "EQUIPMENT",
        "eventClassifierCode": "ACT",
        "eventDateTime": "2026-11-28T20:01:03.004+08:00",
        "eventCreatedDateTime": "2026-11-28T20:01:03.104+08:00",
        "equipmentEventTypeCode": ("GTOT", "DISC", "DROP", "PICK")[i % 4],
        "equipmentReference": ref,
        "ISOEquipmentCode": "45G1",
        "emptyIndicatorCode": "LADEN",
        "seals": [{"sealNumber": f"TW{i:07d}", "sealSource": "CUS", "sealType": "BLT"}],
        "transportCall": {
            "carrierVoyageNumber": "1234N",
            "modeOfTransport": "VESSEL",
            "vessel": {"vesselIMONumber": "9811000", "vesselName": "EVER ACE"},
        },
        "eventLocation": {"locationName": "Kaohsiung T7", "UNLocationCode": "TWKHH"},
        "terminal": {
            "craneId": "STS03",
            "laneId": "G2-OUT-04",
            "truckPlate": "KLA-1234",
            "position": {"kind": "slot", "block": "A03", "bay": 12, "row": 4, "tier": 2},
            "grossWeightKg": 27400,
            "tareWeightKg": 3800,
            "ocr": {"equipmentReference": ref, "confidence": 0.97, "sealNumbers": [f"TW{i:07d}"]},
        },
    }


def _body(i: int, shape: str) -> dict[str, Any]:
    """Event `i` in the given DCSA shape, as the simulator writes it."""
    raw = _raw_event(i)
    if shape == "dcsa-2.2":
        return raw
    from console.protocol import dcsa_shapes
    from console.protocol.equipment_shapes import normalise_equipment

    record = normalise_equipment(raw)
    if shape == "dcsa-3.0":
        return dcsa_shapes.to_dcsa_30(record)
    return dcsa_shapes.to_dcsa_30_beta(record)


def _call_body(i: int, kind: str, shape: str) -> dict[str, Any]:
    """Event `i` as a transport event (a vessel's arrival or departure) or a shipment event
    (a transport document released or held), in the given DCSA shape."""
    from console.model import ShipmentEvent, TransportEvent
    from console.protocol import dcsa_shapes

    t = "2026-11-28T20:01:03.004+08:00"
    if kind == "transport":
        ev = TransportEvent(
            f"ev-{i}", "ACT", ("ARRI", "DEPA")[i % 2], t, created_time=t,
            vessel_imo="9811000", vessel_name="EVER ACE", voyage=f"{i % 9000 + 1000}N",
            mode_of_transport="VESSEL", transport_call_reference=f"TC-{i}",
            location_name="Kaohsiung T7", un_location_code="TWKHH", facility_code="KHH07",
            facility_type="POTE", delay_reasons=("WEA",) if i % 5 == 0 else ())
        write = {"dcsa-2.2": dcsa_shapes.transport_22, "dcsa-3.0-beta":
                 dcsa_shapes.transport_beta}.get(shape, dcsa_shapes.transport_30)
        return write(ev)
    doc = ShipmentEvent(
        f"ev-{i}", "ACT", ("RELS", "HOLD")[i % 2], t, created_time=t, document_type="TRD",
        document_reference=f"EGLV{i:09d}", document_references=(("BKG", f"B{i:08d}"),))
    write_doc = {"dcsa-2.2": dcsa_shapes.shipment_22, "dcsa-3.0-beta":
                 dcsa_shapes.shipment_beta}.get(shape, dcsa_shapes.shipment_30)
    return write_doc(doc)


def _device_body(i: int, kind: str) -> dict[str, Any]:
    """Event `i` as a DCSA 3.0 IoT (an e-seal's location update) or reefer event."""
    from console.model import IotEvent, ReeferEvent
    from console.protocol import dcsa_shapes
    from console.protocol.iso6346 import make_number

    ref, t = make_number("EGH", i % 1_000_000), "2026-11-28T20:01:03.004+08:00"
    if kind == "iot":
        return dcsa_shapes.iot_30(IotEvent(
            f"ev-{i}", "ACT", "LOC", t, ref, "45R1", "Kaohsiung T7", "TWKHH", "22.561805",
            "120.314377", t))
    return dcsa_shapes.reefer_30(ReeferEvent(
        f"ev-{i}", "ACT", "MEAS", t, ref, "CEL", -18.0, 28.5, (-18.3, -17.6), t))


def _event_body(i: int, shape: str, kind: str) -> dict[str, Any]:
    if kind == "equipment":
        return _body(i, shape)
    if kind in ("transport", "shipment"):
        return _call_body(i, kind, shape)
    return _device_body(i, kind)


def _serve(n: int, port_queue: Any, shape: str = "dcsa-2.2", kind: str = "equipment") -> None:
    """The gateway process: a protocol-conformant replay of N retained events, sent as fast
    as the socket takes them (frames encoded beforehand), so that the receiving side is
    what is measured."""
    import orjson
    from websockets.asyncio.server import ServerConnection, serve

    frames = [
        orjson.dumps(
            {
                "type": "event",
                "seq": i + 1,
                "id": f"KHH-T7:STS03:{i + 1:09d}",
                "kind": kind,
                "time": "2026-11-28T20:01:03.004+08:00",
                "source": "STS03",
                "body": _event_body(i, shape, kind),
            }
        ).decode()
        for i in range(n)
    ]

    async def session(ws: ServerConnection) -> None:
        hello = orjson.loads(await ws.recv())
        after = (hello.get("resume") or {}).get("after_seq", 0)
        await ws.send(
            orjson.dumps(
                {
                    "type": "welcome",
                    "feed": "BENCH",
                    "role": "terminal",
                    "epoch": BENCH_EPOCH,
                    "first_seq": 1,
                    "last_seq": n,
                    "retained_from_seq": 1,
                    "heartbeat_s": 5,
                    "layout_version": None,
                    "server_time": "2026-11-28T20:01:03.004+08:00",
                }
            ).decode()
        )
        for frame in frames[after:]:
            await ws.send(frame)
        await ws.wait_closed()

    async def main() -> None:
        async with serve(
            session,
            "127.0.0.1",
            0,
            compression=None,
            subprotocols=[websockets.Subprotocol("yard-feed.v1")],
        ) as server:
            port_queue.put(server.sockets[0].getsockname()[1])
            await asyncio.Event().wait()

    import websockets

    asyncio.run(main())


async def _console_run(url: str, n: int, db: Path) -> float:
    from console.composition import tune_process_for_streaming
    from console.engine import Engine
    from console.feed.config import FeedConfig
    from console.store.base import FeedCursor, WriteBatch
    from console.store.sqlite import SqliteEventStore

    feed = FeedConfig(url=url, key="BENCH")  # the name the bench gateway announces
    seed = SqliteEventStore(db)
    batch = WriteBatch.empty()
    batch.cursors.append(FeedCursor(feed.key, BENCH_EPOCH, 0))
    seed.write(batch)
    seed.close()
    engine = Engine(SqliteEventStore(db), [feed])  # ingest only: the rules have their bench
    start = time.perf_counter()
    await engine.start()
    tune_process_for_streaming()  # as the console's composition root does after start
    while True:
        cursor = engine.committed_cursor(feed.key)
        if cursor is not None and cursor.last_seq >= n:
            break
        await asyncio.sleep(0.005)
    elapsed = time.perf_counter() - start
    await engine.stop()
    check = SqliteEventStore(db)
    try:
        stored, refused = check.event_count(), sum(1 for _ in check.quarantine())
    finally:
        check.close()
    if stored != n:  # a rate of events refused or lost is no rate
        raise SystemExit(f"bench ingest: the console stored {stored} of {n} events "
                         f"({refused} quarantined); nothing is measured")
    return elapsed


async def _baseline_run(url: str, n: int, db: Path) -> float:
    import websockets

    from console.store.naive import NaiveEventTable

    table = NaiveEventTable(db)
    start = time.perf_counter()
    rows: list[tuple[str, int, str]] = []
    async with websockets.connect(
        url,
        subprotocols=[websockets.Subprotocol("yard-feed.v1")],
        compression=None,
        max_size=8 << 20,
    ) as ws:
        hello = {
            "type": "hello",
            "client": "baseline",
            "station": "BASE",
            "resume": {"epoch": BENCH_EPOCH, "after_seq": 0},
        }
        await ws.send(json.dumps(hello))
        async for raw in ws:
            msg = json.loads(raw)
            if msg.get("type") != "event":
                continue
            rows.append((msg["id"], msg["seq"], json.dumps(msg["body"])))
            if len(rows) >= 1000 or msg["seq"] >= n:
                table.add(rows)
                rows.clear()
            if msg["seq"] >= n:
                break
    elapsed = time.perf_counter() - start
    table.close()
    return elapsed


def _measure(n: int, shape: str, kind: str) -> tuple[float, float, float]:
    """(console seconds, baseline seconds, console CPU seconds of all its threads) for `n`
    events of `shape` and `kind`."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=_serve, args=(n, q, shape, kind), daemon=True)
    proc.start()
    try:
        port = q.get(timeout=120)
        url = f"ws://127.0.0.1:{port}/terminal"
        with tempfile.TemporaryDirectory(prefix="yard-bench-") as tmp:
            base = asyncio.run(_baseline_run(url, n, Path(tmp) / "baseline.db"))
            cpu = time.process_time()
            ours = asyncio.run(_console_run(url, n, Path(tmp) / "console.db"))
            cpu = time.process_time() - cpu
    finally:
        proc.terminate()
        proc.join(10)
    return ours, base, cpu


def bench_ingest(args: argparse.Namespace) -> int:
    n = int(getattr(args, "events", None) or 200_000)
    shape = getattr(args, "shape", None) or "dcsa-2.2"
    kind = getattr(args, "kind", None) or "equipment"
    if kind in ("iot", "reefer"):
        shape = "dcsa-3.0"  # IoT and reefer events exist only in T&T 3.0
    ours, base, cpu = _measure(n, shape, kind)
    ours_rate, base_rate = n / ours, n / base
    print(f"bench ingest: {n} {shape} {kind} events over a loopback websocket "
          "into committed SQLite rows")
    print(
        f"  console  (strict parse, normalise, sequence, store): {ours_rate:10,.0f} events/s"
        f"  ({ours:.2f} s; CPU {cpu / n * 1e6:.1f} µs/event)"
    )
    print(
        f"  baseline (json.loads + executemany per 1,000):       {base_rate:10,.0f} events/s"
        f"  ({base:.2f} s)"
    )
    ratio = ours_rate / base_rate
    print(f"  ratio console/baseline: {ratio:.2f}   targets: ≥ 20,000 events/s and ratio ≥ 0.50")
    if (shape, kind) != ("dcsa-2.2", "equipment"):
        # the same run, the same machine: the shape's rate beside T&T 2.2 equipment events'
        ours_22, base_22, cpu_22 = _measure(n, "dcsa-2.2", "equipment")
        rate_22 = n / ours_22
        print(f"  dcsa-2.2 equipment, same run:                        {rate_22:10,.0f} events/s"
              f"  ({ours_22:.2f} s; CPU {cpu_22 / n * 1e6:.1f} µs/event;"
              f" baseline {n / base_22:,.0f} events/s)")
        print(f"  {shape} {kind} / dcsa-2.2 equipment: {ours_rate / rate_22:.2f} "
              f"(console), {base_rate * base_22 / n:.2f} (baseline), CPU per event "
              f"{cpu / cpu_22:.2f} (on a shared machine the CPU ratio is the steadier)")
    ok = ours_rate >= 20_000 and ratio >= 0.5
    print("  result:", "PASS" if ok else "BELOW TARGET")
    return 0
