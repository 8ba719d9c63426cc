"""ISO 6346 container numbers: what `CONTAINER_NUMBER_INVALID` and the repair dialog rely on."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from console.protocol.iso6346 import (
    Iso6346Result,
    check_digit,
    is_valid,
    make_number,
    repair_candidates,
    validate,
    weighted_remainder,
)

owners = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)
serials = st.integers(min_value=0, max_value=999_999)
categories = st.sampled_from("UJZ")
numbers = st.builds(make_number, owners, serials, categories)

# The OCR confusions the brief names: a digit read in a letter position, a letter in a digit one.
LETTER_MISREAD_AS = {"O": "0", "I": "1", "S": "5", "B": "8", "Z": "2", "G": "6", "A": "4"}
DIGIT_MISREAD_AS = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A",
                    "7": "T"}


@pytest.mark.parametrize(
    "number",
    ["CSQU3054383", "MSKU1234565", "EGHU9012345"],
)
def test_published_numbers_are_valid(number: str) -> None:
    assert is_valid(number)
    assert validate(number) == Iso6346Result(True, None)


def test_check_digit_of_a_known_number() -> None:
    assert check_digit("CSQU305438") == 3


def test_remainder_ten_is_written_zero() -> None:
    first10 = next(f"ABCU{n:06d}" for n in range(1000) if weighted_remainder(f"ABCU{n:06d}") == 10)
    assert check_digit(first10) == 0
    assert is_valid(first10 + "0")


def test_remainder_ten_numbers_hide_some_single_digit_errors() -> None:
    """Why ISO 6346 advises against those serials: the property below excludes them."""
    assert weighted_remainder("ROAU200005") == 10 and is_valid("ROAU2000050")
    assert weighted_remainder("ROAU000005") == 0 and is_valid("ROAU0000050")


def test_letter_values_skip_multiples_of_eleven() -> None:
    # A=10, K=21, L=23 (22 skipped), U=32, V=34 (33 skipped): 'AAAU000000' weights 1,2,4,8.
    assert check_digit("AAAU000000") == (10 * 1 + 10 * 2 + 10 * 4 + 32 * 8) % 11 % 10
    assert check_digit("LLLU000000") == (23 * 7 + 32 * 8) % 11 % 10


def test_the_protocol_documents_example_number_fails_its_check_digit() -> None:
    """EGHU9012346 in feed-protocol.md has check digit 5, not 6: the console must flag it."""
    assert validate("EGHU9012346") == Iso6346Result(False, "check digit should be 5, not 6")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("EGHU901234", "a container number has 11 characters, not 10"),
        ("EG1U9012345", "the owner code (first 3 characters) must be capital letters"),
        ("eghu9012345", "the owner code (first 3 characters) must be capital letters"),
        ("EGHX9012345", "the 4th character must be the category U, J or Z, not 'X'"),
        ("EGHU90I2345", "the last 7 characters must be digits"),
        ("EGHU９０12345", "the last 7 characters must be digits"),
    ],
)
def test_invalid_numbers_say_why(text: str, reason: str) -> None:
    result = validate(text)
    assert not result.ok
    assert result.reason == reason
    assert not is_valid(text)


def test_check_digit_refuses_a_malformed_prefix() -> None:
    with pytest.raises(ValueError, match="4 capital letters"):
        check_digit("EGH1901234")


@pytest.mark.parametrize(
    ("owner", "serial", "category"),
    [("eg", 1, "U"), ("EGH", -1, "U"), ("EGH", 1_000_000, "U"), ("EGH", 1, "X"),
     ("EGH", True, "U")],
)
def test_make_number_refuses_bad_parts(owner: str, serial: int, category: str) -> None:
    with pytest.raises(ValueError):
        make_number(owner, serial, category)


@given(owners, serials, categories)
def test_every_made_number_is_valid(owner: str, serial: int, category: str) -> None:
    number = make_number(owner, serial, category)
    assert number.startswith(owner + category)
    assert number[4:10] == f"{serial:06d}"
    assert is_valid(number) and validate(number).ok


@given(numbers, st.integers(min_value=4, max_value=10), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_invalid(number: str, pos: int, delta: int) -> None:
    """Holds unless a remainder of 10 (written 0) meets a remainder of 0: see the test above."""
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1:]
    assume(weighted_remainder(number[:10]) != 10 and weighted_remainder(changed[:10]) != 10)
    assert not is_valid(changed)
    assert not validate(changed).ok


@given(numbers, st.data())
def test_repair_of_one_confusion_offers_the_original(number: str, data: st.DataObject) -> None:
    spots = [
        (i, LETTER_MISREAD_AS[c]) for i, c in enumerate(number[:3]) if c in LETTER_MISREAD_AS
    ] + [(i, DIGIT_MISREAD_AS[c]) for i, c in enumerate(number) if i >= 4 and c in DIGIT_MISREAD_AS]
    if not spots:
        return
    i, wrong = data.draw(st.sampled_from(spots))
    misread = number[:i] + wrong + number[i + 1:]
    candidates = repair_candidates(misread)
    assert number in candidates
    assert all(is_valid(c) for c in candidates)


@given(numbers)
def test_a_valid_number_repairs_to_itself_first(number: str) -> None:
    assert repair_candidates(number)[0] == number


def test_repair_cleans_spacing_and_case() -> None:
    assert repair_candidates(" cs qu-305438 3 ") == ["CSQU3054383"]


def test_repair_lists_every_reading_fewest_substitutions_first() -> None:
    # '0' in the owner code may be O, D or Q; the check digit decides which survive.
    text = "C0QU3054383".replace("C0Q", "CS0")  # 'CS0U...': third letter unreadable
    candidates = repair_candidates(text)
    assert candidates, "at least one reading of the 3rd letter passes"
    for c in candidates:
        assert is_valid(c) and c[:2] == "CS" and c[3:] == "U3054383"
    keyed = [(sum(a != b for a, b in zip(c, text, strict=True)), c) for c in candidates]
    assert keyed == sorted(keyed)


def test_repair_never_guesses_when_nothing_passes() -> None:
    assert repair_candidates("CSQU3054384") == []
    assert repair_candidates("CSQU30543") == []
    assert repair_candidates("") == []


def test_repair_respects_max_candidates() -> None:
    text = "000U0000000"
    many = repair_candidates(text, max_candidates=100)
    assert len(repair_candidates(text, max_candidates=2)) == min(2, len(many))
    assert repair_candidates(text, max_candidates=0) == []


@given(st.text(max_size=40))
def test_any_text_is_judged_without_exception(text: str) -> None:
    result = validate(text)
    assert result.ok == is_valid(text)
    assert result.ok or result.reason
    for c in repair_candidates(text):
        assert is_valid(c)
