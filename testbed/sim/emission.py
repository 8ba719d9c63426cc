"""What the simulation emits: one feed message to number, in simulated time.

The traffic model builds every body as a `console.model` record first (so
tests and corrections can reason about it) and converts it to its wire form
with `console.protocol.dcsa_shapes`, in the DCSA shape a real gateway of the
mix would use: mostly T&T 2.2, some 3.0 and 3.0 beta.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.model import Body, EquipmentEvent
from console.protocol import dcsa_shapes

SHAPES: tuple[tuple[str, int], ...] = (("dcsa-2.2", 80), ("dcsa-3.0", 12), ("dcsa-3.0-beta", 8))


@dataclass(frozen=True, slots=True)
class Emission:
    """One message for a feed (`terminal` or `clearance`), or a `control` directive.

    A `control` emission (kind `silence`, body `{"heartbeats": n}`) asks the
    runner to make the gateway go silent for n heartbeat periods: that is how
    the FEED_STALE scenario shows in the stream.
    """

    feed: str
    kind: str
    time: float
    stamp: str
    source: str | None
    id: str | None
    body: dict[str, Any]
    record: Body | None = None
    corrects: str | None = None


def equipment_body(event: EquipmentEvent, shape: str) -> dict[str, Any]:
    if shape == "dcsa-3.0":
        return dcsa_shapes.to_dcsa_30(event)
    if shape == "dcsa-3.0-beta":
        return dcsa_shapes.to_dcsa_30_beta(event)
    return dcsa_shapes.to_dcsa_22(event)
