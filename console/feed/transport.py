"""Reaching a gateway: the websocket, its token, TLS and pin, and why a connection ended.

`open_connection` refuses to send a token in plaintext (unless the installer
allowed it), connects with the feed subprotocol, the bearer token and the TLS
settings of the feed's configuration (CA, client certificate), and turns every
way of failing into words: `Rejected` when trying again cannot help (HTTP
401/403), `Reconnect` when it may.  `check_pin` compares the gateway's
certificate with the pinned fingerprint.  `closed_by` reads a close frame (or
its absence) into the reason the feed reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import websockets
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidHandshake, InvalidStatus
from websockets.frames import Close

from console.feed.config import FeedConfig, certificate_fingerprint
from console.feed.frames import FeedConnection
from console.feed.plaintext import plaintext_refusal
from console.feed.session import Reconnect, Rejected
from console.protocol import messages as m

OPEN_TIMEOUT_S = 10

_CLOSE_WORDS = {
    m.CLOSE_NORMAL: "the gateway closed the connection",
    m.CLOSE_GOING_AWAY: "the gateway is restarting",
    m.CLOSE_POLICY: "the gateway refused a message from the console (policy violation)",
    m.CLOSE_TOO_BIG: "the gateway refused a message from the console as too big",
}


async def open_connection(config: FeedConfig) -> FeedConnection:
    """The websocket to the feed's gateway (`Rejected` or `Reconnect` when there is none)."""
    refusal = plaintext_refusal(config.url, config.token, config.allow_plaintext)
    if refusal is not None:
        raise Rejected(refusal)
    headers = {}
    if config.token:
        headers["Authorization"] = f"Bearer {config.token}"
    try:
        ws = await connect(
            config.url,
            create_connection=FeedConnection,
            additional_headers=headers,
            subprotocols=[websockets.Subprotocol(m.SUBPROTOCOL)],
            compression=None,
            max_size=config.max_frame_bytes,
            ssl=config.ssl_context(),
            open_timeout=OPEN_TIMEOUT_S,
            ping_interval=None,
            close_timeout=2,
            max_queue=64,
        )
        assert isinstance(ws, FeedConnection)
        return ws
    except InvalidStatus as exc:
        code = exc.response.status_code
        if code in (401, 403):
            raise Rejected(
                f"credentials rejected by the gateway (HTTP {code})"
                if code == 401
                else f"access refused by the gateway (HTTP {code})"
            ) from None
        raise Reconnect("disconnected", f"the gateway answered HTTP {code}") from None
    except (OSError, TimeoutError, InvalidHandshake) as exc:
        text = str(exc) or type(exc).__name__
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
            detail = f"the gateway's certificate is not trusted: {text}"
        elif isinstance(exc, TimeoutError):
            detail = "the gateway did not answer within 10 s"
        elif "did not receive a valid HTTP response" in text and config.secure:
            detail = (
                "the gateway refused the TLS connection: it may not accept this client "
                "certificate"
                if config.cert_file
                else "the gateway closed the TLS connection: it may require a client "
                "certificate (--cert and --key)"
            )
        else:
            detail = f"cannot reach the gateway: {text}"
        raise Reconnect("disconnected", detail) from None


def check_pin(config: FeedConfig, ws: FeedConnection) -> None:
    """`Rejected` unless the gateway's certificate matches the pinned fingerprint (if any)."""
    if config.pin_sha256 is None:
        return
    ssl_object = ws.transport.get_extra_info("ssl_object")
    der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
    if der is None or certificate_fingerprint(der) != config.pin_sha256:
        raise Rejected("the gateway's certificate does not match the pinned fingerprint")


@dataclass(frozen=True, slots=True)
class Closed:
    """How a connection ended: what the feed does next, and a frame to quarantine if the
    console closed it over one (its code and reason; the bytes are not kept)."""

    outcome: Reconnect | Rejected
    quarantine: tuple[str, str] | None = None


def closed_by(config: FeedConfig, rcvd: Close | None, sent: Close | None,
              restart_reason: str | None) -> Closed:
    """Why the connection ended, from the close frames received and sent (None: none) and
    the reason the console gave itself for dropping it (`FeedClient.restart`, the
    watchdog)."""
    if restart_reason is not None:
        state = "stale" if restart_reason.startswith("nothing received") else "disconnected"
        return Closed(Reconnect(state, restart_reason))
    code = rcvd.code if rcvd is not None else None
    reason = rcvd.reason if rcvd is not None else ""
    if code == m.CLOSE_BAD_TOKEN:
        return Closed(Rejected("credentials rejected (token missing, unknown or expired)"))
    if code == m.CLOSE_BAD_ADDRESS:
        return Closed(Rejected("address not registered for this token at the gateway"))
    if code == m.CLOSE_DUPLICATE_STATION:
        return Closed(Reconnect(
            "disconnected",
            f"another session with station id {config.station} is connected; "
            "retrying slowly",
            config.duplicate_station_retry_s,
        ))
    if sent is not None and sent.code == 1007:
        return Closed(
            Reconnect("disconnected", "the gateway sent a frame that is not valid UTF-8"),
            ("bad_encoding", "a text frame that is not valid UTF-8; "
             "the console closed the connection and resumes"),
        )
    if sent is not None and sent.code == m.CLOSE_TOO_BIG:
        return Closed(
            Reconnect("disconnected", "the gateway sent a message too large to read"),
            ("too_big", f"a message larger than {config.max_frame_bytes} bytes; "
             "the console closed the connection"),
        )
    words = _CLOSE_WORDS.get(code or 0, "the connection was lost")
    if reason:
        words = f"{words}: {reason}"
    if code is not None:
        words = f"{words} (code {code})"
    return Closed(Reconnect("disconnected", words))
