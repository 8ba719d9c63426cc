"""A machine-wide install keeps one database, evidence and log for every officer.

When the package (or the Windows installer) has made the shared data folder,
the console uses it instead of each OS user's own folder, so that two officers
with separate logins share accounts and one audit trail; without it, each
user's folder as before.  An officer outside the console's group is told how
to join it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from console.config import paths
from console.doctor.database import _folder_fix, check_folder


def test_the_shared_folder_is_used_when_the_install_made_it(tmp_path: Path) -> None:
    shared = tmp_path / "var-lib-yard-console"
    user_data = Path(platformdirs.user_data_dir("yard-console", appauthor=False))
    assert paths.shared_data_dir(shared) is None
    assert paths.default_data_dir(shared) == user_data
    shared.mkdir()
    assert paths.shared_data_dir(shared) == shared
    assert paths.default_data_dir(shared) == shared
    log = paths.default_log_dir(shared)
    assert log == Path("/var/log/yard-console") if Path("/var/log/yard-console").is_dir() \
        else log.parent == shared


def test_the_package_s_machine_wide_file_is_read_after_the_user_s(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package_file = tmp_path / "etc" / "config.toml"
    monkeypatch.setattr(paths, "package_config_file", lambda: package_file)
    monkeypatch.setattr(paths, "user_config_file", lambda: tmp_path / "user.toml")
    monkeypatch.setattr(paths, "site_config_file", lambda: tmp_path / "xdg.toml")
    assert paths.find_config_file(env={}) is None
    package_file.parent.mkdir()
    package_file.write_text("")
    assert paths.find_config_file(env={}) == package_file
    (tmp_path / "user.toml").write_text("")
    assert paths.find_config_file(env={}) == tmp_path / "user.toml"


def test_an_officer_outside_the_group_is_told_to_join_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setattr(paths, "_platform_shared_data", lambda: shared)
    assert "usermod -aG yard-console" in _folder_fix(shared)
    assert "usermod" not in _folder_fix(tmp_path / "elsewhere")
    if os.name == "posix" and os.geteuid() != 0:  # root may write anywhere
        shared.chmod(0o500)
        finding = check_folder(shared)
        assert finding.verdict == "failed" and "usermod -aG yard-console" in (finding.fix or "")
