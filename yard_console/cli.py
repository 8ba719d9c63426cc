"""`yard-console`: the one command-line entry point and composition root.

Each area of the console contributes its sub-commands through a `register`
function in its `commands` module (`register(subparsers) -> None`, each parser
setting `func`, a callable taking the parsed namespace and returning an exit
code).  This module only lists those areas, parses the command line and runs
the chosen command.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from console import __version__

# The areas that contribute sub-commands, in the order `--help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "yard_console.commands.feed",
    "yard_console.commands.sim",
    "yard_console.commands.bench",
    "yard_console.commands.history",
    "yard_console.commands.officers",
    "yard_console.commands.alerts",
    "yard_console.commands.cameras",
    "yard_console.commands.config",
    "yard_console.selftest",
    "yard_console.commands.doctor",
    "yard_console.commands.window",
    "yard_console.commands.history_window",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yard-console",
        description="Yard Console (智慧櫃場監管台): customs supervision of an automated terminal.",
    )
    parser.add_argument("--version", action="version", version=f"yard-console {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


# What a command returns when its reader went away (`history events | head`): the shell's
# code for a process ended by SIGPIPE, as `cat` or `grep` would give.
CLOSED_PIPE = 128 + 13


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        code = int(func(args) or 0)
        sys.stdout.flush()
    except BrokenPipeError:
        return _closed_pipe()
    return code


def _closed_pipe() -> int:
    """The reader of standard output closed it: stop quietly, without a traceback.

    Standard output is pointed at the null device so that the interpreter's
    own flush at exit does not raise a second time (Python's documented recipe
    for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return CLOSED_PIPE


if __name__ == "__main__":
    sys.exit(main())
