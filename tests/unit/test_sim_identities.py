"""Container numbers, vessel numbers, weights and OCR misreads look like the real thing."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from console.protocol import iso6346
from testbed.sim import ocr
from testbed.sim.identities import (
    OWNER_PREFIXES,
    SIZE_TYPES,
    IdentityFactory,
    is_valid_imo,
)


def test_container_numbers_pass_iso_6346_with_real_owner_prefixes() -> None:
    ids = IdentityFactory(random.Random(1))
    numbers = [ids.container_number() for _ in range(5000)]
    assert all(iso6346.is_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    owners = Counter(n[:4] for n in numbers)
    assert set(owners) <= {p for p, _ in OWNER_PREFIXES}
    assert owners.most_common(1)[0][0] == "EGHU"  # Evergreen's own boxes dominate at T7


def test_imo_numbers_carry_their_check_digit() -> None:
    ids = IdentityFactory(random.Random(2))
    numbers = [ids.imo_number() for _ in range(500)]
    assert all(is_valid_imo(n) for n in numbers)
    assert is_valid_imo("9074729") and not is_valid_imo("9074728")  # the IMO's worked example


def test_weights_and_size_types_are_realistic() -> None:
    ids = IdentityFactory(random.Random(3))
    boxes = [ids.container() for _ in range(3000)]
    codes = {s.code for s in SIZE_TYPES}
    for box in boxes:
        assert box.iso_code in codes
        if box.empty:
            assert box.gross_kg <= box.tare_kg + 20 and box.carrier_seal is None
        else:
            assert box.tare_kg + 2900 <= box.gross_kg <= 36_000 and box.carrier_seal
    assert 0.15 < sum(b.empty for b in boxes) / len(boxes) < 0.35


@given(st.integers(min_value=0), st.integers(min_value=0, max_value=999_999))
def test_an_ocr_misread_is_one_real_confusion_that_fails_iso_6346(seed: int, serial: int) -> None:
    ref = iso6346.make_number("EGH", serial, "U")
    text = ocr.misread(ref, random.Random(seed))
    assert not iso6346.is_valid(text)
    changed = [(a, b) for a, b in zip(ref, text, strict=True) if a != b]
    assert len(changed) == 1
    a, b = changed[0]
    assert b in ocr.CONFUSIONS.get(a, "") or (ref[-1] == a and b.isdigit())
    assert ref in iso6346.repair_candidates(text, max_candidates=50) or not b.isalpha()
