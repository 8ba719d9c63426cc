"""Search terms: the documents and identities that lead a supervisor to a container.

A supervisor starts from what is on the paper in front of them: a truck
plate, a vessel IMO number or voyage, a bill of lading, a declaration number.
Those live inside event bodies (equipment events and clearance decisions),
so `TermIndexer.catch_up` copies them, once, into `review_terms` with the
container each one names; it reads only the rows stored since its last run
(`review_progress`).  Terms are kept upper-case, as the documents print them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from console.history.cancel import NEVER, Cancellation
from console.history.records import TermRow
from console.history.store import HistoryStore

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
    """Keeps the store's search terms up to date with its events."""

    def __init__(self, store: HistoryStore) -> None:
        store.prepare()
        self._store = store

    def indexed_up_to(self) -> int:
        return self._store.job_progress(JOB) or 0

    def catch_up(self, cancel: Cancellation = NEVER) -> int:
        """Index the rows stored since the last run; return how many terms were added."""
        store = self._store
        done = self.indexed_up_to()
        end = store.last_row()
        added = 0
        while done < end:
            cancel.raise_if_cancelled()
            upto = min(end, done + _CHUNK)
            found = [
                TermRow(term, field, row.container, row.time_us, row.n)
                for row in store.term_sources(done, upto)
                if row.container
                for field, term in terms_of(row.kind, row.body())
            ]
            added += store.add_terms(found, JOB, upto)
            done = upto
        return added
