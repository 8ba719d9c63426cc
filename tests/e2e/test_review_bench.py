"""`yard-console bench history` as a user runs it: generated once, cached, figures beside
their baselines.  (The figures of a loaded test machine are not judged here; the
report of the 10M-event run holds those.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROW = re.compile(
    r"^(story|hour|kpis|seek)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(yes|NO)\s+([\d.]+)\s+\S")


def _bench(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "yard_console.cli", "bench", "history", "--events", "20000"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "YARD_BENCH_DIR": str(tmp_path)})


def test_bench_history_generates_once_and_prints_figures_beside_baselines(
    tmp_path: Path,
) -> None:
    first = _bench(tmp_path)
    assert first.returncode in (0, 1), first.stderr
    assert "generating 20,000 events once" in first.stdout
    assert re.search(r"wrote 20,000 events and [\d,]+ alerts", first.stdout)
    rows = {m.group(1): m for line in first.stdout.splitlines() if (m := ROW.match(line))}
    assert set(rows) == {"story", "hour", "kpis", "seek"}
    targets = {name: int(m.group(4)) for name, m in rows.items()}
    assert targets == {"story": 10, "hour": 50, "kpis": 500, "seek": 300}
    for m in rows.values():
        assert float(m.group(2)) <= float(m.group(3))
        assert (m.group(5) == "yes") == (float(m.group(3)) <= int(m.group(4)))
    assert (first.returncode == 0) == all(m.group(5) == "yes" for m in rows.values())
    cached = list(tmp_path.glob("history-20000-*.db"))
    assert len(cached) == 1

    second = _bench(tmp_path)
    assert "(cached)" in second.stdout and "generating" not in second.stdout
    assert str(cached[0]) in second.stdout
