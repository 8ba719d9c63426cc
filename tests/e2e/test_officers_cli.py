"""`yard-console users …` through the real program, the password on standard input."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from console.officers.account import SignInRefused
from console.store.office.accounts import Accounts
from console.store.schema import connect

pytestmark = pytest.mark.e2e

PROGRAM = str(Path(sys.executable).with_name("yard-console"))


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([PROGRAM, *args], input=stdin, capture_output=True, text=True,
                          timeout=60, check=False)


def test_users_add_reads_the_password_from_stdin_and_it_signs_in(tmp_path: Path) -> None:
    db = str(tmp_path / "console.db")
    done = run("users", "add", "A123", "--role", "officer", "--db", db,
               stdin="correct horse\n")
    assert done.returncode == 0, done.stderr
    assert "added A123 (officer)" in done.stdout
    session = Accounts(connect(db)).sign_in("A123", "correct horse", "WS-07")
    assert session.role.value == "officer"


@pytest.mark.slow
def test_users_list_disable_enable_and_passwd(tmp_path: Path) -> None:
    db = str(tmp_path / "console.db")
    for name, role in (("A123", "officer"), ("S001", "supervisor"), ("I001", "installer")):
        assert run("users", "add", name, "--role", role, "--db", db,
                   stdin="long enough\n").returncode == 0
    assert run("users", "disable", "A123", "--db", db).returncode == 0
    listed = [json.loads(line) for line in
              run("users", "list", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert [(u["name"], u["role"], u["enabled"]) for u in listed] == [
        ("A123", "officer", False), ("I001", "installer", True), ("S001", "supervisor", True)]
    table = run("users", "list", "--db", db).stdout
    assert "A123" in table and "disabled" in table

    with pytest.raises(SignInRefused, match="disabled"):
        Accounts(connect(db)).sign_in("A123", "long enough", "WS-07")
    assert run("users", "enable", "A123", "--db", db).returncode == 0
    assert run("users", "passwd", "A123", "--db", db, stdin="brand new pass\n").returncode == 0
    accounts = Accounts(connect(db))
    with pytest.raises(SignInRefused):
        accounts.sign_in("A123", "long enough", "WS-07")
    assert accounts.sign_in("A123", "brand new pass", "WS-07").officer == "A123"

    audit = run("history", "audit", "--db", db, "--action", "user.")
    actions = [json.loads(line)["action"] for line in audit.stdout.splitlines()]
    assert actions == ["user.add"] * 3 + ["user.disable", "user.enable", "user.passwd"]
    assert all(json.loads(line)["actor"].startswith("os:") for line in audit.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "stdin", "reason"),
    [
        (("users", "add", "A1", "--role", "officer"), "short\n", "at least 8"),
        (("users", "add", "A1", "--role", "officer"), "", "no password"),
        (("users", "disable", "ghost"), "", "no user named 'ghost'"),
        (("users", "passwd", "ghost"), "long enough\n", "no user named 'ghost'"),
    ],
)
def test_refusals_exit_1_with_the_reason(
    tmp_path: Path, args: tuple[str, ...], stdin: str, reason: str
) -> None:
    done = run(*args, "--db", str(tmp_path / "console.db"), stdin=stdin)
    assert done.returncode == 1
    assert reason in done.stderr


def test_an_unknown_role_is_a_usage_error(tmp_path: Path) -> None:
    done = run("users", "add", "A1", "--role", "admin", "--db", str(tmp_path / "c.db"),
               stdin="long enough\n")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def _converse(fd: int, replies: list[tuple[bytes, bytes]]) -> bytes:
    """Answer each prompt seen on the terminal; return everything the program wrote."""
    seen = b""
    for prompt, answer in replies:
        while prompt not in seen:
            ready, _, _ = select.select([fd], [], [], 20)
            assert ready, f"no prompt {prompt!r}; so far {seen!r}"
            seen += os.read(fd, 1024)
        os.write(fd, answer)
        seen = seen.replace(prompt, b"", 1)
    with contextlib.suppress(OSError):
        while select.select([fd], [], [], 20)[0]:
            chunk = os.read(fd, 1024)
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.slow
@pytest.mark.parametrize(("second", "code"), [(b"correct horse\n", 0), (b"correct hoarse\n", 1)])
def test_on_a_terminal_the_password_is_asked_twice_without_echo(
    tmp_path: Path, second: bytes, code: int
) -> None:
    db = str(tmp_path / "console.db")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real program on a real terminal
        os.execv(PROGRAM, [PROGRAM, "users", "add", "A123", "--role", "supervisor", "--db", db])
    try:
        output = _converse(fd, [(b"New password: ", b"correct horse\n"), (b"Again: ", second)])
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == code
    assert b"correct" not in output  # nothing echoed
    if code == 0:
        assert Accounts(connect(db)).sign_in("A123", "correct horse", "WS-01").role.value == (
            "supervisor")
    else:
        assert b"differ" in output
