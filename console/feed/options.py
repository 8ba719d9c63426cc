"""The command-line options that name feeds and how to reach them (`--feed`, `--token`, TLS).

Shared by `yard-console headless` and `yard-console run`: both turn the same
options into the same `FeedConfig`s, refusing a token over plain `ws://`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from console.feed.config import FeedConfig
from console.feed.plaintext import plaintext_refusal

STATION_DEFAULT = "WS-01"


def add_connection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--token", help="bearer token for the gateway")
    p.add_argument("--token-file", type=Path, help="file holding the bearer token")
    p.add_argument("--ca", type=Path, help="CA certificate file for wss://")
    p.add_argument("--cert", type=Path, help="client certificate (PEM) for wss://")
    p.add_argument("--key", type=Path, help="client certificate key (PEM)")
    p.add_argument("--pin", help="SHA-256 fingerprint of the gateway certificate to require")
    p.add_argument("--station", default=STATION_DEFAULT, help="this workstation's station id")
    p.add_argument("--allow-plaintext", action="store_true",
                   help="send the token over ws:// (unencrypted) to another machine; without "
                   "it such a feed is refused")


def feed_configs(args: argparse.Namespace) -> list[FeedConfig]:
    token = args.token
    if args.token_file is not None:
        token = args.token_file.read_text(encoding="utf-8").strip()
    feeds = [
        FeedConfig(
            url=url,
            token=token,
            ca_file=args.ca,
            cert_file=args.cert,
            key_file=args.key,
            pin_sha256=args.pin,
            station=args.station,
            allow_plaintext=args.allow_plaintext,
        )
        for url in args.feed or ()
    ]
    for feed in feeds:
        refusal = plaintext_refusal(feed.url, feed.token, feed.allow_plaintext)
        if refusal is not None:
            raise ValueError(f"{refusal} (--allow-plaintext)")
    return feeds
