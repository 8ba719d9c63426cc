"""Where the console keeps its files, from platformdirs unless the installer says otherwise.

- configuration: `~/.config/yard-console/config.toml`
  (Windows: `%LOCALAPPDATA%\\yard-console\\config.toml`);
- data (database): `~/.local/share/yard-console/` (`%LOCALAPPDATA%\\yard-console\\`);
- logs and crash reports: `~/.local/state/yard-console/log/`
  (`%LOCALAPPDATA%\\yard-console\\Logs\\`).

A machine-wide file (`/etc/yard-console/config.toml`, the Debian package's,
then `/etc/xdg/yard-console/config.toml`; `%PROGRAMDATA%\\yard-console\\config.toml`)
is read when the user has none, so that one installer's file serves every
officer of a workstation.  `$YARD_CONSOLE_CONFIG` names the file outright
(tests, services).

Installed for the whole machine (the `.deb`'s maintainer scripts create
`/var/lib/yard-console` and `/var/log/yard-console`; the Windows installer
creates `%PROGRAMDATA%\\YardConsole`), the database, evidence, logs and crash
reports live in that shared folder, owned by the service account and
writable by the console's group, so that every officer of a workstation
shares one set of accounts and one audit trail.  Only the window's layout
stays per user (Qt's settings).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP = "yard-console"
CONFIG_FILE = "config.toml"
ENV_CONFIG = "YARD_CONSOLE_CONFIG"
# The group whose members may write the shared data folder (the .deb creates it).
SHARED_GROUP = "yard-console"


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / CONFIG_FILE


def site_config_file() -> Path:
    return Path(platformdirs.site_config_dir(APP, appauthor=False)) / CONFIG_FILE


def shared_data_dir(root: Path | None = None) -> Path | None:
    """The machine-wide data folder when the console was installed for every user
    (the folder exists), else None.  `root` replaces the platform's folder (tests)."""
    folder = root if root is not None else _platform_shared_data()
    return folder if folder.is_dir() else None


def _platform_shared_data() -> Path:
    if os.name == "nt":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "YardConsole"
    return Path("/var/lib") / APP


def _shared_log_dir(shared: Path) -> Path:
    """`/var/log/yard-console` when the package made it, else a folder beside the data."""
    system_log = Path("/var/log") / APP
    if os.name != "nt" and system_log.is_dir():
        return system_log
    return shared / ("Logs" if os.name == "nt" else "log")


def default_data_dir(shared_root: Path | None = None) -> Path:
    """The shared folder on a machine-wide install, else the user's data folder."""
    shared = shared_data_dir(shared_root)
    if shared is not None:
        return shared
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def default_log_dir(shared_root: Path | None = None) -> Path:
    """Beside the shared data on a machine-wide install, else the user's log folder."""
    shared = shared_data_dir(shared_root)
    if shared is not None:
        return _shared_log_dir(shared)
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def package_config_file() -> Path | None:
    """The Debian package's machine-wide file (no such file on Windows)."""
    return None if os.name == "nt" else Path("/etc") / APP / CONFIG_FILE


def find_config_file(
    explicit: Path | None = None, env: Mapping[str, str] | None = None
) -> Path | None:
    """The file to read: `explicit`, else `$YARD_CONSOLE_CONFIG`, else the user's file,
    else the machine-wide one; None when none exists (the defaults then apply)."""
    if explicit is not None:
        return explicit
    named = (os.environ if env is None else env).get(ENV_CONFIG)
    if named:
        return Path(named)
    for candidate in (user_config_file(), package_config_file(), site_config_file()):
        if candidate is not None and candidate.is_file():
            return candidate
    return None
