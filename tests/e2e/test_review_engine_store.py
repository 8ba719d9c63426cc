"""The review on a store filled by the real console from the simulated terminal.

One recorded shift (`testbed.recording`: simulator + gateway on
loopback, the real engine, store and rules, two officers at the desk) serves
every test here: the replay equals the live yard, a container's story is
complete, documents lead to their containers, and the shift report renders.
"""

from __future__ import annotations

import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.history.checkpoints import Checkpointer
from console.history.queries import AlertQuery, container_story, find_containers, search_alerts
from console.history.replay import ReplayEngine
from console.history.terms import TermIndexer
from console.store.history import SqliteHistoryStore
from console.store.schema import connect
from console.store.sqlite import SqliteEventStore
from testbed.recording import OFFICERS, STATION, Recording
from tests.conftest import require_tool

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shift(tmp_path_factory: pytest.TempPathFactory) -> Recording:
    """Recorded in its own process: simulator, gateway and console as they run for real."""
    folder = tmp_path_factory.mktemp("review")
    out = folder / "recording.pickle"
    subprocess.run([sys.executable, "-m", "testbed.recording", str(folder / "console.db"),
                    str(out), "600"], check=True, timeout=240, capture_output=True)
    recording = pickle.loads(out.read_bytes())
    assert isinstance(recording, Recording)
    return recording


@pytest.fixture(scope="module")
def conn(shift: Recording) -> Iterator[sqlite3.Connection]:
    c = connect(shift.db)
    TermIndexer(SqliteHistoryStore(c, owns=False)).catch_up()
    yield c
    c.close()


@pytest.fixture(scope="module")
def store(conn: sqlite3.Connection) -> SqliteHistoryStore:
    return SqliteHistoryStore(conn, owns=False)


@pytest.fixture(scope="module")
def engine(shift: Recording, store: SqliteHistoryStore) -> ReplayEngine:
    e = ReplayEngine(store, shift.layout, Checkpointer(store, shift.layout, every_s=60.0))
    assert e.refresh() >= 3
    return e


def test_the_recording_holds_a_working_shift(shift: Recording, conn: sqlite3.Connection) -> None:
    kinds = dict(conn.execute("SELECT kind, count(*) FROM events GROUP BY kind").fetchall())
    assert kinds.get("equipment", 0) > 50 and kinds.get("position", 0) > 1000
    assert kinds.get("clearance", 0) > 10
    assert len(shift.moments) == 4
    assert shift.handled > 0


def test_replay_after_a_row_equals_the_live_yard_then(
    shift: Recording, engine: ReplayEngine
) -> None:
    for moment in shift.moments:
        view = engine.seek_row(moment.last_n)
        assert view.frame.same_yard(moment.frame), view.frame.differences(moment.frame)
        assert len(view.frame.containers) > 1000


def test_replay_at_a_time_equals_the_live_yard_recorded_at_that_time(
    shift: Recording, engine: ReplayEngine, conn: sqlite3.Connection
) -> None:
    """Where every event stored before the moment's last one is stamped earlier than every
    event stored after it, the moment is a time: seeking to it must give the live yard."""
    checked = 0
    for moment in shift.moments:
        latest = conn.execute(
            "SELECT max(time_us) FROM events WHERE n <= ?", (moment.last_n,)).fetchone()[0]
        later = conn.execute(
            "SELECT min(time_us) FROM events WHERE n > ?", (moment.last_n,)).fetchone()[0]
        if later is not None and later <= latest:
            continue
        view = engine.seek(latest + 1)
        assert not view.exact_path
        assert view.frame.same_yard(moment.frame), view.frame.differences(moment.frame)
        checked += 1
    assert checked >= 1, "no captured moment was a clean cut in time"


def test_seeking_backwards_and_forwards_gives_the_same_answer(
    engine: ReplayEngine, conn: sqlite3.Connection
) -> None:
    first, last = engine.time_range() or (0, 0)
    times = [first + (last - first) * k // 7 for k in (5, 2, 6, 1, 5)]
    frames = [engine.seek(t).frame for t in times]
    assert frames[0].same_yard(frames[4])
    assert not frames[1].same_yard(frames[2])


def test_a_containers_story_is_complete(
    shift: Recording, conn: sqlite3.Connection, store: SqliteHistoryStore
) -> None:
    ref = conn.execute(
        "SELECT container FROM events WHERE kind = 'equipment' AND event_type = 'DROP' "
        "AND container IN (SELECT container FROM events WHERE kind = 'clearance') "
        "LIMIT 1").fetchone()[0]
    story = container_story(store, ref)
    events = SqliteEventStore(shift.db, readonly=True)
    try:
        stored = list(events.events(container=ref))
    finally:
        events.close()
    facts = [e for e in stored if e.kind != "position"]
    assert [e.id for e in story.events] == [e.id for e in facts]
    assert {e.kind for e in story.events} >= {"equipment", "clearance"}
    assert sum(c.reports for c in story.carriages) == len(stored) - len(facts)
    assert [e.body for e in story.events] == [e.body for e in facts]
    assert any(field == "declaration_no" for field, _ in story.terms)


def test_an_alerts_whole_life_shows_who_when_and_where(store: SqliteHistoryStore) -> None:
    handled = search_alerts(store, AlertQuery(officer=OFFICERS[0][0]))
    assert handled
    for alert in handled:
        actions = [c.action for c in alert.changes]
        assert actions[0] == "raise"
        mine = [c for c in alert.changes if c.who == OFFICERS[0][0]]
        assert mine and all(c.station == STATION for c in mine)
        assert all(c.why for c in mine if c.action in ("acknowledge", "resolve"))
    story = container_story(store, handled[0].subject)
    if handled[0].subject in {e.container for e in story.events}:
        assert handled[0].alert_id in {a.alert_id for a in story.alerts}


def test_documents_lead_to_their_containers(
    conn: sqlite3.Connection, store: SqliteHistoryStore
) -> None:
    for field in ("truck_plate", "declaration_no", "vessel_imo"):
        term, ref = conn.execute(
            "SELECT term, container FROM review_terms WHERE field = ? LIMIT 1", (field,)
        ).fetchone()
        assert ref in find_containers(store, term.lower())
    prefix = conn.execute("SELECT container FROM events WHERE container IS NOT NULL "
                          "LIMIT 1").fetchone()[0][:6]
    assert all(r.startswith(prefix) for r in find_containers(store, prefix))


def test_the_shift_report_pdf_renders_with_its_pages(shift: Recording, tmp_path: Path) -> None:
    for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
        require_tool(tool)  # Debian poppler-utils
    pdf = tmp_path / "shift.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "yard_console.cli", "history", "report", "--db", str(shift.db),
         "--from", "2026-11-28T19:00:00+08:00", "--to", "2026-11-29T03:00:00+08:00",
         "--pdf", str(pdf), "--csv", str(tmp_path / "csv")],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    assert f"({pages} pages)" in done.stdout and pages >= 4
    for page, heading in enumerate(("Summary", "Charts", "Rate and workload",
                                    "Overdue alerts"), start=1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert heading in text
    assert "Yard Console" in subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    assert all(p.stat().st_size > 3000 for p in images)
    alerts_csv = (tmp_path / "csv" / "alerts.csv").read_text().splitlines()
    assert alerts_csv[0].startswith("alert_id,raised_at,rule")
    assert len(alerts_csv) > 1
