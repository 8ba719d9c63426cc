"""The doctor's feed part: one real session with each gateway feed, step by step.

For each feed, in order, stopping at the first failure (later steps then
say `skipped`): the address is reachable (TCP), TLS (wss:// only, see
`console.doctor.tls`), the token is accepted (no HTTP 401 and no close
4401), this workstation's address is registered (no close 4403), the
gateway's `welcome` names the role the configuration expects, and the feed
is alive (a heartbeat, or traffic, within two heartbeat periods).  A
terminal feed is also asked for its layout, which the camera check uses.

The probe says hello as `<station>-doctor`, so that it never displaces a
console already running with this station id (4409).  It stores nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import orjson
import websockets
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from console.config.logsetup import hide_in_logs
from console.config.model import FeedSettings
from console.config.values import redact_url
from console.deadline import within
from console.doctor.finding import Finding, failed, ok, skipped, warning
from console.doctor.tls import check_tls
from console.feed.plaintext import plaintext_refusal
from console.protocol import messages as m
from console.timefmt import parse_time

STEPS = ("reachable", "TLS", "token", "address", "role", "heartbeat")
CLOCK_SKEW_WARNING_S = 30.0


@dataclass
class FeedProbe:
    findings: list[Finding] = field(default_factory=list)
    layout: dict[str, Any] | None = None


def _skip_rest(probe: FeedProbe, area: str, why: str) -> FeedProbe:
    done = {f.check for f in probe.findings}
    probe.findings += [skipped(area, s, why) for s in STEPS if s not in done]
    return probe


async def probe_feed(feed: FeedSettings, station: str, timeout_s: float = 10.0) -> FeedProbe:
    """Check one feed end to end (see the module docstring)."""
    area = f"feed {feed.name or feed.role} ({redact_url(feed.url)})"
    probe = FeedProbe()
    parts = urlsplit(feed.url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "wss" else 80)
    config = feed.feed_config(f"{station}-doctor")
    if config.token:  # websockets logs the Authorization header at DEBUG
        hide_in_logs((config.token,))
    try:
        _r, writer = await within(asyncio.open_connection(host, port), timeout_s)
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    except (OSError, TimeoutError) as exc:
        probe.findings.append(failed(
            area, "reachable", f"nothing accepts connections at {host}:{port} "
            f"({exc or 'no answer'})", "check the url (host and port), this workstation's "
            "network route to the gateway and any firewall between them"))
        return _skip_rest(probe, area, "the gateway is unreachable")
    probe.findings.append(ok(area, "reachable", f"{host}:{port} accepts connections"))
    if config.secure:
        tls = await check_tls(config, host, port, area, timeout_s)
        probe.findings.append(tls)
        if tls.verdict == "failed":
            return _skip_rest(probe, area, "TLS failed")
    elif (refusal := plaintext_refusal(config.url, config.token, config.allow_plaintext)):
        probe.findings.append(failed(
            area, "TLS", refusal, "use the gateway's wss:// address, or add allow_plaintext = "
            "true to this [[feed]] if the network between here and the gateway is trusted"))
        return _skip_rest(probe, area, "the token would travel unencrypted")
    else:
        probe.findings.append(ok(area, "TLS", "not used (ws://, loopback and tests only)"))
    try:
        ws = await connect(
            config.url, additional_headers={"Authorization": f"Bearer {config.token}"}
            if config.token else {}, subprotocols=[websockets.Subprotocol(m.SUBPROTOCOL)],
            compression=None, max_size=config.max_frame_bytes, ssl=config.ssl_context(),
            open_timeout=timeout_s, ping_interval=None, close_timeout=2)
    except InvalidStatus as exc:
        code = exc.response.status_code
        check = "token" if code in (401, 403) else "reachable"
        probe.findings.append(failed(
            area, check, f"the gateway answered the handshake with HTTP {code}",
            "ask the terminal operator for a valid token" if code in (401, 403) else
            "check the url's path (/terminal, /clearance)"))
        return _skip_rest(probe, area, f"handshake refused (HTTP {code})")
    except (OSError, TimeoutError, InvalidHandshake) as exc:
        probe.findings.append(failed(area, "token", f"the websocket handshake failed: {exc}",
                                     "check that the url is a feed of a yard-feed.v1 gateway"))
        return _skip_rest(probe, area, "handshake failed")
    try:
        await _session(ws, feed, area, probe, station, timeout_s)
    finally:
        with contextlib.suppress(Exception):
            await within(ws.close(), 2)
    return probe


async def _session(ws: ClientConnection, feed: FeedSettings, area: str, probe: FeedProbe,
                   station: str, timeout_s: float) -> None:
    local = ws.local_address[0] if ws.local_address else "?"
    try:
        await ws.send(orjson.dumps(m.hello(f"{station}-doctor", None, None)).decode())
        welcome = m.parse_server_message(await within(ws.recv(), timeout_s))
    except ConnectionClosed as exc:
        _closed(exc, area, probe, local, feed.token is not None)
        _skip_rest(probe, area, "the gateway closed the session")
        return
    except (TimeoutError, m.MessageRejected) as exc:
        why = "no welcome within the time" if isinstance(exc, TimeoutError) else exc.reason
        probe.findings.append(failed(area, "token", f"the gateway did not welcome the console:"
                                     f" {why}", "check that the url is a yard-feed.v1 feed"))
        _skip_rest(probe, area, "no welcome")
        return
    if not isinstance(welcome, m.Welcome):
        probe.findings.append(failed(area, "token", "the gateway did not start with a welcome",
                                     "check that the url is a yard-feed.v1 feed"))
        _skip_rest(probe, area, "no welcome")
        return
    probe.findings.append(ok(area, "token", "accepted" if feed.token else
                             "none configured, and the gateway asks for none"))
    probe.findings.append(ok(area, "address", f"{local} is registered for this token"
                             if feed.token else f"the gateway lets {local} in"))
    if welcome.role != feed.role:
        probe.findings.append(failed(
            area, "role", f"the gateway serves a {welcome.role} feed ({welcome.feed}), the "
            f"configuration says role = \"{feed.role}\"", f"set role = \"{welcome.role}\" in "
            "this [[feed]] table, or correct its url"))
    else:
        probe.findings.append(_clock(area, welcome))
    if welcome.role == "terminal":
        await ws.send('{"type":"layout_request"}')
    probe.findings.append(await _liveness(ws, area, welcome, probe))


def _clock(area: str, welcome: m.Welcome) -> Finding:
    detail = f"{welcome.role} feed {welcome.feed}, heartbeat every {welcome.heartbeat_s:g} s"
    if welcome.server_time:
        with contextlib.suppress(ValueError):
            skew = time.time() - parse_time(welcome.server_time)
            if abs(skew) > CLOCK_SKEW_WARNING_S:
                return warning(area, "role", f"{detail}; this workstation's clock is "
                               f"{skew:+.0f} s off the gateway's", "synchronise the clock "
                               "(NTP): FEED_STALE and the officers' times use it")
    return ok(area, "role", detail)


def _closed(exc: ConnectionClosed, area: str, probe: FeedProbe, local: str,
            has_token: bool) -> None:
    code = exc.rcvd.code if exc.rcvd is not None else None
    if code == m.CLOSE_BAD_TOKEN and not has_token:
        probe.findings.append(failed(area, "token", "the gateway requires a token and none is "
                                     "configured (close 4401)", "put the token the terminal "
                                     "operator issued in a file and set token_file"))
    elif code == m.CLOSE_BAD_TOKEN:
        probe.findings.append(failed(area, "token", "the gateway refused the token (close "
                                     "4401: missing, unknown or expired)", "ask the terminal "
                                     "operator for a valid token and put it in token_file"))
    elif code == m.CLOSE_BAD_ADDRESS:
        probe.findings.append(ok(area, "token", "accepted"))
        probe.findings.append(failed(area, "address", f"this workstation's address {local} is "
                                     "not registered for the token (close 4403)",
                                     f"ask the gateway operator to register {local} for "
                                     "this workstation's token"))
    else:
        probe.findings.append(failed(area, "token", f"the gateway closed the session (code "
                                     f"{code}): {exc.rcvd.reason if exc.rcvd else ''}",
                                     "see the gateway's log for the reason"))


async def _liveness(ws: ClientConnection, area: str, welcome: m.Welcome,
                    probe: FeedProbe) -> Finding:
    """Wait for a heartbeat (and, for a terminal feed, the layout) for 2 × heartbeat + 2 s."""
    limit = min(2 * welcome.heartbeat_s + 2.0, 60.0)
    start = time.monotonic()
    heartbeat_after: float | None = None
    messages = events = 0
    want_layout = welcome.role == "terminal"
    while time.monotonic() - start < limit:
        if heartbeat_after is not None and (not want_layout or probe.layout is not None):
            break
        try:
            raw = await within(ws.recv(), limit - (time.monotonic() - start))
        except (TimeoutError, ConnectionClosed):
            break
        messages += 1
        with contextlib.suppress(m.MessageRejected):
            msg = m.parse_server_message(raw)
            if isinstance(msg, m.Heartbeat) and heartbeat_after is None:
                heartbeat_after = time.monotonic() - start
            elif isinstance(msg, m.EventEnvelope):
                events += 1
            elif isinstance(msg, m.LayoutMessage):
                probe.layout = msg.body
    if heartbeat_after is not None:
        return ok(area, "heartbeat", f"heartbeat after {heartbeat_after:.1f} s "
                  f"({messages} messages)", messages=messages)
    if events:
        return ok(area, "heartbeat", f"{events} events in {limit:.0f} s (a busy feed "
                  "sends heartbeats only when idle)", messages=messages)
    return failed(area, "heartbeat", f"nothing arrived for {limit:.0f} s after the welcome",
                  "the gateway is connected but silent: ask the terminal operator whether "
                  "the feed is running", messages=messages)
