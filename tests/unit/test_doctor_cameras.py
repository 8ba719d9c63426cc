"""The doctor's camera part: real MJPEG streams (ffmpeg) and dead addresses, with overrides."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from console.cameras.loopback import FfmpegMjpegSource, free_port
from console.config.model import CameraOverride, ConsoleConfig
from console.doctor.cameras import check_all_cameras
from console.doctor.finding import Finding
from tests.conftest import require_tool


def camera(cam_id: str, substream: str | None, stream: str | None = None) -> dict[str, Any]:
    return {"id": cam_id, "x": 0, "y": 0, "heading_deg": 0, "fov_deg": 60, "range_m": 50,
            "substream": substream, "stream": stream}


def run_check(config: ConsoleConfig, layout: dict[str, Any] | None) -> list[Finding]:
    return asyncio.run(check_all_cameras(config, layout))


def test_a_live_stream_passes_and_a_dead_one_is_named(tmp_path: Path) -> None:
    """A live stream passes (the check watches for 4 s: ffmpeg starts slowly on
    a loaded 2-core machine, and 1.5 s failed there); a refused one is named at once."""
    require_tool("ffmpeg")
    dead = f"http://127.0.0.1:{free_port()}/cam.mjpg"
    with FfmpegMjpegSource(size="320x180", rate=10) as source:
        layout = {"cameras": [camera("CAM-LIVE", source.url, stream=dead),
                              camera("CAM-DEAD", dead), camera("CAM-OFF", dead)]}
        config = ConsoleConfig(camera_check_seconds=4.0, camera_overrides={
            "CAM-OFF": CameraOverride(disabled=True), "CAM-GONE": CameraOverride(disabled=True)})
        findings = run_check(config, layout)
    checks = {f.check: f for f in findings}
    assert checks["override CAM-GONE"].verdict == "warning"
    assert checks["CAM-DEAD substream"].verdict == "warning"
    assert "nothing accepts connections" in checks["CAM-DEAD substream"].detail
    assert "CAM-LIVE substream" not in checks and "CAM-OFF substream" not in checks
    summary = checks["streams"]
    assert summary.verdict == "warning" and summary.detail.startswith("1 of 2 streams")


def test_every_camera_dead_blocks_the_wall(tmp_path: Path) -> None:
    layout_file = tmp_path / "layout.json"
    dead = f"http://127.0.0.1:{free_port()}/cam.mjpg"
    layout_file.write_text(json.dumps({"cameras": [camera("CAM-1", dead)]}))
    config = ConsoleConfig(camera_layout=layout_file, camera_check_seconds=0.5)
    findings = run_check(config, None)
    assert findings[-1].verdict == "failed" and str(layout_file) in findings[-1].detail


def test_an_override_replaces_the_stream_address(tmp_path: Path) -> None:
    require_tool("ffmpeg")
    dead = f"http://127.0.0.1:{free_port()}/cam.mjpg"
    with FfmpegMjpegSource(size="320x180", rate=10) as source:
        config = ConsoleConfig(camera_check_seconds=4.0, camera_overrides={
            "CAM-1": CameraOverride(substream=source.url)})
        findings = run_check(config, {"cameras": [camera("CAM-1", dead)]})
    assert [(f.check, f.verdict) for f in findings] == [("streams", "ok")]


def test_no_layout_anywhere_skips_with_the_reason() -> None:
    [finding] = run_check(ConsoleConfig(), None)
    assert finding.verdict == "skipped" and "[cameras] layout" in finding.detail
