"""Finding a container by number, forgiving the ways OCR and people misread them.

`find_container` answers with the exact match if the number is in the yard,
else every number in the yard that the text could be a misreading of: the
ISO 6346 repairs of characters of the wrong class (O for 0, I for 1…, from
`console.protocol.iso6346`), then numbers one character away, then, for a
partial entry (fewer than 11 characters), the numbers containing it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from console.protocol.iso6346 import clean, is_valid, repair_candidates

MAX_RESULTS = 12


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    exact: str | None = None
    candidates: list[str] = field(default_factory=list)
    valid_number: bool = False


def find_container(text: str, known: Collection[str]) -> SearchResult:
    q = clean(text)
    if not q:
        return SearchResult(q)
    if q in known:
        return SearchResult(q, exact=q, valid_number=is_valid(q))
    found: list[str] = []
    if len(q) == 11:
        found += [c for c in repair_candidates(q, max_candidates=32) if c in known]
        if len(found) < MAX_RESULTS:
            found += [k for k in known if _one_off(k, q) and k not in found]
    else:
        found += sorted(k for k in known if q in k)[:MAX_RESULTS]
    return SearchResult(q, candidates=found[:MAX_RESULTS], valid_number=is_valid(q))


def _one_off(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            diff += 1
            if diff > 1:
                return False
    return diff == 1
