"""`yard-console cameras check` and `cameras doctor`, run as the installer runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from console.cameras.check import RESULT_KEYS, percentile
from console.cameras.loopback import FfmpegMjpegSource, free_port
from tests.conftest import require_tool

CLI = str(Path(sys.executable).with_name("yard-console"))


def run(*args: str, timeout: float = 60) -> tuple[int, Any]:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout,
                          check=False)
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else done.stderr


@pytest.mark.slow
def test_check_a_live_mjpeg_stream_prints_one_json_object() -> None:
    require_tool("ffmpeg")
    with FfmpegMjpegSource() as src:
        code, out = run("cameras", "check", src.url, "--seconds", "3")
    assert code == 0
    assert tuple(out) == RESULT_KEYS
    assert out["url"] == src.url and out["opened"] is True and out["error"] is None
    assert (out["width"], out["height"]) == (640, 360)
    assert 35 <= out["frames"] <= 50  # 15 fps for 3 s
    assert out["fps"] == pytest.approx(15, abs=2)
    assert 0 <= out["frame_age_ms_p99"] <= 150


def test_check_a_dead_address_says_so_and_fails() -> None:
    url = f"http://127.0.0.1:{free_port()}/cam.mjpg"
    code, out = run("cameras", "check", url, "--seconds", "1")
    assert code == 1
    assert out["opened"] is False and out["frames"] == 0 and out["fps"] == 0
    assert out["error"].startswith("nothing accepts connections at 127.0.0.1:")


@pytest.mark.slow
def test_doctor_reports_every_camera_of_a_layout(tmp_path: Path) -> None:
    require_tool("ffmpeg")
    dead = f"http://127.0.0.1:{free_port()}/x.mjpg"
    with FfmpegMjpegSource() as src:
        layout = {"type": "layout", "version": "t", "body": {"cameras": [
            {"id": "CAM-OK", "x": 0, "y": 0, "heading_deg": 0, "fov_deg": 60, "range_m": 50,
             "substream": src.url},
            {"id": "CAM-DEAD", "x": 0, "y": 0, "heading_deg": 0, "fov_deg": 60,
             "range_m": 50, "stream": dead},
            {"id": "CAM-NONE", "x": 0, "y": 0, "heading_deg": 0, "fov_deg": 60,
             "range_m": 50},
        ]}}
        path = tmp_path / "layout.json"
        path.write_text(json.dumps(layout), encoding="utf-8")
        code, out = run("cameras", "doctor", "--layout", str(path), "--seconds", "2")
    assert code == 1
    by_id = {r["camera"]: r for r in out["cameras"]}
    assert by_id["CAM-OK"]["frames"] > 15 and by_id["CAM-OK"]["which"] == "substream"
    assert by_id["CAM-DEAD"]["which"] == "stream" and by_id["CAM-DEAD"]["opened"] is False
    assert "no stream" in by_id["CAM-NONE"]["error"]
    assert (out["streams"], out["failed"]) == (3, 2)


def test_doctor_refuses_an_unreadable_layout(tmp_path: Path) -> None:
    path = tmp_path / "layout.json"
    path.write_text('{"cameras": [{"id": "C", "x": NaN}]}', encoding="utf-8")
    code, err = run("cameras", "doctor", "--layout", str(path))
    assert code == 2 and "cannot read the layout" in err


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 99) is None
    assert percentile([5.0], 99) == 5.0
    assert percentile([float(i) for i in range(1, 101)], 99) == 99.0
    assert percentile([float(i) for i in range(1, 1001)], 99) == 990.0
