"""Faults a control room must survive, on demand (Python methods and `POST /control/{fault}`).

Each fault is what a real gateway does on a bad night: connections dropped,
sequence numbers lost, a restart with a new epoch, silence, hostile frames,
refused credentials, a device going down.  `FAULTS` lists them with the
arguments `POST /control/{fault}?arg=value` accepts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from testbed.sim.runner import Simulator

HOSTILE: dict[str, bytes] = {
    "nan": b'{"type": "heartbeat", "time": "2026-11-28T20:00:00.000+08:00", "last_seq": NaN}',
    "infinity": b'{"type": "heartbeat", "last_seq": Infinity}',
    "duplicate_key": b'{"type": "heartbeat", "type": "event", "last_seq": 1}',
    "deep": b'{"type": "heartbeat", "x": ' + b"[" * 100 + b"]" * 100 + b"}",
    "not_json": b"\x7b\x22type\x22: heartbeat <html>",
    "not_object": b"[1, 2, 3]",
    "unknown_type": b'{"type": "party", "seq": 1}',
    "huge_number": b'{"type": "heartbeat", "last_seq": 1e999}',
    "too_big": b'{"type": "heartbeat", "pad": "' + b"x" * (1024 * 1024 + 16) + b'"}',
}
BAD_BODIES: dict[str, dict[str, Any]] = {
    "bad_body": {"eventType": "EQUIPMENT", "equipmentEventTypeCode": 42},
    "bad_position": {"vehicleId": "SC001", "x": "east", "y": None},
}

FAULTS: dict[str, str] = {
    "drop": "close every session (?code=1001)",
    "skip": "lose sequence numbers (?n=5&feed=terminal)",
    "new_epoch": "restart with a new epoch and drop every session",
    "silence": "send nothing at all (?seconds=20)",
    "hostile": "send a hostile frame (?kind=KIND&feed=terminal), KIND one of "
    + ", ".join(sorted(HOSTILE) + sorted(BAD_BODIES)),
    "reject_tokens": "refuse every new session with 4401 (?on=1)",
    "device_down": "take a device down (?device=CAM-...&detail=...); device_up brings it back",
    "device_up": "bring a device back (?device=...)",
    "corrections": "how corrections are decided (?mode=rules|accept|reject)",
}


class FaultPanel:
    """The faults of one running simulator (see the module docstring)."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    async def drop(self, code: int = 1001) -> None:
        await self.sim.gateway.drop_all(code, "dropped by the simulator (fault)")

    def skip(self, n: int = 5, feed: str = "terminal") -> None:
        self.sim.feed(feed).log.skip(n)

    async def new_epoch(self) -> None:
        for path in self.sim.paths:
            self.sim.feed(path).log.new_epoch()
        await self.sim.gateway.drop_all(1001, "gateway restarted")

    def silence(self, seconds: float = 20.0) -> None:
        self.sim.gateway.go_silent(seconds)

    async def hostile(self, kind: str = "nan", feed: str = "terminal") -> None:
        if kind in BAD_BODIES:
            log = self.sim.feed(feed).log
            log.append(
                "equipment" if kind == "bad_body" else "position",
                BAD_BODIES[kind],
                time=self.sim.model.clock.stamp(self.sim.model.now),
                source="HOSTILE",
            )
            return
        if kind not in HOSTILE:
            raise ValueError(f"unknown hostile message {kind!r}")
        await self.sim.gateway.send_raw(self.sim.path_of(feed), HOSTILE[kind])

    def reject_tokens(self, on: bool = True) -> None:
        self.sim.gateway.reject_tokens(on)

    def device_down(self, device: str | None = None, detail: str = "no RTP for 10 s") -> str:
        m = self.sim.model
        device = device or m.rng.choice(m.layout["cameras"])["id"]
        m.emit_device(m.now, device, "down", detail)
        self.sim.publish(m.advance(m.now))
        return device

    def device_up(self, device: str) -> None:
        m = self.sim.model
        m.emit_device(m.now, device, "up", None)
        self.sim.publish(m.advance(m.now))

    def corrections(self, mode: str = "rules") -> None:
        if mode not in ("rules", "accept", "reject"):
            raise ValueError("mode is rules, accept or reject")
        for path in self.sim.paths:
            self.sim.feed(path).corrections = mode

    async def apply(self, fault: str, args: dict[str, str]) -> dict[str, Any]:
        """Run a fault named in an HTTP request; returns what to answer."""
        if fault == "drop":
            await self.drop(int(args.get("code", "1001")))
        elif fault == "skip":
            self.skip(int(args.get("n", "5")), args.get("feed", "terminal"))
        elif fault == "new_epoch":
            await self.new_epoch()
        elif fault == "silence":
            self.silence(float(args.get("seconds", "20")))
        elif fault == "hostile":
            await self.hostile(args.get("kind", "nan"), args.get("feed", "terminal"))
        elif fault == "reject_tokens":
            self.reject_tokens(args.get("on", "1") not in ("0", "false", "off"))
        elif fault == "device_down":
            return {
                "ok": True,
                "device": self.device_down(
                    args.get("device"), args.get("detail", "no RTP for 10 s")
                ),
            }
        elif fault == "device_up":
            self.device_up(args["device"])
        elif fault == "corrections":
            self.corrections(args.get("mode", "rules"))
        else:
            raise KeyError(fault)
        return {"ok": True, "fault": fault}


def describe() -> bytes:
    return orjson.dumps({"faults": FAULTS})
