"""Believable identities: container numbers, size-types and weights, vessels, trucks, seals.

Everything is drawn from the simulation's own `random.Random`, so a seed
gives the same terminal.  Container numbers pass ISO 6346 (the check digit
is computed by `console.protocol.iso6346`); vessel IMO numbers pass the IMO
check digit; owner prefixes and their shares are those one sees on a quay
in Kaohsiung (Evergreen's own boxes dominate at Terminal 7).
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from console.protocol import iso6346

# Owner prefix (ISO 6346 owner code + category U) and relative frequency.
OWNER_PREFIXES: tuple[tuple[str, int], ...] = (
    ("EGHU", 22),
    ("EMCU", 14),
    ("EISU", 8),
    ("EITU", 5),
    ("EGSU", 3),
    ("TGHU", 4),
    ("TCNU", 4),
    ("TCLU", 3),
    ("TEMU", 3),
    ("TRHU", 2),
    ("MSCU", 4),
    ("MEDU", 3),
    ("MSKU", 3),
    ("MRKU", 2),
    ("CMAU", 3),
    ("CGMU", 2),
    ("OOLU", 3),
    ("ONEU", 3),
    ("HLXU", 2),
    ("HLBU", 1),
    ("YMLU", 3),
    ("WHLU", 3),
    ("SEGU", 2),
    ("CAIU", 2),
    ("FCIU", 1),
    ("BMOU", 1),
    ("DFSU", 1),
    ("CSNU", 2),
    ("CCLU", 1),
    ("TTNU", 1),
)
_PREFIXES = [p for p, _ in OWNER_PREFIXES]
_BL_PREFIX = {
    "MSC": "MEDU",
    "MED": "MEDU",
    "MSK": "MAEU",
    "MRK": "MAEU",
    "CMA": "CMDU",
    "CGM": "CMDU",
    "OOL": "OOLU",
    "ONE": "ONEY",
    "HLX": "HLCU",
    "HLB": "HLCU",
    "YML": "YMLU",
    "WHL": "WHLC",
    "CSN": "COSU",
    "CCL": "COSU",
}
_PREFIX_CUM = list(itertools.accumulate(w for _, w in OWNER_PREFIXES))


@dataclass(frozen=True, slots=True)
class SizeType:
    """An ISO 6346 size-type with its tare range and maximum payload."""

    code: str
    share: int
    tare_kg: tuple[int, int]
    max_gross_kg: int

    @property
    def feet(self) -> int:
        return 20 if self.code[0] == "2" else 45 if self.code[0] == "L" else 40


SIZE_TYPES: tuple[SizeType, ...] = (
    SizeType("22G1", 30, (2150, 2300), 30480),
    SizeType("42G1", 12, (3700, 3850), 30480),
    SizeType("45G1", 40, (3800, 4000), 32500),
    SizeType("45R1", 9, (4600, 4850), 34000),
    SizeType("22R1", 3, (2900, 3100), 30480),
    SizeType("L5G1", 2, (4700, 4900), 32500),
    SizeType("22U1", 2, (2300, 2400), 30480),
    SizeType("22T1", 2, (3500, 3900), 36000),
)
_SIZE_CUM = list(itertools.accumulate(s.share for s in SIZE_TYPES))


@dataclass(frozen=True, slots=True)
class ContainerSpec:
    """What stays true of one box through its visit: number, type, weights, seals."""

    ref: str
    iso_code: str
    tare_kg: int
    gross_kg: int
    empty: bool
    carrier_seal: str | None


T = TypeVar("T")


def pick(rng: random.Random, population: Sequence[T], cum_weights: Sequence[float]) -> T:
    """`rng.choices(population, cum_weights=cum_weights)[0]`: the same draw from the same
    one `random()`, without the list and the checks `choices` makes on every call (the
    starting yard draws 170k of them)."""
    return population[bisect_right(cum_weights, rng.random() * (cum_weights[-1] + 0.0),
                                   0, len(population) - 1)]


class IdentityFactory:
    """Draws new, unique identities from the simulation's random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._used: set[str] = set()

    def container_number(self) -> str:
        while True:
            prefix = pick(self.rng, _PREFIXES, _PREFIX_CUM)
            number = iso6346.make_number(prefix[:3], self.rng.randrange(1_000_000), prefix[3])
            if number not in self._used:
                self._used.add(number)
                return number

    def container(self, *, empty_share: float = 0.25) -> ContainerSpec:
        size = pick(self.rng, SIZE_TYPES, _SIZE_CUM)
        tare = self.rng.randint(*size.tare_kg)
        empty = self.rng.random() < empty_share
        if empty:
            gross = tare
        else:
            payload = int(self.rng.triangular(3000, size.max_gross_kg - tare, 14000))
            gross = tare + payload
        ref = self.container_number()
        seal = None if empty else self.carrier_seal(ref)
        return ContainerSpec(ref, size.code, tare, round(gross, -1), empty, seal)

    def carrier_seal(self, ref: str) -> str:
        return f"{ref[:3]}{self.rng.randrange(10**7):07d}"

    def customs_seal(self) -> str:
        return f"TW{self.rng.randrange(10**7):07d}"

    def truck_plate(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        head = "K" + "".join(self.rng.choice(letters) for _ in range(2))
        return f"{head}-{self.rng.randrange(10000):04d}"

    def declaration_number(self) -> str:
        return f"AA{self.rng.randrange(10**11):011d}"

    def bill_of_lading(self, ref: str) -> str:
        return f"{_BL_PREFIX.get(ref[:3], 'EGLV')}{self.rng.randrange(10**12):012d}"

    def imo_number(self) -> str:
        """A seven-digit IMO number whose last digit is its check digit."""
        head = [9, self.rng.randint(1, 9)] + [self.rng.randrange(10) for _ in range(4)]
        return "".join(map(str, head)) + str(imo_check_digit(head))

    def voyage(self, direction: str) -> str:
        return f"{self.rng.randrange(100, 1300):04d}{direction}"


def imo_check_digit(first_six: list[int]) -> int:
    """IMO check digit: the last digit of the weighted sum (weights 7 to 2)."""
    return sum(d * w for d, w in zip(first_six, range(7, 1, -1), strict=True)) % 10


def is_valid_imo(number: str) -> bool:
    if len(number) != 7 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    return imo_check_digit(digits[:6]) == digits[6]


VESSEL_NAMES: tuple[str, ...] = (
    "EVER ACE",
    "EVER ALOT",
    "EVER APEX",
    "EVER ARM",
    "EVER ATOP",
    "EVER MAX",
    "EVER GIVEN",
    "EVER GOVERN",
    "EVER LUNAR",
    "EVER LEGEND",
    "EVER FAR",
    "EVER FOCUS",
    "EVER FORE",
    "EVER FAME",
    "EVER BLOOM",
    "EVER BEADY",
    "ONE HARMONY",
    "YM WELLNESS",
    "WAN HAI 805",
    "CMA CGM TAGE",
)
