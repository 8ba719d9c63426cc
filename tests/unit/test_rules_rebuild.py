"""A restarted console rebuilds the yard and its pending deadlines from the store."""

from __future__ import annotations

from pathlib import Path

from console.rules.rebuild import rebuild
from console.rules.supervisor import Supervisor
from console.store.office.alert_rows import SqliteAlertStore
from tests.unit.test_rules_world import BOX, BOX2, LAYOUT, World, stamp


def test_deadline_pending_at_shutdown_fires_once_after_restart(tmp_path: Path) -> None:
    w = World(tmp_path)
    w.equipment("DISC", BOX, craneId="STS03")
    w.later(10).equipment("GTOT", BOX2)
    assert {a.rule for a in w.fired()} == {"GATE_OUT_WITHOUT_RELEASE", "UNKNOWN_AT_GATE"}
    alerts = SqliteAlertStore(w.path)
    restarted = Supervisor(alerts, LAYOUT)
    changes = rebuild(restarted, w.events, [("KHH-T7", "terminal"), ("CUSTOMS", "clearance")])
    assert [c for c in changes if c.action == "raise"] == []
    assert restarted.yard.containers[BOX].stage == "discharged"
    assert restarted.yard.containers[BOX2].stage == "gated_out"
    fired = restarted.heartbeat("KHH-T7", stamp(700))
    assert [c.alert.rule for c in fired if c.action == "raise"] == ["NOT_ON_MANIFEST"]
    assert restarted.heartbeat("KHH-T7", stamp(800)) == []
    alerts.close()
    w.close()
