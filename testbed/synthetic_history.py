"""A synthetic month of stored evidence, written fast, for the history benchmark.

The store a review meets after a month: an opening snapshot of the yard,
then container moves (discharge, carry, stack, gate out), clearance
decisions, position reports thinned to one a minute per vehicle (the
retention policy's default for old telemetry), and alerts with their whole
change log (raise, acknowledge, resolve, with realistic delays and a few
floods).  Rows are built as the store's own columns and written with raw
`executemany` in transactions of 50,000 rows (see field-notes: 58k–171k
rows/s) by the store's `console.store.history.load.BulkLoader`, through
the real schema migrations of the events, alerts and review components, so
every index a query uses is there.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from console.model import ContainerState, Position, PositionReport, Snapshot
from console.store.history.load import BulkLoader
from console.store.office.alert_rows import COMPONENT as ALERTS_COMPONENT
from console.store.office.alert_rows import MIGRATIONS as ALERTS_MIGRATIONS
from console.timefmt import rfc3339

FEED = "bench/terminal"
CLEARANCE_FEED = "bench/clearance"
EPOCH = "bench"
START = datetime(2026, 10, 29, 0, 0, tzinfo=UTC)
DAYS = 30
YARD = 50_000  # containers in the yard at the start of a 10M-event month


def yard_size(n_events: int) -> int:
    """The opening yard for a store of `n_events` (smaller stores for tests)."""
    return min(YARD, max(500, n_events // 200))

VEHICLES = 200
BLOCKS = [f"{c}{i:02d}" for c in "ABCDEF" for i in range(1, 9)]
RULES = (("GATE_OUT_WITHOUT_RELEASE", "critical"), ("SEAL_MISMATCH", "high"),
         ("UNSCHEDULED_STOP", "high"), ("TRANSFER_OVERDUE", "medium"),
         ("OCR_LOW_CONFIDENCE", "low"), ("CONTAINER_NUMBER_INVALID", "medium"),
         ("LOCATION_CONFLICT", "medium"), ("DEVICE_DOWN", "medium"))
OFFICERS = ("chen.li", "wang.mei", "lin.hao", "tsai.yu", "huang.an", "lee.wei")
_ALERT_FIELDS = ("alert_id", "rule", "severity", "subject", "cause", "feed", "event_id",
                 "raised_at", "raised_s", "state", "cleared", "resolution", "shelved_until",
                 "group_id", "repeats", "changed_at", "detail")
_BATCH = 50_000


@dataclass(frozen=True, slots=True)
class GeneratedStore:
    events: int
    alerts: int
    first_us: int
    last_us: int
    seconds: float


def _iso(us: int) -> str:
    return rfc3339(START + timedelta(microseconds=us - _us(START)))


def _us(moment: datetime) -> int:
    return int(moment.timestamp()) * 1_000_000


def container_ref(i: int) -> str:
    return f"BNCU{i:07d}"


def _slot(rng: random.Random) -> dict[str, object]:
    return {"kind": "slot", "block": rng.choice(BLOCKS), "bay": rng.randint(1, 40),
            "row": rng.randint(1, 8), "tier": rng.randint(1, 5)}


class _Yard:
    """Which containers are where, so generated moves follow a real life cycle."""

    STEPS = ("DISC", "PICK", "DROP", "PICK", "GTOT")

    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng = rng
        self.size = size
        self.next_ref = size
        self.active: list[tuple[str, int]] = []  # (ref, next step index)

    def move(self, seq: int, t_us: int) -> tuple[str, str, dict[str, object]]:
        rng = self.rng
        if not self.active or (len(self.active) < 400 and rng.random() < 0.3):
            if rng.random() < 0.5:
                ref, step = container_ref(rng.randrange(self.size)), 3  # a stored box leaves
            else:
                ref, step = container_ref(self.next_ref), 0
                self.next_ref += 1
        else:
            k = rng.randrange(len(self.active))
            ref, step = self.active.pop(k)
        etype = self.STEPS[step]
        vehicle = f"SC{rng.randrange(VEHICLES):03d}"
        body: dict[str, object] = {
            "event_id": f"e{seq}", "classifier": "ACT", "event_type": etype,
            "event_time": _iso(t_us), "equipment_reference": ref, "iso_code": "45G1",
            "empty": "LADEN", "vessel_imo": f"98{seq % 97:05d}", "voyage": f"{seq % 89:03d}N",
            "vehicle_id": vehicle, "shape": "dcsa-2.2",
        }
        if etype == "DROP":
            body["position"] = _slot(rng)
        elif etype == "DISC":
            body["crane_id"] = f"STS{rng.randrange(24):02d}"
        elif etype == "GTOT":
            body["truck_plate"] = f"K{rng.choice('ABCDEFG')}A-{seq % 10_000:04d}"
        if step + 1 < len(self.STEPS):
            self.active.append((ref, step + 1))
        return ref, etype, body


def _rows(n_events: int, seed: int) -> Iterator[tuple[object, ...]]:
    """`n_events` event rows spread evenly over the month (85% position reports)."""
    rng = random.Random(seed)
    size = yard_size(n_events)
    yard = _Yard(rng, size)
    first, span = _us(START), DAYS * 86_400 * 1_000_000
    step = span // n_events
    received = _iso(first)
    for seq in range(1, n_events + 1):
        t = first + seq * step
        time_text = _iso(t)
        r = rng.random()
        if r < 0.85:
            v = seq % VEHICLES
            carrying = container_ref(rng.randrange(size)) if v % 3 == 0 else None
            body = {"vehicle_id": f"SC{v:03d}", "x": float(v * 7 % 1900),
                    "y": float(seq % 700), "speed": 4.0 if seq % 5 else 0.0,
                    "carrying": carrying, "vehicle_type": "shuttle"}
            if carrying is None:
                del body["carrying"]
            yield (FEED, EPOCH, seq, f"p{seq}", "position", time_text, t, None,
                   orjson.dumps(body).decode(), None, received, carrying, f"SC{v:03d}", None)
        elif r < 0.95:
            ref, etype, body = yard.move(seq, t)
            yield (FEED, EPOCH, seq, f"e{seq}", "equipment", time_text, t, None,
                   orjson.dumps(body).decode(), None, received, ref, body["vehicle_id"], etype)
        else:
            ref = container_ref(rng.randrange(yard.next_ref))
            body = {"equipment_reference": ref, "status": rng.choice(("released", "hold",
                    "released", "pending")), "status_time": time_text,
                    "declaration_no": f"AA{seq:011d}", "bill_of_lading": f"EGLV{seq:09d}",
                    "vessel_imo": f"98{seq % 97:05d}", "voyage": f"{seq % 89:03d}N"}
            yield (CLEARANCE_FEED, EPOCH, seq, f"c{seq}", "clearance", time_text, t, None,
                   orjson.dumps(body).decode(), None, received, ref, None, None)


def _opening_snapshot(seed: int, size: int) -> Snapshot:
    rng = random.Random(seed + 1)
    containers = [ContainerState(container_ref(i), "45G1", "LADEN",
                                 Position(**_slot(rng)))  # type: ignore[arg-type]
                  for i in range(size)]
    vehicles = [PositionReport(f"SC{v:03d}", 0.0, 0.0, vehicle_type="shuttle")
                for v in range(VEHICLES)]
    return Snapshot(FEED, EPOCH, 0, _iso(_us(START)), containers, vehicles)


def _alert_rows(seed: int, size: int) -> Iterator[tuple[list[object], list[list[object]]]]:
    """About one alert per 10 minutes, with a flood every few days; each with its changes."""
    rng = random.Random(seed + 2)
    t = float(START.timestamp())
    end = t + DAYS * 86_400
    k = 0
    while t < end:
        flood = rng.random() < 0.002
        for _ in range(rng.randint(12, 25) if flood else 1):
            k += 1
            rule, severity = rng.choice(RULES)
            raised = t + rng.uniform(0, 60 if flood else 1)
            alert_id = f"{rule}-{k:08d}"
            raised_at = rfc3339(datetime.fromtimestamp(raised, UTC))
            ack = raised + rng.lognormvariate(4.2, 0.8)
            resolve = ack + rng.lognormvariate(4.0, 0.9)
            who = rng.choice(OFFICERS)
            alert = [alert_id, rule, severity, container_ref(rng.randrange(size)), f"c{k}",
                     FEED, f"e{k}", raised_at, raised, "resolved", 0, "false_alarm", None,
                     alert_id, 0, _stamp(resolve), "{}"]
            fields = dict(zip(_ALERT_FIELDS, alert, strict=True))
            del fields["raised_s"]
            fields["detail"] = {}
            fields["cleared"] = False

            def life(state: str, at: float, f: dict[str, object] = fields) -> str:
                return orjson.dumps({**f, "state": state, "changed_at": _stamp(at),
                                     "resolution": f["resolution"] if state == "resolved"
                                     else None}).decode()

            changes: list[list[object]] = [
                [alert_id, "raise", _stamp(raised), "system", None, None, "unacknowledged", 0,
                 life("unacknowledged", raised)],
                [alert_id, "acknowledge", _stamp(ack), who, "WS-01", "checking",
                 "acknowledged", 0, life("acknowledged", ack)],
                [alert_id, "resolve", _stamp(resolve), who, "WS-01", "seen on camera",
                 "resolved", 0, life("resolved", resolve)]]
            yield alert, changes
        t += rng.expovariate(1 / 600.0)


def _stamp(seconds: float) -> str:
    return rfc3339(datetime.fromtimestamp(seconds, UTC))


def generate_store(
    db: Path, n_events: int, *, seed: int = 7,
    progress: Callable[[str, float], None] | None = None,
) -> GeneratedStore:
    """Fill an empty database at `db` with `n_events` events and a month of alerts."""
    started = time.perf_counter()
    loader = BulkLoader(db, [(ALERTS_COMPONENT, ALERTS_MIGRATIONS)])
    try:
        snap = _opening_snapshot(seed, yard_size(n_events))
        loader.add_snapshot(FEED, snap, snap.time or "")
        batch: list[tuple[object, ...]] = []
        written = 0
        for row in _rows(n_events, seed):
            batch.append(row)
            if len(batch) >= _BATCH:
                written += loader.add_events(batch)
                batch.clear()
                if progress is not None:
                    progress("events", written / n_events)
        written += loader.add_events(batch)
        alerts: list[list[object]] = []
        changes: list[list[object]] = []
        its_changes: list[list[object]]
        for alert, its_changes in _alert_rows(seed, yard_size(n_events)):
            alerts.append(alert)
            changes.extend(its_changes)
        loader.add_alerts(alerts, changes)
        first, last = loader.time_range() or (0, 0)
    finally:
        loader.close()
    return GeneratedStore(written, len(alerts), first, last, time.perf_counter() - started)
