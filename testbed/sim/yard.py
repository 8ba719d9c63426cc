"""The yard as the simulation plans it: stacks, slots and the boxes in them.

Two views of a container are kept apart on purpose.  *Planning* (which
stack a yard crane will drop into, which box it will pick) changes the moment
a move is planned, so that two planned moves never choose the same slot.
The *reported* position (`Box.position`) changes only when the event that
reports it is emitted, so that a snapshot always agrees with the events
numbered before it.

A slot holds one container whatever its length (a simplification: 40-foot
boxes are not given two bays), so the yard's capacity is its slot count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from console.layout import parse_layout
from console.model import Position
from console.protocol import dcsa_shapes
from testbed.sim.identities import ContainerSpec, IdentityFactory

SlotKey = tuple[str, int, int, int]
StackKey = tuple[str, int, int]


@dataclass(slots=True)
class Box:
    """One container in the terminal and what customs and the terminal know of it."""

    spec: ContainerSpec
    direction: str  # import export empty
    position: dict[str, Any] | Position | None = None  # as last reported; None until then
    last_event_id: str | None = None
    clearance: str | None = None  # latest status sent on the clearance feed
    customs_seals: tuple[str, ...] = ()
    reserved: bool = False  # a planned move has claimed it
    slot: SlotKey | None = None  # planned slot
    extra: dict[str, Any] = field(default_factory=dict)

    def wire_position(self) -> dict[str, Any] | None:
        """The reported position in wire form (converted once, when a snapshot first needs it)."""
        if isinstance(self.position, Position):
            self.position = dcsa_shapes.position_dict(self.position)
        return self.position

    def snapshot_entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "equipmentReference": self.spec.ref,
            "ISOEquipmentCode": self.spec.iso_code,
            "emptyIndicatorCode": "EMPTY" if self.spec.empty else "LADEN",
            "position": self.wire_position(),
        }
        if self.last_event_id is not None:
            entry["lastEventId"] = self.last_event_id
        return entry


def slot_position(key: SlotKey) -> dict[str, Any]:
    block, bay, row, tier = key
    return {"kind": "slot", "block": block, "bay": bay, "row": row, "tier": tier}


class YardPlan:
    """Stacks of every block: heights, the box in each slot, and the boxes by role."""

    def __init__(self, layout: dict[str, Any], rng: random.Random) -> None:
        self.rng = rng
        self.blocks = {
            b["id"]: (int(b["bays"]), int(b["rows"]), int(b["tiers"])) for b in layout["blocks"]
        }
        self.block_ids = list(self.blocks)
        self.heights: dict[StackKey, int] = {}
        self.slots: dict[SlotKey, str] = {}
        self.boxes: dict[str, Box] = {}
        self.busy: dict[StackKey, int] = {}  # stacks with planned moves not yet reported

    def capacity(self) -> int:
        return sum(b * r * t for b, r, t in self.blocks.values())

    @staticmethod
    def capacity_of(layout: dict[str, Any]) -> int:
        """The number of slots of a layout's blocks (as the console reads them)."""
        return parse_layout(layout).slot_count

    def fill(self, identities: IdentityFactory, share: float) -> None:
        """Stack boxes until `share` of all slots hold one (every stack grounded, no gaps)."""
        target = int(self.capacity() * share)
        stacks = [
            (blk, bay, row)
            for blk, (bays, rows, _) in self.blocks.items()
            for bay in range(1, bays + 1)
            for row in range(1, rows + 1)
        ]
        self.rng.shuffle(stacks)
        placed = 0
        for stack in stacks:
            tiers = self.blocks[stack[0]][2]
            height = min(tiers, max(0, round(self.rng.gauss(share * tiers, 1.2))))
            height = min(height, target - placed)
            for tier in range(1, height + 1):
                empty = self.rng.random() < 0.25
                spec = identities.container(empty_share=1.0 if empty else 0.0)
                direction = (
                    "empty" if empty else ("import" if self.rng.random() < 0.7 else "export")
                )
                box = Box(spec, direction)
                self.place(box, (*stack, tier))
                box.position = slot_position((*stack, tier))
            placed += height
            if placed >= target:
                break

    def place(self, box: Box, key: SlotKey) -> None:
        self.boxes[box.spec.ref] = box
        self.slots[key] = box.spec.ref
        self.heights[key[:3]] = key[3]
        box.slot = key

    def free_slot(self, block: str | None = None) -> SlotKey:
        """A slot on top of a stack with room, in `block` when given (random otherwise)."""
        for _ in range(200):
            blk = block or self.rng.choice(self.block_ids)
            bays, rows, tiers = self.blocks[blk]
            stack = (blk, self.rng.randint(1, bays), self.rng.randint(1, rows))
            height = self.heights.get(stack, 0)
            if height < tiers and stack not in self.busy:
                return (*stack, height + 1)
            block = None
        raise RuntimeError("the yard is full")

    def top_box(self, candidates: list[str], tries: int = 40) -> Box | None:
        """A box from `candidates` that sits on top of its stack and is not yet claimed."""
        for _ in range(tries):
            if not candidates:
                return None
            ref = self.rng.choice(candidates)
            box = self.boxes.get(ref)
            if box is None or box.reserved or box.slot is None:
                continue
            if self.heights.get(box.slot[:3]) == box.slot[3] and box.slot[:3] not in self.busy:
                return box
        return None

    def take(self, box: Box) -> SlotKey:
        """Plan the box out of its slot (the stack gets one lower, and busy until reported)."""
        key = box.slot
        assert key is not None
        del self.slots[key]
        self.heights[key[:3]] = key[3] - 1
        box.slot = None
        box.reserved = True
        self.hold(key)
        return key

    def hold(self, key: SlotKey) -> None:
        """Mark the stack of `key` busy: a planned pick or drop there is not reported yet.

        No other move is planned on a busy stack, so the moves of one stack
        are reported in the order they happen and never two boxes in one slot."""
        stack = key[:3]
        self.busy[stack] = self.busy.get(stack, 0) + 1

    def done(self, key: SlotKey) -> None:
        """The planned move at `key` has been reported."""
        stack = key[:3]
        left = self.busy.get(stack, 0) - 1
        if left > 0:
            self.busy[stack] = left
        else:
            self.busy.pop(stack, None)

    def occupied_top(self, block: str | None = None) -> SlotKey:
        """The top slot of some non-empty stack (for a drop that lands on an occupied slot)."""
        for _ in range(500):
            blk = block or self.rng.choice(self.block_ids)
            bays, rows, _ = self.blocks[blk]
            stack = (blk, self.rng.randint(1, bays), self.rng.randint(1, rows))
            height = self.heights.get(stack, 0)
            if height >= 1:
                return (*stack, height)
        raise RuntimeError("the yard is empty")
