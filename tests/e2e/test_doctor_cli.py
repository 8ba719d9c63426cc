"""`yard-console doctor` and `self-test` as an installer runs them: real processes, exit codes."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from console.deadline import within
from tests.support.gateway import TestGateway, running_gateway
from yard_console.selftest import verdict

TOKEN = "cli-doctor-token-5521"


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("YARD_CONSOLE")}
    return env | {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
                  "XDG_CONFIG_HOME": str(home / ".config")}


async def doctor_against_gateway(tmp_path: Path, token: str) -> tuple[int, dict[str, Any], str]:
    (tmp_path / "t.token").write_text(token)
    (tmp_path / "t.token").chmod(0o600)
    async with running_gateway({"/terminal": TestGateway(heartbeat_s=0.3),
                                "/clearance": TestGateway(role="clearance", heartbeat_s=0.3)},
                               tokens={TOKEN: {"127.0.0.1"}}) as gw:
        config = tmp_path / "config.toml"
        config.write_text(
            f'station = "WS-T"\ndata_dir = "data"\nlog_dir = "logs"\nlanguage = "en"\n'
            f'[[feed]]\nurl = "{gw.url("/terminal")}"\ntoken_file = "t.token"\n'
            f'[[feed]]\nurl = "{gw.url("/clearance")}"\nrole = "clearance"\n'
            f'token_file = "t.token"\n', encoding="utf-8")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "yard_console.cli", "doctor", "--config", str(config),
            "--json", "--no-cameras", "--feed-timeout", "5", env=env_for(tmp_path),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await within(proc.communicate(), 120)
    assert proc.returncode is not None
    return proc.returncode, json.loads(out), err.decode()


def test_doctor_says_ready_when_everything_works(tmp_path: Path) -> None:
    code, report, _err = asyncio.run(doctor_against_gateway(tmp_path, TOKEN))
    verdicts = {(f["area"].split(" (")[0], f["check"]): f["verdict"] for f in report["findings"]}
    assert code == 0 and report["ready"] is True
    for role in ("terminal", "clearance"):
        for step in ("reachable", "token", "address", "role", "heartbeat"):
            assert verdicts[(f"feed {role}", step)] == "ok"
    assert verdicts[("database", "data folder")] == "ok"
    assert verdicts[("cameras", "streams")] == "skipped"
    assert report["findings"][0]["area"] == "configuration"
    assert report["findings"][-1]["check"] == "disk space"


def test_doctor_exits_1_and_never_prints_the_token(tmp_path: Path) -> None:
    code, report, err = asyncio.run(doctor_against_gateway(tmp_path, "not-the-token-9"))
    assert code == 1 and report["ready"] is False
    failed = [f for f in report["findings"] if f["verdict"] == "failed"]
    assert {f["check"] for f in failed} == {"token"} and len(failed) == 2
    assert "not-the-token-9" not in json.dumps(report) + err


def test_doctor_without_any_configuration_says_how_to_write_one(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "yard_console.cli", "doctor", "--no-cameras"],
                            env=env_for(tmp_path), capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 1
    assert "[FAIL] configuration: file: no configuration file found" in result.stdout
    assert "yard-console config init" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("NOT READY")


def test_config_init_then_check_then_show_round_trip(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    target = tmp_path / ".config" / "yard-console" / "config.toml"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "yard_console.cli", *args], env=env,
                              capture_output=True, text=True, timeout=60, check=False)

    assert cli("config", "check").returncode == 1
    made = cli("config", "init", "--feed", "wss://gw.example:8443/terminal", "--station", "WS-9")
    assert made.returncode == 0 and target.is_file()
    assert cli("config", "init").returncode == 1  # never overwrites without --force
    half_done = cli("config", "check")  # the clearance feed is only a placeholder
    assert half_done.returncode == 1 and "no clearance feed" in half_done.stderr
    assert "/clearance" in target.read_text(encoding="utf-8")
    made = cli("config", "init", "--force", "--feed", "wss://gw.example:8443/terminal",
               "--feed", "wss://gw.example:8443/clearance", "--station", "WS-9")
    assert made.returncode == 0
    checked = cli("config", "check")
    assert checked.returncode == 0 and "2 feed(s), station WS-9" in checked.stdout
    shown = cli("config", "show")
    assert 'url = "wss://gw.example:8443/terminal"' in shown.stdout
    assert 'url = "wss://gw.example:8443/clearance"' in shown.stdout
    assert 'role = "clearance"' in shown.stdout


@pytest.mark.slow
def test_self_test_passes_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "yard_console.cli", "self-test", "--json",
                             "--seconds", "2"], env=env_for(tmp_path), capture_output=True,
                            text=True, timeout=180, check=False)
    report = json.loads(result.stdout)
    assert result.returncode == 0, report["failures"]
    assert report["passed"] and report["events_received"] > 0
    assert report["events_stored"] == report["events_received"]
    assert {f["state"] for f in report["feeds"].values()} <= {"snapshot", "resumed"}
    assert report["translation_sample"] == "嚴重度"
    assert report["alerts_by_rule"]["DEVICE_DOWN"] >= 1 and report["camera_taken_down"]


def test_self_test_verdict_names_each_failure() -> None:
    report = {"feeds": {"a": {"state": "rejected", "states": ["rejected"], "detail": "4401"}},
              "events_received": 0, "store_errors": ["disk full"], "translation_sample": None}
    failures = verdict(report)
    assert any("only 1 of 2 feeds" in f for f in failures)
    assert any("feed a was refused: 4401" in f for f in failures)
    assert any("no event" in f for f in failures)
    assert any("storage: disk full" in f for f in failures)
    assert any("translation" in f for f in failures)
