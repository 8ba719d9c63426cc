"""A burst does not bury the queue: repeats group, the queue puts what matters first."""

from __future__ import annotations

from pathlib import Path

from console.alerts import operations as ops
from console.protocol.iso6346 import make_number
from tests.unit.test_rules_world import BOX, World


def test_flapping_fence_is_one_line_and_a_gate_out_stays_on_top(tmp_path: Path) -> None:
    w = World(tmp_path)
    w.equipment("DISC", BOX, craneId="STS03", ocr={"equipmentReference": BOX,
                                                     "confidence": 0.5})
    for k in range(100):
        w.later(1).fence("F-N-07", "alarm")
        w.wall += 1
        w.later(1).fence("F-N-07", "clear")
        if k == 50:
            w.later(1).equipment("GTOT", BOX)
    for n in range(5):
        w.later(1).device(f"CAM-{n}", "degraded")
    assert len(w.fired("FENCE_INTRUSION")) == 100
    assert w.sup.book.in_flood()
    queue = w.sup.book.queue()
    assert [a.rule for a in queue][:2] == ["GATE_OUT_WITHOUT_RELEASE", "FENCE_INTRUSION"]
    assert [a.severity for a in queue] == sorted(
        (a.severity for a in queue), key=["critical", "high", "medium", "low"].index)
    assert len(queue) == 1 + 1 + 1 + 5  # fence head, gate-out, OCR, five devices
    fence = next(a for a in queue if a.rule == "FENCE_INTRUSION")
    assert fence.repeats == 99
    changes = ops.acknowledge(w.sup.book, fence.alert_id, who="A1", station="WS-01",
                              why="patrol sent to F-N-07")
    assert len(changes) == 100
    assert [a.rule for a in w.sup.book.queue()][-1] == "FENCE_INTRUSION"
    w.close()


def test_different_subjects_are_not_grouped(tmp_path: Path) -> None:
    w = World(tmp_path)
    for n in range(3):
        ref = make_number("ZZZ", n)
        w.later(1).equipment("GTOT", ref)
    heads = [a for a in w.sup.book.heads() if a.rule == "UNKNOWN_AT_GATE"]
    assert len(heads) == 3 and all(a.repeats == 0 for a in heads)
    w.close()
