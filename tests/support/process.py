"""`GatewayProcess`: start, command, restart and stop the test gateway as a real process.

Synchronous on purpose: end-to-end tests drive the console process and the
gateway process from plain pytest code.  Commands go over the gateway's
control websocket (see `tests.support.gateway_process` for the list); the
helpers below wrap the common ones.
"""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time
from typing import Any

import orjson
from websockets.sync.client import connect

ROOT = pathlib.Path(__file__).resolve().parents[2]


class GatewayProcess:
    """One test gateway process serving /terminal and /clearance on loopback."""

    def __init__(
        self,
        state_dir: pathlib.Path,
        *,
        tokens: dict[str, set[str] | None] | None = None,
        heartbeat_s: float = 1.0,
        containers: int = 20,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.state_dir = state_dir
        self.tokens = tokens
        self.heartbeat_s = heartbeat_s
        self.containers = containers
        self.extra_args = extra_args
        self.port = 0
        self.control_port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = state_dir / "gateway.log"

    @property
    def token(self) -> str | None:
        """The first configured token (what most tests connect with)."""
        return next(iter(self.tokens)) if self.tokens else None

    def url(self, path: str = "/terminal") -> str:
        return f"ws://127.0.0.1:{self.port}{path}"

    # ------------------------------------------------------------ lifecycle

    def start(self, *, new_epoch: bool = False, timeout: float = 15.0) -> None:
        """Start (on the same port as before, if there was a before) and wait until it listens."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        port_file = self.state_dir / "ports.json"
        port_file.unlink(missing_ok=True)
        args = [
            sys.executable, "-m", "tests.support.gateway_process",
            "--state-dir", str(self.state_dir), "--port-file", str(port_file),
            "--port", str(self.port), "--heartbeat", str(self.heartbeat_s),
            "--containers", str(self.containers), *self.extra_args,
        ]
        for token, addresses in (self.tokens or {}).items():
            args += ["--token", token + ("=" + ",".join(sorted(addresses)) if addresses else "")]
        if new_epoch:
            args.append("--new-epoch")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + timeout
        while not port_file.exists():
            if self.proc.poll() is not None:
                raise RuntimeError(f"gateway process exited {self.proc.returncode}: "
                                   + self.log_path.read_text(errors="replace")[-2000:])
            if time.monotonic() > deadline:
                self.stop(kill=True)
                raise TimeoutError("gateway process did not start")
            time.sleep(0.02)
        ports = orjson.loads(port_file.read_bytes())
        self.port, self.control_port = ports["port"], ports["control_port"]

    def stop(self, *, kill: bool = False, timeout: float = 15.0) -> int | None:
        """SIGTERM (sessions closed with 1001) or SIGKILL (a crash); the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(timeout)
        self.proc = None
        return code

    def restart(self, *, kill: bool = False, new_epoch: bool = False, down_s: float = 0.0) -> None:
        """Stop the process and start a new one on the same port with the same journals."""
        self.stop(kill=kill)
        time.sleep(down_s)
        self.start(new_epoch=new_epoch)

    # ------------------------------------------------------------ control

    def command(self, cmd: str, **args: Any) -> dict[str, Any]:
        """Run one control command; its answer (raises when the gateway refused it)."""
        with connect(f"ws://127.0.0.1:{self.control_port}", open_timeout=5, compression=None,
                     max_size=None) as ws:
            ws.send(orjson.dumps({"cmd": cmd, **args}).decode())
            answer: dict[str, Any] = orjson.loads(ws.recv(timeout=30))
        if not answer.pop("ok"):
            raise RuntimeError(answer["error"])
        return answer

    def feed_state(self, feed: str = "terminal") -> dict[str, Any]:
        result: dict[str, Any] = self.command("state")["feeds"][feed]
        return result

    def emit(self, n: int, feed: str = "terminal", **options: Any) -> dict[str, Any]:
        return self.command("emit", feed=feed, n=n, **options)

    def event(self, kind: str, body: dict[str, Any], feed: str = "terminal",
              **options: Any) -> dict[str, Any]:
        return self.command("event", feed=feed, kind=kind, body=body, **options)

    def skip(self, n: int = 1, feed: str = "terminal") -> None:
        self.command("skip", feed=feed, n=n)

    def new_epoch(self, feed: str = "terminal") -> None:
        self.command("new_epoch", feed=feed)

    def drop(self, code: int = 1001, reason: str = "dropped") -> None:
        self.command("drop", code=code, reason=reason)

    def go_silent(self, seconds: float) -> None:
        self.command("silent", seconds=seconds)

    def reject_tokens(self, on: bool = True) -> None:
        self.command("reject_tokens", on=on)

    def hostile(self, name: str, feed: str = "terminal", *, numbered: bool = False
                ) -> dict[str, Any]:
        return self.command("hostile", feed=feed, name=name, numbered=numbered)

    def raw(self, text: str, feed: str = "terminal") -> None:
        self.command("raw", feed=feed, text=text)

    def corrections(self, mode: str, feed: str = "terminal", reason: str | None = None) -> None:
        extra = {"reason": reason} if reason else {}
        self.command("corrections", feed=feed, mode=mode, **extra)
