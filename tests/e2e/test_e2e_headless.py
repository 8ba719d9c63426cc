"""End to end: the real `yard-console headless` process against the real test gateway process.

After every kind of trouble a network and a gateway can cause, the store
must hold every valid event exactly once, every rejected message in the
quarantine, and every lost range as a recorded gap: for each epoch, stored
seqs + quarantined seqs + gap seqs cover the numbers the gateway issued after
the console's snapshot with no hole and no overlap.
"""

from __future__ import annotations

import pathlib
import time
from collections import Counter
from typing import Any

import pytest

from tests.support.console_process import ConsoleProcess, read_jsonl, run_cli
from tests.support.fixtures import TEST_TOKEN
from tests.support.hostile import HOSTILE_FRAMES
from tests.support.process import GatewayProcess

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def start_console(
    gw: GatewayProcess, db: pathlib.Path, tmp: pathlib.Path, *feeds: str, token: str = TEST_TOKEN
) -> ConsoleProcess:
    args: list[str] = ["headless", "--db", str(db), "--token", token]
    for path in feeds or ("/terminal",):
        args += ["--feed", gw.url(path)]
    return ConsoleProcess(args, log=tmp / "console.log")


def history(db: pathlib.Path, what: str = "events") -> list[dict[str, Any]]:
    return read_jsonl(run_cli("history", what, "--db", db).stdout)


