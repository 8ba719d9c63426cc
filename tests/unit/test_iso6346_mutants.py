"""ISO 6346: the promised orders, boundaries and refusals a mutation run found unchecked."""

from __future__ import annotations

import pytest

from console.protocol.iso6346 import (
    Iso6346Result,
    check_digit,
    make_number,
    repair_candidates,
    validate,
)


def test_repair_candidates_come_alphabetically_not_in_search_order() -> None:
    """'C00U0000010': the search meets COQU… before CDOU…; the officer sees CDOU… first."""
    assert repair_candidates("C00U0000010") == ["CDOU0000010", "COQU0000010"]


def test_max_candidates_one_gives_the_first_candidate_only() -> None:
    assert repair_candidates("C00U0000010", max_candidates=1) == ["CDOU0000010"]
    assert repair_candidates("C00U0000010", max_candidates=0) == []


def test_a_misread_category_letter_is_repaired_as_the_category() -> None:
    """Position 4 is the category (U, J, Z), not a fourth owner letter: '0' and 'V' mean U."""
    assert repair_candidates("CSQ03054383") == ["CSQU3054383"]
    assert repair_candidates("CSQV3054383") == ["CSQU3054383"]


@pytest.mark.parametrize("value", [None, 12345678901, b"CSQU3054383", ["CSQU3054383"]])
def test_validate_refuses_what_is_not_text(value: object) -> None:
    assert validate(value) == Iso6346Result(False, "a container number must be text")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # The owner code is fine; what is wrong is the 4th character (a digit, a small letter).
        ("EGH19012345", "the 4th character must be the category U, J or Z, not '1'"),
        ("EGHu9012345", "the 4th character must be the category U, J or Z, not 'u'"),
        ("EGHÜ9012345", "the 4th character must be the category U, J or Z, not 'Ü'"),
        ("egh" + "U9012345", "the owner code (first 3 characters) must be capital letters"),
        ("EGé" + "U9012345", "the owner code (first 3 characters) must be capital letters"),
    ],
)
def test_validate_names_the_part_that_is_wrong(text: str, reason: str) -> None:
    assert validate(text) == Iso6346Result(False, reason)


@pytest.mark.parametrize("first10", ["ABCUA12345", "ABCU١٢٣٤٥٦", "ABCU٣12345", "abcu123456"])
def test_check_digit_refuses_a_letter_or_a_non_ascii_digit_in_the_serial(first10: str) -> None:
    with pytest.raises(ValueError, match="4 capital letters followed by 6 digits"):
        check_digit(first10)


@pytest.mark.parametrize("owner", ["egh", "Egh", "EG", "EGHI", "EG1"])
def test_make_number_refuses_an_owner_code_that_is_not_three_capitals(owner: str) -> None:
    with pytest.raises(ValueError, match="must be 3 capital letters"):
        make_number(owner, 1)


def test_make_number_serial_bounds() -> None:
    assert make_number("EGH", 999_999)[4:10] == "999999"
    assert make_number("EGH", 0)[4:10] == "000000"
    for serial in (1_000_000, -1):
        with pytest.raises(ValueError, match="integer from 0 to 999999"):
            make_number("EGH", serial)
