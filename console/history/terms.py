"""Search terms: the documents and identities that lead a supervisor to a container.

A supervisor starts from what is on the paper in front of them: a truck
plate, a vessel IMO number or voyage, a bill of lading, a declaration number.
Those live inside event bodies (equipment events and clearance decisions),
so `TermIndexer.catch_up` copies them, once, into `review_terms` with the
container each one names; it reads only the rows stored since its last run
(`review_progress`).  Terms are kept upper-case, as the documents print them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import orjson

from console.history.cancel import NEVER, Cancellation
from console.history.schema import ensure_review_tables
from console.store.bulk import insert_rows

JOB = "terms"
FIELDS = ("truck_plate", "vessel_imo", "voyage", "bill_of_lading", "declaration_no", "document")
_CHUNK = 50_000


def terms_of(kind: str, body: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, term) pairs of one event body."""
    if kind in ("equipment", "transport"):  # a vessel call is found by its vessel and voyage
        for name in ("truck_plate", "vessel_imo", "voyage"):
            if body.get(name):
                yield name, str(body[name]).upper()
        for _type, value in body.get("document_references", ()):
            if value:
                yield "document", str(value).upper()
    elif kind == "shipment":
        for value in (body.get("document_reference"),
                      *(v for _t, v in body.get("document_references", ()))):
            if value:
                yield "document", str(value).upper()
    elif kind == "clearance":
        for name in ("declaration_no", "bill_of_lading", "vessel_imo", "voyage"):
            if body.get(name):
                yield name, str(body[name]).upper()


class TermIndexer:
    """Keeps `review_terms` up to date with the events table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        ensure_review_tables(conn)
        self._conn = conn

    def indexed_up_to(self) -> int:
        row = self._conn.execute(
            "SELECT last_n FROM review_progress WHERE job = ?", (JOB,)
        ).fetchone()
        return int(row[0]) if row is not None else 0

    def catch_up(self, cancel: Cancellation = NEVER) -> int:
        """Index the rows stored since the last run; return how many terms were added."""
        conn = self._conn
        done = self.indexed_up_to()
        end = int(conn.execute("SELECT coalesce(max(n), 0) FROM events").fetchone()[0])
        added = 0
        while done < end:
            cancel.raise_if_cancelled()
            upto = min(end, done + _CHUNK)
            rows = conn.execute(
                "SELECT n, kind, body, container, time_us FROM events "
                "WHERE n > ? AND n <= ? AND kind IN ('equipment', 'clearance')",
                (done, upto),
            ).fetchall()
            found = [
                (term, field, container, time_us, n)
                for n, kind, body, container, time_us in rows
                if container
                for field, term in terms_of(kind, orjson.loads(body))
            ]
            conn.execute("BEGIN IMMEDIATE")
            try:
                added += insert_rows(  # not executemany: it stalls beside a busy thread
                    conn, "INSERT OR IGNORE INTO review_terms (term, field, container, time_us, n)",
                    5, found,
                )
                conn.execute(
                    "INSERT INTO review_progress (job, last_n) VALUES (?, ?) "
                    "ON CONFLICT (job) DO UPDATE SET last_n = excluded.last_n",
                    (JOB, upto),
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            done = upto
        return added
