"""The doctor's TLS step for one wss:// feed: trusted, pinned, not about to expire.

Run after the TCP connection succeeded and before the websocket handshake,
so that a certificate problem is named as such (the websocket library would
report a refused client certificate only as "did not receive a valid HTTP
response").  The client certificate and key are loaded first: a key that
does not match its certificate, or a file that is not PEM, is found here.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time

from console.deadline import within
from console.doctor.finding import Finding, failed, ok, warning
from console.feed.config import FeedConfig, certificate_fingerprint

EXPIRY_WARNING_DAYS = 30
POST_HANDSHAKE_WAIT_S = 0.5


def _context(config: FeedConfig, area: str) -> ssl.SSLContext | Finding:
    try:
        ctx = config.ssl_context()
    except (ssl.SSLError, OSError) as exc:
        files = " and ".join(str(p) for p in (config.cert_file, config.key_file) if p)
        what = f"the client certificate ({files})" if files else f"the CA file {config.ca_file}"
        return failed(area, "TLS", f"{what} cannot be loaded: {exc}",
                      "check that cert and key are PEM files of one pair, and ca a PEM CA "
                      "certificate")
    assert ctx is not None
    return ctx


async def _refused_after_handshake(reader: asyncio.StreamReader) -> str | None:
    """With TLS 1.3 a refused client certificate arrives as an alert after the handshake:
    listen briefly (the gateway itself waits for our HTTP request, so silence is good)."""
    try:
        data = await within(reader.read(1), POST_HANDSHAKE_WAIT_S)
    except TimeoutError:
        return None
    except (ssl.SSLError, OSError) as exc:
        return str(getattr(exc, "reason", None) or exc)
    return None if data else "connection closed"


async def check_tls(config: FeedConfig, host: str, port: int, area: str,
                    timeout_s: float) -> Finding:
    """One finding: the handshake's verdict, with the certificate's expiry and pin."""
    ctx = _context(config, area)
    if isinstance(ctx, Finding):
        return ctx
    try:
        reader, writer = await within(
            asyncio.open_connection(host, port, ssl=ctx, server_hostname=host), timeout_s)
    except ssl.SSLCertVerificationError as exc:
        return failed(area, "TLS", f"the gateway's certificate is not trusted: "
                      f"{exc.verify_message}", "set ca to the CA certificate that signed the "
                      "gateway's certificate (ask the terminal's IT), and use the host name "
                      "the certificate was issued for")
    except ssl.SSLError as exc:
        return failed(area, "TLS", f"the TLS handshake failed: {exc.reason or exc}",
                      "the gateway may require a client certificate (cert and key) or a "
                      "newer TLS version; ask the terminal's IT which")
    except (OSError, TimeoutError) as exc:
        return failed(area, "TLS", f"the TLS handshake did not complete: {exc or 'timeout'}",
                      "check that the address is the gateway's TLS port (wss://)")
    refused = await _refused_after_handshake(reader)
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object else None
        cert = ssl_object.getpeercert() if ssl_object else None
        version = ssl_object.version() if ssl_object else None
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    if refused is not None:
        has_cert = config.cert_file is not None
        return failed(area, "TLS", f"the gateway ended the connection after the TLS handshake "
                      f"({refused}): it {'refused this' if has_cert else 'requires a'} client "
                      "certificate", "ask the terminal's IT for a client certificate signed by "
                      "the CA the gateway trusts, and set cert and key" if not has_cert else
                      "check that cert is the certificate the terminal's IT issued for this "
                      "workstation, and still valid")
    fingerprint = certificate_fingerprint(der) if der else None
    if config.pin_sha256 is not None and fingerprint != config.pin_sha256:
        return failed(area, "TLS", f"the gateway's certificate fingerprint {fingerprint} does "
                      "not match pin_sha256", "if the terminal renewed its certificate, put "
                      "the new fingerprint in pin_sha256 (confirm it with the terminal's IT "
                      "first: a mismatch may also be an attack)", fingerprint=fingerprint)
    days = None
    if cert and "notAfter" in cert:
        days = (ssl.cert_time_to_seconds(str(cert["notAfter"])) - time.time()) / 86400
    detail = f"{version}, certificate trusted" + (", pinned" if config.pin_sha256 else "")
    if days is not None and days < EXPIRY_WARNING_DAYS:
        return warning(area, "TLS", f"{detail}, but it expires in {days:.0f} days",
                       "ask the terminal's IT to renew the gateway certificate",
                       fingerprint=fingerprint, expires_in_days=round(days, 1))
    if days is not None:
        detail += f", valid for {days:.0f} more days"
    return ok(area, "TLS", detail, fingerprint=fingerprint,
              expires_in_days=None if days is None else round(days, 1))
