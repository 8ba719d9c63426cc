"""What applying input to the yard changed, as typed values: the yard's change sets.

`YardState` is the one yard: it applies snapshots, events, corrections,
retractions and 3.0 updates, and forgets departed containers.  Whoever shows
the yard (the window's map) never reads events itself; it applies the change
sets the yard publishes, so that what the map shows is what the rules saw.

The changes are frozen `msgspec.Struct`s (cheap to make: a reconnect
snapshot is one change per container).  A change set is the difference
between the yard as it was at the previous `YardState.take_changes()` and
the yard now, one item per thing that changed
(a container moved five times in one batch is one `ContainerChanged`, from
where it was to where it is):

* `ContainerChanged(before, after)`: a container was placed in a ground slot,
  moved, lifted out of one (onto a vehicle, to a lane, off the terminal), or
  a fact the map shows of it (clearance status, empty/laden, size-type) changed.
  `before` is None for a container the yard did not hold before.
* `ContainerGone(before, forgotten)`: the yard holds nothing of it any more
  (`forgotten`: the live yard's retention dropped it, `console.yard.retention`;
  otherwise a snapshot no longer listed it or a correction took its only event).
* `VehicleMoved` / `VehicleGone`, `CraneMoved`, `FenceChanged`, `DeviceChanged`.

`ChangeRecorder` is how the yard keeps track between two `take_changes`: it
notes each container's facts the first time something is about to change it,
and which vehicles, cranes, fence segments and devices were touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import msgspec

SlotKey = tuple[str, int, int, int]  # block, bay, row, tier


class ContainerFacts(msgspec.Struct, frozen=True, gc=False):
    """What the map shows of one container: its ground slot (None when it is not in
    one: on a vehicle, at a lane or berth, on a vessel), clearance status (None: no
    decision), empty or laden, ISO size-type."""

    ref: str
    slot: SlotKey | None
    status: str | None
    empty: bool
    iso_code: str | None


class ContainerChanged(msgspec.Struct, frozen=True, gc=False):
    before: ContainerFacts | None
    after: ContainerFacts

    @property
    def ref(self) -> str:
        return self.after.ref

    @property
    def placed(self) -> bool:
        """Now in a ground slot, and was in none before."""
        return self.after.slot is not None and (self.before is None or self.before.slot is None)

    @property
    def moved(self) -> bool:
        """From one ground slot to another."""
        return (self.before is not None and self.before.slot is not None
                and self.after.slot is not None and self.before.slot != self.after.slot)

    @property
    def lifted(self) -> bool:
        """Out of a ground slot (and still known to the yard)."""
        return self.before is not None and self.before.slot is not None and self.after.slot is None


class ContainerGone(msgspec.Struct, frozen=True, gc=False):
    before: ContainerFacts
    forgotten: bool

    @property
    def ref(self) -> str:
        return self.before.ref


class VehicleMoved(msgspec.Struct, frozen=True, gc=False):
    vehicle_id: str
    x: float
    y: float
    heading: float | None
    speed: float
    carrying: str | None
    vehicle_type: str | None


class VehicleGone(msgspec.Struct, frozen=True, gc=False):
    vehicle_id: str


class CraneMoved(msgspec.Struct, frozen=True, gc=False):
    """A crane worked at this ground slot (the slot of its latest actual move)."""

    crane_id: str
    slot: SlotKey


class FenceChanged(msgspec.Struct, frozen=True, gc=False):
    segment_id: str
    alarm: bool
    reason: str | None


class DeviceChanged(msgspec.Struct, frozen=True, gc=False):
    """A device's reported state; None when the yard holds no report of it any more."""

    device_id: str
    state: str | None


Change = (ContainerChanged | ContainerGone | VehicleMoved | VehicleGone | CraneMoved
          | FenceChanged | DeviceChanged)


class YardChanges(msgspec.Struct, frozen=True, gc=False):
    """One change set, in the order: containers, vehicles, cranes, fence, devices."""

    items: tuple[Change, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.items)


@dataclass(frozen=True, slots=True)
class YardQueries:
    """How the recorder reads the yard now, when a change set is taken."""

    facts: Callable[[str], ContainerFacts | None]
    vehicle: Callable[[str], VehicleMoved | None]
    crane: Callable[[str], SlotKey | None]
    fence: Callable[[str], FenceChanged | None]
    device: Callable[[str], str | None]


class ChangeRecorder:
    """What changed since the last `take`: each container's facts as they were before."""

    def __init__(self, queries: YardQueries) -> None:
        self._q = queries
        self._before: dict[str, ContainerFacts | None] = {}
        self._forgotten: set[str] = set()
        self._vehicles: dict[str, None] = {}
        self._cranes: dict[str, None] = {}
        self._fences: dict[str, None] = {}
        self._devices: dict[str, None] = {}

    def container(self, ref: str) -> None:
        """Call before anything changes `ref` (its facts now are its 'before')."""
        if ref not in self._before:
            self._before[ref] = self._q.facts(ref)

    def unknown(self, ref: str) -> None:
        """As `container`, for a ref the caller knows the yard holds nothing of (yet)."""
        self._before.setdefault(ref, None)

    def forgotten(self, ref: str) -> None:
        self.container(ref)
        self._forgotten.add(ref)

    def vehicle(self, vehicle_id: str) -> None:
        self._vehicles[vehicle_id] = None

    def crane(self, crane_id: str) -> None:
        self._cranes[crane_id] = None

    def fence(self, segment_id: str) -> None:
        self._fences[segment_id] = None

    def device(self, device_id: str) -> None:
        self._devices[device_id] = None

    def take(self) -> YardChanges:
        """The change set since the last `take` (empty when nothing changed)."""
        q = self._q
        out: list[Change] = []
        facts = q.facts
        for ref, before in self._before.items():
            after = facts(ref)
            if after is None:
                if before is not None:
                    out.append(ContainerGone(before, ref in self._forgotten))
            elif after != before:
                out.append(ContainerChanged(before, after))
        for vid in self._vehicles:
            moved = q.vehicle(vid)
            out.append(moved if moved is not None else VehicleGone(vid))
        for cid in self._cranes:
            slot = q.crane(cid)
            if slot is not None:
                out.append(CraneMoved(cid, slot))
        for sid in self._fences:
            fence = q.fence(sid)
            out.append(fence if fence is not None else FenceChanged(sid, False, None))
        for did in self._devices:
            out.append(DeviceChanged(did, q.device(did)))
        self._before = {}
        self._forgotten = set()
        self._vehicles, self._cranes, self._fences, self._devices = {}, {}, {}, {}
        return YardChanges(tuple(out))
