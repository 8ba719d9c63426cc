"""`yard-console history alerts` on a database written by a real supervisor."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from console.alerts import operations as ops
from tests.unit.test_rules_world import BOX, BOX2, World
from yard_console.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    w = World(tmp_path)
    w.equipment("DISC", craneId="STS03")
    w.later(60).equipment("GTOT")
    w.later(3600).fence("F-N-07", "alarm")
    w.later(10).equipment("GTOT", BOX2)
    gate = w.fired("GATE_OUT_WITHOUT_RELEASE")[0]
    ops.resolve(w.sup.book, gate.alert_id, "confirmed_violation", who="A123",
                station="WS-07", why="truck stopped")
    w.close()
    return w.path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("yard-console")
    return subprocess.run([str(exe), "history", "alerts", *args], capture_output=True,
                          text=True, timeout=60, check=False, cwd=ROOT)


def test_jsonl_lists_every_alert_and_filters_by_rule_state_and_time(db: Path) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["history", "alerts", "--db", str(db)]) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["rule"] for r in rows} == {"GATE_OUT_WITHOUT_RELEASE", "FENCE_INTRUSION",
                                         "UNKNOWN_AT_GATE", "NOT_ON_MANIFEST"}
    resolved = [r for r in rows if r["state"] == "resolved"]
    assert [(r["subject"], r["resolution"]) for r in resolved] == [
        (BOX, "confirmed_violation")]

    out = io.StringIO()
    with redirect_stdout(out):
        main(["history", "alerts", "--db", str(db), "--rule", "FENCE_INTRUSION"])
    assert [json.loads(x)["subject"] for x in out.getvalue().splitlines()] == ["F-N-07"]

    out = io.StringIO()
    with redirect_stdout(out):
        main(["history", "alerts", "--db", str(db), "--state", "unacknowledged",
              "--since", "2026-11-28T13:00:30Z", "--until", "2026-11-28T21:30:00+08:00"])
    assert {json.loads(x)["rule"] for x in out.getvalue().splitlines()} == {
        "FENCE_INTRUSION", "GATE_OUT_WITHOUT_RELEASE", "UNKNOWN_AT_GATE"}
    gate_outs = [json.loads(x) for x in out.getvalue().splitlines()
                 if json.loads(x)["rule"] == "GATE_OUT_WITHOUT_RELEASE"]
    assert [g["subject"] for g in gate_outs] == [BOX2]


def test_csv_with_changes_runs_as_a_real_process(db: Path) -> None:
    result = run("--db", str(db), "--changes", "--format", "csv",
                 "--rule", "GATE_OUT_WITHOUT_RELEASE")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    mine = [r for r in rows if r["subject"] == BOX]
    assert [r["action"] for r in mine] == ["raise", "resolve"]
    assert mine[-1]["who"] == "A123" and mine[-1]["station"] == "WS-07"
    assert mine[-1]["why"] == "truck stopped"


def test_a_missing_database_is_said_plainly(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "no database" in result.stderr
