"""`bench rules` runs end to end on a small yard and reports both rates."""

from __future__ import annotations

import argparse
import re

import pytest

from yard_console.bench.rules import bench_rules


def test_bench_rules_reports_ingest_and_supervised_rates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert bench_rules(argparse.Namespace(messages=3000, seed=3, containers=3000)) == 0
    out = capsys.readouterr().out
    rates = re.findall(r":\s+([\d,]+) events/s", out)
    assert len(rates) == 2 and all(int(r.replace(",", "")) > 0 for r in rates)
    assert "of the ingest time" in out
    assert re.search(r"\d+ open alerts", out)
