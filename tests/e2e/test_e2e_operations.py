"""End to end: an OCR misread at a gate becomes an alert and is corrected in one step.

The real `yard-console headless --operator-commands -` against the real test
gateway process: the officer's resolve-with-correction goes to the terminal as
a `correction`, the gateway accepts and re-emits the corrected event, the alert
is resolved and cleared, and the audit chain verifies.  The same with a
rejected correction, and with the gateway offline for 30 s (the durable outbox
delivers when it is back).
"""

from __future__ import annotations

import pathlib
import time
from typing import Any

import pytest

from tests.support import bodies
from tests.support.console_process import ConsoleProcess, read_jsonl, run_cli
from tests.support.fixtures import TEST_TOKEN
from tests.support.process import GatewayProcess

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "correct horse 7"
GOOD = "EGHU9012345"  # a valid number (check digit 5)
MISREAD = "EGHU9O12345"  # the OCR read the digit 0 as the letter O


def add_officer(db: pathlib.Path, name: str = "A123", role: str = "officer") -> None:
    run_cli("users", "add", name, "--role", role, "--db", db, stdin=PASSWORD + "\n")


def misread_at_gate(gw: GatewayProcess, n: int = 1) -> dict[str, Any]:
    body = bodies.equipment(
        MISREAD, "GTIN", event_id=f"gate-{n}", time=bodies.rfc3339(), lane_id="G1-IN-01"
    )
    body["terminal"]["ocr"] = {"equipmentReference": MISREAD, "confidence": 0.93}
    return gw.event("equipment", body, source="G1-IN-01")


def start(gw: GatewayProcess, db: pathlib.Path, tmp: pathlib.Path) -> ConsoleProcess:
    console = ConsoleProcess(
        [
            "headless",
            "--db",
            db,
            "--token",
            TEST_TOKEN,
            "--feed",
            gw.url("/terminal"),
            "--feed",
            gw.url("/clearance"),
            "--operator-commands",
            "-",
            "--station",
            "WS-07",
        ],
        log=tmp / "console.log",
        stdin=True,
    )
    console.feed_state("snapshot")
    return console


def raised(console: ConsoleProcess, rule: str) -> dict[str, Any]:
    return console.wait_for(
        lambda d: d.get("kind") == "alert" and d["rule"] == rule and d["action"] == "raise", 60
    )


def misread_alert(
    gw: GatewayProcess, tmp: pathlib.Path
) -> tuple[pathlib.Path, ConsoleProcess, dict[str, Any], dict[str, Any]]:
    """An officer's account, the console on the gateway, and the alert of a misread at a gate."""
    db = tmp / "console.db"
    add_officer(db)
    console = start(gw, db, tmp)
    sent = misread_at_gate(gw)
    return db, console, sent, raised(console, "CONTAINER_NUMBER_INVALID")


def resolve_command(alert_id: str) -> dict[str, Any]:
    return {
        "op": "resolve",
        "alert_id": alert_id,
        "resolution": "corrected",
        "changes": {"equipmentReference": GOOD},
        "officer": "A123",
        "password": PASSWORD,
        "comment": "OCR misread 0/O",
    }


def test_misread_corrected_in_one_step_and_audited(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    db, console, sent, alert = misread_alert(gw, tmp_path)
    assert alert["subject"] == MISREAD and alert["event_id"] == sent["id"]

    console.send_line(resolve_command(alert["alert_id"]))
    result = console.wait_for(lambda d: d.get("kind") == "op_result", 30)
    assert result["ok"] is True, result
    assert result["request_id"].startswith("c-")
    resolved = console.wait_for(
        lambda d: (
            d.get("kind") == "alert"
            and d["alert_id"] == alert["alert_id"]
            and d["state"] == "resolved"
        ),
        30,
    )
    assert resolved["resolution"] == "corrected"
    assert resolved["who"] == "A123" and resolved["station"] == "WS-07"
    deadline = time.monotonic() + 30
    while not (
        corrected := [
            e
            for e in read_jsonl(run_cli("history", "events", "--db", db).stdout)
            if e.get("corrects") == sent["id"]
        ]
    ):
        assert time.monotonic() < deadline, "the corrected event never arrived"
        time.sleep(0.5)
    assert [e["body"]["equipment_reference"] for e in corrected] == [GOOD]
    time.sleep(1)
    assert console.terminate() == 0
    # The corrected event took the original's place and raised nothing new.
    assert [
        d
        for d in console.lines
        if d.get("kind") == "alert"
        and d["action"] == "raise"
        and d["alert_id"] != alert["alert_id"]
    ] == []
    assert gw.feed_state()["corrections"] == [result["request_id"]]  # sent once
    audit = run_cli("history", "audit", "--db", db, "--verify", check=False)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    actions = [e["action"] for e in read_jsonl(run_cli("history", "audit", "--db", db).stdout)]
    assert "alert.correct" in actions and "correction.accepted" in actions


def test_rejected_correction_is_shown_with_its_reason(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    gw.corrections("reject", reason="container already left the lane")
    _db, console, _sent, alert = misread_alert(gw, tmp_path)
    console.send_line(resolve_command(alert["alert_id"]))
    note = console.wait_for(
        lambda d: (
            d.get("kind") == "alert"
            and d["action"] == "comment"
            and "rejected by the terminal" in (d.get("why") or "")
        ),
        30,
    )
    assert "container already left the lane" in note["why"]
    assert note["state"] == "acknowledged"  # left for the officer to decide
    assert console.terminate() == 0


def test_gateway_offline_for_30_s_the_outbox_delivers_later(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    _db, console, _sent, alert = misread_alert(gw, tmp_path)
    gw.stop()
    console.feed_state("disconnected")
    console.send_line(resolve_command(alert["alert_id"]))
    result = console.wait_for(lambda d: d.get("kind") == "op_result", 30)
    assert result["ok"] is True  # stored in the outbox, not yet delivered
    time.sleep(30)
    gw.start()
    resolved = console.wait_for(
        lambda d: (
            d.get("kind") == "alert"
            and d["alert_id"] == alert["alert_id"]
            and d["state"] == "resolved"
        ),
        90,
    )
    assert resolved["resolution"] == "corrected"
    assert gw.feed_state()["corrections"].count(result["request_id"]) >= 1
    assert console.terminate() == 0


def test_an_officer_cannot_reopen_and_a_wrong_password_is_refused(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    _db, console, _sent, alert = misread_alert(gw, tmp_path)
    base = {"alert_id": alert["alert_id"], "officer": "A123"}
    console.send_line({**base, "op": "ack", "password": "not it"})
    refused = console.wait_for(lambda d: d.get("kind") == "op_result", 30)
    assert refused["ok"] is False and refused["error"]
    console.send_line({**base, "op": "resolve", "resolution": "false_alarm", "password": PASSWORD})
    console.wait_for(lambda d: d.get("kind") == "op_result" and d["ok"], 30)
    console.send_line({**base, "op": "reopen", "password": PASSWORD})
    denied = console.wait_for(lambda d: d.get("kind") == "op_result" and d["op"] == "reopen", 30)
    assert denied["ok"] is False and "supervisor" in denied["error"]
    assert console.terminate() == 0
