"""Exporting stored events and quarantined messages as JSON Lines or CSV.

An event exports with the envelope's keys (`id`, `seq`, `feed`, `kind`,
`time`, `body`) plus `epoch`, `source`, `corrects` and `received_at`; in CSV
the body is one column of JSON text.  A quarantined message can be anything
(invalid UTF-8, a megabyte of nesting), so it exports as display-safe text:
decoded with invalid bytes and control characters escaped (`\\xNN`), cut to `RAW_TEXT_LIMIT`
characters, and identified by its full length and SHA-256 so that the
original can be matched against a gateway's own log.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from typing import Any, Literal, TextIO

import orjson

from console.store.base import QuarantineEntry, StoredEvent

ExportFormat = Literal["jsonl", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv")
RAW_TEXT_LIMIT = 4096
# Control characters (ESC above all) would act on a terminal that shows the export.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (9, 10)}

EVENT_COLUMNS = (
    "id", "seq", "feed", "epoch", "kind", "time", "source", "corrects", "received_at", "body",
)
QUARANTINE_COLUMNS = (
    "feed", "received_at", "epoch", "seq", "code", "reason", "raw_length", "raw_sha256",
    "raw_truncated", "raw",
)


def event_record(event: StoredEvent) -> dict[str, Any]:
    """One event in export form (the body as a dict)."""
    return {
        "id": event.id,
        "seq": event.seq,
        "feed": event.feed,
        "epoch": event.epoch,
        "kind": event.kind,
        "time": event.time,
        "source": event.source,
        "corrects": event.corrects,
        "received_at": event.received_at,
        "body": event.body,
    }


def raw_text(raw: bytes, limit: int = RAW_TEXT_LIMIT) -> tuple[str, bool]:
    """Raw bytes as printable text (invalid UTF-8 escaped), cut to `limit`; (text, cut?)."""
    text = raw.decode("utf-8", errors="backslashreplace").translate(_CONTROLS)
    if len(text) > limit:
        return text[:limit], True
    return text, False


def quarantine_record(entry: QuarantineEntry) -> dict[str, Any]:
    """One quarantined message in export form."""
    text, cut = raw_text(entry.raw)
    return {
        "feed": entry.feed,
        "received_at": entry.received_at,
        "epoch": entry.epoch,
        "seq": entry.seq,
        "code": entry.code,
        "reason": entry.reason,
        "raw_length": len(entry.raw),
        "raw_sha256": hashlib.sha256(entry.raw).hexdigest(),
        "raw_truncated": cut,
        "raw": text,
    }


def write_events(events: Iterable[StoredEvent], fmt: ExportFormat, out: TextIO) -> int:
    """Write events to `out` in `fmt`; return how many were written."""
    return _write((event_record(e) for e in events), EVENT_COLUMNS, fmt, out)


def write_quarantine(entries: Iterable[QuarantineEntry], fmt: ExportFormat, out: TextIO) -> int:
    """Write quarantined messages to `out` in `fmt`; return how many were written."""
    return _write((quarantine_record(q) for q in entries), QUARANTINE_COLUMNS, fmt, out)


def _write(
    records: Iterable[dict[str, Any]], columns: tuple[str, ...], fmt: ExportFormat, out: TextIO
) -> int:
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(orjson.dumps(record).decode())
            out.write("\n")
            count += 1
        return count
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record[c]) for c in columns])
        count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
