"""Creating the station key where the installer sets the workstation up.

`config init` calls `announce_station_key` after writing the file; `doctor`
calls `check_station_key`, which creates a missing key and refuses one that
other users can read.  Both use the key folder beside the configuration
file (`console.audit.station_key.station_key_dir`).
"""

from __future__ import annotations

from pathlib import Path

from console.audit.station_key import (
    PRIVATE_FILE,
    PUBLIC_FILE,
    StationKeyError,
    ensure_station_key,
    station_key_dir,
)
from console.doctor.finding import Finding, failed, ok, warning

AREA = "audit"
KEY_FOLDER = "self-test-key"


def announce_station_key(config_file: Path) -> str:
    """Create the key beside `config_file` if missing; one sentence for the installer."""
    folder = station_key_dir(config_file)
    try:
        key, created = ensure_station_key(folder)
    except (StationKeyError, OSError) as exc:
        reason = exc.reason if isinstance(exc, StationKeyError) else str(exc)
        return f"station key NOT usable: {reason}"
    verb = "created" if created else "kept"
    return (f"{verb} the station key {folder / PRIVATE_FILE} (readable only by you; it signs "
            f"the audit trail) and its public half {folder / PUBLIC_FILE}, "
            f"fingerprint {key.fingerprint}")


def check_station_key(config_file: Path | None) -> Finding:
    """The doctor's verdict on the station key, creating it when it does not exist yet."""
    folder = station_key_dir(config_file)
    try:
        key, created = ensure_station_key(folder)
    except StationKeyError as exc:
        return failed(AREA, "station key", exc.reason,
                      "fix the file's permissions or restore the installer's copy of the key")
    except PermissionError as exc:
        # A machine-wide install: the key folder belongs to the installer, and this account
        # (an officer, the service account) may neither read nor create it. The trail stays
        # hash-chained; it is not signed by this account until it has a key it can use.
        return warning(AREA, "station key", f"this account cannot use or create the station key "
                       f"in {folder} ({exc.strerror}): the audit entries it writes are hash-"
                       "chained but not signed (verify says NOT ANCHORED for them)",
                       "have the installer give this account a station key it can read, or "
                       "run doctor as the account that installs and runs the console")
    except OSError as exc:
        return failed(AREA, "station key", f"the station key cannot be created in {folder} "
                      f"({exc})", "run doctor as the user who installs and runs the console")
    verb = "created" if created else "present"
    return ok(AREA, "station key", f"{verb}: {folder / PRIVATE_FILE} (0600), fingerprint "
              f"{key.fingerprint}; copy {folder / PUBLIC_FILE} to review workstations",
              fingerprint=key.fingerprint, created=created)


def signing_round_trip(folder: Path) -> dict[str, object]:
    """Sign a throw-away trail with a throw-away key in `folder`, verify it, cut it.

    For `self-test`: shows that the packaged program carries working Ed25519
    (`cryptography`) and that a cut trail fails verification.
    """
    from console.store.office.audit_trail import AuditTrail

    key, _created = ensure_station_key(folder / KEY_FOLDER)
    trail = AuditTrail.open(folder / "signing.sqlite", signer=key)
    try:
        for n in range(3):
            trail.append("self-test", "SELF-TEST", "self_test.sign", str(n))
        whole = trail.verify(key)
        trail.connection.executescript(
            "DROP TRIGGER audit_signatures_no_delete; DROP TRIGGER audit_entries_no_delete; "
            "DELETE FROM audit_signatures WHERE seq = 3; DELETE FROM audit_entries WHERE seq = 3;")
        cut = trail.verify(key)
    finally:
        trail.connection.close()
    return {"audit_signed": whole.ok and whole.signed == 3, "audit_cut_detected": not cut.ok}
