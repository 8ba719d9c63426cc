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

    def step(events: list[object] | None, drawn_anew: bool) -> None:
        before = m.overlays_drawn
        if events is not None:
            pic.apply_events(events)  # type: ignore[arg-type]
        shown = screen(m)
        assert (m.overlays_drawn > before) is drawn_anew
        m.invalidate()
        assert int((shown != screen(m)).sum()) == 0  # exactly what a full redraw shows

    step([clearance(other, "hold")], drawn_anew=False)  # a cell only
    step([clearance(carried, "hold")], drawn_anew=True)  # the laden vehicle's colour
    step([position("SC01", 90.0, 55.0, carrying=carried, heading=120.0)], drawn_anew=True)
    step([fence(pic.layout.fence[0].id, "alarm")] if pic.layout.fence else None,
         drawn_anew=bool(pic.layout.fence))
    before = m.overlays_drawn
    pic.set_clearance_known(False)  # the laden vehicle's colour table changes too
    m.grab()
    assert m.overlays_drawn > before


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
