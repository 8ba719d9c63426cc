"""What `yard-console run` connects to: command-line feeds or a TOML configuration file.

```toml
db = "/var/lib/yard-console/events.sqlite"   # optional
station = "WS-07"                             # optional
[[feed]]
url = "wss://gateway.example:8443/terminal"
token_file = "/etc/yard-console/terminal.token"
ca = "/etc/yard-console/ca.pem"               # optional, also cert / key / pin
```

Command-line `--feed` addresses are added to the file's; `--db` wins over it.
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path
from typing import Any

import platformdirs

from console.feed.commands import feed_configs
from console.feed.config import FeedConfig


def _path(v: Any) -> Path | None:
    return None if v in (None, "") else Path(str(v))


def feeds_and_db(args: argparse.Namespace) -> tuple[list[FeedConfig], Path]:
    feeds: list[FeedConfig] = []
    db: Path | None = None
    station = args.station
    if getattr(args, "config", None) is not None:
        data = tomllib.loads(Path(args.config).read_text(encoding="utf-8"))
        db = _path(data.get("db"))
        station = str(data.get("station", station))
        for f in data.get("feed", []):
            token = f.get("token")
            if f.get("token_file"):
                token = Path(f["token_file"]).read_text(encoding="utf-8").strip()
            feeds.append(FeedConfig(
                url=str(f["url"]), token=token, ca_file=_path(f.get("ca")),
                cert_file=_path(f.get("cert")), key_file=_path(f.get("key")),
                pin_sha256=f.get("pin"), station=station,
            ))
    if args.feed:
        feeds += feed_configs(args)
    if not feeds:
        raise SystemExit("yard-console run: no feeds; give --feed URL or --config FILE")
    if args.db is not None:
        db = Path(args.db)
    if db is None:
        db = Path(platformdirs.user_data_dir("yard-console")) / "events.sqlite"
    return feeds, db
