"""The map repaints only the cells a change set recoloured (issue 14, frame budget), draws
its vehicle layer anew only when a vehicle (or what it wears) changed, and what it shows
then is pixel for pixel what a full redraw shows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from console.layout import parse_layout
from tests.support.core_yard import FedPicture
from tests.ui_conftest_helpers import (
    clearance,
    drop,
    equipment,
    fence,
    number,
    position,
    small_layout,
)
from ui.yard.map_widget import YardMap


def pixels(m: YardMap) -> np.ndarray:  # type: ignore[type-arg]
    img = m._composed
    assert img is not None
    return np.frombuffer(img.constBits(), dtype=np.uint32).copy()


@pytest.mark.parametrize("zoom, pan", [(1.0, (0, 0)), (1.1, (35, -20)), (0.8, (-260, 15)),
                                       (0.55, (0, 0))])
def test_cells_painted_alone_look_exactly_like_a_full_redraw(
    qtbot: QtBot, zoom: float, pan: tuple[int, int]
) -> None:
    pic = FedPicture(parse_layout(small_layout()))
    m = YardMap(pic)
    qtbot.addWidget(m)
    m.resize(900, 700)
    m.show()
    qtbot.waitExposed(m)
    m.fit_all()
    m.zoom_at(zoom)
    m.pan_pixels(*pan)
    m.grab()
    for round_no in range(3):
        refs = [number(100 * round_no + i) for i in range(12)]  # under a quarter of cells
        pic.apply_events(
            [drop(r, "A01" if i % 2 else "B01", 1 + (i * 3 + round_no) % 8, 1 + i % 4,
                  empty="EMPTY" if i % 5 == 0 else "LADEN") for i, r in enumerate(refs)]
            + [clearance(r, ("hold", "released", "inspect")[i % 3])
               for i, r in enumerate(refs) if i % 2 == 0]
            + [equipment(refs[1], "PICK")])
        recomposed, painted = m.recomposed, m.cells_repainted
        m.grab()
        assert m.recomposed == recomposed and m.cells_repainted > painted  # cells only
        incremental = pixels(m)
        m.invalidate()
        m.grab()
        assert m.recomposed == recomposed + 1
        assert int((incremental != pixels(m)).sum()) == 0


def test_a_change_of_view_or_of_most_cells_composes_the_picture_anew(qtbot: QtBot) -> None:
    pic = FedPicture(parse_layout(small_layout()))
    m = YardMap(pic)
    qtbot.addWidget(m)
    m.resize(900, 700)
    m.show()
    qtbot.waitExposed(m)
    m.grab()
    before = m.recomposed
    m.grab()
    assert m.recomposed == before  # nothing changed: the cached picture
    m.zoom_at(1.3)
    m.grab()
    assert m.recomposed == before + 1
    pic.set_greyed(True)  # every cell recoloured
    m.grab()
    assert m.recomposed == before + 2


def screen(m: YardMap) -> np.ndarray:  # type: ignore[type-arg]
    """What the widget shows (every layer), as pixels."""
    img = m.grab().toImage()
    return np.frombuffer(img.constBits(), dtype=np.uint32).copy()


def test_the_vehicle_layer_is_drawn_anew_only_when_what_it_shows_changed(
    qtbot: QtBot,
) -> None:
    pic = FedPicture(parse_layout(small_layout()))
    m = YardMap(pic)
    qtbot.addWidget(m)
    m.resize(900, 700)
    m.show()
    qtbot.waitExposed(m)
    m.fit_all()
    carried, other = number(1), number(2)
    pic.apply_events([drop(carried, "A01", 2, 1), drop(other, "B01", 3, 2),
                      equipment(carried, "PICK"),
                      position("SC01", 60.0, 40.0, carrying=carried, heading=30.0)])
    m.grab()

    def step(events: list[object] | None, drawn_anew: bool, in_place: int = 0) -> None:
        before, marks = m.overlays_drawn, m.marks_redrawn
        if events is not None:
            pic.apply_events(events)  # type: ignore[arg-type]
        shown = screen(m)
        assert (m.overlays_drawn > before) is drawn_anew
        assert m.marks_redrawn - marks == in_place
        m.invalidate()
        assert int((shown != screen(m)).sum()) == 0  # exactly what a full redraw shows

    step([clearance(other, "hold")], drawn_anew=False)  # a cell only
    # the laden vehicle's colour, then its move: drawn again in its places, not the layer
    step([clearance(carried, "hold")], drawn_anew=False, in_place=1)
    step([position("SC01", 90.0, 55.0, carrying=carried, heading=120.0)], drawn_anew=False,
         in_place=1)
    step([fence(pic.layout.fence[0].id, "alarm")] if pic.layout.fence else None,
         drawn_anew=bool(pic.layout.fence))
    before = m.overlays_drawn
    pic.set_clearance_known(False)  # the laden vehicle's colour table changes too
    m.grab()
    assert m.overlays_drawn > before


@pytest.mark.parametrize("zoom", [1.0, 2.5, 6.0])
def test_vehicles_drawn_again_over_each_other_look_exactly_like_a_full_redraw(
    qtbot: QtBot, zoom: float
) -> None:
    """Arrows overlap when vehicles queue: one drawn again in place must leave its
    neighbours, the cranes and the alarmed fence beneath and above it as they were."""
    pic = FedPicture(parse_layout(small_layout()))
    m = YardMap(pic)
    qtbot.addWidget(m)
    m.resize(900, 700)
    m.show()
    qtbot.waitExposed(m)
    m.fit_all()
    m.zoom_at(zoom)
    cx, cy = m.cx, m.cy
    boxes = [number(10 + i) for i in range(6)]
    pic.apply_events([drop(b, "A01", 1 + i, 1) for i, b in enumerate(boxes)]
                     + [clearance(b, ("hold", "released", "inspect")[i % 3])
                        for i, b in enumerate(boxes)]
                     + [equipment(b, "PICK") for b in boxes[:3]]
                     + [position(f"SC{i:02}", cx + 1.5 * i / zoom, cy + (i % 2) / zoom,
                                 carrying=boxes[i] if i < 3 else None, heading=20.0 * i)
                        for i in range(8)]
                     + ([fence(pic.layout.fence[0].id, "alarm")] if pic.layout.fence else []))
    m.grab()
    drawn = m.overlays_drawn
    for k in range(12):
        moved = f"SC{k % 8:02}"
        events: list[object] = [position(moved, cx + 0.7 * k / zoom, cy - (k % 3) / zoom,
                                         carrying=boxes[k % 8] if k % 8 < 3 else None,
                                         heading=35.0 * k)]
        if k % 4 == 0:
            events.append(clearance(boxes[k % 3], ("released", "hold")[k % 2]))
        pic.apply_events(events)  # type: ignore[arg-type]
        shown = screen(m)
        assert m.overlays_drawn == drawn, k  # each time in place, never the whole layer
        m.invalidate()
        assert int((shown != screen(m)).sum()) == 0, k
        drawn = m.overlays_drawn
    assert m.marks_redrawn >= 12


def test_clearance_becoming_unknown_recolours_the_cached_picture(qtbot: QtBot) -> None:
    pic = FedPicture(parse_layout(small_layout()))
    m = YardMap(pic)
    qtbot.addWidget(m)
    m.resize(900, 700)
    m.show()
    qtbot.waitExposed(m)
    pic.apply_events([drop(number(7), "A01", 1, 1)])  # no clearance decision: off manifest
    m.grab()
    known = pixels(m)
    pic.set_clearance_known(False)
    m.grab()
    unknown = pixels(m)
    assert int((known != unknown).sum()) > 0  # the cell changed colour on screen
    m.invalidate()
    m.grab()
    assert int((unknown != pixels(m)).sum()) == 0
