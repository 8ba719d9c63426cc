"""The doctor's camera part: every stream of the layout, with this workstation's overrides.

The layout is the one the terminal feed sent during the feed check, else the
configuration's `[cameras] layout` file.  Each stream is watched as a tile
would watch it (`console.cameras.check.check_cameras`).  A dead camera leaves
the console usable (a warning); when every camera fails, the network route
to the cameras is broken and that blocks the CCTV wall (failed).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from console.cameras.check import check_cameras
from console.config.model import ConsoleConfig
from console.config.values import redact_url
from console.doctor.finding import Finding, failed, ok, skipped, warning
from console.layout import read_layout_body

AREA = "cameras"
SHOWN = 10


def layout_for(config: ConsoleConfig, from_feed: Mapping[str, Any] | None) -> tuple[
        dict[str, Any] | None, str]:
    if from_feed is not None:
        return dict(from_feed), "the terminal feed's layout"
    if config.camera_layout is not None:
        try:
            return read_layout_body(config.camera_layout), str(config.camera_layout)
        except (OSError, ValueError) as exc:
            return None, f"the layout file {config.camera_layout} cannot be read: {exc}"
    return None, "no layout: the terminal feed sent none and [cameras] layout is not set"


def tile_streams_only(layout: Mapping[str, Any]) -> dict[str, Any]:
    """The layout with each camera reduced to the stream its tile decodes."""
    cameras = []
    for cam in layout.get("cameras") or []:
        if isinstance(cam, Mapping) and cam.get("substream"):
            cam = {k: v for k, v in cam.items() if k != "stream"}
        cameras.append(cam)
    return dict(layout) | {"cameras": cameras}


async def check_all_cameras(config: ConsoleConfig, from_feed: Mapping[str, Any] | None,
                            *, all_streams: bool = False) -> list[Finding]:
    """One finding per failing stream (at most `SHOWN`, then a count) and a summary."""
    layout, source = layout_for(config, from_feed)
    if layout is None:
        return [skipped(AREA, "streams", source)]
    known = {c.get("id") for c in layout.get("cameras") or [] if isinstance(c, Mapping)}
    findings = [warning(AREA, f"override {cam_id}", "names a camera the layout does not have",
                        "correct or remove this [cameras.override] table")
                for cam_id in config.camera_overrides if cam_id not in known]
    layout = config.apply_camera_overrides(layout)
    if not all_streams:
        layout = tile_streams_only(layout)
    try:
        results = await asyncio.to_thread(check_cameras, layout, config.camera_check_seconds)
    except ValueError as exc:
        return [*findings, failed(AREA, "layout", f"{source}: {exc}",
                                  "ask the terminal for a correct layout")]
    if not results:
        return [*findings, ok(AREA, "streams", f"{source} has no cameras")]
    bad = [r for r in results if not r["frames"]]
    for r in bad[:SHOWN]:
        findings.append(warning(AREA, f"{r['camera']} {r['which'] or ''}".strip(),
                                f"{redact_url(r['url'] or '-')}: {r['error']}",
                                "check the camera and its address, or override it in "
                                "[cameras.override.<ID>] (or disable it there)"))
    if len(bad) > SHOWN:
        findings.append(warning(AREA, "more streams", f"{len(bad) - SHOWN} more streams "
                                "failed (`yard-console doctor --json` lists them all)",
                                "see the cameras above", failed=[r["camera"] for r in bad]))
    good = len(results) - len(bad)
    summary = f"{good} of {len(results)} streams deliver pictures ({source})"
    if good == 0:
        findings.append(failed(AREA, "streams", summary, "no stream works: check the route "
                               "from this workstation to the camera network (or the NVR)"))
    else:
        findings.append(ok(AREA, "streams", summary) if not bad else
                        warning(AREA, "streams", summary, "see the cameras above"))
    return findings
