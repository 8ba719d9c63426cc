"""Locating vehicles on the terminal layout (`console.layout.Layout`), as the rules need it.

The zones with their kinds and the yard blocks as rectangles, indexed for
point look-ups.  A layout that lacks parts is accepted (an empty layout
locates nothing), because a gateway may send the layout late or not at all
and supervision must go on meanwhile; a malformed one is refused by
`console.layout.parse_layout` before it gets here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from console.layout import ZONE_KINDS, Area, AreaIndex, Layout, as_layout

__all__ = ["NOWHERE", "POINT_MEMORY", "ZONE_KINDS", "Location", "YardLayout"]
# Points remembered in cells that are partly inside an area.  Vehicles report
# ever new coordinates, so an unbounded memory of them is a leak: 100,000 points
# held about 45 MB before they were bounded (`bench soak`).
POINT_MEMORY = 8_192


@dataclass(frozen=True, slots=True)
class Location:
    """Where a point lies: the zones containing it (id, kind) and the yard block, if any."""

    zones: tuple[tuple[str, str], ...] = ()
    block: str | None = None
    kinds: frozenset[str] = frozenset()

    def zone_ids(self) -> tuple[str, ...]:
        return tuple(zone_id for zone_id, _ in self.zones)


NOWHERE = Location()


class YardLayout:
    """Zones and blocks of one terminal, indexed for point look-ups."""

    def __init__(self, layout: Layout | Mapping[str, Any] | None = None) -> None:
        self.model = as_layout(layout)
        self.terminal: str | None = self.model.terminal or None
        self.version: str | None = self.model.version
        areas = [Area(z.id, z.kind, z.polygon) for z in self.model.zones]
        areas += [Area(b.id, "block", b.corners()) for b in self.model.blocks]
        self.blocks = frozenset(a.id for a in areas if a.kind == "block")
        self.known = bool(areas)  # without zones or blocks, no place can be judged
        self._index = AreaIndex(areas)
        self._whole = {
            cell: _location(found) for cell, found in self._index.whole_cells().items()
        }
        self._cache: dict[tuple[float, float], Location] = {}
        # One Location per combination of areas, shared by every point that has it.
        self._by_areas: dict[tuple[str, ...], Location] = {}

    def locate(self, x: float, y: float) -> Location:
        """The zones and block at (x, y).

        Points in a cell that lies wholly inside its areas (or outside all of
        them) cost one look-up; others are tested and remembered, at most
        `POINT_MEMORY` of them (then forgotten all at once), each pointing at
        the one shared `Location` of its combination of areas: memory stays
        bounded however long vehicles drive.
        """
        cell = self._index.cell_of(x, y)
        whole = self._whole.get(cell)
        if whole is not None:
            return whole
        if not self._index.is_mixed(cell):
            return NOWHERE
        key = (x, y)
        found = self._cache.get(key)
        if found is None:
            areas = self._index.areas_at(x, y)
            ids = tuple(a.id for a in areas)
            found = self._by_areas.get(ids)
            if found is None:
                found = self._by_areas[ids] = _location(areas)
            if len(self._cache) >= POINT_MEMORY:
                self._cache.clear()
            self._cache[key] = found
        return found

    def remembered(self) -> tuple[int, int]:
        """How many points and distinct locations the look-up memory holds (for bench soak)."""
        return len(self._cache), len(self._by_areas)


def _location(areas: tuple[Area, ...]) -> Location:
    zones: list[tuple[str, str]] = []
    block: str | None = None
    for area in areas:
        if area.kind == "block":
            block = block or area.id
        else:
            zones.append((area.id, area.kind))
    if not zones and block is None:
        return NOWHERE
    return Location(tuple(zones), block, frozenset(k for _, k in zones))
