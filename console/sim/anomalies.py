"""Every supervision rule's condition, produced on demand or mixed into traffic at a rate.

`--scenario RULE_ID` produces that one condition 15 simulated seconds after
start and every five simulated minutes after that, on top of clean traffic;
`--anomaly-rate R` gives each container move a chance R of bringing one
anomaly along, drawn with field-like weights (misreads and weak OCR common,
a gate-out under hold rare).  Every injection is logged in
`AnomalyInjector.injected` as (simulated second, rule, subject).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from console.sim import ocr
from console.sim.yard import Box

if TYPE_CHECKING:
    from console.sim.traffic import TrafficModel

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
)
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
SCENARIO_FIRST_S = 15.0
SCENARIO_PERIOD_S = 300.0
SILENCE_HEARTBEATS = 4.0  # silent for 4 heartbeat periods (FEED_STALE fires after 3)


class AnomalyInjector:
    def __init__(self, model: TrafficModel) -> None:
        self.m = model
        self.injected: list[tuple[float, str, str]] = []
        self._do: dict[str, Callable[[float], str | None]] = {
            "GATE_OUT_WITHOUT_RELEASE": lambda t: self._gate_out_from(t, ("import:pending",)),
            "GATE_OUT_UNDER_HOLD": lambda t: self._gate_out_from(
                t, ("import:hold", "import:inspect")
            ),
            "SEAL_MISMATCH": self._seal_mismatch,
            "CONTAINER_NUMBER_INVALID": self._misread,
            "OCR_LOW_CONFIDENCE": self._low_confidence,
            "NOT_ON_MANIFEST": lambda t: self._discharge(t, manifest=False),
            "EMPTY_WEIGHT_MISMATCH": self._empty_weight,
            "UNSCHEDULED_STOP": lambda t: self._discharge(t, stop=(0.5, 90.0)),
            "RESTRICTED_ZONE": self._restricted,
            "TRANSFER_OVERDUE": lambda t: self._discharge(
                t, drop_delay=self.m.rng.uniform(2100, 2700)
            ),
            "LOCATION_CONFLICT": lambda t: self._discharge(t, slot=self.m.yard.occupied_top()),
            "UNKNOWN_AT_GATE": self._unknown_at_gate,
            "FENCE_INTRUSION": self._fence,
            "FEED_STALE": self._silence,
            "DEVICE_DOWN": self._device_down,
        }

    def start_scenario(self, rule: str, now: float = 0.0) -> None:
        """Produce `rule`'s condition 15 s after `now` and every five minutes after that."""
        if rule not in self._do:
            raise ValueError(f"unknown scenario {rule!r}; one of {', '.join(RULES)}")
        self.m.schedule(now + SCENARIO_FIRST_S, lambda t: self._repeat(rule, t))

    def _repeat(self, rule: str, t: float) -> None:
        self.inject(rule, t)
        self.m.schedule(t + SCENARIO_PERIOD_S, lambda at: self._repeat(rule, at))

    def inject_random(self, t: float) -> None:
        rule = self.m.rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        self.inject(rule, t)

    def inject(self, rule: str, t: float) -> str | None:
        subject = self._do[rule](t)
        if subject is not None:
            self.injected.append((t, rule, subject))
        return subject

    # ------------------------------------------------------------ container anomalies

    def _gate_out_from(self, t: float, roles: tuple[str, ...]) -> str | None:
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
                m.gate.gate_out(t, box=box)
                return box.spec.ref
        return None

    def _seal_mismatch(self, t: float) -> str | None:
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
        m.gate.gate_out(t + 1, box=box, seals=read)
        return box.spec.ref

    def _misread(self, t: float) -> str:
        spec = self.m.ids.container(empty_share=0.3)
        box = Box(spec, "empty" if spec.empty else "export")
        self.m.gate.gate_in(t, box=box, ocr_text=ocr.misread(spec.ref, self.m.rng))
        return spec.ref

    def _low_confidence(self, t: float) -> str:
        box = self.m.gate.gate_in(t, confidence=round(self.m.rng.uniform(0.45, 0.78), 2))
        return box.spec.ref

    def _empty_weight(self, t: float) -> str:
        spec = self.m.ids.container(empty_share=0.0)
        box = Box(spec, "export")
        gross = spec.tare_kg + round(self.m.rng.uniform(3000, 12000), -1)
        self.m.gate.gate_in(t, box=box, empty="EMPTY", gross_kg=gross)
        return spec.ref

    def _restricted(self, t: float) -> str:
        zones = [
            z
            for z in self.m.layout["zones"]
            if z["kind"] == "restricted" and z["polygon"][0][1] > 400
        ]
        poly = self.m.rng.choice(zones)["polygon"]
        centre = (sum(p[0] for p in poly) / 4, sum(p[1] for p in poly) / 4)
        box = self.m.gate.gate_in(t, restricted=centre)
        return box.spec.ref

    def _discharge(self, t: float, **bend: object) -> str:
        crane, call = self.m.quay.any_call()
        box = self.m.quay.discharge(crane, call, t, **bend)  # type: ignore[arg-type]
        return box.spec.ref

    def _unknown_at_gate(self, t: float) -> str:
        spec = self.m.ids.container(empty_share=1.0)
        box = Box(spec, "empty")
        self.m.gate.gate_out(t, box=box)
        return spec.ref

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
