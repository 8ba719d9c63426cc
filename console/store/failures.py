"""Turning SQLite's errors into `StoreError`s an officer or installer can act on.

SQLite reports a full disk either as `SQLITE_FULL` or, when the operating
system refuses a write, as a disk I/O error; the second is only called a full
disk when the filesystem really has (almost) no room left, so that a failing
disk is not misreported.  Every message names the file, says what was not
saved and what to do, in plain words.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

from console.store.base import StoreError

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

# Below this much free space a disk I/O error is taken to mean "disk full".
_NEARLY_FULL_BYTES = 4 * 1024 * 1024


def primary_code(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code of an error (extended codes folded), if known."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def disk_is_nearly_full(path: str) -> bool:
    """Whether the filesystem holding `path` has almost no room left."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def disk_full(path: str, since: str) -> StoreError:
    return StoreError(
        "disk_full",
        f"the disk holding {path} is full; nothing since {since} could be saved; "
        "free space on that disk (or move the data folder to a larger one) and saving resumes",
    )


def corrupt(path: str, detail: str) -> StoreError:
    return StoreError(
        "corrupt",
        f"the file {path} is damaged or is not a Yard Console database ({detail}); "
        "move it aside (a new one is then created) or restore it from a backup",
    )


def translate(exc: sqlite3.Error, path: str, *, since: str, busy_timeout_s: float) -> StoreError:
    """The `StoreError` for a sqlite3 error raised while using the database at `path`.

    `since` is when the last commit succeeded (what a full disk prevents from
    being saved after); `busy_timeout_s` is how long SQLite waited for a lock.
    """
    code = primary_code(exc)
    text = str(exc)
    if code == SQLITE_FULL or "database or disk is full" in text:
        return disk_full(path, since)
    if code == SQLITE_IOERR:
        if disk_is_nearly_full(path):
            return disk_full(path, since)
        return StoreError(
            "io",
            f"reading or writing {path} failed ({text}); nothing since {since} could be "
            "saved; check the disk and its connection",
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in text:
        return StoreError(
            "locked",
            f"the database {path} stayed locked by another program for more than "
            f"{busy_timeout_s:g} s; nothing since {since} could be saved; close the other "
            "program (another Yard Console using the same data folder?) and saving resumes",
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return corrupt(path, text)
    if code == SQLITE_READONLY:
        return StoreError(
            "readonly",
            f"the database {path} cannot be written (the file or its folder is read-only); "
            "give this user write access or choose another data folder",
        )
    if code == SQLITE_CANTOPEN:
        return StoreError(
            "io",
            f"the database {path} cannot be opened ({text}); check that its folder exists "
            "and that this user may write there",
        )
    return StoreError("io", f"the database {path} failed: {text}")
