"""ISO 6346 container numbers: validation, OCR repair, and making valid numbers.

A container number is a 3-letter owner code, an equipment category identifier
(`U` freight container, `J` detachable equipment, `Z` trailer or chassis), a
6-digit serial number and a check digit: `EGHU 901234 6` written without
spaces as `EGHU9012346`.  The check digit is the weighted sum of the first ten
characters (weights 2**i, letters valued 10 upwards skipping multiples of 11)
modulo 11, where a remainder of 10 is written 0.

The parser never rejects an event for a bad number: the supervision rule
`CONTAINER_NUMBER_INVALID` reports it, and `repair_candidates` offers the
officer the numbers an OCR misreading could have come from.  Repair never
picks one: it lists every candidate whose check digit passes, fewest
substitutions first.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from operator import lshift

CATEGORIES = "UJZ"

_FORMAT = re.compile(r"[A-Z]{3}[UJZ][0-9]{7}\Z")


def _letter_values() -> dict[str, int]:
    values: dict[str, int] = {}
    v = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if v % 11 == 0:
            v += 1
        values[letter] = v
        v += 1
    return values


_VALUES: dict[str, int] = _letter_values() | {str(d): d for d in range(10)}
_POWERS = range(10)  # character i weighs 2**i (`value << i`)

# What OCR confuses, by the class of character the position expects.
# In letter positions a digit was read for a letter; in digit positions a letter for a digit.
_LETTER_FOR: dict[str, tuple[str, ...]] = {
    "0": ("O", "D", "Q"),
    "1": ("I", "L", "J"),
    "2": ("Z",),
    "3": ("B",),
    "4": ("A",),
    "5": ("S",),
    "6": ("G",),
    "7": ("T",),
    "8": ("B",),
}
# The category letter (position 3) is one of three; these are its common misreadings.
_CATEGORY_FOR: dict[str, tuple[str, ...]] = {
    "V": ("U",),
    "O": ("U",),
    "0": ("U",),
    "W": ("U",),
    "1": ("J",),
    "I": ("J",),
    "2": ("Z",),
    "7": ("Z",),
}
_DIGIT_FOR: dict[str, tuple[str, ...]] = {
    "O": ("0",),
    "Q": ("0",),
    "D": ("0",),
    "U": ("0",),
    "C": ("0",),
    "I": ("1",),
    "L": ("1",),
    "J": ("1",),
    "Z": ("2",),
    "E": ("3",),
    "A": ("4",),
    "H": ("4",),
    "S": ("5",),
    "G": ("6",),
    "T": ("7",),
    "Y": ("7",),
    "B": ("8",),
    "R": ("8",),
    "P": ("9",),
}
_SEPARATORS = str.maketrans("", "", " -_./\t\r\n")


@dataclass(frozen=True, slots=True)
class Iso6346Result:
    """The verdict on one number: `reason` says in plain words what is wrong (None when ok)."""

    ok: bool
    reason: str | None = None


def check_digit(first10: str) -> int:
    """The check digit for the first ten characters (owner, category, serial).

    Raises ValueError when `first10` is not 4 letters followed by 6 digits.
    """
    return weighted_remainder(first10) % 10


def weighted_remainder(first10: str) -> int:
    """The weighted sum modulo 11 (0-10) before the remainder 10 is written as 0.

    ISO 6346 advises owners not to issue serials whose remainder is 10: their
    check digit 0 is shared with remainder 0, so one wrong digit can go
    unnoticed.  Such numbers are still valid and are accepted.
    """
    if len(first10) != 10 or not (first10[:4].isalpha() and first10[:4].isascii()
                                  and first10[:4].isupper()
                                  and first10[4:].isdigit() and first10[4:].isascii()):
        raise ValueError(f"{first10!r} is not 4 capital letters followed by 6 digits")
    weighted: int = sum(map(lshift, map(_VALUES.__getitem__, first10), _POWERS))
    return weighted % 11


def validate(ref: str) -> Iso6346Result:
    """Check the format and the check digit of a container number as written (no cleaning)."""
    if not isinstance(ref, str):
        return Iso6346Result(False, "a container number must be text")
    if len(ref) != 11:
        return Iso6346Result(False, f"a container number has 11 characters, not {len(ref)}")
    if _FORMAT.match(ref) is None:
        if not (ref[:3].isascii() and ref[:3].isalpha() and ref[:3].isupper()):
            return Iso6346Result(
                False, "the owner code (first 3 characters) must be capital letters"
            )
        if ref[3] not in CATEGORIES:
            return Iso6346Result(
                False, f"the 4th character must be the category U, J or Z, not {ref[3]!r}"
            )
        return Iso6346Result(False, "the last 7 characters must be digits")
    expected = check_digit(ref[:10])
    if int(ref[10]) != expected:
        return Iso6346Result(False, f"check digit should be {expected}, not {ref[10]}")
    return Iso6346Result(True)


def is_valid(ref: str) -> bool:
    """True when `ref` is a well-formed container number with a correct check digit."""
    return isinstance(ref, str) and _FORMAT.match(ref) is not None and (
        check_digit(ref[:10]) == int(ref[10])
    )


def clean(ocr_text: str) -> str:
    """Upper-case and drop the spaces, hyphens and similar separators OCR leaves in."""
    return ocr_text.translate(_SEPARATORS).upper()


def repair_candidates(ocr_text: str, max_candidates: int = 8) -> list[str]:
    """Valid numbers that `ocr_text` may be a misreading of, fewest substitutions first.

    Each position is read as the class ISO 6346 expects there (letters in
    positions 0-3, digits in 4-10); a character of the wrong class is replaced
    by what OCR commonly confuses it with.  Only candidates whose check digit
    passes are returned, ordered by the number of substitutions and then
    alphabetically, at most `max_candidates` of them.  A valid number comes
    back as itself; text with no valid reading gives an empty list.
    """
    text = clean(ocr_text) if isinstance(ocr_text, str) else ""
    if len(text) != 11 or max_candidates <= 0:
        return []
    options: list[tuple[str, ...]] = []
    for i, ch in enumerate(text):
        if i < 3:
            opts = (ch,) if "A" <= ch <= "Z" else _LETTER_FOR.get(ch, ())
        elif i == 3:
            opts = (ch,) if ch in CATEGORIES else _CATEGORY_FOR.get(ch, ())
        else:
            opts = (ch,) if "0" <= ch <= "9" else _DIGIT_FOR.get(ch, ())
        if not opts:
            return []
        options.append(opts)
    found: list[tuple[int, str]] = []
    for combo in itertools.product(*options):
        candidate = "".join(combo)
        if check_digit(candidate[:10]) == int(candidate[10]):
            changes = sum(1 for a, b in zip(candidate, text, strict=True) if a != b)
            found.append((changes, candidate))
    found.sort()
    return [c for _, c in found[:max_candidates]]


def make_number(owner: str, serial: int, category: str = "U") -> str:
    """A valid container number for a 3-letter owner code and a serial (0-999999)."""
    if len(owner) != 3 or not (owner.isascii() and owner.isalpha() and owner.isupper()):
        raise ValueError(f"owner code {owner!r} must be 3 capital letters")
    if category not in CATEGORIES:
        raise ValueError(f"category {category!r} must be U, J or Z")
    if isinstance(serial, bool) or not isinstance(serial, int) or not 0 <= serial <= 999_999:
        raise ValueError(f"serial {serial!r} must be an integer from 0 to 999999")
    first10 = f"{owner}{category}{serial:06d}"
    return f"{first10}{check_digit(first10)}"
