"""`yard-console run --config FILE` against a gateway in another process (the simulator).

The file is the workstation configuration (`yard-console config init` format).

The terminal feed has the right token, the clearance feed a wrong one: the
window must show the fence alert from the first, the second as rejected with
the reason in words, and grey the container layer whose clearance colours
can no longer be trusted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

YARD_CONSOLE = Path(sys.executable).with_name("yard-console")


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[dict[str, str]]:
    proc = subprocess.Popen(
        [str(YARD_CONSOLE), "simulate", "--port", "0", "--scenario", "FENCE_INTRUSION",
         "--speed", "6", "--token", "right-token"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"))
    urls: dict[str, str] = {}
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(("terminal feed", "clearance feed")):
                urls[line.split()[0]] = line.split()[-1]
            if len(urls) == 2:
                break
        assert len(urls) == 2, "the simulator did not print its feed addresses"
        yield urls
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.mark.e2e
@pytest.mark.slow
def test_run_with_a_config_file_shows_alerts_and_a_rejected_feed(
        tmp_path: Path, gateway: dict[str, str]) -> None:
    token = tmp_path / "terminal.token"
    token.write_text("right-token\n", encoding="utf-8")
    token.chmod(0o600)
    config = tmp_path / "console.toml"
    config.write_text(
        f'config_version = 1\nstation = "WS-07"\nlanguage = "en"\n'
        f'data_dir = "{tmp_path / "data"}"\nlog_dir = "{tmp_path / "logs"}"\n'
        f'[[feed]]\nurl = "{gateway["terminal"]}"\nrole = "terminal"\ntoken_file = "{token}"\n'
        f'[[feed]]\nurl = "{gateway["clearance"]}"\nrole = "clearance"\n'
        f'token = "wrong-token"\n',
        encoding="utf-8")
    state_file = tmp_path / "state.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YARD_CONSOLE_CACHE=str(tmp_path / "c"))
    done = subprocess.run(
        [str(YARD_CONSOLE), "run", "--config", str(config), "--settings",
         str(tmp_path / "w.ini"), "--exit-after", "24", "--state-json", str(state_file)],
        env=env, capture_output=True, text=True, timeout=150, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    state = json.loads(state_file.read_text(encoding="utf-8"))
    # a feed is shown under the name its gateway announced (the terminal's), else its address
    feeds = {f["feed"].rsplit("/", 1)[-1]: f for f in state["feeds"]}
    feeds["terminal"] = next(f for f in state["feeds"] if f["role"] == "terminal"
                             and f["state"] != "renamed")
    assert feeds["clearance"]["state"] == "rejected"
    assert "credentials rejected" in feeds["clearance"]["detail"]
    assert feeds["terminal"]["state"] not in ("rejected", "stale", "disconnected")
    assert feeds["terminal"]["role"] == "terminal" and feeds["terminal"]["events"] > 0
    assert state["stale_layers"] == ["containers"]  # positions are fine, colours are not
    assert any(a["rule"] == "FENCE_INTRUSION" for a in state["alerts"])
    assert feeds["clearance"]["role"] == "clearance"  # from the configuration: never welcomed
    assert state["language"] == "en"
    assert any((tmp_path / "data").glob("*.sqlite*"))
    assert any((tmp_path / "logs").glob("*.log*"))  # the configured, redacted log
    assert "wrong-token" not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                        for p in (tmp_path / "logs").rglob("*") if p.is_file())
