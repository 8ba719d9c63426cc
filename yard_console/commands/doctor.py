"""`yard-console doctor`: every check in order, each with its verdict and fix.

Exit code 0 when nothing blocks an officer (warnings allowed), 1 otherwise.
`--json` prints one object (`findings`, `ready`) for scripts.
`--qt-probe` is internal: the packaged program's way to run the Qt probe child.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from pathlib import Path
from typing import Any

from console.doctor.finding import exit_code, summary


def register(sub: Any) -> None:
    p = sub.add_parser(
        "doctor", help="check configuration, database, feeds, cameras, fonts, Qt and disk",
        description="Check, in order, everything an officer needs: configuration, database, "
        "each feed (reachable, TLS, token, address, heartbeat), each camera, fonts for "
        "Traditional Chinese, Qt's platform plugin and disk space. Exit 1 when something "
        "blocks an officer.")
    p.add_argument("--config", type=Path, help="configuration file (default: "
                   "$YARD_CONSOLE_CONFIG, else the user's, else the machine's)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--no-cameras", action="store_true", help="skip the camera streams")
    p.add_argument("--all-streams", action="store_true",
                   help="check every camera's main stream too, not only its tile's")
    p.add_argument("--feed-timeout", type=float, default=10.0, metavar="SECONDS",
                   help="how long to wait for each feed step (default 10)")
    p.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    if args.qt_probe:
        from console.doctor.qtprobe import main

        return main()
    from console.doctor.run import run_doctor

    findings = asyncio.run(run_doctor(args.config, os.environ, feed_timeout_s=args.feed_timeout,
                                      cameras=not args.no_cameras,
                                      all_streams=args.all_streams))
    code = exit_code(findings)
    if args.json:
        print(json.dumps({"ready": code == 0, "findings": [f.to_json() for f in findings]},
                         ensure_ascii=False))
    else:
        for finding in findings:
            print(finding.describe())
        print(summary(findings))
    return code
