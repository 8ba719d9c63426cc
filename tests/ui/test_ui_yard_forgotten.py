"""Forgotten containers leave the map (issue 15 item 1, issue 13 item 8).

The live yard forgets a container some time after it left the terminal
(`console.yard.retention`); the map used to keep its status, emptiness and
size-type for ever (a share of the window's memory growth in the soak).  Now
the core yard's `ContainerGone` takes everything the map holds for it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from console.model import Clearance, EquipmentEvent, FeedEvent, Position, PositionReport
from console.rules.supervisor import Supervisor
from console.store.office.alert_rows import SqliteAlertStore
from tests.ui_conftest_helpers import number, small_layout
from ui.display import DisplayState

START = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
_seq = iter(range(1, 10**9))


def at(minutes: float) -> str:
    return (START + dt.timedelta(minutes=minutes)).isoformat()


def event(body: object, kind: str, when: str) -> FeedEvent:
    n = next(_seq)
    return FeedEvent("T", "e1", n, f"T:{n}", kind, when, "SRC", body)


def test_containers_the_yard_forgets_leave_every_dictionary_of_the_map(
    qapp: object, tmp_path: Path
) -> None:
    sup = Supervisor(SqliteAlertStore(tmp_path / "alerts.db"), small_layout())
    display = DisplayState(small_layout())
    refs = [number(7000 + i) for i in range(240)]
    for i, ref in enumerate(refs):
        when = at(10 * i)  # one container an officer's ten minutes: 40 hours in all
        batch = [
            event(EquipmentEvent(f"d{i}", "ACT", "DROP", when, ref, empty="EMPTY",
                                 iso_code="22G1",
                                 position=Position("slot", "A01", 1 + i % 10, 1 + i % 4, 1)),
                  "equipment", when),
            event(Clearance(ref, "released"), "clearance", when),
            event(PositionReport(f"SC{i % 3}", 10.0 + i, 20.0, 0.0, 3.0, ref, "shuttle"),
                  "position", when),
            event(EquipmentEvent(f"o{i}", "ACT", "GTOT", when, ref, lane_id="G1-OUT-01"),
                  "equipment", when),
        ]
        display.on_events("T", batch)  # in the engine's order: observers, rules, changes
        for ev in batch:
            sup.apply("T", "terminal", ev)
        display.on_yard_changes(sup.take_yard_changes())
    pic = display.picture
    held = {ref for ref in refs if sup.yard.facts(ref) is not None}
    assert 0 < len(held) < 20  # the yard keeps only the recent departures
    assert sup.yard.forgotten == len(refs) - len(held)
    assert set(pic.containers) == held
    for ref in set(refs) - held:
        assert ref not in pic.where and ref not in pic.carriers
        assert pic.status.get(ref) is None and pic.empty.get(ref) is None
        assert pic.iso.get(ref) is None
    assert set(pic.carriers) <= held
    assert len(pic.vehicles) == 3
