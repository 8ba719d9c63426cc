"""`Supervisor`: the one object the engine talks to.

The engine hands it every committed event in `seq` order per feed, every
snapshot, heartbeat and feed-state change, and a tick about once a second.
The supervisor keeps the yard state, judges the rules around each input,
runs the timed rules on each feed's clock (and `FEED_STALE` on the console's
clock), and returns the alert changes it made; they are already in the alert
store when it returns.
"""

from __future__ import annotations

import logging
import time as _time
from collections.abc import Callable, Mapping
from typing import Any

from console.alerts.book import AlertBook
from console.alerts.model import Alert, AlertChange
from console.alerts.operations import expire_shelves
from console.alerts.store import AlertStore
from console.layout import Layout
from console.model import (
    Clearance,
    DeviceReport,
    EquipmentEvent,
    FeedEvent,
    FenceReport,
    IotEvent,
    PositionReport,
    Snapshot,
)
from console.rules.config import RuleConfig
from console.rules.container_rules import OCR_CAUSE_SUFFIX, REJUDGED, Judged, judge_equipment
from console.rules.customs_codes import RULE as CUSTOMS_RULE
from console.rules.customs_codes import disagreement, latest_code
from console.rules.deadlines import Deadline, Deadlines
from console.rules.door_rules import judge_door
from console.rules.finding import Clearing, Finding, Verdict
from console.rules.telemetry_rules import (
    judge_device,
    judge_fence,
    judge_position,
    judge_stop,
    may_stop_at,
)
from console.store.base import StoreError
from console.timefmt import format_time, try_parse_time
from console.yard.changes import YardChanges
from console.yard.containers import record_before
from console.yard.retention import DEPARTED_RETENTION_S, Retention
from console.yard.state import YardState

log = logging.getLogger("console.rules")

# "renamed": the feed's address gave way to the name its gateway announced (it goes on there)
BACK_STATES = ("connected", "resumed", "snapshot", "renamed")
DOWN_STATES = ("disconnected", "rejected")
_LEAVES_TRANSFER = ("DROP", "LOAD", "GTOT")


def live_retention(config: RuleConfig) -> Retention:
    """The live yard's memory bound: never shorter than the longest timed rule (plus a minute),
    so a deadline never asks about a container already forgotten."""
    longest = max(config.no_clearance_after_s, config.transfer_overdue_after_s,
                  config.stop_after_s)
    return Retention(departed_after_s=max(DEPARTED_RETENTION_S, longest + 60.0))


