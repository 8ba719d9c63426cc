"""`yard-console users …`: the installer's administration of officer accounts.

    users add NAME --role officer|supervisor|installer --db PATH [--display-name TEXT]
    users list --db PATH [--format table|jsonl]
    users disable NAME --db PATH        users enable NAME --db PATH
    users passwd NAME --db PATH

`list` shows an account whose row was changed in the database itself (not by
the console) as TAMPERED (`changed_outside` with the reason in jsonl); such
an account cannot sign in until `users passwd` restores it.

A new password is read from standard input when it is not a terminal (one
line), else asked twice without echo.  Every change is written to the audit
trail with the actor `os:<login name>` and the host name as station.

The audit trail is listed and verified by `history audit` (`yard_console.commands.audit`).

Exit codes: 0 done; 1 refused (the reason on standard error); 2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import socket
import sys
from typing import Any, TextIO

from console.audit.station_key import StationKeyError, station_signer
from console.officers.account import AccountError
from console.officers.permissions import Role
from console.store.base import StoreError
from console.store.office.accounts import Accounts


class PasswordEntryError(Exception):
    pass


def register(subparsers: Any) -> None:
    users = subparsers.add_parser("users", help="manage officer accounts (installers)",
                                  description="Manage the officer accounts of this console.")
    sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="add an account (password from stdin or prompted)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", help="the name shown on screen")
    add.set_defaults(func=_add)

    listing = sub.add_parser("list", help="list accounts")
    listing.add_argument("--format", choices=("table", "jsonl"), default="table")
    listing.set_defaults(func=_list)

    for name, func, text in (("disable", _disable, "stop an account from signing in"),
                             ("enable", _enable, "let a disabled account sign in again"),
                             ("passwd", _passwd, "set a new password (also clears the "
                                                 "count of wrong passwords)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("name")
        p.set_defaults(func=func)
    for p in (add, listing, *[sub.choices[n] for n in ("disable", "enable", "passwd")]):
        p.add_argument("--db", required=True, metavar="PATH", help="the console database")


def os_actor() -> tuple[str, str]:
    """Who runs the command, as the audit trail names them: (`os:<login>`, host name)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"os:{login}", socket.gethostname() or "localhost"


def read_new_password(stream: TextIO | None = None) -> str:
    """One line from a non-terminal stream, else asked twice with getpass."""
    stream = stream or sys.stdin
    if not stream.isatty():
        line = stream.readline()
        if not line:
            raise PasswordEntryError("no password on standard input")
        return line.rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Again: ") != first:
        raise PasswordEntryError("the two passwords differ; nothing was changed")
    return first


def _run(args: argparse.Namespace, action: Any) -> int:
    try:
        accounts = Accounts.open(args.db, signer=station_signer())
    except StoreError as exc:
        print(f"yard-console: {exc.message}", file=sys.stderr)
        return 1
    except StationKeyError as exc:
        print(f"yard-console: {exc.reason}", file=sys.stderr)
        return 1
    try:
        by, station = os_actor()
        action(accounts, by, station)
        return 0
    except (AccountError, PasswordEntryError, StoreError) as exc:
        reason = exc.message if isinstance(exc, StoreError) else (
            exc.reason if isinstance(exc, AccountError) else str(exc))
        print(f"yard-console: {reason}", file=sys.stderr)
        return 1
    finally:
        accounts.audit.connection.close()


def _add(args: argparse.Namespace) -> int:
    def act(accounts: Accounts, by: str, station: str) -> None:
        account = accounts.add(args.name, args.role, read_new_password(), by=by,
                               station=station, display_name=args.display_name)
        print(f"added {account.name} ({account.role.value})")
    return _run(args, act)


def _passwd(args: argparse.Namespace) -> int:
    def act(accounts: Accounts, by: str, station: str) -> None:
        accounts.get(args.name)
        accounts.set_password(args.name, read_new_password(), by=by, station=station)
        print(f"password of {args.name} changed")
    return _run(args, act)


def _disable(args: argparse.Namespace) -> int:
    def act(accounts: Accounts, by: str, station: str) -> None:
        accounts.set_enabled(args.name, False, by=by, station=station)
        print(f"{args.name} disabled")
    return _run(args, act)


def _enable(args: argparse.Namespace) -> int:
    def act(accounts: Accounts, by: str, station: str) -> None:
        accounts.set_enabled(args.name, True, by=by, station=station)
        print(f"{args.name} enabled")
    return _run(args, act)


def _list(args: argparse.Namespace) -> int:
    def act(accounts: Accounts, by: str, station: str) -> None:
        rows = accounts.list()
        if args.format == "jsonl":
            for a in rows:
                print(json.dumps({
                    "name": a.name, "role": a.role.value, "display_name": a.display_name,
                    "enabled": a.enabled, "failed_attempts": a.failed_attempts,
                    "failed_total": a.failed_total, "last_sign_in_at": a.last_sign_in_at,
                    "created_at": a.created_at,
                    "changed_outside": accounts.seal_problem(a.name)}, ensure_ascii=False))
            return
        print(f"{'NAME':<16} {'ROLE':<11} {'STATE':<9} {'WRONG':>5}  LAST SIGN-IN")
        for a in rows:
            state = "enabled" if a.enabled else "disabled"
            if accounts.seal_problem(a.name) is not None:
                state = "TAMPERED"  # changed in the database, not by the console
            print(f"{a.name:<16} {a.role.value:<11} {state:<9} {a.failed_attempts:>5}  "
                  f"{a.last_sign_in_at or '-'}")
    return _run(args, act)
