"""The yard map follows DCSA retractions and 3.0 updates (issue 16, item 3)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from console.layout import parse_layout
from console.model import EquipmentEvent, replace
from tests.support.core_yard import FedPicture
from tests.ui_conftest_helpers import drop, equipment, event, number, small_layout
from ui.yard import cellcolours as cc


def picture() -> FedPicture:
    return FedPicture(parse_layout(small_layout()))


def retraction(withdrawn: str, own_id: str | None = None) -> object:
    body = EquipmentEvent(own_id or withdrawn, "", "", "", "", retracted=True,
                          retracts=withdrawn if own_id else None)
    return event(body, "equipment")


def test_a_retracted_gate_out_puts_the_container_back_in_its_slot() -> None:
    pic = picture()
    box = number(41)
    pic.apply_events([drop(box, "A01", 3, 2)])
    gtot = equipment(box, "GTOT")
    pic.apply_events([gtot])
    assert pic.rasters[0].code[1, 2] == cc.NO_CONTAINER
    assert pic.apply_events([retraction(gtot.body.event_id)]) == 1  # type: ignore[attr-defined]
    assert pic.where[box][1:] == (3, 2, 1)
    assert pic.rasters[0].code[1, 2] != cc.NO_CONTAINER


def test_a_30_beta_retraction_names_the_event_it_withdraws() -> None:
    pic = picture()
    box = number(42)
    first = drop(box, "A01", 1, 1)
    pic.apply_events([first])
    pic.apply_events([retraction(first.body.event_id, own_id="R-9")])  # type: ignore[attr-defined]
    assert box not in pic.where and pic.rasters[0].code[0, 0] == cc.NO_CONTAINER


def test_a_later_30_update_moves_the_container_and_an_older_one_is_ignored() -> None:
    pic = picture()
    box = number(43)
    first = drop(box, "A01", 1, 1, updated_time="2026-11-28T20:00:00+08:00")
    pic.apply_events([first])
    later = replace(first.body, position=replace(first.body.position, bay=5),  # type: ignore[arg-type]
                    updated_time="2026-11-28T20:01:00+08:00")
    pic.apply_events([event(later, "equipment")])
    assert pic.where[box][1:] == (5, 1, 1)
    older = replace(later, position=replace(later.position, bay=9),  # type: ignore[arg-type]
                    updated_time="2026-11-28T19:59:00+08:00")
    assert pic.apply_events([event(older, "equipment")]) == 0
    assert pic.where[box][1:] == (5, 1, 1)