class Supervisor:
    def __init__(
        self, alerts: AlertStore, layout: Layout | Mapping[str, Any] | None = None,
        config: RuleConfig | None = None, *, wall_clock: Callable[[], float] = _time.time,
    ) -> None:
        self.config = config or RuleConfig()
        self.book = AlertBook(alerts, wall_clock)
        self.yard = YardState(layout, stop_speed=self.config.stop_speed_mps,
                              retention=live_retention(self.config), changes=True)
        self.deadlines = Deadlines()
        self._disconnected: dict[str, tuple[float, float]] = {}
        self._pending_clear: list[Alert] = []
        self.faults = 0
        self._pending_why = ""

    def set_layout(self, layout: Layout | Mapping[str, Any]) -> None:
        """Use a new layout; loaded vehicles already standing where they may not get a deadline."""
        self.yard.set_layout(layout)
        for v in self.yard.vehicles.values():
            if v.stopped_since is not None and v.stop_event_id is not None and v.feed \
                    and not may_stop_at(v, self.config):
                self.deadlines.add(v.feed, v.stopped_since + self.config.stop_after_s,
                                   "UNSCHEDULED_STOP", v.vehicle_id, v.stop_event_id,
                                   v.stop_event_id)

    def apply_snapshot(self, feed_key: str, role: str, snap: Snapshot) -> list[AlertChange]:
        self.yard.apply_snapshot(feed_key, role, snap)
        health = self.yard.feed(feed_key)
        when = snap.time or format_time(health.clock or self.book.now())
        verdict = Verdict()
        cause = f"{feed_key}:{snap.epoch}:{snap.seq}"
        for d in snap.devices:
            judge_device(None, d, f"{cause}:{d.device_id}", None, when, self.config, verdict)
        return self._settle(feed_key, verdict) + self._run_due(feed_key)

    def take_yard_changes(self) -> YardChanges:
        """What the yard changed since the last call (the map applies these)."""
        return self.yard.take_changes()

    def heartbeat(self, feed_key: str, time: str) -> list[AlertChange]:
        self.yard.feed(feed_key).advance(try_parse_time(time))
        return self._run_due(feed_key)

    def apply(self, feed_key: str, role: str, event: FeedEvent) -> list[AlertChange]:
        """Judge one committed event.  A fault in a rule is logged with the event and
        counted (`faults`), never raised: one odd event must not stop supervision.
        A `StoreError` of the alert store is an environment problem and is raised."""
        try:
            return self._apply(feed_key, role, event)
        except StoreError:
            raise
        except Exception:
            self.faults += 1
            self._pending_clear = []
            log.exception("rules failed on event %s (feed %s, seq %s)", event.id, feed_key,
                          event.seq)
            return []

    def _apply(self, feed_key: str, role: str, event: FeedEvent) -> list[AlertChange]:
        health = self.yard.feed(feed_key)
        health.role = role
        health.advance(try_parse_time(event.time))
        body = event.body
        verdict = Verdict()
        if type(body) is PositionReport:
            before, now = self.yard.apply_position(feed_key, event, body)
            if judge_position(before, now, event.id, event.time, self.config, verdict) \
                    and now.stopped_since is not None and self.yard.layout.known:
                self.deadlines.add(feed_key, now.stopped_since + self.config.stop_after_s,
                                   "UNSCHEDULED_STOP", now.vehicle_id, event.id, event.id)
        elif isinstance(body, EquipmentEvent):
            self._equipment(feed_key, event, body, verdict)
        elif isinstance(body, Clearance):
            self.yard.apply(feed_key, event)
            ref = body.equipment_reference
            verdict.clearings.append(Clearing("NOT_ON_MANIFEST", ref, "clearance message arrived"))
            if body.status == "released":
                for rule in ("GATE_OUT_WITHOUT_RELEASE", "GATE_OUT_UNDER_HOLD"):
                    verdict.clearings.append(Clearing(rule, ref, "release arrived"))
            rec = self.yard.container(ref)
            code = latest_code(rec.history) if rec is not None else None
            if code is not None and disagreement(code, body.status) is None:
                verdict.clearings.append(Clearing(
                    CUSTOMS_RULE, ref, f"our decision ({body.status}) now agrees with {code}"))
        elif isinstance(body, FenceReport):
            fence_before = self.yard.fences.get(body.segment_id)
            self.yard.apply(feed_key, event)
            judge_fence(fence_before, body, event.id, event.time, self.config, verdict)
        elif isinstance(body, DeviceReport):
            device_before = self.yard.devices.get(body.device_id)
            self.yard.apply(feed_key, event)
            judge_device(device_before, body, event.id, event.id, event.time, self.config, verdict)
        elif isinstance(body, IotEvent):
            self._iot(feed_key, event, body, verdict)
        else:
            self.yard.apply(feed_key, event)
        busy = verdict.findings or verdict.clearings or self._pending_clear
        changes = self._settle(feed_key, verdict) if busy else []
        if self.deadlines.next_due(feed_key) < (health.clock or 0.0):
            changes += self._run_due(feed_key)
        return changes

    def _equipment(
        self, feed_key: str, event: FeedEvent, ev: EquipmentEvent, verdict: Verdict
    ) -> None:
        # A correction, retraction or 3.0 update naming an event the live yard let go of:
        # its container is read back from the store first, and the event is judged as if
        # the yard had never let go.
        self.yard.bring_back(event)
        if ev.retracted:
            withdrawn = self.yard.retracted_event(ev.withdrawn_id)
            self.yard.apply(feed_key, event)
            if withdrawn is not None:
                self._withdrawn(withdrawn, f"event withdrawn by {event.id}")
            return
        if ev.classifier != "ACT" or self.yard.outdated(ev):
            self.yard.apply(feed_key, event)
            return
        overridden = self.yard.overrides(ev) if event.corrects is None else None
        if overridden is not None:
            self.yard.retract(ev.event_id)  # judged against the yard without the old version
            self._withdrawn(overridden, f"event updated by {event.id}")
        ref = ev.equipment_reference
        replaced = self.yard.original_of(event)
        if replaced is None:
            j = Judged(event.id, event.id, ev, self.yard.container(ref),
                       self.yard.clearances.current(ref))
            verdict.findings.extend(judge_equipment(self.yard, j, self.config))
            self.yard.apply(feed_key, event)
            cause = event.id
        else:
            self.yard.apply(feed_key, event)
            cause = replaced.root_id
            rec = self.yard.container(ref)
            prior = record_before(rec, replaced.apply_no) if rec is not None else None
            j = Judged(event.id, cause, ev, prior,
                       self.yard.clearances.at(ref, replaced.apply_no))
            found = judge_equipment(self.yard, j, self.config, judge_ocr=False)
            verdict.findings.extend(found)
            self._rejudge(event, cause, ref, found)
            for changed in {ref, replaced.original_ref}:
                self._ask_again(feed_key, changed, event.id)
        if ev.event_type == "DISC":
            disc = try_parse_time(ev.event_time) or self.yard.feed(feed_key).clock
            if disc is not None:
                self.deadlines.add(feed_key, disc + self.config.no_clearance_after_s,
                                   "NOT_ON_MANIFEST", ref, cause, event.id)
                self.deadlines.add(feed_key, disc + self.config.transfer_overdue_after_s,
                                   "TRANSFER_OVERDUE", ref, cause, event.id)
        elif ev.event_type in _LEAVES_TRANSFER:
            verdict.clearings.append(Clearing("TRANSFER_OVERDUE", ref, f"{ev.event_type} arrived"))

    def _ask_again(self, feed_key: str, ref: str, skip: str) -> None:
        """After a correction changed `ref`'s history: the timed questions of its discharges
        that were already asked (against the history before the correction) are asked
        again, so that the live run answers as a replay of the corrected facts does."""
        rec = self.yard.container(ref)
        clock = self.yard.feed(feed_key).clock
        if rec is None or clock is None:
            return
        for _, eid, ev in rec.history:
            disc = try_parse_time(ev.event_time) if ev.event_type == "DISC" else None
            if disc is None or eid == skip:
                continue
            root = self.yard.root_id(eid)
            for rule, after in (("NOT_ON_MANIFEST", self.config.no_clearance_after_s),
                                ("TRANSFER_OVERDUE", self.config.transfer_overdue_after_s)):
                if disc + after < clock:
                    self.deadlines.add(feed_key, disc + after, rule, ref, root, eid)

    def _iot(self, feed_key: str, event: FeedEvent, ev: IotEvent, verdict: Verdict) -> None:
        """An IoT report; its retraction or newer version withdraws the alert the held one
        raised (a door report that was wrong, or was the door closing), an older one is
        ignored."""
        held = self.yard.iot.held(ev.event_id)
        if ev.retracted:
            self.yard.apply(feed_key, event)
            if held is not None:
                self._withdrawn(held, f"event withdrawn by {event.id}")
            return
        if self.yard.iot.outdated(ev):
            self.yard.apply(feed_key, event)
            return
        if held is not None and ev.updated_time is not None:
            self._withdrawn(held, f"event updated by {event.id}")
        ref = ev.equipment_reference
        verdict.findings.extend(judge_door(ev, event.id, self.yard.container(ref),
                                           self.yard.clearances.current(ref), self.config))
        self.yard.apply(feed_key, event)

    def _withdrawn(self, event_id: str, why: str) -> None:
        """Clear, with the next settle, the alerts the withdrawn event `event_id` raised."""
        root = self.yard.root_id(event_id)
        self._pending_clear.extend(
            self.book.open_by_event(event_id) + (
                self.book.open_by_event(root) if root != event_id else []))
        self._pending_why = why

    def _rejudge(self, event: FeedEvent, root: str, ref: str, found: list[Finding]) -> None:
        """Clear what the corrected original raised and no longer holds."""
        keep = {(f.rule, f.subject, f.cause) for f in found}
        ids = {root, event.corrects or root}
        olds = [a for i in sorted(ids) for a in self.book.open_by_event(i)]
        stale = []
        for a in olds:
            if a.rule in REJUDGED and not a.cause.endswith(OCR_CAUSE_SUFFIX):
                if (a.rule, a.subject, a.cause) not in keep:
                    stale.append(a)
            elif a.rule in ("NOT_ON_MANIFEST", "TRANSFER_OVERDUE") and a.subject != ref:
                stale.append(a)
        if stale:
            self._pending_clear.extend(stale)
            self._pending_why = f"corrected by {event.id}"

    def _settle(self, feed_key: str, verdict: Verdict) -> list[AlertChange]:
        changes: list[AlertChange] = []
        if self._pending_clear:
            changes += self.book.clear(self._pending_clear, self._pending_why)
            self._pending_clear = []
        for c in verdict.clearings:
            opened = self.book.open_for(c.rule, c.subject)
            if opened:
                changes += self.book.clear(opened, c.why)
        for f in verdict.findings:
            changes += self.book.raise_alert(
                rule=f.rule, severity=f.severity or self.config.severity(f.rule),
                subject=f.subject, cause=f.cause, feed=feed_key, event_id=f.event_id,
                raised_at=f.time, detail=f.detail,
            )
        return changes

    def _run_due(self, feed_key: str) -> list[AlertChange]:
        due = self.deadlines.due(feed_key, self.yard.feed(feed_key).clock)
        if not due:
            return []
        verdict = Verdict()
        for d in due:
            finding = self._judge_deadline(d)
            if finding is not None and self.config.enabled(finding.rule):
                verdict.findings.append(finding)
        return self._settle(feed_key, verdict)

    def _judge_deadline(self, d: Deadline) -> Finding | None:
        at = format_time(d.due)
        if d.rule == "UNSCHEDULED_STOP":
            return judge_stop(self.yard.vehicles.get(d.subject), d.cause, at)
        rec = self.yard.container(d.subject)
        if rec is None:
            return None
        # Only the discharge version that set this deadline: a correction sets its own (from
        # its own time), and the question asked for the version it replaced is void.
        disc_no = next((n for n, eid, ev in rec.history
                        if ev.event_type == "DISC" and eid == d.event_id), None)
        if disc_no is None:
            return None
        if d.rule == "NOT_ON_MANIFEST":
            if self.yard.clearances.current(d.subject) is not None:
                return None
            return Finding(d.rule, d.subject, d.cause, d.event_id, at,
                           {"discharged_at": rec.discharged_at})
        moved = any(n > disc_no and ev.event_type in _LEAVES_TRANSFER
                    for n, _, ev in rec.history)
        if moved:
            return None
        return Finding(d.rule, d.subject, d.cause, d.event_id, at,
                       {"discharged_at": rec.discharged_at, "stage": rec.stage})

    def feed_status(
        self, feed_key: str, state: str, at_console_time: float, detail: str | None = None
    ) -> list[AlertChange]:
        health = self.yard.feed(feed_key)
        health.state, health.since, health.detail = state, at_console_time, detail
        if state == "gap":
            health.gaps.append(detail or "")
        verdict = Verdict()
        if state in BACK_STATES:
            self._disconnected.pop(feed_key, None)
            verdict.clearings.append(Clearing("FEED_STALE", feed_key, f"feed {state}"))
        elif state == "stale":
            verdict.findings.append(self._stale(feed_key, self.book.now(), detail))
        elif state in DOWN_STATES:
            self._disconnected.setdefault(feed_key, (at_console_time, self.book.now()))
        if not self.config.enabled("FEED_STALE"):
            verdict.findings.clear()
        return self._settle(feed_key, verdict)

    def _stale(self, feed_key: str, since_wall: float, detail: str | None) -> Finding:
        return Finding("FEED_STALE", feed_key, f"{feed_key}@{format_time(since_wall)}", None,
                       format_time(self.book.now()), {"detail": detail, "state": self.yard.feed(
                           feed_key).state})

    def tick(self, console_time: float) -> list[AlertChange]:
        """Once a second: shelving expiry (wall clock) and disconnection time (console clock).

        `console_time` may be monotonic: it is only compared with the times given
        to `feed_status`; wall-clock stamps come from the alert book's clock.
        """
        changes = expire_shelves(self.book, self.book.now())
        verdict = Verdict()
        for feed_key, (since, since_wall) in sorted(self._disconnected.items()):
            if console_time - since > self.config.disconnected_after_s \
                    and self.config.enabled("FEED_STALE"):
                verdict.findings.append(self._stale(feed_key, since_wall, "disconnected"))
        for f in verdict.findings:
            changes += self.book.raise_alert(
                rule=f.rule, severity=self.config.severity(f.rule), subject=f.subject,
                cause=f.cause, feed=f.subject, event_id=None, raised_at=f.time, detail=f.detail,
            )
        return changes
