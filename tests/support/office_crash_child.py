"""A console's officer side as a real process, accepting and correcting alerts until killed.

Run as `python -m tests.support.office_crash_child DB PORT KEY_DIR COUNT`: the
real `SqliteOfficeStore` (station key in KEY_DIR, so the trail is signed and
anchored), supervisor book, desk and correction sender, linked over a real
websocket to the parent test's gateway on PORT.  It raises COUNT alerts (the
same ids every run: raising is idempotent), then works through the queue as
an officer pressing Enter would: even alerts get acknowledge-and-correct,
odd ones acknowledge and then resolve as a false alarm.  It prints READY once
it starts acting and DONE when every alert is resolved, then idles.  The
parent kills it with SIGKILL at random moments and starts it again.

With `--zygote` it imports everything once and then, for each `go` line on
its standard input, forks one such console (printing `PID n`), waits for it
and prints `EXIT n` with its wait status: a fresh process every time, without
paying Python's start-up for each of the many kills.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from pathlib import Path

from console.alerts.book import AlertBook
from console.audit.station_key import ensure_station_key
from console.corrections.sender import CorrectionSender
from console.officers.permissions import Role, Session
from console.operations.desk import AlertDesk, OperationRefused
from console.store.office.sqlite import SqliteOfficeStore
from tests.support.corrections_gateway import Link

RULE = "CONTAINER_NUMBER_INVALID"


def event_id(i: int) -> str:
    return f"KHH-T7:G2:{i:06d}"


def raise_all(book: AlertBook, count: int) -> None:
    for i in range(count):
        book.raise_alert(rule=RULE, severity="high", subject=f"EGHU{i:07d}", cause=event_id(i),
                         feed="T", event_id=event_id(i), raised_at="2026-12-03T05:00:00Z")


async def work(db: Path, port: int, key_dir: Path, count: int) -> None:
    key, _new = ensure_station_key(key_dir)
    office = SqliteOfficeStore(db, signer=key)
    book = AlertBook(office)
    raise_all(book, count)
    sender: CorrectionSender
    link: Link

    async def send(message: dict[str, object]) -> None:
        await link.send(message)

    sender = CorrectionSender(office, send, resend_after_s=0.4, retry_s=0.1, poll_s=0.05)
    link = Link(port, sender)
    desk = AlertDesk(book, office, sender)
    session = Session("A123", Role.OFFICER, "WS-07")
    tasks = [asyncio.create_task(link.run()), asyncio.create_task(sender.run())]
    print("READY", flush=True)
    rng = random.Random()
    done = False
    while True:
        progressed = False
        for i in range(count):
            alert = next(
                (a for a in book.open.values() if a.event_id == event_id(i)), None)
            if alert is None:
                continue
            try:
                if i % 2 == 0 and alert.state == "unacknowledged":
                    desk.resolve(session, alert.alert_id, "corrected",
                                 changes={"equipmentReference": f"EGHU{i:06d}7"},
                                 comment="OCR misread")
                elif i % 2 == 1 and alert.state == "unacknowledged":
                    desk.acknowledge(session, alert.alert_id, "looked at it")
                elif i % 2 == 1 and alert.state == "acknowledged":
                    desk.resolve(session, alert.alert_id, "false_alarm", comment="a shadow")
                else:
                    continue
            except OperationRefused:
                continue
            progressed = True
            await asyncio.sleep(rng.uniform(0.0, 0.01))
        if not book.open and not done:
            office.settle()
            print("DONE", flush=True)
            done = True
        if not progressed:
            await asyncio.sleep(0.02)
    for task in tasks:  # pragma: no cover - the parent kills this process
        task.cancel()


def zygote(args: list[str]) -> None:
    for line in sys.stdin:
        if line.strip() != "go":
            continue
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the console
            try:
                asyncio.run(work(Path(args[0]), int(args[1]), Path(args[2]), int(args[3])))
            finally:
                os._exit(1)
        print(f"PID {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"EXIT {status}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--zygote":
        zygote(sys.argv[2:])
    else:
        asyncio.run(work(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]),
                         int(sys.argv[4])))
