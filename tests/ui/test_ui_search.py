"""Finding a container by number, with OCR repair, and the search field that jumps to it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui_conftest_helpers import number
from ui.yard.search import find_container
from ui.yard.search_box import ContainerSearchBox

KNOWN = {number(i, "EGH") for i in range(1, 400)}


def test_exact_number_is_found_with_spaces_and_lower_case() -> None:
    ref = number(17, "EGH")
    spaced = f"{ref[:4].lower()} {ref[4:10]} {ref[10]}"
    assert find_container(spaced, KNOWN).exact == ref


def test_ocr_letter_for_digit_misreading_is_repaired() -> None:
    ref = number(100, "EGH")  # EGHU000100x
    misread = ref[:4] + ref[4:10].replace("0", "O") + ref[10]
    result = find_container(misread, KNOWN)
    assert result.exact is None and ref in result.candidates


def test_one_wrong_digit_offers_the_near_numbers_in_the_yard() -> None:
    ref = number(123, "EGH")
    wrong = ref[:9] + ("7" if ref[9] != "7" else "8") + ref[10]
    result = find_container(wrong, KNOWN)
    assert ref in result.candidates and not result.valid_number


def test_partial_entry_lists_numbers_containing_it() -> None:
    result = find_container("000123", KNOWN)
    assert result.candidates == [number(123, "EGH")]


def test_nothing_matches_nonsense() -> None:
    assert find_container("ZZZZ", KNOWN).candidates == []


# The candidates menu is a popup; offscreen cannot grab the keyboard for it (xcb can).
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_search_box_jumps_or_offers_candidates(qtbot: QtBot) -> None:
    box = ContainerSearchBox(lambda: KNOWN)
    qtbot.addWidget(box)
    box.show()
    ref = number(42, "EGH")
    box.edit.setText(ref)
    with qtbot.waitSignal(box.jump_to, timeout=1000) as sig:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert sig.args == [ref]
    box.edit.setText(ref[:4] + ref[4:10].replace("0", "O") + ref[10])
    box.search()
    assert box.menu is not None
    picks = [a for a in box.menu.actions() if a.text() == ref]
    with qtbot.waitSignal(box.jump_to, timeout=1000) as sig2:
        picks[0].trigger()
    assert sig2.args == [ref]
    box.menu.close()
    box.edit.setText("ZZZZ")
    with qtbot.waitSignal(box.not_found, timeout=1000):
        box.search()
