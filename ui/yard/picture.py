"""The yard as the map shows it: one numpy raster per block plus a few live things.

`YardPicture` folds normalised feed events and snapshots into what the map
draws: per block, arrays of the worst customs status in each ground slot, the
stack height and whether that container is empty, and an ARGB image that
shares memory with the colour array (so a changed cell costs one array write,
never an image rebuild).  Vehicles, cranes, fence alarms and device states are
kept as small dictionaries.  It holds no Qt widgets; QtGui's `QImage` is only
a view on the numpy buffer.

Every change stamps `pending_stamps` with the time the event arrived; the map
drains it when it has painted, which is how event-to-pixel latency is measured.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QImage

from console.model import Clearance, ContainerState, EquipmentEvent, FeedEvent, PositionReport
from console.yard.feedtime import try_parse_time
from ui.yard.cellcolours import MAX_HEIGHT, NO_CONTAINER, STATUS_CODE, build_lut
from ui.yard.geometry import Block, TerminalLayout

LEAVES_YARD = frozenset({"GTOT", "LOAD"})
SlotRef = tuple[int, int, int, int]  # block index, bay, row, tier


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


class YardPicture:
    """Display state of the yard, fed by `apply_events` and `apply_snapshot`."""

    def __init__(self, layout: TerminalLayout, clearance_known: bool = True) -> None:
        self.layout = layout
        self.rasters = [BlockRaster(b) for b in layout.blocks]
        self._block_index = {b.id: i for i, b in enumerate(layout.blocks)}
        self.clearance_known = clearance_known  # see ui.yard.cellcolours.build_lut
        self._lut = build_lut(clearance_known=clearance_known)
        self._grey_lut = build_lut(grey=True)
        self.greyed = False
        self.where: dict[str, SlotRef] = {}
        self.status: dict[str, str] = {}
        self.empty: dict[str, bool] = {}
        self.iso: dict[str, str] = {}
        self.vehicles: dict[str, VehicleMark] = {}
        self.carriers: dict[str, str] = {}  # container → the vehicle last reported carrying it
        self.cranes: dict[str, tuple[float, float]] = {c.id: (c.x, c.y) for c in layout.cranes}
        self.fence_alarm: dict[str, str] = {}
        self.devices: dict[str, str] = {}
        self.pending_stamps: list[float] = []
        self.revision = 0
        # DCSA eventID -> (container, where it was before, 3.0 update time): what a
        # retraction puts back and what a later 3.0 update of the same event replaces
        self._moves: dict[str, tuple[str, SlotRef | None, str | None]] = {}
        self._last_move: dict[str, str] = {}  # container -> the eventID of its latest event
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

    # -- updates -------------------------------------------------------------
    def set_clearance_known(self, known: bool) -> None:
        """The clearance snapshot is in (or gone): recolour with or without "unknown"."""
        if known != self.clearance_known:
            self.clearance_known = known
            self._lut = build_lut(clearance_known=known)
            if not self.greyed:
                for r in self.rasters:
                    r.recolour(self._lut)
            self.revision += 1

    def set_greyed(self, greyed: bool) -> None:
        if greyed != self.greyed:
            self.greyed = greyed
            lut = self._grey_lut if greyed else self._lut
            for r in self.rasters:
                r.recolour(lut)
            self.revision += 1

    def apply_snapshot(
        self,
        containers: Iterable[ContainerState],
        clearances: Iterable[Clearance] = (),
        vehicles: Iterable[PositionReport] = (),
        clear_first: bool = True,
    ) -> None:
        """Fold a snapshot in at once (see `snapshot_steps` for the incremental form)."""
        for _ in self.snapshot_steps(containers, clearances, vehicles, clear_first,
                                     chunk=1 << 62):
            pass

    def snapshot_steps(
        self,
        containers: Iterable[ContainerState],
        clearances: Iterable[Clearance] = (),
        vehicles: Iterable[PositionReport] = (),
        clear_first: bool = True,
        chunk: int = 4000,
    ) -> Iterator[int]:
        """Fold a snapshot in, yielding after every `chunk` items of work.

        A reconnect snapshot holds ~85k containers (about half a second of
        work); the window runs it a chunk per turn of the event loop so that
        it never freezes.  What is drawn in between is a partial yard.
        """
        if clear_first:
            self.where.clear()
            for r in self.rasters:
                r.stacks.clear()
                r.code[...] = NO_CONTAINER
                r.height[...] = 0
                r.empty[...] = 0
        touched: set[tuple[int, int, int]] = set()
        done = 0
        for c in clearances:
            self.status[c.equipment_reference] = c.status
            slot = self.where.get(c.equipment_reference)
            if slot is not None:
                touched.add((slot[0], slot[1], slot[2]))
            done += 1
            if done % chunk == 0:
                yield done
        for box in containers:
            if box.empty is not None:
                self.empty[box.equipment_reference] = box.empty == "EMPTY"
            if box.iso_code:
                self.iso[box.equipment_reference] = box.iso_code
            key = box.position.slot_key() if box.position is not None else None
            cell = self._place(box.equipment_reference, key, restamp=False)
            if cell is not None:
                touched.add(cell)
            done += 1
            if done % chunk == 0:
                yield done
        for bi, bay, row in touched:
            self._restack(bi, bay, row, write=False)
            done += 1
            if done % chunk == 0:
                yield done
        for v in vehicles:
            self._vehicle(v)
        lut = self._grey_lut if self.greyed else self._lut
        for r in self.rasters:
            r.recolour(lut)
        self.revision += 1
        self.pending_stamps.append(time.perf_counter())

    def apply_events(self, events: Iterable[FeedEvent], arrived: float | None = None) -> int:
        """Fold events in; returns how many changed what the map shows."""
        stamp = time.perf_counter() if arrived is None else arrived
        changed = 0
        for ev in events:
            if self._apply(ev):
                changed += 1
        if changed:
            self.revision += 1
            self.pending_stamps.append(stamp)
        return changed

    def _apply(self, ev: FeedEvent) -> bool:
        body: Any = ev.body
        if isinstance(body, EquipmentEvent):
            return self._equipment(body)
        if isinstance(body, PositionReport):
            self._vehicle(body)
            return True
        if isinstance(body, Clearance):
            self.status[body.equipment_reference] = body.status
            self._recolour_container(body.equipment_reference)
            return True
        if ev.kind == "fence":
            if body.state == "alarm":
                self.fence_alarm[body.segment_id] = body.reason or ""
            else:
                self.fence_alarm.pop(body.segment_id, None)
            return True
        if ev.kind == "device":
            self.devices[body.device_id] = body.state
            return True
        return False

    def _equipment(self, e: EquipmentEvent) -> bool:
        if e.retracted:
            return self._withdraw(e.withdrawn_id)
        if e.classifier != "ACT":
            return False
        ref = e.equipment_reference
        held = self._moves.get(e.event_id)
        if held is not None and e.updated_time is not None:
            new, old = try_parse_time(e.updated_time), try_parse_time(held[2])
            if new is not None and old is not None and new <= old:
                return False  # an older version of an event already shown
            self._withdraw(e.event_id)
        # only each container's latest event is kept: what a retraction can still undo here
        previous = self._last_move.get(ref)
        if previous is not None:
            self._moves.pop(previous, None)
        self._last_move[ref] = e.event_id
        self._moves[e.event_id] = (ref, self.where.get(ref), e.updated_time)
        if e.empty is not None:
            self.empty[ref] = e.empty == "EMPTY"
        if e.iso_code:
            self.iso[ref] = e.iso_code
        key = e.position.slot_key() if e.position is not None else None
        if e.crane_id and key is not None and e.crane_id in self.cranes:
            bi = self._block_index.get(key[0])
            if bi is not None:
                self.cranes[e.crane_id] = self.rasters[bi].block.slot_centre(key[1], key[2])
        if e.event_type in LEAVES_YARD or e.event_type == "PICK" or (
            key is None and e.position is not None
        ):
            self._place(ref, None)
            return True
        if key is not None:
            self._place(ref, key)
            return True
        self._recolour_container(ref)
        return True

    def _withdraw(self, event_id: str) -> bool:
        """Put the container of a retracted (or updated) event back where it was before it."""
        held = self._moves.pop(event_id, None)
        if held is None:
            return False
        ref, before, _ = held
        self._last_move.pop(ref, None)
        self._place(ref, None)
        if before is not None:
            block = self.rasters[before[0]].block
            self._place(ref, (block.id, before[1], before[2], before[3]))
        return True

    def _place(
        self, ref: str, key: tuple[str, int, int, int] | None, restamp: bool = True
    ) -> tuple[int, int, int] | None:
        old = self.where.pop(ref, None)
        if old is not None:
            stacks = self.rasters[old[0]].stacks.get((old[1], old[2]))
            if stacks is not None and stacks.get(old[3]) == ref:
                del stacks[old[3]]
            if restamp:
                self._restack(old[0], old[1], old[2])
        if key is None:
            return None
        bi = self._block_index.get(key[0])
        if bi is None:
            return None
        block = self.rasters[bi].block
        if not (1 <= key[1] <= block.bays and 1 <= key[2] <= block.rows):
            return None
        stack = self.rasters[bi].stacks.setdefault((key[1], key[2]), {})
        displaced = stack.get(key[3])
        if displaced is not None and displaced != ref:
            self.where.pop(displaced, None)
        stack[key[3]] = ref
        self.where[ref] = (bi, key[1], key[2], key[3])
        if restamp:
            self._restack(bi, key[1], key[2])
        return (bi, key[1], key[2])

    def _recolour_container(self, ref: str) -> None:
        slot = self.where.get(ref)
        if slot is not None:
            self._restack(slot[0], slot[1], slot[2])

    def _restack(self, bi: int, bay: int, row: int, write: bool = True) -> None:
        raster = self.rasters[bi]
        stack = raster.stacks.get((bay, row), {})
        worst, worst_ref = NO_CONTAINER, None
        for ref in stack.values():
            code = STATUS_CODE.get(self.status.get(ref), STATUS_CODE[None])
            if code > worst:
                worst, worst_ref = code, ref
        r, b = row - 1, bay - 1
        raster.code[r, b] = worst
        raster.height[r, b] = len(stack)
        raster.empty[r, b] = 1 if worst_ref is not None and self.empty.get(worst_ref) else 0
        if write:
            lut = self._grey_lut if self.greyed else self._lut
            raster.argb[r, b] = lut[worst, raster.empty[r, b], min(len(stack), MAX_HEIGHT)]

    def _vehicle(self, p: PositionReport) -> None:
        if p.carrying:
            self.carriers[p.carrying] = p.vehicle_id
        self.vehicles[p.vehicle_id] = VehicleMark(
            p.vehicle_id, p.x, p.y, p.heading or 0.0, p.speed, p.carrying, p.vehicle_type,
            time.monotonic(),
        )
