"""The cctv bench runs end to end on real streams and reports consistent numbers."""

from __future__ import annotations

import argparse
import json

import pytest

from tests.conftest import require_tool
from yard_console.bench.cameras import bench_cctv, verdict, with_defaults


def test_shared_bench_parser_arguments_get_this_benchs_defaults() -> None:
    args = with_defaults(argparse.Namespace(target="cctv", messages=5, seed=7))
    assert (args.tiles, args.seconds, args.fps, args.size) == (16, 30.0, 15, "640x360")
    assert args.encode_live is False


@pytest.mark.slow
def test_a_short_bench_of_two_tiles(capsys: pytest.CaptureFixture[str]) -> None:
    require_tool("ffmpeg")
    args = argparse.Namespace(tiles=2, seconds=3.0, fps=15, size="320x180", poll_hz=30.0,
                              baseline_seconds=1.0, encode_live=False)
    code = bench_cctv(args)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("cctv bench: 2 tiles of 320x180 at 15 fps")
    result = json.loads(out[-1])
    assert code == (0 if all(result["targets_met"].values()) else 1)
    assert result["targets_met"] == verdict(result)
    assert 0 < result["frames_delivered"] <= result["frames_produced"]
    assert result["frames_delivered"] + result["frames_dropped"] <= result["frames_produced"] + 2
    assert 30 <= result["frames_produced"] <= 100  # 2 × 15 fps × 3 s; a loaded CI box lags
    assert 0 <= result["frame_age_ms_p99"] < 1000 and result["picture_age_ms_p99"] > 0
    assert result["baseline"]["frames"] >= 10
    assert 0 <= result["decode_cores"] < 1
