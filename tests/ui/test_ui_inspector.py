"""The inspector shows what an officer needs to judge a container or an alert."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from console.model import FeedEvent, OcrReading, Seal
from console.yard.retention import DEPARTED_RETENTION_S
from tests.support.core_yard import FedDisplay
from tests.ui_conftest_helpers import (
    alert,
    clearance,
    drop,
    equipment,
    number,
    position,
    small_layout,
)
from ui.alerts.row import HISTORY_KEPT
from ui.display import DisplayState
from ui.i18n import Translations
from ui.inspector import report
from ui.inspector.dossier import CONTAINERS_KEPT, RECENT_EVENTS, RECENT_POSITIONS, Dossiers
from ui.inspector.panel import InspectorPanel


def test_container_dossier_has_timeline_clearance_seals_weights_and_ocr(qtbot: QtBot) -> None:
    display = FedDisplay(small_layout())
    ref = number(555)
    misread = ref[:4] + "0" * 6 + ref[10]
    display.on_events("T", [
        equipment(ref, "DISC", seals=(Seal("SH123", "SHI", "BLT"),), gross_weight_kg=27400,
                  tare_weight_kg=3800),
        drop(ref, "A01", 7, 2, ocr=OcrReading(misread, 0.62, ("TW1234567",))),
    ])
    display.on_events("C", [clearance(ref, "hold", declaration_no="AA12345678901",
                                      customs_seals=("TW1234567",))])
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.show_subject("container", ref, lambda: report.container_html(
        ref, display.picture, display.dossiers))
    text = panel.text()
    for expected in (ref, "hold", "A01 / 7 / 2 / 1", "DISC", "DROP", "AA12345678901",
                     "SH123", "TW1234567", "27,400 kg", "3,800 kg", misread, "0.62"):
        assert expected in text, expected
    display.on_events("C", [clearance(ref, "released")])
    panel.refresh()
    assert "released" in panel.text()


def test_an_invalid_number_shows_the_repair_candidates(qapp: object) -> None:
    display = FedDisplay(small_layout())
    good = number(120)
    bad = good[:4] + good[4:10].replace("0", "O") + good[10]
    html = report.container_html(bad, display.picture, display.dossiers)
    assert "Not a valid ISO 6346 number." in html and good in html


def test_alert_evidence_shows_the_detail_and_the_raising_event(qapp: object) -> None:
    display = FedDisplay(small_layout())
    ref = number(556)
    ev = equipment(ref, "GTOT", lane_id="G1-OUT-01")
    display.on_events("T", [ev])
    display.on_alerts([alert("g1", "critical", "GATE_OUT_WITHOUT_RELEASE", subject=ref,
                             event_id=ev.id, detail={"clearance": "pending",
                                                     "seals_read": ["TW1"]})])
    row = display.alerts.row_for("g1")
    assert row is not None
    html = report.alert_html(row, display.dossiers)
    for expected in ("GATE_OUT_WITHOUT_RELEASE", ref, "pending", "TW1", ev.id, "G1-OUT-01",
                     "raise"):
        assert expected in html, expected


def test_placeholder_until_something_is_chosen(qtbot: QtBot) -> None:
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    assert "Click a container" in panel.text() and panel.subject is None


def test_a_status_known_only_from_the_snapshot_is_not_called_off_manifest(qapp: object) -> None:
    from console.model import Clearance, ContainerState, Position, Snapshot

    display = FedDisplay(small_layout())
    ref = number(557)
    display.on_snapshot("T", Snapshot("T", "e1", 1, None, containers=[
        ContainerState(ref, "22G1", "LADEN", Position("slot", "A01", 1, 1, 1))],
        clearances=[Clearance(ref, "released")]))
    html = report.container_html(ref, display.picture, display.dossiers)
    assert "From the last snapshot" in html and "not on any manifest" not in html


def _vessel_call(display: FedDisplay, ref: str) -> None:
    from console.model import Position, TransportEvent
    from tests.ui_conftest_helpers import TIME, event

    display.on_events("T", [
        event(TransportEvent("tr-1", "ACT", "ARRI", "2026-11-28T14:05:00+08:00",
                             vessel_imo="9321483", vessel_name="King of the Seas",
                             voyage="2103S"), "transport"),
        equipment(ref, "DISC", vessel_imo="9321483", vessel_name="King of the Seas",
                  position=Position("berth", berth="B1", crane_id="STS01"), crane_id="STS01"),
    ])
    assert TIME  # the helpers' events carry the feed time of the helpers


def test_a_berth_and_a_container_show_the_vessel_call_from_dcsa_transport_events(
    qtbot: QtBot,
) -> None:
    from console.model import TransportEvent
    from tests.ui_conftest_helpers import event

    display = FedDisplay(small_layout())
    ref = number(557)
    _vessel_call(display, ref)
    panel = InspectorPanel()
    qtbot.addWidget(panel)
    panel.show_subject("berth", "B1", lambda: report.berth_html("B1", display.vessels))
    text = panel.text()
    for expected in ("Berth B1", "King of the Seas", "9321483", "2103S",
                     "alongside since 14:05", "1 / 0"):
        assert expected in text, expected
    dossier = report.container_html(ref, display.picture, display.dossiers, display.vessels)
    assert "Vessel call" in dossier and "King of the Seas" in dossier
    display.on_events("T", [event(TransportEvent(
        "tr-2", "ACT", "DEPA", "2026-11-28T18:40:00+08:00", vessel_imo="9321483",
        vessel_name="King of the Seas", voyage="2103S"), "transport")])
    panel.refresh()
    assert "sailed 18:40" in panel.text() and "1 / 0" in panel.text()
    assert "No vessel call reported" in report.berth_html("B9", display.vessels)


def test_the_map_labels_the_berth_with_its_vessel_and_a_click_there_names_the_berth(
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter

    from ui.yard import berths
    from ui.yard.map_widget import YardMap

    display = FedDisplay(small_layout())
    _vessel_call(display, number(558))
    m = YardMap(display.picture)
    qtbot.addWidget(m)
    m.resize(800, 600)
    m.fit_all()
    plain = QImage(800, 600, QImage.Format.Format_ARGB32)
    p = QPainter(plain)
    m.paint_map(p)
    p.end()
    m.vessel_calls = display.vessels
    labelled = QImage(800, 600, QImage.Format.Format_ARGB32)
    p = QPainter(labelled)
    m.paint_map(p)
    p.end()
    mid = m.to_screen(200, 30)

    def blue_label(img: QImage) -> int:
        """Pixels of the label's 'alongside' blue just above the berth line's middle."""
        c: QColor
        return sum(1 for dx in range(-40, 41, 2) for dy in range(-24, -6, 2)
                   if (c := img.pixelColor(int(mid.x()) + dx, int(mid.y()) + dy)).blue()
                   > c.red() + 80)

    assert blue_label(plain) == 0 and blue_label(labelled) > 100
    on_line = QPointF(mid.x(), mid.y())
    assert berths.berth_at(m, on_line) == "B1"
    tip = m.tooltip_text(on_line) or ""
    assert "Berth B1" in tip and "King of the Seas 2103S" in tip
    hit = m.describe_at(on_line)
    assert hit == ("berth", "B1")


def test_a_flapping_alert_keeps_its_raising_and_its_latest_changes(qapp: object,
                                                                   tmp_path: Path) -> None:
    """A group head counts each repeat with a change: 5,000 repeats must not make 5,000
    dictionaries in the window.  The raising and the latest HISTORY_KEPT stay, the
    inspector says (in both languages) how many in between it let go."""
    display = DisplayState(small_layout())
    display.on_alerts([alert("f1", "critical", "FENCE_INTRUSION", subject="FENCE-03")])
    for n in range(1, 5001):
        display.on_alerts([alert("f1", "critical", "FENCE_INTRUSION", subject="FENCE-03",
                                 action="repeat", repeats=n, why=f"repeat f1-{n}")])
    row = display.alerts.row_for("f1")
    assert row is not None and row.repeats == 5000
    assert len(row.history) == HISTORY_KEPT + 1
    assert row.history[0]["action"] == "raise"
    assert [h["why"] for h in row.history[-2:]] == ["repeat f1-4999", "repeat f1-5000"]
    assert row.history_omitted == 5000 - HISTORY_KEPT
    html = report.alert_html(row, display.dossiers)
    assert "repeat f1-5000" in html and "repeat f1-10<" not in html
    assert f"{5000 - HISTORY_KEPT} changes in between are not shown here" in html
    translations = Translations(tmp_path)
    try:
        assert translations.set_language("zh_TW")
        assert f"中間另有 {5000 - HISTORY_KEPT} 筆變更未在此顯示" in report.alert_html(
            row, display.dossiers)
    finally:
        translations.set_language("en")


def test_the_windows_short_memory_is_bounded_and_positions_do_not_push_evidence_out(
        qapp: object) -> None:
    """Position reports are most of the traffic: before, 50,000 of them pushed out every
    equipment event an alert could cite, and a dossier was kept for every container ever
    heard from.  Now positions have their own ring and dossiers go least recently heard."""
    dossiers = Dossiers()
    cited = equipment(number(1), "GTOT", lane_id="G1-OUT-01")
    dossiers.record([cited])
    moves = [position(f"SC{n % 40}", 10.0 + n % 500, 20.0) for n in range(60_000)]
    dossiers.record(moves)
    assert dossiers.event(cited.id) == cited  # the gate-out an alert cites is still there
    assert dossiers.event(moves[-1].id) == moves[-1]  # and the latest stop
    assert dossiers.event(moves[-RECENT_POSITIONS - 1].id) is None
    assert dossiers.sizes()["positions"] == RECENT_POSITIONS
    boxes = [equipment(number(10 + n), "DROP") for n in range(CONTAINERS_KEPT + 50)]
    dossiers.record(boxes[:100])
    dossiers.record([equipment(number(10), "PICK")])  # heard from again: kept
    dossiers.record(boxes[100:])
    assert dossiers.sizes()["containers"] == CONTAINERS_KEPT
    assert dossiers.known(number(10)) and [e.event_type for e in dossiers.equipment(
        number(10))] == ["DROP", "PICK"]
    assert not dossiers.known(number(11))  # quiet since: let go (the store keeps it)
    assert dossiers.known(number(9 + CONTAINERS_KEPT + 50))
    # Far past the ring of recent events, an alert's evidence is still found among its
    # subject's events while that container's dossier is kept.
    assert RECENT_EVENTS < CONTAINERS_KEPT
    again = equipment(number(10), "DROP")
    dossiers.record([again] + [equipment(number(20_000 + n), "GTIN")
                               for n in range(RECENT_EVENTS)])
    assert dossiers.event(again.id) is None
    assert dossiers.event(again.id, number(10)) == again
    assert dossiers.event(again.id, number(12)) is None


def test_a_departed_containers_dossier_goes_as_the_live_yard_lets_it_go(qapp: object) -> None:
    """At the simulator's pace (2,800 containers an hour at speed 2) a dossier per container
    heard from grew the window by about 7 MB/h in `bench soak`.  A container that gated
    out or was loaded goes with the live yard's retention; one still here stays."""
    def at(ev: FeedEvent, minutes: float) -> FeedEvent:
        stamp = datetime(2026, 11, 28, 12, tzinfo=UTC) + timedelta(minutes=minutes)
        return FeedEvent(ev.feed, ev.epoch, ev.seq, ev.id, ev.kind, stamp.isoformat(),
                         ev.source, ev.body)

    dossiers = Dossiers()
    left, stays, late = number(1), number(2), number(3)
    dossiers.record([at(equipment(left, "GTIN", lane_id="G1"), 0),
                     at(equipment(stays, "DROP"), 0),
                     at(equipment(left, "GTOT"), 1),
                     at(equipment(late, "LOAD"), 20)])
    keep = DEPARTED_RETENTION_S / 60
    dossiers.record([at(equipment(stays, "INSP"), keep)])  # not yet: 1 min short
    assert dossiers.known(left) and dossiers.let_go == 0
    dossiers.record([at(clearance(stays, "released"), keep + 2)])
    assert not dossiers.known(left) and dossiers.let_go == 1
    assert dossiers.known(stays) and dossiers.known(late)  # still here; left 20 min later
    dossiers.record([at(equipment(late, "DISC"), keep + 10)])  # back: stays while here
    dossiers.record([at(equipment(stays, "PICK"), keep + 60)])
    assert dossiers.known(late) and dossiers.known(stays)
