"""Operator commands for headless mode: JSON lines in, `op_result` JSON lines out.

Each line names an operation, the alert, the officer and the officer's
password, e.g. ``{"op": "resolve", "alert_id": "…", "resolution": "corrected",
"changes": {"equipmentReference": "EGHU9012346"}, "officer": "A123",
"password": "…", "comment": "OCR misread 0/O"}``.  Ops: `ack`, `claim`,
`resolve`, `shelve` (with `minutes` and `reason`), `escalate`, `comment`
(with `text` or `comment`), `reopen`.  Every line is signed in on its own
(the password is checked, the session's role decides), carried out through
the same `AlertDesk` as the window, and answered with ``{"kind": "op_result",
"op", "alert_id", "ok", "error"}``.  The station recorded with every action
is this workstation's (`--station` or the configuration), never one named in
the command: a command naming another station is refused.  A line that cannot be read is answered
with `ok: false` and the reason; the stream goes on.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import IO, Any

import orjson

from console.office.accounts import OfficeAccounts
from console.officers.account import SignInRefused
from console.operations.desk import AlertDesk, OperationOutcome, OperationRefused
from console.store.base import StoreError

OPS = ("ack", "claim", "resolve", "shelve", "escalate", "comment", "reopen")


class OperatorCommands:
    """Applies operator command lines through the desk and reports each result."""

    def __init__(
        self,
        desk: AlertDesk,
        accounts: OfficeAccounts,
        station: str,
        emit: Callable[[dict[str, Any]], None],
    ) -> None:
        self.desk = desk
        self.accounts = accounts
        self.station = station
        self.emit = emit

    def apply_line(self, line: str) -> dict[str, Any]:
        """Carry out one command line; return (and emit) its `op_result`."""
        result: dict[str, Any] = {
            "kind": "op_result",
            "op": None,
            "alert_id": None,
            "ok": False,
            "error": None,
        }
        try:
            cmd = orjson.loads(line)
            if not isinstance(cmd, dict):
                raise OperationRefused("a command must be one JSON object")
            result["op"], result["alert_id"] = cmd.get("op"), cmd.get("alert_id")
            outcome = self._apply(cmd)
            outcome.wait()  # "ok" only once the action is stored
        except StoreError as exc:
            result["error"] = f"not stored: {exc.message}"
        except orjson.JSONDecodeError as exc:
            result["error"] = f"not a JSON command: {exc}"
        except (OperationRefused, SignInRefused) as exc:
            result["error"] = str(exc)
        except (KeyError, TypeError, ValueError) as exc:
            result["error"] = f"bad command: {exc}"
        else:
            result["ok"] = True
            if outcome.correction is not None:
                result["request_id"] = outcome.correction.request_id
        self.emit(result)
        return result

    def _apply(self, cmd: dict[str, Any]) -> OperationOutcome:
        op = cmd.get("op")
        if op not in OPS:
            raise OperationRefused(f"unknown op {op!r}; one of {', '.join(OPS)}")
        alert_id = cmd.get("alert_id")
        if not isinstance(alert_id, str) or not alert_id:
            raise OperationRefused("field 'alert_id' is required")
        officer, password = cmd.get("officer"), cmd.get("password")
        if not isinstance(officer, str) or not isinstance(password, str):
            raise OperationRefused("fields 'officer' and 'password' are required")
        claimed = cmd.get("station")
        if claimed is not None and claimed != self.station:
            raise OperationRefused(
                f"this workstation is station {self.station}; a command cannot name another "
                f"station ({str(claimed)[:64]!r}): the station is taken from the workstation's "
                "configuration, never from the command")
        session = self.accounts.sign_in(officer, password, self.station)
        try:
            text = cmd.get("comment")
            if op == "ack":
                return self.desk.acknowledge(session, alert_id, text)
            if op == "claim":
                return self.desk.claim(session, alert_id)
            if op == "resolve":
                return self.desk.resolve(
                    session,
                    alert_id,
                    str(cmd.get("resolution", "")),
                    changes=cmd.get("changes"),
                    comment=text,
                )
            if op == "shelve":
                return self.desk.shelve(
                    session, alert_id, float(cmd["minutes"]), str(cmd.get("reason") or text or "")
                )
            if op == "escalate":
                return self.desk.escalate(session, alert_id, text)
            if op == "comment":
                return self.desk.comment(session, alert_id, str(cmd.get("text") or text or ""))
            return self.desk.reopen(session, alert_id, text)
        finally:
            self.accounts.sign_out(session)


async def follow_lines(stream: IO[str], handle: Callable[[str], object]) -> None:
    """Hand each line of a (possibly endless) text stream to `handle` on the loop's thread."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def reader() -> None:
        for line in stream:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=reader, name="operator-commands", daemon=True).start()
    while (line := await queue.get()) is not None:
        if line.strip():
            handle(line)
