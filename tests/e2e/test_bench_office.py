"""`yard-console bench office` runs both paths on real SQLite files and prints them."""

from __future__ import annotations

import pytest

from yard_console.bench import office

pytestmark = pytest.mark.e2e


def test_bench_office_measures_the_old_and_the_new_desk_in_one_run() -> None:
    r = office.run()  # raises SystemExit when the after path did not store every correction
    assert r["accepts"] == office.ACCEPTS
    assert (r["before"]["transactions_per_accept"], r["after"]["transactions_per_accept"]) == (
        4.0, 1.0)
    # The acting thread only plans and hands over: its median accept is far shorter than
    # four transactions on it (a ratio, so that the shared machine's load cancels out).
    assert r["after"]["call_median_ms"] < r["before"]["call_median_ms"] / 4
    text = office.report(r)
    assert "longest UI-thread stall" in text and "after/before longest stall" in text
