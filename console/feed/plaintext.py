"""A bearer token never crosses the network in clear unless the installer said so.

`ws://` carries the `Authorization` header unencrypted: anyone on the path
can read the token and connect as this workstation.  On loopback nothing
leaves the machine (the simulator, the tests, a gateway tunnel ending on
this host), so `ws://` stays allowed there.  To any other host, a feed with
a token must use `wss://`, or its configuration must say
`allow_plaintext = true` (a lab network, a gateway without TLS yet).

`plaintext_refusal` is the one place this is decided: `config check` and the
doctor report it, `headless --feed` refuses to start with it, and the feed
client refuses to connect with it (the token is then never sent).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback_host(host: str | None) -> bool:
    """True for `localhost` and any loopback address (127.0.0.0/8, ::1)."""
    if not host:
        return False
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plaintext_refusal(url: str, token: str | None, allow_plaintext: bool) -> str | None:
    """Why this feed may not connect as configured, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme != "ws" or not token or allow_plaintext or is_loopback_host(parts.hostname):
        return None
    return (f"refusing to send the token to {parts.hostname} over ws:// (unencrypted): anyone "
            "on the network could read it and connect as this workstation; use wss://, or set "
            "allow_plaintext = true for this feed if the network is trusted")
