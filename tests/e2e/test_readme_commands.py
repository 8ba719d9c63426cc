"""The README tells the truth about the command line.

Every `yard-console …` command the README shows (in its code blocks and in
its inline code) is looked up in the real parser and its `--help` is run:
the sub-command must exist and every `--flag` written beside it must be one
that sub-command takes.  Every sub-command a user can run is shown in the
README at least once.  And a command whose reader closes the pipe
(`history events | head`) ends quietly, without a Python traceback.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from console.store.sqlite import SqliteEventStore
from tests.support.console_process import YARD_CONSOLE
from tests.unit.test_store_support import batch, equipment_event
from yard_console.cli import CLOSED_PIPE, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def readme_commands(text: str = README) -> list[str]:
    """Each `yard-console` command line of the README, continuation lines joined, without
    the program name, trailing comments or what a pipe feeds."""
    found: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            for part in re.split(r"&&|;", line):
                found += _command(part)
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for span in re.findall(r"`([^`]+)`", prose):
        found += _command(" ".join(span.split()))
    return found


def _command(text: str) -> list[str]:
    match = re.match(r"(?:sudo\s+)?(?:\S*/)?yard-console((?:\s.*)?)$", text.strip())
    if match is None:
        return []
    rest = match.group(1).split(" # ")[0].split(" | ")[0]
    return [rest.strip()]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def resolve(command: str) -> list[tuple[str, ...]]:
    """The sub-command paths a README line names (`users list|disable` names two)."""
    paths: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = [((), build_parser())]
    for token in command.split():
        subs = [(path, _subparsers(parser)) for path, parser in paths]
        if not any(choices for _, choices in subs) or token.startswith(("-", "[", "<")):
            break
        words = token.split("|")
        nxt = []
        for path, choices in subs:
            missing = [w for w in words if w not in choices]
            assert not missing, f"`yard-console {command}`: no sub-command {missing} " \
                                f"(after {' '.join(path) or 'yard-console'})"
            nxt += [((*path, w), choices[w]) for w in words]
        paths = nxt
    return [path for path, _ in paths]


def help_text(path: tuple[str, ...]) -> str:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as exited:
        main([*path, "--help"])
    assert exited.value.code == 0
    return out.getvalue()


def leaf_commands() -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = _subparsers(parser)
        if not subs:
            out.append(path)
        for name, sub in subs.items():
            walk(sub, (*path, name))

    walk(build_parser(), ())
    return out


def test_the_readme_shows_commands_at_all() -> None:
    commands = readme_commands()
    assert len(commands) > 30
    assert "demo" in [c.split()[0] for c in commands if c]


@pytest.mark.parametrize("command", sorted(set(readme_commands())))
def test_every_readme_command_and_flag_exists(command: str) -> None:
    flags = set(FLAG.findall(command))
    for path in resolve(command):
        text = help_text(path)
        unknown = sorted(f for f in flags if not re.search(re.escape(f) + r"\b", text))
        assert not unknown, f"`yard-console {command}`: {' '.join(path)} takes no {unknown}"


def test_every_command_a_user_can_run_is_in_the_readme() -> None:
    shown = {path for command in readme_commands() for path in resolve(command)}
    missing = [" ".join(p) for p in leaf_commands() if p not in shown]
    assert not missing, f"commands the README never shows: {missing}"


def test_a_misspelt_command_in_the_readme_would_be_caught() -> None:
    fake = "Run `yard-console history evnets --db x` and `yard-console doctor --jsn`."
    bad, flag = readme_commands(fake)
    with pytest.raises(AssertionError, match="no sub-command"):
        resolve(bad)
    [path] = resolve(flag)
    assert "--jsn" not in help_text(path) and FLAG.findall(flag) == ["--jsn"]


def test_history_into_a_closed_pipe_ends_without_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "yard.db"
    store = SqliteEventStore(db)
    for start in range(1, 20_001, 1000):
        store.write(batch([equipment_event(seq) for seq in range(start, start + 1000)]))
    store.close()
    proc = subprocess.Popen([*YARD_CONSOLE, "history", "events", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read().decode()
    proc.stderr.close()
    code = proc.wait(timeout=60)
    assert first.startswith(b"{") and b'"seq"' in first
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert code == CLOSED_PIPE
