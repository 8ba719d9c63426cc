"""`yard-console cameras check URL` and `yard-console cameras doctor --layout FILE`.

Both print JSON on stdout for installers and scripts: `check` one object with
the keys of `console.cameras.check.RESULT_KEYS`, `doctor` one object with a
result per camera stream and the totals.  Exit code 0 when every stream
delivered pictures, 1 otherwise, 2 for a layout that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from console.cameras.check import check_cameras, check_stream
from console.layout import read_layout


def register(sub: Any) -> None:
    cameras = sub.add_parser(
        "cameras", help="check camera streams",
        description="Check that camera streams open and deliver pictures (RTSP, HTTP MJPEG).",
    )
    csub = cameras.add_subparsers(dest="cameras_command", metavar="ACTION", required=True)
    check = csub.add_parser(
        "check", help="watch one stream and print what a tile would see, as JSON",
        description="Open URL, decode it for N seconds as a tile would, and print one JSON "
        "object: url, opened, frames, fps, width, height, frame_age_ms_p99, error.",
    )
    check.add_argument("url", metavar="URL", help="rtsp://... or http://.../x.mjpg")
    check.add_argument("--seconds", type=float, default=5.0, help="how long to watch (default 5)")
    check.set_defaults(func=_check)
    doctor = csub.add_parser(
        "doctor", help="check every camera stream of a layout",
        description="Check every sub and main stream of every camera in a layout file "
        "(the layout body of feed-protocol.md section 7, or a `layout` message).",
    )
    doctor.add_argument("--layout", type=Path, required=True, metavar="FILE")
    doctor.add_argument("--seconds", type=float, default=3.0, help="per stream (default 3)")
    doctor.set_defaults(func=_doctor)
    # `yard-console bench cctv` belongs to the bench registry; see yard_console.bench.cameras.


def _check(args: argparse.Namespace) -> int:
    result = check_stream(args.url, args.seconds)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["frames"] > 0 else 1


def _doctor(args: argparse.Namespace) -> int:
    try:
        layout = read_layout(args.layout)
        results = check_cameras(layout, args.seconds)
    except (OSError, ValueError) as exc:
        print(json.dumps({"error": f"cannot read the layout {args.layout}: {exc}"}),
              file=sys.stderr)
        return 2
    failed = [r for r in results if not r["frames"]]
    print(json.dumps({"cameras": results, "streams": len(results), "failed": len(failed)},
                     ensure_ascii=False))
    return 0 if not failed else 1
