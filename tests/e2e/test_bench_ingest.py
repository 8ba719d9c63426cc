"""`bench ingest` runs end to end, in every DCSA shape, and reports both rates and their ratio."""

from __future__ import annotations

import re

import pytest

from tests.support.console_process import run_cli


@pytest.mark.parametrize(("shape", "kind"), [("dcsa-2.2", "equipment"), ("dcsa-3.0", "equipment"),
                                           ("dcsa-3.0", "iot"), ("dcsa-3.0", "reefer"),
                                           ("dcsa-3.0-beta", "transport"),
                                           ("dcsa-2.2", "shipment")])
def test_bench_ingest_reports_console_baseline_and_ratio(shape: str, kind: str) -> None:
    result = run_cli("bench", "ingest", "--events", "3000", "--shape", shape, "--kind", kind,
                     timeout=180)
    out = result.stdout
    assert f"3000 {shape} {kind} events" in out
    rates = [float(r.replace(",", ""))
             for r in re.findall(r"(?m)^  (?:console|baseline) .*?([\d,]+) events/s", out)]
    assert len(rates) == 2 and all(r > 0 for r in rates), out
    ratio = float(re.search(r"ratio console/baseline: ([\d.]+)", out).group(1))  # type: ignore[union-attr]
    assert ratio == pytest.approx(rates[0] / rates[1], abs=0.01)
    assert re.search(r"result: (PASS|BELOW TARGET)", out)
    beside = re.search(r"(?m)^  dcsa-2.2 equipment, same run: +([\d,]+) events/s", out)
    if (shape, kind) == ("dcsa-2.2", "equipment"):
        assert beside is None, out
        return
    assert beside is not None, out
    rate_22 = float(beside.group(1).replace(",", ""))
    against = re.search(rf"{shape} {kind} / dcsa-2.2 equipment: ([\d.]+) \(console\)", out)
    assert against is not None, out
    assert float(against.group(1)) == pytest.approx(rates[0] / rate_22, abs=0.01)
    cpu = [float(x) for x in re.findall(r"CPU ([\d.]+) µs/event", out)]
    cpu_ratio = re.search(r"CPU per event ([\d.]+)", out)
    assert len(cpu) == 2 and all(c > 0 for c in cpu) and cpu_ratio is not None, out
    assert float(cpu_ratio.group(1)) == pytest.approx(cpu[0] / cpu[1], abs=0.02)
