"""Through the real `yard-console headless`: the station and the role cannot be lied about.

Issue 13, item 4: an operator command naming `"station": "SUPERVISOR-DESK"`
was recorded as such; the station comes from the workstation's
configuration (`--station`), never from the command.  Item 5: an officer
made supervisor with `UPDATE officer_accounts` on the real file is refused,
and the refusal is in the audit trail.  The workstation has a station key,
so the trail itself still verifies, signed and anchored, afterwards, while
`--verify` names the account that was changed.
"""

from __future__ import annotations

import pathlib
import sqlite3
from typing import Any

import pytest

from console.audit.station_key import ensure_station_key, station_key_dir
from tests.e2e.test_e2e_operations import PASSWORD, add_officer, misread_alert
from tests.support.console_process import read_jsonl, run_cli

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def command(op: str, alert_id: str, **extra: Any) -> dict[str, Any]:
    return {"op": op, "alert_id": alert_id, "officer": "A123", "password": PASSWORD, **extra}


def test_the_station_is_the_workstations_and_a_forged_role_is_refused(
    gateway_process_factory: Any, tmp_path: pathlib.Path
) -> None:
    ensure_station_key(station_key_dir())
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    add_officer(db, "S001", "supervisor")
    db, console, _sent, alert = misread_alert(gw, tmp_path)
    alert_id = alert["alert_id"]

    console.send_line(command("ack", alert_id, station="SUPERVISOR-DESK", comment="seen"))
    forged = console.wait_for(lambda d: d.get("kind") == "op_result", 30)
    assert forged["ok"] is False
    assert "station WS-07" in forged["error"] and "SUPERVISOR-DESK" in forged["error"]

    console.send_line(command("ack", alert_id, comment="seen"))
    acked = console.wait_for(lambda d: d.get("kind") == "op_result" and d["ok"], 30)
    assert acked["alert_id"] == alert_id

    conn = sqlite3.connect(db)  # an officer promotes himself on the real file
    conn.execute("UPDATE officer_accounts SET role = 'supervisor' WHERE name = 'A123'")
    conn.commit()
    conn.close()
    console.send_line(command("escalate", alert_id, comment="look"))
    refused = console.wait_for(
        lambda d: d.get("kind") == "op_result" and d["op"] == "escalate", 30)
    assert refused["ok"] is False and "changed outside the console" in refused["error"]
    assert console.terminate() == 0

    entries = read_jsonl(run_cli("history", "audit", "--db", db).stdout)
    assert "SUPERVISOR-DESK" not in {e["station"] for e in entries}
    ack = [e for e in entries if e["action"] == "alert.acknowledge"]
    assert len(ack) == 1 and ack[0]["station"] == "WS-07" and ack[0]["actor"] == "A123"
    tampered = [e for e in entries if e["action"] == "user.tampered"]
    assert [e["target"] for e in tampered] == ["A123"]
    assert "role supervisor" in tampered[0]["details"]["why"]
    assert not [e for e in entries if e["action"] == "alert.escalate"]
    verified = run_cli("history", "audit", "--db", db, "--verify", check=False)
    assert f"audit trail intact: {len(entries)} entries" in verified.stdout
    assert f"{len(entries)} of {len(entries)} entries signed" in verified.stdout
    assert verified.returncode == 1  # the trail holds, the account does not
    assert "account NOT TRUSTED: the account record of 'A123' was changed outside the " \
        "console (it now says role supervisor" in verified.stdout
