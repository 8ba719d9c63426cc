"""The station key as the installer's tools make it: doctor's verdict, self-test's round trip."""

from __future__ import annotations

import stat
from pathlib import Path

from console.audit.key_setup import check_station_key, signing_round_trip
from console.audit.station_key import station_key_dir


def test_doctor_creates_the_key_then_finds_it(tmp_path: Path) -> None:
    config = tmp_path / "etc" / "config.toml"
    first = check_station_key(config)
    assert first.verdict == "ok" and first.data["created"] is True
    private = station_key_dir(config) / "station.key"
    assert private.parent == tmp_path / "etc" / "station-key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    again = check_station_key(config)
    assert again.verdict == "ok" and again.data["created"] is False
    assert again.data["fingerprint"] == first.data["fingerprint"]


def test_doctor_refuses_a_key_others_can_read(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    check_station_key(config)
    (station_key_dir(config) / "station.key").chmod(0o640)
    found = check_station_key(config)
    assert found.verdict == "failed"
    assert "can be read by other users" in found.detail and "chmod 600" in found.detail


def test_the_self_test_round_trip_signs_and_catches_a_cut(tmp_path: Path) -> None:
    assert signing_round_trip(tmp_path) == {"audit_signed": True, "audit_cut_detected": True}
