"""The customs clearance system: declarations, releases, holds and inspections with real delays.

Imports are declared (status `pending`) within minutes of discharge, usually
before the box reaches its slot, and decided later: most are released within
a few hours, about 5% are selected for inspection (released after it), about
2% are held.  Exports are declared when they gate in and released before they
are loaded.  Empties are declared empty and released at once.  The yard a
run starts with already carries its decisions, in the same proportions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.model import Clearance
from testbed.sim.yard import Box

if TYPE_CHECKING:
    from testbed.sim.traffic import TrafficModel


class Customs:
    def __init__(self, model: TrafficModel) -> None:
        self.model = model

    def clearance(
        self, box: Box, status: str, t: float, inspection: str | None = None
    ) -> Clearance:
        m = self.model
        vessel = box.extra.get("vessel") or ("", "", "")
        if "declaration" not in box.extra:
            box.extra["declaration"] = m.ids.declaration_number()
        return Clearance(
            equipment_reference=box.spec.ref,
            status=status,
            status_time=m.clock.stamp(t),
            declaration_no=box.extra["declaration"],
            bill_of_lading=box.extra.get("bl"),
            vessel_imo=vessel[0] or None,
            voyage=vessel[2] or None,
            declared_empty=box.spec.empty,
            customs_seals=box.customs_seals,
            inspection=inspection,
        )

    def declare_initial_yard(self) -> None:
        """Give the starting yard its clearance state (no events: it is in the first snapshot)."""
        m = self.model
        for box in m.yard.boxes.values():
            r = m.rng.random()
            if box.direction == "empty":
                status = "released"
            elif box.direction == "import":
                box.extra["bl"] = m.ids.bill_of_lading(box.spec.ref)
                if m.rng.random() < 0.08:
                    box.customs_seals = (m.ids.customs_seal(),)
                status = (
                    "released"
                    if r < 0.86
                    else "pending"
                    if r < 0.94
                    else "inspect"
                    if r < 0.98
                    else "hold"
                )
            else:
                status = "released" if r < 0.8 else "pending"
            c = self.clearance(
                box,
                status,
                -m.rng.uniform(600, 86400),
                "selected: X-ray" if status == "inspect" else None,
            )
            m.clearances[box.spec.ref] = c
            box.clearance = status
            m.by_role.setdefault(f"{box.direction}:{status}", []).append(box.spec.ref)

    def after_discharge(self, box: Box, t: float) -> None:
        """Declare a discharged box within minutes and decide it later."""
        m = self.model
        declared = t + m.rng.uniform(20, 420)
        m.schedule(declared, lambda at: self._send(box, "pending", at))
        if box.spec.empty:
            m.schedule(
                declared + m.rng.uniform(60, 600), lambda at: self._send(box, "released", at)
            )
            return
        r = m.rng.random()
        decided = declared + m.rng.uniform(900, 3 * 3600)
        if r < 0.05:
            m.schedule(decided, lambda at: self._send(box, "inspect", at, "selected: X-ray"))
            m.schedule(
                decided + m.rng.uniform(3600, 4 * 3600),
                lambda at: self._send(box, "released", at, "inspected: no findings"),
            )
        elif r < 0.07:
            m.schedule(decided, lambda at: self._send(box, "hold", at))
            m.schedule(
                decided + m.rng.uniform(6 * 3600, 24 * 3600),
                lambda at: self._send(box, "released", at),
            )
        else:
            m.schedule(decided, lambda at: self._send(box, "released", at))

    def after_gate_in(self, box: Box, t: float) -> None:
        m = self.model
        declared = t + m.rng.uniform(10, 300)
        m.schedule(declared, lambda at: self._send(box, "pending", at))
        m.schedule(declared + m.rng.uniform(300, 2400), lambda at: self._send(box, "released", at))

    def _send(
        self, box: Box, status: str, t: float, inspection: str | None = None, *, force: bool = False
    ) -> None:
        m = self.model
        if box.extra.get("gone") or (box.extra.get("frozen") and not force):
            return
        m.emit_clearance(t, self.clearance(box, status, t, inspection))
        m.by_role.setdefault(f"{box.direction}:{status}", []).append(box.spec.ref)

    def send_now(self, box: Box, status: str, t: float, inspection: str | None = None) -> None:
        self._send(box, status, t, inspection, force=True)
