"""The station key: the Ed25519 key that signs this workstation's audit trail.

The database file can be edited by anyone who can write it (drop the
triggers, change a row, recompute every later hash with the public
algorithm).  What such a person cannot do without this key is sign: each
audit entry's hash is signed with the station's private key, and the head of
the trail (count and last hash) is kept, signed, in an anchor file beside
the key (`console.audit.anchor`), outside the database.

Layout of the key folder (`station_key_dir`, beside the configuration file,
by default `~/.config/yard-console/station-key/`), made by `config init` and
`doctor` (`ensure_station_key`):

- `station.key`: the private key (PKCS#8 PEM), mode 0600, folder 0700;
- `station.pub`: the public key (PEM), what a review workstation needs to
  verify a copied database (`history audit --verify --public-key FILE`);
- `anchors/`: one signed head per database file.

A private key that other users could read is refused (as ssh does), since
anyone who holds it can re-sign a rewritten trail.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from console.config.paths import find_config_file, user_config_file

KEY_DIR = "station-key"
PRIVATE_FILE = "station.key"
PUBLIC_FILE = "station.pub"


class StationKeyError(Exception):
    """The station key cannot be used; `reason` says why and what to do, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def station_key_dir(config_file: Path | None = None) -> Path:
    """The key folder beside `config_file`, else beside the configuration in force."""
    found = config_file or find_config_file()
    return (found or user_config_file()).parent / KEY_DIR


def fingerprint(public: Ed25519PublicKey) -> str:
    """`SHA256:` and the hex digest of the raw public key: what a report prints."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "SHA256:" + hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True, slots=True)
class StationVerifier:
    """A station's public key: checks signatures, signs nothing."""

    public: Ed25519PublicKey
    folder: Path | None = None  # the key folder (anchors live there), None for a bare .pub

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    def valid(self, signature_hex: str | None, message: str) -> bool:
        if not signature_hex:
            return False
        try:
            self.public.verify(bytes.fromhex(signature_hex), message.encode("utf-8"))
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True, slots=True)
class StationKey(StationVerifier):
    """A station's private key (with its public half): signs audit entries and anchors."""

    private: Ed25519PrivateKey | None = None

    def sign(self, message: str) -> str:
        assert self.private is not None
        return self.private.sign(message.encode("utf-8")).hex()


def _private_path(folder: Path) -> Path:
    return folder / PRIVATE_FILE


def _check_private_mode(path: Path) -> None:
    if sys.platform == "win32":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise StationKeyError(
            f"the station key {path} can be read by other users (mode {mode:04o}); "
            f"anyone holding it could re-sign a rewritten audit trail: chmod 600 {path}")


def load_station_key(folder: Path) -> StationKey | None:
    """The private key in `folder`, None when there is none; `StationKeyError` if unusable."""
    path = _private_path(folder)
    try:
        present = path.exists()
    except PermissionError:
        # A machine-wide install whose key folder belongs to the installer: this account
        # writes a hash-chained trail that it cannot sign. Said, not hidden.
        logging.getLogger("console.audit").warning(
            "the station key folder %s is not readable by this account: the audit entries "
            "it writes are not signed", folder)
        return None
    if not present:
        return None
    _check_private_mode(path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise StationKeyError(f"the station key {path} cannot be read ({exc}); restore it "
                              "from the installer's copy") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise StationKeyError(f"{path} is not an Ed25519 key")
    return StationKey(key.public_key(), folder, key)


def load_verifier(public_file: Path) -> StationVerifier:
    """A public key file (`station.pub`), as copied to a review workstation."""
    try:
        key = serialization.load_pem_public_key(public_file.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise StationKeyError(f"the public key {public_file} cannot be read ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise StationKeyError(f"{public_file} is not an Ed25519 public key")
    return StationVerifier(key, None)


def ensure_station_key(folder: Path) -> tuple[StationKey, bool]:
    """Load the key in `folder`, or create it (0600 in a 0700 folder); (key, created)."""
    existing = load_station_key(folder)
    if existing is not None:
        return existing, False
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform != "win32":
        os.chmod(folder, 0o700)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(_private_path(folder), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())
    public = private.public_key()
    (folder / PUBLIC_FILE).write_bytes(public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return StationKey(public, folder, private), True


def station_signer(config_file: Path | None = None) -> StationKey | None:
    """The key that signs this workstation's trail, None where none was created."""
    return load_station_key(station_key_dir(config_file))


def workstation_verifier(config_file: Path | None = None) -> StationVerifier | None:
    """This workstation's key for checking (its anchors included), None where none exists.

    The private key is preferred (it cannot be swapped without the installer's
    folder); `station.pub` serves a user who may not read the private key.
    """
    folder = station_key_dir(config_file)
    key = load_station_key(folder)
    if key is not None:
        return key
    public = folder / PUBLIC_FILE
    if public.is_file():
        return StationVerifier(load_verifier(public).public, folder)
    return None
