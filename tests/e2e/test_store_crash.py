"""`kill -9` of a process writing through the StoreWriter, then reopening the file."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from console.store.sqlite import SqliteEventStore
from tests.unit.test_store_support import FEED

ROOT = Path(__file__).resolve().parents[2]

# Resumes from the store's cursor, as a feed client does, and writes batches of
# 50 events as fast as the writer commits them; prints each seq whose commit
# returned (from the writer thread, in commit order).
WRITER_PROCESS = textwrap.dedent(
    """
    import sys, time
    from console.store.sqlite import SqliteEventStore
    from console.store.writer import StoreWriter
    from tests.unit.test_store_support import FEED, batch, equipment_event

    store = SqliteEventStore(sys.argv[1])
    cursor = store.cursor(FEED)
    seq = cursor.last_seq if cursor else 0
    writer = StoreWriter(store, max_events_per_commit=400)

    def confirm(future, last):
        if future.exception() is None:
            print(last, flush=True)

    print("ready", flush=True)
    while True:
        events = [equipment_event(s) for s in range(seq + 1, seq + 51)]
        seq += 50
        writer.submit(batch(events)).add_done_callback(lambda f, last=seq: confirm(f, last))
        while writer.queued_events > 2000:
            time.sleep(0.001)
    """
)


def _run_and_kill(db: Path, after_confirmed: int) -> int:
    """Start a writer process, SIGKILL it once `after_confirmed` more commits returned."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER_PROCESS, str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "ready"
        confirmed = 0
        deadline = time.monotonic() + 60
        for _ in range(after_confirmed):
            line = proc.stdout.readline()
            assert line, "the writer process died on its own"
            confirmed = int(line)
            assert time.monotonic() < deadline
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        for line in proc.stdout:  # lines already written before the kill
            confirmed = max(confirmed, int(line))
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return confirmed


def test_kill_9_mid_stream_loses_no_commit_and_keeps_the_cursor_true(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    for round_ in range(3):
        confirmed = _run_and_kill(db, after_confirmed=40 + 25 * round_)
        store = SqliteEventStore(db)
        try:
            cursor = store.cursor(FEED)
            assert cursor is not None
            assert cursor.last_seq >= confirmed  # every returned commit is there
            seqs = [e.seq for e in store.events(feed=FEED)]
            # exactly once each, nothing missing below the cursor, nothing above it
            assert seqs == list(range(1, cursor.last_seq + 1))
            assert store.event_count() == cursor.last_seq
            check = store.connection.execute("PRAGMA quick_check").fetchone()[0]
            assert check == "ok"
        finally:
            store.close()
