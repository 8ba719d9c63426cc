"""`yard-console simulate` and `yard-console bench sim` as an installer runs them."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.support.probe import Probe

CLI = [sys.executable, "-m", "yard_console.cli"]


def _env(tmp_path: object) -> dict[str, str]:
    env = dict(os.environ)
    env["HOME"] = str(tmp_path)
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    env["XDG_DATA_HOME"] = str(tmp_path)
    return env


@pytest.mark.slow
def test_simulate_serves_both_feeds_until_told_to_stop(tmp_path: object) -> None:
    proc = subprocess.Popen(
        [
            *CLI,
            "simulate",
            "--port",
            "0",
            "--speed",
            "30",
            "--scenario",
            "FENCE_INTRUSION",
            "--heartbeat",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
    )
    try:
        assert proc.stdout is not None
        urls: dict[str, str] = {}
        deadline = time.monotonic() + 60
        while len(urls) < 3 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "no output"
            found = re.match(r"(terminal feed|clearance feed|cameras/control)\s+(\S+)", line)
            if found:
                urls[found.group(1)] = found.group(2)

        async def talk() -> None:
            try:
                for name, role in (("terminal feed", "terminal"), ("clearance feed", "clearance")):
                    probe = await Probe.connect(urls[name])
                    welcome, sync = await probe.sync()
                    assert welcome["role"] == role and sync[-1]["type"] == "snapshot"
                probe = await Probe.connect(urls["terminal feed"], station="WS-FENCE")
                await probe.sync()
                # an alarm every 5 simulated minutes: 10 s apart at speed 30
                got = await probe.recv_until(
                    lambda m: m.get("kind") == "fence" and m["body"]["state"] == "alarm",
                    timeout=30,
                )
                assert got[-1]["body"]["segmentId"].startswith("F-")
            finally:
                await Probe.close_all()

        asyncio.run(talk())
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err


@pytest.mark.slow
def test_bench_sim_prints_rates_and_snapshot_time_with_baselines(tmp_path: object) -> None:
    result = subprocess.run(
        [*CLI, "bench", "sim", "--messages", "3000"],
        capture_output=True,
        text=True,
        timeout=240,
        env=_env(tmp_path),
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a target missed on a busy machine
    out = result.stdout
    for label in ("vehicles and cameras idle", "vehicles moving"):
        line = next(row for row in out.splitlines() if label in row)
        both, alone = (float(x) for x in re.findall(r"\s(\d+)(?=\s|$)", line)[:2])
        assert both >= alone > 0, out
    assert float(re.search(r"(\d+) msg/s", out).group(1)) > 0  # type: ignore[union-attr]
    containers = int(re.search(r"\((\d+) containers\)", out).group(1))  # type: ignore[union-attr]
    assert 80_000 <= containers <= 90_000
    assert "baseline" in out
