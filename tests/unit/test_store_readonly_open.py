"""Opening the event store read-only (history, review) refuses a damaged file in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.store.base import StoreError
from console.store.sqlite import SqliteEventStore


def test_a_file_that_is_not_a_database_is_refused_read_only_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "yard.db"
    path.write_bytes(b"this is not a Yard Console database, just text" * 100)
    with pytest.raises(StoreError) as refused:
        SqliteEventStore(path, readonly=True)
    assert refused.value.kind == "corrupt"
    assert "yard.db" in refused.value.message and "backup" in refused.value.message
    assert path.read_bytes().startswith(b"this is not")  # nothing written over it
