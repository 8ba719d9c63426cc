"""`ConsoleProcess`: the real `yard-console` command as a subprocess, its JSON lines read live."""

from __future__ import annotations

import os
import pathlib
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import orjson

ROOT = pathlib.Path(__file__).resolve().parents[2]
YARD_CONSOLE = [sys.executable, "-m", "yard_console.cli"]


def run_cli(
    *args: str | os.PathLike[str], timeout: float = 60, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run one `yard-console` command to completion."""
    result = subprocess.run(
        [*YARD_CONSOLE, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=stdin,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"yard-console {args} exited {result.returncode}: {result.stderr}")
    return result


def read_jsonl(text: str) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in text.splitlines() if line.strip()]


class ConsoleProcess:
    """A running `yard-console …` whose stdout lines are collected as JSON objects."""

    def __init__(
        self, args: Sequence[str | os.PathLike[str]], *, log: pathlib.Path, stdin: bool = False
    ) -> None:
        self.args = [str(a) for a in args]
        self.log_path = log
        self.lines: list[dict[str, Any]] = []
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._log = open(log, "ab")  # noqa: SIM115 - closed in wait()
        self.proc = subprocess.Popen(
            [*YARD_CONSOLE, *self.args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stderr=self._log,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self._reader = threading.Thread(target=self._read, name="console-stdout", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            try:
                self._queue.put(orjson.loads(raw))
            except orjson.JSONDecodeError:
                self._queue.put({"kind": "unparsable", "text": raw.decode(errors="replace")})
        self._queue.put(None)

    def wait_for(
        self, pred: Callable[[dict[str, Any]], bool], timeout: float = 30
    ) -> dict[str, Any]:
        """The first line (already seen or coming) that satisfies `pred`."""
        for line in self.lines:
            if pred(line):
                return line
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"no matching line within {timeout} s; last: {self.lines[-5:]}"
                )
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(
                    f"console exited; last lines: {self.lines[-5:]}; "
                    f"stderr: {self.log_path.read_text()[-2000:]}"
                )
            self.lines.append(line)
            if pred(line):
                return line

    def feed_state(self, state: str, timeout: float = 30, after: int = 0) -> dict[str, Any]:
        """The first feed line with `state` among lines from index `after` on."""
        start = len(self.lines) if after < 0 else after
        for line in self.lines[start:]:
            if line.get("kind") == "feed" and line.get("state") == state:
                return line
        return self.wait_for(lambda d: d.get("kind") == "feed" and d.get("state") == state, timeout)

    def send_line(self, obj: dict[str, Any]) -> None:
        """Write one JSON line to the console's standard input."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(orjson.dumps(obj) + b"\n")
        self.proc.stdin.flush()

    def terminate(self, timeout: float = 30) -> int:
        """SIGTERM, then the exit code (the console must stop cleanly)."""
        self.proc.send_signal(signal.SIGTERM)
        return self.wait(timeout)

    def kill(self) -> None:
        self.proc.kill()
        self.wait(30)

    def wait(self, timeout: float = 30) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(10)
        while True:
            try:
                line = self._queue.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.lines.append(line)
        self._log.close()
        for pipe in (self.proc.stdout, self.proc.stdin):
            if pipe is not None:
                pipe.close()
        return code
