"""The alert queue: order, countdown, filters, grouping, keyboard, announcements."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui_conftest_helpers import alert
from ui.alerts.announcer import AlertAnnouncer, write_chime
from ui.alerts.banner import AlertBanner
from ui.alerts.model import COLUMNS, OVERDUE, RUNNING_LOW, AlertQueueModel, state_word
from ui.alerts.queue_panel import AlertQueuePanel

NOW = 1_800_000_000.0


def stamp(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat()


class Clock:
    def __init__(self) -> None:
        self.t = NOW

    def __call__(self) -> float:
        return self.t


def rules(model: AlertQueueModel) -> list[str]:
    return [model.index(r, COLUMNS.index("rule")).data() for r in range(model.rowCount())]


def test_queue_is_sorted_by_severity_then_age_and_passes_the_model_tester(
        qapp: object, qtmodeltester: ModelTester) -> None:
    clock = Clock()
    model = AlertQueueModel(clock)
    qtmodeltester.check(model, force_py=True)  # once: it then watches every change below
    model.apply_changes([
        alert("a1", "low", "OCR_LOW_CONFIDENCE", changed_at=stamp(NOW - 50)),
        alert("a2", "critical", "FENCE_INTRUSION", changed_at=stamp(NOW - 10)),
        alert("a3", "high", "SEAL_MISMATCH", changed_at=stamp(NOW - 30)),
        alert("a4", "critical", "GATE_OUT_UNDER_HOLD", changed_at=stamp(NOW - 40)),
    ])
    assert rules(model) == ["Gate-out under hold", "Fence intrusion", "Seal mismatch",
                            "Low OCR confidence"]
    model.apply_changes([alert("a3", "high", "SEAL_MISMATCH", state="acknowledged",
                               action="acknowledge")])
    assert model.index(2, COLUMNS.index("state")).data() == "acknowledged"
    model.apply_changes([alert("a2", "critical", "FENCE_INTRUSION", state="resolved")])
    assert "Fence intrusion" not in rules(model)


def test_countdown_runs_low_then_overdue(qtbot: QtBot) -> None:
    clock = Clock()
    model = AlertQueueModel(clock)
    model.apply_changes([alert("a1", "high", changed_at=stamp(NOW))])
    cell = model.index(0, COLUMNS.index("countdown"))
    assert cell.data() == "3:00" and cell.data(Qt.ItemDataRole.ForegroundRole) is None
    clock.t = NOW + 150
    assert cell.data() == "0:30" and cell.data(Qt.ItemDataRole.ForegroundRole) == RUNNING_LOW
    clock.t = NOW + 200
    assert "+0:20" in cell.data()
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE
    with qtbot.waitSignal(model.countdown_tick, timeout=1000):
        model.tick()
    model.apply_changes([alert("a1", "high", state="acknowledged")])
    assert cell.data() == "—"


def test_an_implausible_change_time_counts_from_first_sight(qapp: object) -> None:
    clock = Clock()
    model = AlertQueueModel(clock)
    model.apply_changes([alert("a1", "high", changed_at="2019-01-01T00:00:00+08:00")])
    assert model.index(0, COLUMNS.index("countdown")).data() == "3:00"


def test_severity_is_shown_by_word_and_icon_not_colour_alone(qapp: object) -> None:
    model = AlertQueueModel(Clock())
    model.apply_changes([alert("a1", "critical")])
    idx = model.index(0, 0)
    assert idx.data() == "CRITICAL"
    assert not idx.data(Qt.ItemDataRole.DecorationRole).isNull()


@pytest.fixture
def panel(qtbot: QtBot) -> AlertQueuePanel:
    model = AlertQueueModel(Clock())
    p = AlertQueuePanel(model)
    qtbot.addWidget(p)
    p.resize(700, 400)
    p.show()
    return p


def test_filters_and_grouping_pass_the_model_tester(panel: AlertQueuePanel,
                                                     qtmodeltester: ModelTester) -> None:
    panel.model.apply_changes([
        alert("h1", "high", "SEAL_MISMATCH", subject="TSTU0000001"),
        alert("h2", "high", "SEAL_MISMATCH", subject="TSTU0000001", group_id="h1"),
        alert("m1", "medium", "DEVICE_DOWN", subject="CAM-1"),
        alert("l1", "low", "OCR_LOW_CONFIDENCE", subject="TSTU0000002", state="acknowledged"),
    ])
    qtmodeltester.check(panel.proxy, force_py=True)  # once: it then watches every change below
    assert panel.visible_alert_ids() == ["h1", "m1", "l1"]
    assert "×2" in panel.proxy.index(0, COLUMNS.index("subject")).data()
    panel.group.setChecked(False)
    assert panel.visible_alert_ids() == ["h1", "h2", "m1", "l1"]
    panel.severity.setCurrentIndex(1)
    assert panel.visible_alert_ids() == ["h1", "h2"]
    panel.severity.setCurrentIndex(3)
    panel.unack.setChecked(True)
    assert "l1" not in panel.visible_alert_ids()
    panel.search.setText("cam-1")
    assert panel.visible_alert_ids() == ["m1"]
    panel.search.setText("")
    panel.unack.setChecked(False)
    panel.model.apply_changes([alert("m1", "medium", "DEVICE_DOWN", subject="CAM-1",
                                     state="shelved", action="shelve")])
    assert "m1" not in panel.visible_alert_ids()
    panel.shelved.setChecked(True)
    assert "m1" in panel.visible_alert_ids()


def test_keyboard_moves_through_the_queue_and_enter_asks_to_accept(panel: AlertQueuePanel,
                                                                   qtbot: QtBot) -> None:
    panel.model.apply_changes([alert("c1", "critical", "FENCE_INTRUSION", subject="F-N-01"),
                               alert("h1", "high")])
    panel.table.setFocus()
    panel.select_alert("c1")
    with qtbot.waitSignal(panel.alert_selected, timeout=1000) as sig:
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert sig.args == ["h1"]
    with qtbot.waitSignal(panel.accept_wanted, timeout=1000) as act:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert act.args == ["h1"]
    with qtbot.waitSignal(panel.backed_out, timeout=1000):
        qtbot.keyClick(panel.table, Qt.Key.Key_Escape)
    assert panel.current_alert_id() is None
    with qtbot.waitSignal(panel.alert_selected, timeout=1000) as first:
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)  # nothing selected: Down takes the first
    assert first.args == ["c1"]


def test_a_new_critical_alert_is_announced_without_taking_focus(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    typing = QLineEdit()
    banner = AlertBanner()
    lay = QVBoxLayout(host)
    lay.addWidget(banner)
    lay.addWidget(typing)
    host.show()
    qtbot.waitExposed(host)
    typing.setFocus()
    host.activateWindow()
    qtbot.keyClicks(typing, "EGHU")
    model = AlertQueueModel(Clock())
    announcer = AlertAnnouncer(tmp_path)
    model.alert_raised.connect(announcer.alert_raised)
    announcer.announced.connect(lambda aid, sev: banner.announce(aid, sev, aid))
    with qtbot.waitSignal(announcer.announced, timeout=1000):
        model.apply_changes([alert("c1", "critical", "FENCE_INTRUSION")])
    model.apply_changes([alert("l1", "low", "OCR_LOW_CONFIDENCE")])
    qtbot.keyClicks(typing, "901")
    assert banner.isVisible() and banner.alert_id == "c1"
    assert "CRITICAL" in banner.label.text()
    assert host.focusWidget() is typing and typing.text() == "EGHU901"
    assert announcer.sounds_played == 1 and announcer.sound_method in ("beep", "paplay",
                                                                         "pw-play", "aplay")
    model.apply_changes([alert("h1", "high", "SEAL_MISMATCH")])
    assert banner.alert_id == "c1" and announcer.sounds_played == 2  # heard, not on top
    announcer.set_muted(True)
    model.apply_changes([alert("c2", "critical", "GATE_OUT_UNDER_HOLD")])
    assert announcer.sounds_played == 2 and banner.alert_id == "c2"
    with qtbot.waitSignal(banner.go_to, timeout=1000) as sig:
        qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
    assert sig.args == ["c2"]
    announcer.close()


def test_the_chime_is_a_real_wav(tmp_path: Path) -> None:
    import wave

    path = write_chime(tmp_path / "chime.wav")
    with wave.open(str(path)) as w:
        assert w.getnchannels() == 1 and w.getframerate() == 16000
        assert w.getnframes() == 8000


def test_the_queue_forgets_groups_once_their_repeats_are_resolved(qapp: object) -> None:
    """A soak raises and resolves groups for hours: the queue's count of open repeats per
    group must not keep a key for every group that ever was."""
    model = AlertQueueModel(Clock())
    for n in range(200):
        head, repeat = f"h{n}", f"r{n}"
        model.apply_changes([alert(head, subject=f"S{n}"),
                             alert(repeat, subject=f"S{n}", group_id=head)])
        assert model.group_size(model.rows()[0]) >= 1
        model.apply_changes([alert(repeat, subject=f"S{n}", group_id=head, state="resolved"),
                             alert(head, subject=f"S{n}", state="resolved")])
    assert model.rowCount() == 0
    assert model._members == {} and model._by_id == {}


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
@pytest.mark.parametrize("width", [700, 960])  # the queue at 1280×720 and 1920×1080
def test_the_state_is_never_elided_in_the_queue(qtbot: QtBot, tmp_path: Path, lang: str,
                                                width: int) -> None:
    """At 1280×720 the State column showed "unacknowled…": each fixed column is sized to
    its longest word in the console's language and the rule's title takes the rest."""
    from ui.i18n import Translations

    translations = Translations(tmp_path)
    assert translations.set_language(lang)
    try:
        model = AlertQueueModel()
        panel = AlertQueuePanel(model)
        qtbot.addWidget(panel)
        panel.resize(width, 300)
        panel.show()
        qtbot.waitExposed(panel)
        model.apply_changes([alert("a1", "critical", "GATE_OUT_WITHOUT_RELEASE",
                                   state="unacknowledged"),
                             alert("a2", "high", "SEAL_MISMATCH", state="acknowledged"),
                             alert("a3", "low", "OCR_LOW_CONFIDENCE", state="shelved")])
        qtbot.wait(20)
        table = panel.table
        fm = table.fontMetrics()
        header = table.horizontalHeader()
        for r in range(panel.proxy.rowCount()):
            for name in ("severity", "state", "subject", "feed"):
                c = COLUMNS.index(name)
                text = str(panel.proxy.index(r, c).data())
                assert fm.horizontalAdvance(text) + 12 <= header.sectionSize(c), (name, text)
        for state in ("unacknowledged", "acknowledged", "shelved", "escalated"):
            word = state_word(state)
            assert fm.horizontalAdvance(word) + 12 <= header.sectionSize(COLUMNS.index("state"))
        # Nothing to scroll sideways: the columns fit the table; the rule keeps room.
        assert header.length() <= table.viewport().width() + 1
        assert header.sectionSize(COLUMNS.index("rule")) >= 100
    finally:
        translations.set_language("en")
