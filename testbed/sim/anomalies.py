"""Every supervision rule's condition, produced on demand or mixed into traffic at a rate.

`--scenario RULE_ID` produces that one condition 15 simulated seconds after
the feeds open and every five simulated minutes after that, on top of clean
traffic.  A condition that takes a journey (a truck to the gate, a shuttle to
its stop) is prepared up to ten minutes ahead, during the warm-up for the
first one, so that the condition itself shows on time (a truck is sent just
in time for its gate-out).  Only the rules that are a wait by definition
show later: `UNSCHEDULED_STOP` 61 s after the stop begins (the first stop
begins at 15 s, since the console must see the vehicle stand), and
`NOT_ON_MANIFEST` (10 minutes) and `TRANSFER_OVERDUE` (30 minutes) after
their discharge, which comes on schedule.  `--anomaly-rate R`
gives each container move a chance R of bringing one
anomaly along, drawn with field-like weights (misreads and weak OCR common,
a gate-out under hold rare).  Every injection is logged in
`AnomalyInjector.injected` as (simulated second, rule, subject).

The rules that judge the terminal's DCSA kinds have scenarios too, sent
whether or not `--dcsa-kinds` is on: `CUSTOMS_STATUS_DISAGREES` (the terminal
reports customs released, `CUSR`, for a stacked import customs still has
pending or on hold), `MOVE_AFTER_DEPARTURE` (a feeder calls, sails - `ARRI`,
`DEPA` - and the terminal reports one more box loaded onto it 3 s after its
departure) and `DOOR_OPENED_WITHOUT_INSPECTION` (an e-seal reports the door of
a stacked, released import opened, `DRO`, and closed five minutes later).
With `innocent` (`simulate --innocent`), each of these three brings its
nearest innocent variant instead, which must raise nothing: `CUSR` for a box
customs released, the last box loaded 1 s *before* the feeder's departure,
the door of a box customs selected for inspection (`INNOCENT`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from console.model import Position
from testbed.sim import ocr
from testbed.sim.identities import VESSEL_NAMES
from testbed.sim.quayside import STOP_NOTICED_S, VesselCall
from testbed.sim.yard import Box

if TYPE_CHECKING:
    from testbed.sim.traffic import TrafficModel

log = logging.getLogger("testbed.sim.anomalies")

RULES: tuple[str, ...] = (
    "GATE_OUT_WITHOUT_RELEASE",
    "GATE_OUT_UNDER_HOLD",
    "SEAL_MISMATCH",
    "CONTAINER_NUMBER_INVALID",
    "OCR_LOW_CONFIDENCE",
    "NOT_ON_MANIFEST",
    "EMPTY_WEIGHT_MISMATCH",
    "UNSCHEDULED_STOP",
    "RESTRICTED_ZONE",
    "TRANSFER_OVERDUE",
    "LOCATION_CONFLICT",
    "UNKNOWN_AT_GATE",
    "FENCE_INTRUSION",
    "FEED_STALE",
    "DEVICE_DOWN",
    "CUSTOMS_STATUS_DISAGREES",
    "MOVE_AFTER_DEPARTURE",
    "DOOR_OPENED_WITHOUT_INSPECTION",
)
# The scenarios with an innocent variant (`innocent=True`): the same events, one fact changed.
INNOCENT = frozenset({"CUSTOMS_STATUS_DISAGREES", "MOVE_AFTER_DEPARTURE",
                      "DOOR_OPENED_WITHOUT_INSPECTION"})
WEIGHTS: dict[str, int] = {
    "OCR_LOW_CONFIDENCE": 25,
    "CONTAINER_NUMBER_INVALID": 20,
    "DEVICE_DOWN": 8,
    "SEAL_MISMATCH": 6,
    "EMPTY_WEIGHT_MISMATCH": 6,
    "NOT_ON_MANIFEST": 6,
    "UNSCHEDULED_STOP": 6,
    "TRANSFER_OVERDUE": 5,
    "LOCATION_CONFLICT": 4,
    "UNKNOWN_AT_GATE": 3,
    "FENCE_INTRUSION": 3,
    "GATE_OUT_WITHOUT_RELEASE": 3,
    "GATE_OUT_UNDER_HOLD": 2,
    "RESTRICTED_ZONE": 2,
    "FEED_STALE": 1,
}
# The conditions that take a journey to show, and so are prepared ahead of their moment.
JOURNEYS = frozenset({
    "GATE_OUT_WITHOUT_RELEASE", "GATE_OUT_UNDER_HOLD", "SEAL_MISMATCH", "CONTAINER_NUMBER_INVALID",
    "OCR_LOW_CONFIDENCE", "EMPTY_WEIGHT_MISMATCH", "UNSCHEDULED_STOP", "RESTRICTED_ZONE",
    "LOCATION_CONFLICT", "UNKNOWN_AT_GATE",
})
SCENARIO_FIRST_S = 15.0
# What `yard-console demo` shows in its first two minutes (seconds after the feeds open):
# the product's headline cases, each once, before the random anomalies take over.
SHOWCASE: tuple[tuple[float, str], ...] = (
    (20.0, "CONTAINER_NUMBER_INVALID"),
    (50.0, "SEAL_MISMATCH"),
    (80.0, "GATE_OUT_WITHOUT_RELEASE"),
)
SCENARIO_PERIOD_S = 300.0
SCENARIO_LEAD_S = 600.0  # a journey is planned up to this long before its condition shows
SILENCE_HEARTBEATS = 4.0  # silent for 4 heartbeat periods (FEED_STALE fires after 3)


FEEDER_SAILS_AFTER_S = 3.0  # MOVE_AFTER_DEPARTURE: the feeder's DEPA after its ARRI
LATE_LOAD_S = 3.0  # the late LOAD this long after the DEPA (innocent: 1 s before it)
EARLY_LOAD_S = 1.0
DOOR_CLOSES_AFTER_S = 300.0


class AnomalyInjector:
    def __init__(self, model: TrafficModel, innocent: bool = False) -> None:
        self.m = model
        self.innocent = innocent
        self.injected: list[tuple[float, str, str]] = []
        self.opens_at = 0.0
        # Each takes the current second and, for an injection on schedule, the moment the
        # condition must show (None: as the traffic brings it).
        self._do: dict[str, Callable[[float, float | None], str | None]] = {
            "GATE_OUT_WITHOUT_RELEASE": lambda t, at: self._gate_out_from(
                t, ("import:pending",), at
            ),
            "GATE_OUT_UNDER_HOLD": lambda t, at: self._gate_out_from(
                t, ("import:hold", "import:inspect"), at
            ),
            "SEAL_MISMATCH": self._seal_mismatch,
            "CONTAINER_NUMBER_INVALID": self._misread,
            "OCR_LOW_CONFIDENCE": self._low_confidence,
            "NOT_ON_MANIFEST": lambda t, at: self._discharge(t, manifest=False),
            "EMPTY_WEIGHT_MISMATCH": self._empty_weight,
            "UNSCHEDULED_STOP": lambda t, at: self._discharge(t, stop=(0.5, 90.0), at=at),
            "RESTRICTED_ZONE": self._restricted,
            "TRANSFER_OVERDUE": lambda t, at: self._discharge(
                t, drop_delay=self.m.rng.uniform(2100, 2700)
            ),
            "LOCATION_CONFLICT": lambda t, at: self._discharge(
                t, slot=self.m.yard.occupied_top(), at=at
            ),
            "UNKNOWN_AT_GATE": self._unknown_at_gate,
            "FENCE_INTRUSION": lambda t, at: self._fence(t),
            "FEED_STALE": lambda t, at: self._silence(t),
            "DEVICE_DOWN": lambda t, at: self._device_down(t),
            "CUSTOMS_STATUS_DISAGREES": lambda t, at: self._customs_code(t),
            "MOVE_AFTER_DEPARTURE": lambda t, at: self._late_load(t),
            "DOOR_OPENED_WITHOUT_INSPECTION": lambda t, at: self._door_opened(t),
        }

    def start_scenario(self, rule: str, opens_at: float = 0.0, now: float | None = None) -> None:
        """Produce `rule`'s condition 15 s after `opens_at` (when the feeds open) and every
        five minutes after that; `now` (default `opens_at`) is the model's current second,
        earlier during a warm-up, so that the first journey can start before the feeds open."""
        if rule not in self._do:
            raise ValueError(f"unknown scenario {rule!r}; one of {', '.join(RULES)}")
        if self.innocent and rule not in INNOCENT:
            raise ValueError(f"scenario {rule} has no innocent variant; only "
                             f"{', '.join(sorted(INNOCENT))} have one")
        self.opens_at = opens_at
        self._plan(rule, opens_at + SCENARIO_FIRST_S, opens_at if now is None else now)

    def start_showcase(self, opens_at: float = 0.0, now: float | None = None) -> None:
        """The demo's opening: each `SHOWCASE` condition once, at its second after opening."""
        self.opens_at = opens_at
        for after, rule in SHOWCASE:
            self.show_at(rule, opens_at + after, opens_at if now is None else now)

    def show_at(self, rule: str, at: float, now: float) -> None:
        """Make `rule`'s condition show at simulated second `at` (prepared from `now` on)."""
        if rule == "UNSCHEDULED_STOP":  # seen standing from the feed's opening on
            at = max(at, self.opens_at + SCENARIO_FIRST_S + STOP_NOTICED_S)
        if rule in JOURNEYS:
            self.m.schedule(max(now, at - SCENARIO_LEAD_S), lambda t: self.inject(rule, t, at))
        else:
            self.m.schedule(max(now, at), lambda t: self.inject(rule, t))

    def _plan(self, rule: str, at: float, now: float) -> None:
        """Prepare the occurrence at `at`, and the next one when its preparation is due."""
        self.show_at(rule, at, now)
        following = at + SCENARIO_PERIOD_S
        self.m.schedule(max(now, following - SCENARIO_LEAD_S),
                        lambda t: self._plan(rule, following, t))

    def inject_random(self, t: float) -> None:
        rule = self.m.rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        self.inject(rule, t)

    def inject(self, rule: str, t: float, at: float | None = None) -> str | None:
        """Bring `rule`'s condition now, or prepare it to show at `at`; the subject (or None
        when the yard has nothing to do it with)."""
        subject = self._do[rule](t, at)
        if subject is not None:
            self.injected.append((t if at is None else at, rule, subject))
            if rule in INNOCENT:  # what to look for in the console's store (rehearsals, tests)
                log.info("%s%s: %s", rule, " (innocent variant)" if self.innocent else "",
                         subject)
        return subject

    # ------------------------------------------------------------ container anomalies

    def _gate_out_from(
        self, t: float, roles: tuple[str, ...], at: float | None = None
    ) -> str | None:
        m = self.m
        for role in roles:
            status = role.split(":")[1]
            box = m.yard.top_box(
                [
                    r
                    for r in m.by_role.get(role, [])[-5000:]
                    if (b := m.yard.boxes.get(r)) is not None and b.clearance == status
                ]
            )
            if box is not None:
                box.extra["frozen"] = True
                m.gate.gate_out(t, box=box, at=at)
                return box.spec.ref
        return None

    def _seal_mismatch(self, t: float, at: float | None = None) -> str | None:
        m = self.m
        box = m.yard.top_box(
            [
                r
                for r in m.by_role.get("import:released", [])[-5000:]
                if (b := m.yard.boxes.get(r)) is not None and b.customs_seals
            ]
        )
        if box is None:
            box = m.yard.top_box(m.by_role.get("import:released", []))
            if box is None or box.clearance != "released":
                return None
            box.customs_seals = (m.ids.customs_seal(),)
            m.customs.send_now(box, "released", t)
        box.extra["frozen"] = True
        read = (*(s for s in (box.spec.carrier_seal,) if s), m.ids.customs_seal())
        m.gate.gate_out(t + 1, box=box, seals=read, at=at)
        return box.spec.ref

    def _misread(self, t: float, at: float | None = None) -> str:
        """A gate OCR misread that the terminal recorded as read: the number fails ISO 6346,
        and the box's real number is already declared to customs (an export declared
        before its truck arrives), so the officer's one-step correction has its candidate."""
        m = self.m
        spec = m.ids.container(empty_share=0.0)
        box = Box(spec, "export")
        m.customs.send_now(box, "pending", t)
        text = ocr.misread(spec.ref, m.rng)
        m.gate.gate_in(t, box=box, ocr_text=text, reference=text, at=at)
        return text

    def _low_confidence(self, t: float, at: float | None = None) -> str:
        box = self.m.gate.gate_in(t, confidence=round(self.m.rng.uniform(0.45, 0.78), 2), at=at)
        return box.spec.ref

    def _empty_weight(self, t: float, at: float | None = None) -> str:
        spec = self.m.ids.container(empty_share=0.0)
        box = Box(spec, "export")
        gross = spec.tare_kg + round(self.m.rng.uniform(3000, 12000), -1)
        self.m.gate.gate_in(t, box=box, empty="EMPTY", gross_kg=gross, at=at)
        return spec.ref

    def _restricted(self, t: float, at: float | None = None) -> str:
        zones = [
            z
            for z in self.m.layout["zones"]
            if z["kind"] == "restricted" and z["polygon"][0][1] > 400
        ]
        poly = self.m.rng.choice(zones)["polygon"]
        centre = (sum(p[0] for p in poly) / 4, sum(p[1] for p in poly) / 4)
        box = self.m.gate.gate_in(t, restricted=centre, at=at)
        return box.spec.ref

    def _discharge(self, t: float, **bend: object) -> str:
        crane, call = self.m.quay.any_call()
        box = self.m.quay.discharge(crane, call, t, **bend)  # type: ignore[arg-type]
        return box.spec.ref

    def _unknown_at_gate(self, t: float, at: float | None = None) -> str:
        spec = self.m.ids.container(empty_share=1.0)
        box = Box(spec, "empty")
        self.m.gate.gate_out(t, box=box, at=at)
        return spec.ref

    # ------------------------------------------------------------ the terminal's DCSA kinds

    def _stacked(self, role: str, status: str) -> Box | None:
        """A box of `role` that sits in its slot and whose latest clearance is `status`."""
        m = self.m
        return m.yard.top_box([
            r for r in m.by_role.get(role, [])[-5000:]
            if (b := m.yard.boxes.get(r)) is not None and b.clearance == status])

    def _customs_code(self, t: float) -> str | None:
        """The terminal reports `CUSR` (customs released) for a stacked import customs has
        pending or on hold (innocent: for one customs released)."""
        statuses = ("released",) if self.innocent else ("pending", "hold")
        for status in statuses:
            box = self._stacked(f"import:{status}", status)
            if box is not None and box.slot is not None:
                box.extra["frozen"] = True  # customs decides nothing more about it
                self.m.emit_equipment(t, "CUSR", box, "TOS", Position("slot", *box.slot))
                return box.spec.ref
        return None

    def _late_load(self, t: float) -> str | None:
        """A feeder calls and sails; the terminal then reports one more box loaded onto it
        (innocent: the last box loaded just before it sailed)."""
        m = self.m
        box = self._stacked("export:released", "released")
        if box is None:
            return None
        crane, berthed = m.quay.any_call()
        feeder = VesselCall(m.ids.imo_number(), m.rng.choice(VESSEL_NAMES), m.ids.voyage("W"),
                            berthed.berth)
        m.dcsa.transport("ARRI", feeder, t)
        sails = t + FEEDER_SAILS_AFTER_S
        loaded = sails - EARLY_LOAD_S if self.innocent else sails + LATE_LOAD_S
        key = m.yard.take(box)
        arm = f"ARMG-{key[0]}"

        def pick(at: float) -> None:
            m.yard.done(key)
            m.emit_equipment(at, "PICK", box, arm, Position("slot", *key), crane_id=arm)

        def load(at: float) -> None:
            m.emit_equipment(at, "LOAD", box, crane, Position("berth", berth=feeder.berth,
                                                                crane_id=crane),
                             crane_id=crane, vessel=m.quay.vessel(feeder))
            m.yard.boxes.pop(box.spec.ref, None)
            box.extra["gone"] = True

        m.schedule(t + 0.5, pick)
        m.schedule(sails, lambda at: m.dcsa.transport("DEPA", feeder, at))
        m.schedule(loaded, load)
        return box.spec.ref

    def _door_opened(self, t: float) -> str | None:
        """An e-seal reports the door of a stacked, released import opened, and closed five
        minutes later (innocent: of one customs selected for inspection)."""
        m = self.m
        status = "inspect" if self.innocent else "released"
        box = self._stacked(f"import:{status}", status)
        if box is None or box.slot is None:
            return None
        ref, iso, where = box.spec.ref, box.spec.iso_code, Position("slot", *box.slot)
        box.extra["frozen"] = True
        m.dcsa.iot("DRO", ref, iso, t, where)
        m.schedule(t + DOOR_CLOSES_AFTER_S, lambda at: m.dcsa.iot("DRC", ref, iso, at, where))
        return ref

    # ------------------------------------------------------------ devices and feeds

    def _fence(self, t: float) -> str:
        m = self.m
        seg = m.rng.choice(m.layout["fence"])["id"]
        m.emit_fence(t, seg, "alarm", m.rng.choice(("pulse_break", "tamper", "climb")))
        m.schedule(t + m.rng.uniform(120, 400), lambda at: m.emit_fence(at, seg, "clear", None))
        return str(seg)

    def _device_down(self, t: float) -> str:
        m = self.m
        cam = m.rng.choice(m.layout["cameras"])["id"]
        m.emit_device(t, cam, "down", "no RTP for 10 s")
        m.schedule(t + m.rng.uniform(180, 600), lambda at: m.emit_device(at, cam, "up", None))
        return str(cam)

    def _silence(self, t: float) -> str:
        self.m.emit_control(t, "silence", {"heartbeats": SILENCE_HEARTBEATS})
        return "KHH-T7"
