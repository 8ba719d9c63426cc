"""What `yard-console bench history` compares the review with, and how it samples the store.

The baseline a container's story is measured against is the query anyone
would write first: parse the JSON of every stored row.  These are SQLite's
(the bench's store), kept beside the store so that no SQL lives in the bench.
"""

from __future__ import annotations

from console.store.history.sqlite import SqliteHistoryStore


def json_scan_story(store: SqliteHistoryStore, ref: str) -> int:
    """Every row whose body names `ref`, found by parsing each body; how many."""
    return len(store.connection.execute(
        "SELECT n, body FROM events NOT INDEXED "
        "WHERE json_extract(body, '$.equipment_reference') = ? "
        "OR json_extract(body, '$.carrying') = ?", (ref, ref)).fetchall())


def sample_moved_containers(store: SqliteHistoryStore, *, every: int, limit: int) -> list[str]:
    """Containers of equipment events, one row in `every` (a spread over the month)."""
    return [str(r[0]) for r in store.connection.execute(
        "SELECT container FROM events WHERE kind = 'equipment' AND n % ? = 0 LIMIT ?",
        (every, limit))]
