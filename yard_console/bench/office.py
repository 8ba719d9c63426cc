"""`yard-console bench office`: how long the UI thread stalls on officer-side writes.

One run, two paths, each on a fresh database with the same 100 alerts and a
signed audit trail (a station key made for the run), while a background
thread holds the database's write lock the way the event store's writer does
(a 1,000-row batch committed every 20 ms, on its own connection):

- **before** (the baseline, as the desk worked until issue 15): each accept
  (acknowledge and correct) is four transactions on three connections, on
  the acting thread: the alert change, the outbox row, the comment, the audit
  entry;
- **after**: the desk on the `SqliteOfficeStore`: one transaction per accept,
  on the store's writer thread; the acting thread only plans and hands it over.

The acting thread is an asyncio loop, as the window's (qasync) is; an officer
accepts every 5 ms.  Printed for each path: the longest and the 99th
percentile stall of the loop (a 1 ms probe task's lateness, which includes
the time spent in the accept calls), the longest accept call itself, the
transactions per accept, and the time until every accept was committed.
A third column, **idle**, is the same loop and probe with the event writer
and no accepts: the machine's own noise.  Times are upper bounds on a shared
machine.  Target: the after path's longest stall at most half the before
path's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.alerts import operations as ops
from console.alerts.book import AlertBook
from console.audit.station_key import StationKey, ensure_station_key
from console.corrections.request import CorrectionRequest
from console.corrections.sender import CorrectionSender
from console.officers.permissions import Role, Session
from console.operations.desk import AlertDesk
from console.store.office.alert_rows import SqliteAlertStore
from console.store.office.audit_trail import AuditTrail
from console.store.office.outbox import CorrectionOutbox
from console.store.office.sqlite import SqliteOfficeStore
from console.store.schema import connect

ACCEPTS = 100
PACE_S = 0.005
PROBE_S = 0.001
FRAME_MS = 1000.0 / 60.0
TARGET_RATIO = 0.5


def _raise(book: AlertBook, n: int) -> list[str]:
    ids = []
    for i in range(n):
        [change] = book.raise_alert(
            rule="CONTAINER_NUMBER_INVALID", severity="high", subject=f"EGHU{i:07d}",
            cause=f"E{i}", feed="T", event_id=f"KHH-T7:G2:{i:06d}",
            raised_at="2026-12-03T05:00:00Z")
        ids.append(change.alert.alert_id)
    return ids


class _EventWriter(threading.Thread):
    """Holds the write lock as the event store's writer does: a batch every 20 ms."""

    def __init__(self, db: Path) -> None:
        super().__init__(name="bench-event-writer", daemon=True)
        self._db = db
        self.stop = threading.Event()
        self.commits = 0

    def run(self) -> None:
        conn = connect(self._db)
        conn.execute("CREATE TABLE IF NOT EXISTS bench_events (n INTEGER, body TEXT)")
        rows = [(i, "x" * 200) for i in range(1000)]
        while not self.stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO bench_events VALUES (?, ?)", rows)
            conn.execute("COMMIT")
            self.commits += 1
            self.stop.wait(0.02)
        conn.close()


async def _probe(lateness: list[float], running: Callable[[], bool]) -> None:
    while running():
        t = time.perf_counter()
        await asyncio.sleep(PROBE_S)
        lateness.append(max(0.0, time.perf_counter() - t - PROBE_S))


async def _accepts(accept: Callable[[int], None], calls: list[float]) -> None:
    for i in range(ACCEPTS):
        t = time.perf_counter()
        accept(i)
        calls.append(time.perf_counter() - t)
        await asyncio.sleep(PACE_S)


def _measure(accept: Callable[[int], None], settle: Callable[[], None]) -> dict[str, float]:
    lateness: list[float] = []
    calls: list[float] = []
    done = False

    async def main() -> float:
        nonlocal done
        probe = asyncio.create_task(_probe(lateness, lambda: not done))
        t = time.perf_counter()
        await _accepts(accept, calls)
        await asyncio.get_running_loop().run_in_executor(None, settle)  # waits off the loop
        elapsed = time.perf_counter() - t
        done = True
        await probe
        return elapsed

    elapsed = asyncio.run(main())
    lateness.sort()
    return {
        "stall_max_ms": 1000 * max(max(lateness), max(calls)),
        "stall_p99_ms": 1000 * lateness[int(0.99 * (len(lateness) - 1))],
        "call_max_ms": 1000 * max(calls),
        "call_median_ms": 1000 * statistics.median(calls),
        "all_committed_s": elapsed,
    }