def wait_stored(db: pathlib.Path, seq: int, epoch: str, timeout: float = 30) -> None:
    """Until the store holds the events of `epoch` up to `seq` (or their quarantine/gap)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if covered(db).get(epoch, set()) and max(covered(db)[epoch]) >= seq:
            return
        time.sleep(0.3)
    raise AssertionError(f"store did not reach seq {seq} of epoch {epoch}")


def covered(db: pathlib.Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for e in history(db):
        out.setdefault(e["epoch"], set()).add(e["seq"])
    for q in history(db, "quarantine"):
        if q.get("seq") is not None:
            out.setdefault(q["epoch"], set()).add(q["seq"])
    for g in history(db, "gaps"):
        out.setdefault(g["epoch"], set()).update(range(g["from_seq"], g["to_seq"] + 1))
    return out


def assert_exactly_once(db: pathlib.Path, expected: dict[str, range]) -> None:
    events = history(db)
    ids = Counter(e["id"] for e in events)
    assert [i for i, n in ids.items() if n > 1] == []
    got = covered(db)
    for epoch, seqs in expected.items():
        assert got.get(epoch, set()) == set(seqs), f"epoch {epoch}"
    per_epoch = Counter((e["epoch"], e["seq"]) for e in events)
    assert [k for k, n in per_epoch.items() if n > 1] == []


def test_gateway_restart_mid_stream_resumes_without_loss(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start_console(gw, db, tmp_path)
    snap = console.feed_state("snapshot")
    epoch = gw.feed_state()["epoch"]
    gw.emit(300, interval_s=0.002)
    time.sleep(0.3)
    gw.restart(down_s=1.0)  # a real process restart; the journal keeps the epoch
    console.feed_state("resumed")
    gw.emit(200)
    last = gw.feed_state()["last_seq"]
    wait_stored(db, last, epoch)
    assert console.terminate() == 0
    assert_exactly_once(db, {epoch: range(snap["last_seq"] + 1, last + 1)})
    stopped = console.lines[-1]
    assert stopped["kind"] == "engine" and stopped["state"] == "stopped"


def test_gap_duplicates_and_epoch_change(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start_console(gw, db, tmp_path)
    snap = console.feed_state("snapshot")
    first = gw.feed_state()["epoch"]
    gw.emit(20)
    gw.skip(3)  # a permanent gap: the gateway lost these
    gw.emit(20)
    gap = console.feed_state("gap")
    assert "missing for good" in gap["detail"]
    last_first = gw.feed_state()["last_seq"]
    wait_stored(db, last_first, first)
    gw.drop(1001, "restart")  # the console resumes and the gateway resends nothing twice
    console.feed_state("resumed")
    gw.new_epoch()
    gw.drop(1001, "new numbering")
    n_before = len(console.lines)
    resync = console.wait_for(
        lambda d: (
            d.get("kind") == "feed" and d.get("state") == "snapshot" and d.get("epoch") != first
        ),
        30,
    )
    assert len(console.lines) > n_before
    second = resync["epoch"]
    gw.emit(25)
    last_second = gw.feed_state()["last_seq"]
    wait_stored(db, last_second, second)
    assert console.terminate() == 0
    assert_exactly_once(
        db,
        {
            first: range(snap["last_seq"] + 1, last_first + 1),
            second: range(resync["last_seq"] + 1, last_second + 1),
        },
    )
    gaps = history(db, "gaps")
    assert [(g["to_seq"] - g["from_seq"] + 1) for g in gaps] == [3]


def test_rejected_token_stops_with_a_clear_reason(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    console = start_console(gw, tmp_path / "c.db", tmp_path, token="wrong-token")
    line = console.feed_state("rejected")
    assert "credentials rejected" in line["detail"]
    assert console.wait(30) == 3  # every feed refused for good: nothing left to do
    assert [d["state"] for d in console.lines if d["kind"] == "feed"] == ["rejected"]


def test_hostile_messages_of_every_kind_are_quarantined_and_the_feed_goes_on(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start_console(gw, db, tmp_path)
    snap = console.feed_state("snapshot")
    epoch = gw.feed_state()["epoch"]
    for name in [*HOSTILE_FRAMES, "binary"]:
        gw.hostile(name)
        gw.emit(2)
    last = gw.feed_state()["last_seq"]
    wait_stored(db, last, epoch)
    assert console.terminate() == 0
    assert_exactly_once(db, {epoch: range(snap["last_seq"] + 1, last + 1)})
    quarantine = history(db, "quarantine")
    assert len(quarantine) == len(HOSTILE_FRAMES) + 1
    assert all(q["reason"] for q in quarantine)
    reasons = " ".join(q["reason"] for q in quarantine)
    for words in ("1 MiB", "repeats a key", "nesting deeper", "not valid JSON", "UTF-8",
                  "binary frame"):
        assert words in reasons
    # Invalid UTF-8 no longer breaks the connection (it used to close with 1007).
    feed_states = [d["state"] for d in console.lines if d.get("kind") == "feed"]
    assert "resumed" not in feed_states and "disconnected" not in feed_states


def test_kill_9_of_the_console_mid_stream_loses_and_duplicates_nothing(
    gateway_process_factory: Any,
    tmp_path: pathlib.Path,
) -> None:
    gw = gateway_process_factory()
    db = tmp_path / "console.db"
    console = start_console(gw, db, tmp_path)
    snap = console.feed_state("snapshot")
    epoch = gw.feed_state()["epoch"]
    gw.emit(2000, interval_s=0.001)
    time.sleep(1.0)
    console.kill()  # SIGKILL mid-stream: no flush, no goodbye
    again = start_console(gw, db, tmp_path)
    again.feed_state("resumed")
    time.sleep(2.5)  # the trickle ends
    last = gw.feed_state()["last_seq"]
    wait_stored(db, last, epoch)
    assert again.terminate() == 0
    assert_exactly_once(db, {epoch: range(snap["last_seq"] + 1, last + 1)})


def test_headless_reads_the_workstation_configuration(
    gateway_process_factory: Any, tmp_path: pathlib.Path
) -> None:
    gw = gateway_process_factory()
    token = tmp_path / "terminal.token"
    token.write_text(TEST_TOKEN + "\n")
    token.chmod(0o600)
    config = tmp_path / "console.toml"
    run_cli(
        "config",
        "init",
        "--config",
        config,
        "--feed",
        gw.url("/terminal"),
        "--token-file",
        token,
        "--station",
        "WS-09",
    )
    db = tmp_path / "console.db"
    console = ConsoleProcess(
        ["headless", "--config", config, "--db", db], log=tmp_path / "console.log"
    )
    snap = console.feed_state("snapshot")
    gw.emit(5)
    epoch = gw.feed_state()["epoch"]
    wait_stored(db, gw.feed_state()["last_seq"], epoch)
    assert console.terminate() == 0
    assert_exactly_once(db, {epoch: range(snap["last_seq"] + 1, gw.feed_state()["last_seq"] + 1)})
    assert TEST_TOKEN not in (tmp_path / "console.log").read_text()


def test_headless_without_feeds_says_what_to_give(tmp_path: pathlib.Path) -> None:
    result = run_cli("headless", "--db", tmp_path / "c.db", check=False)
    assert result.returncode == 2
    assert "give --feed and --db, or --config FILE" in result.stderr
