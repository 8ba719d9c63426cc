"""Before the clearance snapshot is in, no container is drawn as "not on manifest" (issue 14).

At start-up the terminal's snapshot (85k containers) arrived before the clearance
feed's, and every box on the map turned magenta.  The core knows whether the
clearance snapshot arrived (`ClearanceBook.snapshot_in`); the window draws
undecided containers in a neutral colour until its own fold of that snapshot
is done, and only then shows what is really off the manifest.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pytestqt.qtbot import QtBot

from console.model import Clearance, ContainerState, Position, Snapshot
from console.yard.clearances import is_clearance_snapshot
from console.yard.state import YardState
from tests.support.core_yard import FedDisplay
from tests.ui_conftest_helpers import number, small_layout
from ui.display import DisplayState
from ui.yard import cellcolours as cc

ON_MANIFEST, OFF_MANIFEST = number(301), number(302)


def terminal_snapshot() -> Snapshot:
    return Snapshot("T", "e1", 10, None, containers=[
        ContainerState(ON_MANIFEST, "22G1", "LADEN", Position("slot", "A01", 1, 1, 1)),
        ContainerState(OFF_MANIFEST, "22G1", "LADEN", Position("slot", "A01", 2, 1, 1))])


def clearance_snapshot() -> Snapshot:
    return Snapshot("C", "e1", 5, None, clearances=[Clearance(ON_MANIFEST, "released")])


def pixel(display: DisplayState, bay: int) -> int:
    return int(display.picture.rasters[0].argb[0, bay - 1])


def test_the_core_knows_whether_the_clearance_snapshot_arrived() -> None:
    yard = YardState(small_layout())
    assert not yard.clearances.snapshot_in
    yard.apply_snapshot("T", "terminal", terminal_snapshot())
    assert not yard.clearances.snapshot_in  # the terminal's snapshot says nothing of customs
    yard.apply_snapshot("C", "clearance", clearance_snapshot())
    assert yard.clearances.snapshot_in
    assert is_clearance_snapshot(clearance_snapshot())
    assert not is_clearance_snapshot(terminal_snapshot())


def test_undecided_boxes_are_neutral_until_the_clearance_snapshot_is_folded_in(
        qtbot: QtBot) -> None:
    display = FedDisplay(small_layout())  # the map learns the yard from the core yard
    lut = cc.build_lut()
    unknown = cc.build_lut(clearance_known=False)
    display.on_snapshot("T", terminal_snapshot())
    qtbot.waitUntil(lambda: not display.loading, timeout=5000)
    magenta = int(lut[cc.NOT_ON_MANIFEST, 0, 1])
    assert pixel(display, 1) != magenta and pixel(display, 2) != magenta
    assert pixel(display, 2) == int(unknown[cc.NOT_ON_MANIFEST, 0, 1])
    assert cc.swatch(cc.NOT_ON_MANIFEST, clearance_known=False) == tuple(
        int(v * (0.6 + 0.4 * 3 / 5)) for v in cc.CLEARANCE_UNKNOWN_RGB)
    display.on_snapshot("C", clearance_snapshot(), "clearance")
    qtbot.waitUntil(lambda: not display.loading, timeout=5000)
    assert display.picture.clearance_known
    assert pixel(display, 1) == int(lut[cc.RELEASED, 0, 1])
    assert pixel(display, 2) == magenta  # now it is known: not on the manifest


def test_a_new_layout_keeps_what_is_known_of_the_clearances(qtbot: QtBot) -> None:
    display = FedDisplay(small_layout())  # the map learns the yard from the core yard
    display.on_snapshot("C", clearance_snapshot(), "clearance")
    display.on_snapshot("T", terminal_snapshot())
    qtbot.waitUntil(lambda: not display.loading, timeout=5000)
    layout = small_layout()
    layout["name"] = "renamed"
    display.set_layout(layout)
    qtbot.waitUntil(lambda: not display.loading, timeout=5000)
    assert display.picture.clearance_known
    assert pixel(display, 2) == int(cc.build_lut()[cc.NOT_ON_MANIFEST, 0, 1])
