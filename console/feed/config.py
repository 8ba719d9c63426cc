"""How to reach one feed: address, credentials, TLS, and the client's timings."""

from __future__ import annotations

import hashlib
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One gateway feed the console connects to.

    `key` names the feed in the store and on screen.  Given explicitly, it is
    kept.  Left out, the feed is first known by the URL's host, port and path
    and then by the name the gateway announces in `welcome` (`feed`), so that
    a gateway moving to another address keeps its history and resume point.
    """

    url: str
    key: str = ""
    token: str | None = field(default=None, repr=False)  # a secret: never printed
    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None
    pin_sha256: str | None = None  # hex SHA-256 of the server certificate (DER)
    allow_plaintext: bool = False  # a token over ws:// to another host (console.feed.plaintext)
    station: str = "WS-01"
    backoff_initial_s: float = 0.5
    backoff_max_s: float = 30.0
    duplicate_station_retry_s: float = 30.0
    replay_timeout_s: float = 5.0
    max_frame_bytes: int = 8 * 1024 * 1024  # larger frames close the connection (1009)

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("ws", "wss"):
            raise ValueError(f"feed address must start with ws:// or wss://, not {self.url!r}")
        if not parts.hostname:
            raise ValueError(f"feed address has no host: {self.url!r}")
        if not self.key:
            port = f":{parts.port}" if parts.port else ""
            object.__setattr__(self, "key", f"{parts.hostname}{port}{parts.path or '/'}")
        if self.pin_sha256 is not None:
            pin = self.pin_sha256.replace(":", "").lower()
            if len(pin) != 64 or any(c not in "0123456789abcdef" for c in pin):
                raise ValueError("the certificate pin must be 64 hexadecimal digits (SHA-256)")
            object.__setattr__(self, "pin_sha256", pin)
        if (self.cert_file is None) != (self.key_file is None):
            raise ValueError("a client certificate needs both --cert and --key")

    @property
    def named_by_address(self) -> bool:
        """Was no key given (so the gateway's announced name may replace the address)?"""
        parts = urlsplit(self.url)
        port = f":{parts.port}" if parts.port else ""
        return self.key == f"{parts.hostname}{port}{parts.path or '/'}"

    @property
    def secure(self) -> bool:
        return self.url.startswith("wss://")

    def ssl_context(self) -> ssl.SSLContext | None:
        """The TLS settings for wss:// (TLS 1.2 or newer), or None for ws://."""
        if not self.secure:
            return None
        ctx = ssl.create_default_context(
            cafile=str(self.ca_file) if self.ca_file is not None else None
        )
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        if self.cert_file is not None and self.key_file is not None:
            ctx.load_cert_chain(str(self.cert_file), str(self.key_file))
        return ctx


def certificate_fingerprint(der: bytes) -> str:
    """Hex SHA-256 of a DER certificate, the form `pin_sha256` takes."""
    return hashlib.sha256(der).hexdigest()
