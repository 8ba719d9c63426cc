"""The yard as the map shows it: one numpy raster per block plus a few live things.

`YardPicture` applies the core yard's change sets (`console.yard.changes`,
published by `console.yard.state.YardState` after it applied snapshots,
events, corrections and retractions) and nothing else: it never reads an
event, so what the map shows is what the rules saw.  Per block it keeps arrays
of the worst customs status in each ground slot, the stack height and whether
that container is empty, and an ARGB image that shares memory with the colour
array (so a changed cell costs one array write, never an image rebuild).
Vehicles, cranes, fence alarms and device states are small dictionaries.  It
holds no Qt widgets; QtGui's `QImage` is only a view on the numpy buffer.

A container the core yard forgot (`ContainerGone`) leaves every dictionary
here.  The cells whose colour changed are collected in `dirty_cells` (None:
all of them), so that the map repaints only those over its cached picture.

Every change stamps `pending_stamps` with the time it arrived; the map drains
it when it has painted, which is how event-to-pixel latency is measured.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QImage

from console.layout import Block, Layout
from console.yard.changes import (
    Change,
    ContainerChanged,
    ContainerFacts,
    ContainerGone,
    CraneMoved,
    DeviceChanged,
    FenceChanged,
    SlotKey,
    VehicleGone,
    VehicleMoved,
)
from ui.yard.cellcolours import MAX_HEIGHT, NO_CONTAINER, STATUS_CODE, build_lut

SlotRef = tuple[int, int, int, int]  # block index, bay, row, tier
Cell = tuple[int, int, int]  # block index, bay, row
# Above this share of all cells changed at once, the map recomposes the whole picture.
DIRTY_ALL_SHARE = 0.25
# Above this many vehicles and cranes changed since the last frame, the map draws its
# whole overlay layer anew rather than each changed mark's place.
OVERLAY_DIRTY_MAX = 256
T = TypeVar("T")


@dataclass(slots=True)
class VehicleMark:
    vehicle_id: str
    x: float
    y: float
    heading: float
    speed: float
    carrying: str | None
    vehicle_type: str | None
    seen: float  # time.monotonic() of the last report


class FactView(Mapping[str, T], Generic[T]):
    """One fact of every container the picture holds (`picture.status[ref]`), read from
    the one dictionary of `ContainerFacts`; a container without that fact is absent."""

    def __init__(self, facts: dict[str, ContainerFacts], name: str) -> None:
        self._facts, self._name = facts, name

    def __getitem__(self, ref: str) -> T:
        value: T | None = getattr(self._facts[ref], self._name)
        if value is None:
            raise KeyError(ref)
        return value

    def __iter__(self) -> Iterator[str]:
        name = self._name
        return (ref for ref, f in self._facts.items() if getattr(f, name) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class BlockRaster:
    """The arrays of one block, indexed [row - 1, bay - 1].

    The image is laid out as the block appears on screen (north up) when the
    block's angle is a multiple of 90°, so the map can blit it into a screen
    rectangle without a rotated, flipped (slow) transform; `argb` is a numpy
    view with the strides that make [row, bay] land on the right pixel.  Other
    angles keep the block's own orientation and are drawn with a transform.
    """

    def __init__(self, block: Block) -> None:
        self.block = block
        rows, bays = block.rows, block.bays
        shape = (rows, bays)
        self.code = np.zeros(shape, dtype=np.uint8)
        self.height = np.zeros(shape, dtype=np.uint8)
        self.empty = np.zeros(shape, dtype=np.uint8)
        self.stacks: dict[tuple[int, int], dict[int, str]] = {}
        angle = block.angle_deg % 360
        self.quarter = int(angle // 90) if angle % 90 == 0 else None
        sideways = self.quarter in (1, 3)
        w, h = (rows, bays) if sideways else (bays, rows)
        # The numpy array is a view on the image's own pixels (constructing a
        # QImage over a numpy buffer crashes PySide6 at interpreter exit).
        self.size = (w, h)  # of `image`, in pixels
        self.image = QImage(w, h, QImage.Format.Format_RGB32)
        self.image.fill(0)
        buf = np.frombuffer(self.image.bits(), dtype=np.uint32).reshape(
            h, self.image.bytesPerLine() // 4)[:, :w]
        if self.quarter == 0:
            self.argb = buf[::-1, :]
        elif self.quarter == 1:
            self.argb = buf[::-1, ::-1].T
        elif self.quarter == 2:
            self.argb = buf[:, ::-1]
        elif self.quarter == 3:
            self.argb = buf.T
        else:
            self.argb = buf

    def recolour(self, lut: npt.NDArray[np.uint32]) -> None:
        self.argb[...] = lut[self.code, self.empty, np.minimum(self.height, MAX_HEIGHT)]

    def pixel(self, bay: int, row: int) -> tuple[int, int]:
        """Where the cell (bay, row) is in `image` (x, y)."""
        b, r = bay - 1, row - 1
        w, h = self.size
        if self.quarter == 0:
            return b, h - 1 - r
        if self.quarter == 1:
            return w - 1 - r, h - 1 - b
        if self.quarter == 2:
            return w - 1 - b, r
        if self.quarter == 3:
            return r, b
        return b, r


class YardPicture:
    """Display state of the yard, fed by the core yard's change sets (`apply_changes`)."""

    def __init__(self, layout: Layout, clearance_known: bool = True) -> None:
        self.layout = layout
        self.rasters = [BlockRaster(b) for b in layout.blocks]
        self._block_index = {b.id: i for i, b in enumerate(layout.blocks)}
        self._bounds = {b.id: (i, b.bays, b.rows) for i, b in enumerate(layout.blocks)}
        self._cells = sum(b.bays * b.rows for b in layout.blocks)
        self.clearance_known = clearance_known  # see ui.yard.cellcolours.build_lut
        self._lut = build_lut(clearance_known=clearance_known)
        self._grey_lut = build_lut(grey=True)
        self.greyed = False
        self.containers: dict[str, ContainerFacts] = {}  # what the core yard says of each
        self.where: dict[str, SlotRef] = {}  # the containers drawn in a slot of this layout
        self.status: FactView[str] = FactView(self.containers, "status")
        self.empty: FactView[bool] = FactView(self.containers, "empty")
        self.iso: FactView[str] = FactView(self.containers, "iso_code")
        self.vehicles: dict[str, VehicleMark] = {}
        self.carriers: dict[str, str] = {}  # container → the vehicle reported carrying it
        self.cranes: dict[str, tuple[float, float]] = {c.id: (c.x, c.y) for c in layout.cranes}
        self.fence_alarm: dict[str, str] = {}
        self.devices: dict[str, str] = {}
        self.pending_stamps: list[float] = []
        self.revision = 0
        # Bumped when anything the map draws over the cells changes: a vehicle moved or
        # left, a crane moved, a fence segment's alarm (the map caches that layer).
        self.overlay_revision = 0
        # The vehicles and cranes whose mark changed since the map last took them, as
        # ("vehicle" | "crane", id) (None: the whole layer; see `take_overlay_dirty`).
        self.overlay_dirty: set[tuple[str, str]] | None = set()
        # Cells recoloured since the map last took them, with their new colour (None: all;
        # see `take_dirty`).
        self.dirty_cells: dict[Cell, int] | None = None
        for r in self.rasters:
            r.recolour(self._lut)

    # -- queries -------------------------------------------------------------
    def stack(self, block_index: int, bay: int, row: int) -> list[tuple[int, str]]:
        stack = self.rasters[block_index].stacks.get((bay, row), {})
        return sorted(stack.items())

    def container_point(self, ref: str) -> tuple[float, float] | None:
        """Where a container is on the map: its slot, or the vehicle carrying it."""
        slot = self.where.get(ref)
        if slot is not None:
            return self.rasters[slot[0]].block.slot_centre(slot[1], slot[2])
        carrier = self.carriers.get(ref)
        v = self.vehicles.get(carrier) if carrier is not None else None
        if v is not None and v.carrying == ref:
            return (v.x, v.y)
        return None

    @property
    def container_count(self) -> int:
        return len(self.where)

    def take_dirty(self) -> dict[Cell, int] | None:
        """The cells recoloured since the last call, each with its colour as written in its
        block image (None: repaint every cell)."""
        dirty, self.dirty_cells = self.dirty_cells, {}
        return dirty

    def take_overlay_dirty(self) -> set[tuple[str, str]] | None:
        """The marks changed since the last call (None: draw the whole overlay anew)."""
        dirty, self.overlay_dirty = self.overlay_dirty, set()
        return dirty

    def _mark_changed(self, kind: str, ident: str) -> None:
        self.overlay_revision += 1
        dirty = self.overlay_dirty
        if dirty is not None:
            dirty.add((kind, ident))
            if len(dirty) > OVERLAY_DIRTY_MAX:  # a map that does not paint: all, not a pile
                self.overlay_dirty = None

    def _overlay_changed(self) -> None:
        self.overlay_revision += 1
        self.overlay_dirty = None

    # -- updates -------------------------------------------------------------
    def set_clearance_known(self, known: bool) -> None:
        """The clearance snapshot is in (or gone): recolour with or without "unknown"."""
        if known != self.clearance_known:
            self.clearance_known = known
            self._lut = build_lut(clearance_known=known)
            if not self.greyed:
                self._recolour_all()  # every cell may change: the map composes anew
            self.revision += 1
            self._overlay_changed()  # laden vehicles wear their container's colour

    def set_greyed(self, greyed: bool) -> None:
        if greyed != self.greyed:
            self.greyed = greyed
            self._recolour_all()
            self.revision += 1

    def _recolour_all(self) -> None:
        lut = self._grey_lut if self.greyed else self._lut
        for r in self.rasters:
            r.recolour(lut)
        self.dirty_cells = None

    def apply_changes(self, changes: Iterable[Change], arrived: float | None = None) -> int:
        """Apply a change set of the core yard; returns how many changes it held."""
        stamp = time.perf_counter() if arrived is None else arrived
        counts = list(self.change_steps(changes, chunk=1 << 62, arrived=stamp))
        return counts[-1] if counts else 0

    def change_steps(
        self, changes: Iterable[Change], chunk: int = 4000, arrived: float | None = None,
    ) -> Iterator[int]:
        """Apply changes, yielding the count so far after every `chunk` of them and at
        the end (nothing for an empty set).

        A reconnect snapshot changes ~85k containers (about half a second of work);
        the window applies such a set a chunk per turn of the event loop so that it
        never freezes.  What is drawn in between is a partial yard: the cells are
        recoloured once, at the end (a cell's stack arrives over several chunks).
        """
        done = 0
        touched: set[Cell] = set()
        container = self._container
        for change in changes:
            if type(change) is ContainerChanged:  # nearly all of a snapshot's
                container(change.after, touched)
            else:
                self._apply(change, touched)
            done += 1
            if done % chunk == 0:
                yield done
        if not done:
            return
        if len(touched) > chunk:  # a snapshot's cells: restacked in steps, coloured at once
            work = done
            for bi, bay, row in touched:
                self._restack(bi, bay, row, write=False)
                work += 1
                if work % chunk == 0:
                    yield done
            self._recolour_all()
        else:
            self._recolour(touched)
        self.revision += 1
        self.pending_stamps.append(time.perf_counter() if arrived is None else arrived)
        yield done

    def _apply(self, c: Change, touched: set[Cell]) -> None:
        if isinstance(c, ContainerChanged):
            self._container(c.after, touched)
        elif isinstance(c, ContainerGone):
            ref = c.ref
            carrier = self.carriers.get(ref)
            if carrier is not None:
                self._mark_changed("vehicle", carrier)
            self.containers.pop(ref, None)
            self.carriers.pop(ref, None)
            self._unplace(ref, touched)
        elif isinstance(c, VehicleMoved):
            self._vehicle(c)
            self._mark_changed("vehicle", c.vehicle_id)
        elif isinstance(c, VehicleGone):
            self._mark_changed("vehicle", c.vehicle_id)
            gone = self.vehicles.pop(c.vehicle_id, None)
            if gone is not None and gone.carrying is not None \
                    and self.carriers.get(gone.carrying) == c.vehicle_id:
                del self.carriers[gone.carrying]
        elif isinstance(c, CraneMoved):
            self._mark_changed("crane", c.crane_id)
            slot = self._slot_ref(c.slot)
            if slot is not None and c.crane_id in self.cranes:
                self.cranes[c.crane_id] = self.rasters[slot[0]].block.slot_centre(slot[1], slot[2])
        elif isinstance(c, FenceChanged):
            self._overlay_changed()
            if c.alarm:
                self.fence_alarm[c.segment_id] = c.reason or ""
            else:
                self.fence_alarm.pop(c.segment_id, None)
        elif isinstance(c, DeviceChanged):
            if c.state is None:
                self.devices.pop(c.device_id, None)
            else:
                self.devices[c.device_id] = c.state

    def _container(self, facts: ContainerFacts, touched: set[Cell]) -> None:
        ref = facts.ref
        self.containers[ref] = facts
        carrier = self.carriers.get(ref)
        if carrier is not None:
            self._mark_changed("vehicle", carrier)  # its vehicle wears its colour
        new = self._slot_ref(facts.slot)
        old = self.where.get(ref)
        if old != new:
            self._unplace(ref, touched)
            if new is not None:
                bi, bay, row, tier = new
                stack = self.rasters[bi].stacks.setdefault((bay, row), {})
                displaced = stack.get(tier)
                if displaced is not None and displaced != ref:
                    self.where.pop(displaced, None)
                stack[tier] = ref
                self.where[ref] = new
                touched.add((bi, bay, row))
        elif old is not None:
            touched.add((old[0], old[1], old[2]))  # its status or emptiness may have changed

    def _unplace(self, ref: str, touched: set[Cell]) -> None:
        old = self.where.pop(ref, None)
        if old is None:
            return
        stacks = self.rasters[old[0]].stacks
        stack = stacks.get((old[1], old[2]))
        if stack is not None and stack.get(old[3]) == ref:
            del stack[old[3]]
            if not stack:
                del stacks[(old[1], old[2])]
        touched.add((old[0], old[1], old[2]))

    def _slot_ref(self, key: SlotKey | None) -> SlotRef | None:
        """The slot in this layout's rasters (None: not a slot of a block drawn here)."""
        if key is None:
            return None
        bounds = self._bounds.get(key[0])
        if bounds is None:
            return None
        bi, bays, rows = bounds
        _, bay, row, tier = key
        if not (1 <= bay <= bays and 1 <= row <= rows):
            return None
        return (bi, bay, row, tier)

    def _recolour(self, cells: set[Cell]) -> None:
        if not cells:
            return
        dirty = self.dirty_cells
        if dirty is not None and len(cells) + len(dirty) > DIRTY_ALL_SHARE * self._cells:
            for bi, bay, row in cells:
                self._restack(bi, bay, row, write=False)
            self._recolour_all()
            return
        for bi, bay, row in cells:
            colour = self._restack(bi, bay, row)
            if dirty is not None:
                dirty[(bi, bay, row)] = colour

    def _restack(self, bi: int, bay: int, row: int, write: bool = True) -> int:
        """The cell's colour codes from its stack; with `write`, its pixel too (returned)."""
        raster = self.rasters[bi]
        stack = raster.stacks.get((bay, row), {})
        worst, worst_ref = NO_CONTAINER, None
        facts = self.containers
        for ref in stack.values():
            f = facts.get(ref)
            code = STATUS_CODE.get(f.status if f is not None else None, STATUS_CODE[None])
            if code > worst:
                worst, worst_ref = code, ref
        r, b = row - 1, bay - 1
        raster.code[r, b] = worst
        raster.height[r, b] = len(stack)
        shown = facts.get(worst_ref) if worst_ref is not None else None
        raster.empty[r, b] = 1 if shown is not None and shown.empty else 0
        if not write:
            return 0
        lut = self._grey_lut if self.greyed else self._lut
        colour = int(lut[worst, raster.empty[r, b], min(len(stack), MAX_HEIGHT)])
        raster.argb[r, b] = colour
        return colour

    def _vehicle(self, v: VehicleMoved) -> None:
        held = self.vehicles.get(v.vehicle_id)
        if held is not None and held.carrying and held.carrying != v.carrying \
                and self.carriers.get(held.carrying) == v.vehicle_id:
            del self.carriers[held.carrying]
        if v.carrying:
            self.carriers[v.carrying] = v.vehicle_id
        self.vehicles[v.vehicle_id] = VehicleMark(
            v.vehicle_id, v.x, v.y, v.heading or 0.0, v.speed, v.carrying, v.vehicle_type,
            time.monotonic(),
        )

    def relaid(self, layout: Layout) -> YardPicture:
        """The same yard on a new layout (what the core yard said, drawn anew)."""
        new = YardPicture(layout, clearance_known=self.clearance_known)
        new.greyed = self.greyed
        items: list[Any] = [ContainerChanged(None, f) for f in self.containers.values()]
        items += [VehicleMoved(v.vehicle_id, v.x, v.y, v.heading, v.speed, v.carrying,
                               v.vehicle_type) for v in self.vehicles.values()]
        items += [FenceChanged(s, True, r) for s, r in self.fence_alarm.items()]
        items += [DeviceChanged(d, s) for d, s in self.devices.items()]
        new.apply_changes(items)
        if new.greyed:
            new._recolour_all()
        return new
