"""Rules on vehicle positions, fence segments and devices.

These are conditions: each raises when it starts to hold and clears when it
stops (the vehicle moves on, the fence reports `clear`, the device is `up`).
"""

from __future__ import annotations

from console.model import DeviceReport, FenceReport
from console.rules.config import RuleConfig
from console.rules.finding import Clearing, Finding, Verdict
from console.timefmt import format_time
from console.yard.vehicles import VehicleBefore, VehicleRecord


def in_restricted(v: VehicleRecord | VehicleBefore | None) -> bool:
    return v is not None and v.carrying is not None and "restricted" in v.location.kinds


def may_stop_at(v: VehicleRecord, config: RuleConfig) -> bool:
    """Whether a loaded vehicle may stand here: an allowed zone kind or a yard block."""
    return v.location.block is not None or bool(v.location.kinds & config.stop_allowed_zone_kinds)


def judge_position(
    before: VehicleBefore | None, now: VehicleRecord, event_id: str, time: str,
    config: RuleConfig, verdict: Verdict,
) -> bool:
    """Judge one report; return True when a stand-still began that needs a deadline."""
    vid = now.vehicle_id
    inside = in_restricted(now)
    if inside and not in_restricted(before) and config.enabled("RESTRICTED_ZONE"):
        verdict.findings.append(Finding(
            "RESTRICTED_ZONE", vid, event_id, event_id, time,
            {"zones": [z for z, k in now.location.zones if k == "restricted"],
             "carrying": now.carrying, "x": now.x, "y": now.y},
        ))
    elif not inside and in_restricted(before):
        verdict.clearings.append(Clearing("RESTRICTED_ZONE", vid, "left the restricted zone"))
    was_stopped = before is not None and before.stopped_since is not None
    if now.stopped_since is None:
        if was_stopped:
            verdict.clearings.append(Clearing("UNSCHEDULED_STOP", vid, "moving again"))
        return False
    return now.stop_event_id == event_id and not may_stop_at(now, config)


def judge_stop(v: VehicleRecord | None, cause: str, due_time: str) -> Finding | None:
    """At a stand-still's deadline: the finding if the same stop still goes on."""
    if v is None or v.stop_event_id != cause or v.stopped_since is None:
        return None
    return Finding(
        "UNSCHEDULED_STOP", v.vehicle_id, cause, cause, due_time,
        {"carrying": v.carrying, "x": v.x, "y": v.y, "zones": list(v.location.zone_ids()),
         "stopped_since": format_time(v.stopped_since)},
    )


def judge_fence(
    before: FenceReport | None, now: FenceReport, event_id: str, time: str,
    config: RuleConfig, verdict: Verdict,
) -> None:
    seg = now.segment_id
    if now.state == "alarm" and config.enabled("FENCE_INTRUSION"):
        verdict.findings.append(
            Finding("FENCE_INTRUSION", seg, event_id, event_id, time, {"reason": now.reason})
        )
    elif now.state == "clear":
        verdict.clearings.append(Clearing("FENCE_INTRUSION", seg, "fence reports clear"))


def judge_device(
    before: DeviceReport | None, now: DeviceReport, cause: str, event_id: str | None, time: str,
    config: RuleConfig, verdict: Verdict,
) -> None:
    dev = now.device_id
    if now.state == "up":
        verdict.clearings.append(Clearing("DEVICE_DOWN", dev, "device is up"))
        return
    if before is not None and before.state != now.state:
        verdict.clearings.append(Clearing("DEVICE_DOWN", dev, f"device is now {now.state}"))
    if not config.enabled("DEVICE_DOWN"):
        return
    severity = config.severity("DEVICE_DOWN") if now.state == "down" else "low"
    verdict.findings.append(Finding(
        "DEVICE_DOWN", dev, cause, event_id, time,
        {"state": now.state, "device_type": now.device_type, "detail": now.detail},
        severity=severity,
    ))
