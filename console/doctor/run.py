"""The doctor's checks in order, from one configuration file, as a list of `Finding`s.

Order: configuration, database, each feed (in the file's order), cameras,
Qt platform plugin and fonts, disk space.  A configuration that cannot be
read still lets the workstation checks run (on the default folders), so an
installer learns everything at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from console.audit.key_setup import check_station_key
from console.config.loader import check_config
from console.config.model import ConsoleConfig
from console.config.paths import default_data_dir
from console.config.readiness import readiness_problems
from console.config.validate import Problem
from console.doctor.cameras import check_all_cameras
from console.doctor.database import check_database
from console.doctor.desktop import check_disk, check_qt_and_fonts
from console.doctor.feeds import probe_feed
from console.doctor.finding import Finding, failed, ok, skipped, warning


def check_configuration(path: Path | None,
                        env: Mapping[str, str] | None) -> tuple[ConsoleConfig | None,
                                                                list[Finding]]:
    checked = check_config(path, env)
    area = "configuration"
    findings = [problem_finding(checked.source, p) for p in checked.problems]
    if checked.source is None:
        findings.append(failed(area, "file", "no configuration file found",
                               "write one with `yard-console config init`, then edit it"))
        return None, findings
    config = checked.config
    if config is not None and not config.feeds:
        findings.append(failed(area, "feeds", f"{checked.source} has no [[feed]] table",
                               "add the terminal and clearance feeds"))
    elif config is not None:
        findings += readiness_findings(config)
    if config is not None and not findings:
        findings.append(ok(area, "file", f"{checked.source}: {len(config.feeds)} feed(s), "
                           f"station {config.station}"))
    return config, findings


def readiness_findings(config: ConsoleConfig) -> list[Finding]:
    """A valid file that still leaves the workstation half-done (no clearance feed, a role
    against its address, a token in a file others can read): `console.config.readiness`."""
    return [problem_finding(config.source, p) for p in readiness_problems(config)]


def problem_finding(source: Path | None, p: Problem) -> Finding:
    where = f"{source}:{p.line}" if p.line else str(source)
    make = failed if p.severity == "error" else warning
    return make("configuration", p.key or "file", f"{where}: {p.message}",
                "edit the file, then run `yard-console config check`")


async def run_doctor(path: Path | None = None, env: Mapping[str, str] | None = None, *,
                     feed_timeout_s: float = 10.0, cameras: bool = True,
                     all_streams: bool = False) -> list[Finding]:
    config, findings = check_configuration(path, env)
    layout: dict[str, Any] | None = None
    if config is None:
        findings.append(skipped("database", "database", "the configuration cannot be read"))
        findings.append(skipped("feeds", "feeds", "the configuration cannot be read"))
    else:
        findings += check_database(config.db_path)
        findings.append(check_station_key(config.source))
        for feed in config.feeds:
            probe = await probe_feed(feed, config.station, feed_timeout_s)
            findings += probe.findings
            layout = layout or probe.layout
        if cameras:
            findings += await check_all_cameras(config, layout, all_streams=all_streams)
        else:
            findings.append(skipped("cameras", "streams", "not asked (--no-cameras)"))
    findings += check_qt_and_fonts(config.language if config else "zh_TW", env)
    findings.append(check_disk(config.data_dir if config else default_data_dir()))
    return findings
