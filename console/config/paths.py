"""Where the console keeps its files, from platformdirs unless the installer says otherwise.

- configuration: `~/.config/yard-console/config.toml`
  (Windows: `%LOCALAPPDATA%\\yard-console\\config.toml`);
- data (database): `~/.local/share/yard-console/` (`%LOCALAPPDATA%\\yard-console\\`);
- logs and crash reports: `~/.local/state/yard-console/log/`
  (`%LOCALAPPDATA%\\yard-console\\Logs\\`).

A machine-wide file (`/etc/xdg/yard-console/config.toml`,
`%PROGRAMDATA%\\yard-console\\config.toml`) is read when the user has none,
so that one installer's file serves every officer of a workstation.
`$YARD_CONSOLE_CONFIG` names the file outright (tests, services).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP = "yard-console"
CONFIG_FILE = "config.toml"
ENV_CONFIG = "YARD_CONSOLE_CONFIG"


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / CONFIG_FILE


def site_config_file() -> Path:
    return Path(platformdirs.site_config_dir(APP, appauthor=False)) / CONFIG_FILE


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


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
    for candidate in (user_config_file(), site_config_file()):
        if candidate.is_file():
            return candidate
    return None
