"""`yard-console bench parse`: the careful per-message parsing path, in CPU time per event.

Decode, envelope and body (`parse_server_message` + `normalise_body`), the
path every unusual frame takes, timed on a realistic DCSA 2.2 equipment
event (`yard_console.bench.ingest`'s) `--events` times (10,000 by default), best
of three runs in this thread's CPU time so that other processes on a shared
machine weigh little.  The baseline is plain `json.loads` of the same frame.
Target: under 50 µs an event (20,000 events a second on one core).

Then, in the same run, every shape and kind a DCSA terminal feed sends side by
side: equipment, transport and shipment events in T&T 2.2, 3.0 beta and 3.0,
and the 3.0 IoT and reefer events, each through the careful path (what the
IoT, reefer, transport and shipment events took before the fast lane knew
them) and the fast lane
(`console.protocol.fast_lane`, what they take now), with `json.loads` of the
same frame as the baseline.

This is where the speed check of the parser lives; the test suite checks
what the parser reads, never how fast (a timing assertion fails on a busy
machine while nothing is wrong).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable
from typing import Any

from console.model import IotEvent, ReeferEvent, ShipmentEvent, TransportEvent
from console.protocol import dcsa_shapes, strictjson
from console.protocol.bodies import normalise_body
from console.protocol.dcsa_shapes import iot_30, reefer_30
from console.protocol.fast_lane import read_event
from console.protocol.messages import EventEnvelope, parse_server_message
from yard_console.bench.ingest import _body, _raw_event

TARGET_US = 50.0
T = "2026-11-28T20:01:03.004+08:00"


def frame(body: dict[str, Any] | None = None, kind: str = "equipment") -> bytes:
    return strictjson.dumps({"type": "event", "seq": 1, "id": "KHH-T7:STS03:1",
                             "kind": kind, "time": T, "source": "STS03",
                             "body": _raw_event(1) if body is None else body})


def frames_by_shape() -> list[tuple[str, bytes]]:
    """(label, frame) for each DCSA shape of an equipment event and the 3.0 IoT and reefer."""
    door = IotEvent("KHH-T7:IOT:000001", "ACT", "DRO", T, "EGHU9012345", "45R1",
                    "Kaohsiung Port Terminal 7", "TWKHH", "22.561805", "120.314377", T)
    cold = ReeferEvent("KHH-T7:RF:000002", "ACT", "MEAS", T, "EGHU9012345", "CEL", -18.0,
                       28.5, (-18.3, -17.6), T)
    call = TransportEvent(
        "KHH-T7:B3:TR:000003", "ACT", "ARRI", T, created_time=T, updated_time=T,
        vessel_imo="9321483", vessel_name="King of the Seas", voyage="2103S",
        mode_of_transport="VESSEL", transport_call_reference="B3-2103S",
        location_name="Kaohsiung Port Terminal 7", un_location_code="TWKHH",
        facility_code="KHH07", facility_type="POTE")
    doc = ShipmentEvent("KHH-T7:DOC:000004", "ACT", "RELS", T, created_time=T, updated_time=T,
                        document_type="TRD", document_reference="EGLV140300012345")
    shapes = ("dcsa-2.2", "dcsa-3.0-beta", "dcsa-3.0")
    out = [(f"{shape} equipment", frame(_body(1, shape))) for shape in shapes]
    for shape, suffix in zip(shapes, ("22", "beta", "30"), strict=True):
        out.append((f"{shape} transport",
                    frame(getattr(dcsa_shapes, f"transport_{suffix}")(call), "transport")))
        out.append((f"{shape} shipment",
                    frame(getattr(dcsa_shapes, f"shipment_{suffix}")(doc), "shipment")))
    return [*out, ("dcsa-3.0 iot", frame(iot_30(door), "iot")),
            ("dcsa-3.0 reefer", frame(reefer_30(cold), "reefer"))]


def best_cpu_seconds(work: Callable[[], object], n: int, runs: int = 3) -> float:
    """The fastest of `runs` runs of `n` calls, in this thread's CPU seconds."""
    best = math.inf
    for _ in range(runs):
        start = time.thread_time()
        for _ in range(n):
            work()
        best = min(best, time.thread_time() - start)
    return best


def bench_parse(args: argparse.Namespace) -> int:
    n = int(getattr(args, "events", None) or 10_000)
    text = frame()  # bytes, as the websocket delivers them

    def careful() -> object:
        env = parse_server_message(text)
        if not isinstance(env, EventEnvelope):
            raise RuntimeError(f"the bench frame was refused: {env!r}")
        return normalise_body(env.kind, env.body)

    ours = best_cpu_seconds(careful, n) / n * 1e6
    base = best_cpu_seconds(lambda: json.loads(text), n) / n * 1e6
    print(f"bench parse: {n} DCSA 2.2 equipment events ({len(text)} bytes) through the careful "
          "path, best of 3, CPU time")
    print(f"  console  (strict decode, envelope, body): {ours:8.1f} µs/event")
    print(f"  baseline (json.loads):                   {base:8.1f} µs/event")
    print(f"  target: < {TARGET_US:.0f} µs/event (20,000 events/s on one core)")
    print("  result:", "PASS" if ours < TARGET_US else "BELOW TARGET")
    print(f"  every shape and kind, {n} events each, best of 3, CPU µs/event "
          "(on a shared machine these are upper bounds):")
    print(f"    {'frame':<26}{'bytes':>6}{'careful':>10}{'fast lane':>11}{'json.loads':>12}")
    for label, text in frames_by_shape():
        def slow(text: bytes = text) -> object:
            env = parse_server_message(text)
            assert isinstance(env, EventEnvelope)
            return normalise_body(env.kind, env.body)

        def fast(text: bytes = text, label: str = label) -> object:
            taken = read_event(text)
            if taken is None:
                raise RuntimeError(f"the {label} frame did not take the fast lane")
            return taken

        c, f, j = (best_cpu_seconds(w, n) / n * 1e6 for w in (
            slow, fast, lambda text=text: json.loads(text)))
        print(f"    {label:<26}{len(text):>6}{c:>10.1f}{f:>11.1f}{j:>12.1f}")
    return 0
