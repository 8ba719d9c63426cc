"""The map repaints only the cells a change set recoloured (issue 14, frame budget), and
what it shows then is pixel for pixel what a full redraw shows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from console.layout import parse_layout
from tests.support.core_yard import FedPicture
from tests.ui_conftest_helpers import clearance, drop, equipment, number, small_layout
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
