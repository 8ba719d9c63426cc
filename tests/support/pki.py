"""A throw-away PKI made with the real `openssl`: a CA, a server certificate for 127.0.0.1
signed by it, a client certificate, and a stranger CA that signed nothing of ours."""

from __future__ import annotations

import hashlib
import ssl
import subprocess
from pathlib import Path

from tests.conftest import require_tool

NAMES = ("ca", "stranger", "server", "client")


def make_pki(d: Path, *, server_days: int = 2, client_days: int = 2) -> dict[str, Path]:
    """Certificates `{name}` and keys `{name}_key` for every name of NAMES, written in `d`."""
    openssl = require_tool("openssl")

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], cwd=d, check=True, capture_output=True, timeout=60)

    for ca in ("ca", "stranger"):
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{ca}.key", "-out",
            f"{ca}.pem", "-days", "2", "-subj", f"/CN=Yard test {ca}")
    (d / "san.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name, days in (("server", server_days), ("client", client_days)):
        run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out",
            f"{name}.csr", "-subj", f"/CN={name}")
        run("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-out", f"{name}.pem", "-days", str(days),
            *(["-extfile", "san.cnf"] if name == "server" else []))
    return {n: d / f"{n}.pem" for n in NAMES} | {f"{n}_key": d / f"{n}.key" for n in NAMES}


def server_context(pki: dict[str, Path], *, require_client: bool = False) -> ssl.SSLContext:
    """The gateway's side: its certificate, and the CA it checks clients against if asked."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(pki["server"], pki["server_key"])
    if require_client:
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(pki["ca"])
    return ctx


def fingerprint(pem: Path) -> str:
    """The SHA-256 pin of a certificate, as the console's configuration writes it."""
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem.read_text())).hexdigest()
