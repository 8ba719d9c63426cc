"""`yard-console demo` stays usable without accounts; `run` asks for a real sign-in.

The demo creates the officer "demo" in its own temporary database and signs
in as it at station DEMO, labelled as such in the panel; `run` against a
database without accounts opens the window read-only and says, in the
sign-in dialog, which command creates an account.  Read back from the real
program's `--state-json`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

YARD_CONSOLE = Path(sys.executable).with_name("yard-console")


def window_state(tmp_path: Path, *args: str, seconds: float = 8.0) -> dict[str, Any]:
    state = tmp_path / "state.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YARD_CONSOLE_CACHE=str(tmp_path / "c"))
    done = subprocess.run(
        [str(YARD_CONSOLE), *args, "--settings", str(tmp_path / "w.ini"), "--lang", "en",
         "--exit-after", str(seconds), "--state-json", str(state)],
        env=env, capture_output=True, text=True, timeout=seconds + 90, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded: dict[str, Any] = json.loads(state.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.e2e
@pytest.mark.slow
def test_demo_signs_in_as_the_labelled_demo_officer(tmp_path: Path) -> None:
    state = window_state(tmp_path, "demo", "--speed", "4")
    officer = state["officer"]
    assert officer["signed_in"] and not officer["locked"] and officer["demo"]
    assert (officer["name"], officer["role"], officer["station"]) == ("demo", "officer", "DEMO")
    assert officer["panel"].startswith("DEMO account, automatically signed in: demo")
    assert officer["panel"].endswith("password: demo-officer")


@pytest.mark.e2e
@pytest.mark.slow
def test_run_without_accounts_is_read_only_and_names_the_command(tmp_path: Path) -> None:
    sim = subprocess.Popen(
        [str(YARD_CONSOLE), "simulate", "--port", "0", "--speed", "4", "--token", "tok"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        assert sim.stdout is not None
        url = next(line.split()[-1] for line in sim.stdout if line.startswith("terminal feed"))
        db = tmp_path / "console.sqlite"
        state = window_state(tmp_path, "run", "--feed", url, "--token", "tok", "--db", str(db),
                             "--station", "WS-07")
    finally:
        sim.terminate()
        sim.wait(timeout=20)
        if sim.stdout is not None:
            sim.stdout.close()
    officer = state["officer"]
    assert officer["station"] == "WS-07" and not officer["signed_in"] and officer["locked"]
    assert officer["panel"] == "Not signed in: alerts are read only"
    assert officer["sign_in_dialog"]
    assert officer["sign_in_problem"].endswith(
        f"yard-console users add NAME --role officer --db {db}")