def _before(db: Path, key: StationKey) -> dict[str, float]:
    """The desk as it was: four transactions on three connections per accept, here."""
    alerts = SqliteAlertStore(db)
    book = AlertBook(alerts)
    ids = _raise(book, ACCEPTS)
    outbox = CorrectionOutbox.open(db)
    trail = AuditTrail.open(db, signer=key)

    def accept(i: int) -> None:
        alert_id = ids[i]
        changes = ops.acknowledge(book, alert_id, who="A123", station="WS-07", why="misread")
        request = CorrectionRequest(f"KHH-T7:G2:{i:06d}", {"equipmentReference": "EGHU9012345"},
                                    "A123", "WS-07", alert_id, "misread")
        outbox.enqueue(request, time.time())
        changes += ops.comment(book, alert_id, f"correction {request.request_id} sent",
                               who="A123", station="WS-07")
        trail.append("A123", "WS-07", "alert.correct", alert_id,
                     {"request_id": request.request_id,
                      "effect": [[c.alert.alert_id, c.action] for c in changes]})

    writer = _EventWriter(db)
    writer.start()
    try:
        result = _measure(accept, lambda: None)
    finally:
        writer.stop.set()
        writer.join()
    for close in (alerts.close, outbox.close, trail.connection.close):
        close()
    return result | {"transactions_per_accept": 4.0}


def _after(db: Path, key: StationKey) -> dict[str, float]:
    """The desk on the office store: one transaction per accept, on its writer thread."""
    office = SqliteOfficeStore(db, signer=key)
    book = AlertBook(office)
    ids = _raise(book, ACCEPTS)

    async def offline(_message: dict[str, Any]) -> None:
        raise ConnectionError("no terminal in this benchmark")

    desk = AlertDesk(book, office, CorrectionSender(office, offline))
    session = Session("A123", Role.OFFICER, "WS-07")

    def accept(i: int) -> None:
        desk.resolve(session, ids[i], "corrected", changes={"equipmentReference": "EGHU9012345"},
                     comment="misread")

    writer = _EventWriter(db)
    writer.start()
    try:
        result = _measure(accept, office.settle)
    finally:
        writer.stop.set()
        writer.join()
    stored = len(office.corrections())
    office.close()
    if stored != ACCEPTS:
        raise SystemExit(f"after: {stored} corrections stored, expected {ACCEPTS}")
    return result | {"transactions_per_accept": 1.0}


def _idle(db: Path) -> dict[str, float]:
    """The machine's own noise: the same loop, probe and event writer, no accepts."""
    writer = _EventWriter(db)
    writer.start()
    try:
        result = _measure(lambda _i: None, lambda: None)
    finally:
        writer.stop.set()
        writer.join()
    return result | {"transactions_per_accept": 0.0}


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-office-") as tmp:
        key, _ = ensure_station_key(Path(tmp) / "key")
        idle = _idle(Path(tmp) / "idle.db")
        before = _before(Path(tmp) / "before.db", key)
        after = _after(Path(tmp) / "after.db", key)
    return {"accepts": ACCEPTS, "idle": idle, "before": before, "after": after,
            "stall_ratio": after["stall_max_ms"] / before["stall_max_ms"]}


def report(r: dict[str, Any]) -> str:
    rows = [("longest UI-thread stall", "stall_max_ms", "ms"),
            ("p99 UI-thread stall", "stall_p99_ms", "ms"),
            ("longest accept call", "call_max_ms", "ms"),
            ("median accept call", "call_median_ms", "ms"),
            ("transactions per accept", "transactions_per_accept", ""),
            ("all accepts committed after", "all_committed_s", "s")]
    lines = [f"bench office: {r['accepts']} accept-and-correct, event writer busy meanwhile "
             "(upper bounds on a shared machine)",
             f"{'':30}{'idle (no accepts)':>20}{'before (4 txns here)':>24}"
             f"{'after (office store)':>24}"]
    for label, key, unit in rows:
        lines.append(f"{label:30}" + "".join(f"{r[path][key]:>21.2f} {unit:2}"
                                             for path in ("idle", "before", "after")))
    lines.append(f"after/before longest stall: {r['stall_ratio']:.2f} (target ≤ {TARGET_RATIO}; "
                 f"one frame at 60 Hz is {FRAME_MS:.1f} ms)")
    return "\n".join(lines)


def ok(r: dict[str, Any]) -> bool:
    return bool(r["stall_ratio"] <= TARGET_RATIO)


def bench_office(args: argparse.Namespace) -> int:
    r = run()
    print(json.dumps(r) if getattr(args, "json", False) else report(r))
    return 0 if ok(r) else 1


if __name__ == "__main__":
    sys.exit(bench_office(argparse.Namespace()))
