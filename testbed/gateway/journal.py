"""A gateway's memory across restarts: an append-only file of what its `FeedLog` did.

Why: the protocol promises that a client can resume across a gateway restart
as long as the epoch is kept and its position is retained; a gateway that
forgets on restart must start a new epoch.  The journal makes the first case
possible (and testable).

One JSON object per line:
``{"epoch": E, "first_seq": N}`` when numbering starts,
``{"event": <envelope>}`` for each numbered event,
``{"skip": [first, n]}`` for numbers consumed without an event.
Each line is flushed to the operating system when written, so a killed
process loses nothing; a torn last line (power loss) is ignored on reading
and cut off before the journal is written again.
"""

from __future__ import annotations

import base64
import pathlib
from collections.abc import Callable, Iterator
from typing import IO, Any

import orjson

from testbed.gateway.feedlog import Envelope, FeedLog


def read_journal(path: pathlib.Path) -> Iterator[dict[str, Any]]:
    """The records of a journal, oldest first; a missing file has none."""
    if not path.exists():
        return
    with path.open("rb") as f:
        for line in f:
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record


class FeedJournal:
    """Writes one feed's journal and rebuilds a `FeedLog` from it."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def open_log(
        self,
        name: str,
        role: str,
        *,
        retain: int = 200_000,
        on_event: Callable[[Envelope], None] | None = None,
    ) -> FeedLog:
        """Rebuild the log (same epoch, same retained events) and keep journalling it.

        `on_event` sees every event of every epoch in the file, oldest first,
        so that an endpoint can rebuild the state its snapshots describe."""
        log: FeedLog | None = None
        for record in read_journal(self.path):
            if "epoch" in record:
                if log is None:
                    log = FeedLog(name, role, retain=retain, first_seq=record["first_seq"],
                                  epoch=record["epoch"])
                else:
                    log.new_epoch(record["first_seq"], epoch=record["epoch"])
            elif "event" in record and log is not None:
                if isinstance(record["event"].get("frame"), str):
                    record["event"]["frame"] = base64.b64decode(record["event"]["frame"])
                log.restore(record["event"])
                if on_event is not None:
                    on_event(record["event"])
            elif "skip" in record and log is not None:
                first, n = record["skip"]
                log.restore_skip(first, n)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._drop_torn_tail()
        self._file = self.path.open("ab")
        if log is None:
            log = FeedLog(name, role, retain=retain)
            self.record_epoch(log.epoch, log.first_seq)
        log.journal = self
        return log

    def _drop_torn_tail(self) -> None:
        """Cut a last line that was never finished, so that new lines start clean."""
        if not self.path.exists():
            return
        with self.path.open("r+b") as f:
            size = f.seek(0, 2)
            if size == 0:
                return
            f.seek(size - 1)
            if f.read(1) == b"\n":
                return
            f.seek(max(0, size - 1_048_576))
            tail = f.read()
            cut = tail.rfind(b"\n")
            f.truncate(size - len(tail) + cut + 1 if cut >= 0 else size - len(tail))

    def _write(self, record: dict[str, Any]) -> None:
        if self._file is None:
            raise RuntimeError("journal is not open")
        self._file.write(orjson.dumps(record) + b"\n")
        self._file.flush()

    def record_epoch(self, epoch: str, first_seq: int) -> None:
        self._write({"epoch": epoch, "first_seq": first_seq})

    def record_event(self, envelope: Envelope) -> None:
        frame = envelope.get("frame")
        if frame is not None:  # a numbered raw frame (`FeedLog.append_frame`): kept as base64
            envelope = {**envelope, "frame": base64.b64encode(frame).decode("ascii")}
        self._write({"event": envelope})

    def record_skip(self, first: int, n: int) -> None:
        self._write({"skip": [first, n]})

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> FeedJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
