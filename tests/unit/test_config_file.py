"""The configuration file: every bad setting is named, with the line it was written on."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.config import ConfigError, check_config, load_config
from console.config.schema import CAMERA_OVERRIDE, CAMERAS, FEED, RULES, TOP, Setting
from console.rules.config import RuleConfig

GOOD_FEED = '[[feed]]\nurl = "ws://127.0.0.1:9/terminal"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def wrong_value(s: Setting) -> str:
    """A TOML value of the wrong type (or out of range) for this setting."""
    if s.kind in ("text", "path", "url", "choice"):
        return "42" if s.kind != "choice" else '"no-such-choice"'
    if s.kind in ("integer", "number"):
        return '"many"'
    if s.kind == "boolean":
        return '"yes"'
    if s.kind == "texts":
        return "[1, 2]"
    return '"not a table"'


def _cases() -> list[tuple[str, Setting]]:
    cases = [("", s) for s in TOP] + [("feed", s) for s in FEED]
    cases += [("cameras", s) for s in CAMERAS] + [("override", s) for s in CAMERA_OVERRIDE]
    return cases + [("rules", s) for s in RULES]


@pytest.mark.parametrize(("section", "setting"), _cases(),
                         ids=lambda v: v.name if isinstance(v, Setting) else v or "top")
def test_every_setting_with_a_wrong_value_is_named_with_its_line(
    tmp_path: Path, section: str, setting: Setting
) -> None:
    head = {"": "", "feed": "[[feed]]\n", "cameras": "[cameras]\n",
            "override": "[cameras.override.CAM-1]\n", "rules": "[rules]\n"}[section]
    before = "# a comment\n\n" + (GOOD_FEED if section != "feed" else "")
    bad = f"{setting.name} = {wrong_value(setting)}\n"
    if section == "feed":
        bad = 'url = "ws://127.0.0.1:9/x"\n' * (setting.name != "url") + bad
    text = before + head + bad
    line = text.splitlines().index(bad.splitlines()[-1]) + 1
    if section == "":
        text = bad + before  # top-level keys must come before any table
        line = 1
    checked = check_config(write(tmp_path, text))
    assert checked.config is None
    [problem] = [p for p in checked.problems if p.key.endswith(setting.name)]
    assert problem.line == line
    assert problem.severity == "error"
    assert setting.name in problem.describe("config.toml")
    assert f"config.toml:{line}:" in problem.describe("config.toml")


def test_all_problems_come_in_one_run_sorted_by_line(tmp_path: Path) -> None:
    text = ('station = 7\nlanguage = "fr"\nstationn = "WS-1"\n' + GOOD_FEED
            + 'role = "clear"\n[rules]\nstop_after_s = -1\n')
    checked = check_config(write(tmp_path, text))
    assert [(p.line, p.key) for p in checked.problems] == [
        (1, "station"), (2, "language"), (3, "stationn"), (6, "feed[1].role"),
        (8, "rules.stop_after_s")]
    assert "did you mean 'station'" in checked.problems[2].message
    assert "at least 0" in checked.problems[4].message


def test_syntax_errors_keep_tomllib_line(tmp_path: Path) -> None:
    checked = check_config(write(tmp_path, 'station = "WS-1"\n\n[[feed]\nurl = 1\n'))
    assert checked.config is None
    [problem] = checked.problems
    assert problem.line == 3
    assert problem.message.startswith("TOML syntax")


def test_a_good_file_gives_the_console_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "ca.pem").write_text("x")
    (tmp_path / "t.token").write_text("tok-123456\n")
    (tmp_path / "t.token").chmod(0o600)
    text = ('station = "WS-07"\nlanguage = "en"\ndata_dir = "data"\n'
            '[[feed]]\nurl = "wss://gw.example:8443/terminal"\ntoken_file = "t.token"\n'
            'ca = "ca.pem"\npin_sha256 = "' + "AB:" * 31 + 'AB"\n'
            '[[feed]]\nurl = "wss://gw.example:8443/clearance"\nrole = "clearance"\n'
            'token = "inline-token"\n'
            '[cameras.override.CAM-1]\nsubstream = "http://10.0.0.9/sub.mjpg"\n'
            '[cameras.override.CAM-2]\ndisabled = true\n'
            '[rules]\nstop_after_s = 90\nseverities = {SEAL_MISMATCH = "critical"}\n'
            'disabled = ["OCR_LOW_CONFIDENCE"]\ndefault_tare_kg = {"20" = 2300}\n')
    config = load_config(write(tmp_path, text))
    assert config.station == "WS-07" and config.language == "en"
    assert config.db_path == tmp_path / "data" / "events.sqlite"
    terminal, clearance = config.feed_configs()
    assert terminal.token == "tok-123456" and terminal.ca_file == tmp_path / "ca.pem"
    assert terminal.pin_sha256 == "ab" * 32 and terminal.station == "WS-07"
    assert clearance.token == "inline-token" and config.feeds[1].role == "clearance"
    assert config.rules.stop_after_s == 90.0
    assert config.rules.severity("SEAL_MISMATCH") == "critical"
    assert not config.rules.enabled("OCR_LOW_CONFIDENCE")
    assert config.rules.tare_for("22G1") == 2300.0
    layout = {"cameras": [{"id": "CAM-1", "substream": "http://old"}, {"id": "CAM-2"},
                          {"id": "CAM-3"}]}
    assert config.apply_camera_overrides(layout)["cameras"] == [
        {"id": "CAM-1", "substream": "http://10.0.0.9/sub.mjpg"}, {"id": "CAM-3"}]


def test_no_file_anywhere_means_defaults(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    config = load_config(env={})
    assert config.feeds == () and config.rules == RuleConfig()
    assert str(config.data_dir).startswith(str(Path.home()))


def test_the_machine_wide_file_serves_when_the_user_has_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    site = tmp_path / "etc-xdg" / "yard-console" / "config.toml"
    site.parent.mkdir(parents=True)
    site.write_text('station = "WS-SITE"\n')
    assert load_config(env={}).station == "WS-SITE"
    user = Path.home() / ".config" / "yard-console" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('station = "WS-USER"\n')
    assert load_config(env={}).station == "WS-USER"


def test_environment_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'station = "WS-ENV"\n')
    assert load_config(env={"YARD_CONSOLE_CONFIG": str(path)}).station == "WS-ENV"


@pytest.mark.parametrize(("extra", "key", "words"), [
    ('token = "a"\ntoken_file = "t"\n', "feed[1].token", "not both"),
    ('url = ""\n', "feed[1].url", "is empty"),
    ('cert = "c.pem"\n', "feed[1].cert", "does not exist"),
    ('token_file = "missing.token"\n', "feed[1].token_file", "cannot be read"),
    ('url = "wss://other:1/x"\n[[feed]]\nurl = "wss://other:1/x"\n', "feed[2].url",
     "same address"),
])
def test_feed_cross_checks(tmp_path: Path, extra: str, key: str, words: str) -> None:
    text = '[[feed]]\n' + (extra if extra.startswith("url") else
                           'url = "wss://gw:1/t"\n' + extra)
    checked = check_config(write(tmp_path, text))
    found = [p for p in checked.problems if p.key == key]
    assert found and words in found[0].message and found[0].line is not None


def test_an_empty_station_id_is_refused(tmp_path: Path) -> None:
    [problem] = check_config(write(tmp_path, 'station = " "\n')).problems
    assert (problem.line, problem.key) == (1, "station") and "station id" in problem.message


def test_newer_format_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, "config_version = 9\n"))
    assert "newer Yard Console" in str(caught.value) and ":1:" in str(caught.value)


def test_plain_ws_to_another_machine_is_a_warning(tmp_path: Path) -> None:
    checked = check_config(write(tmp_path, '[[feed]]\nurl = "ws://10.1.2.3:8080/terminal"\n'))
    assert checked.ok
    [warning] = checked.problems
    assert warning.line == 2 and "unencrypted" in warning.message
    assert "warning:" in warning.describe("c.toml")


def test_world_readable_token_file_is_a_warning(tmp_path: Path) -> None:
    token = tmp_path / "t.token"
    token.write_text("abcdefgh")
    token.chmod(0o644)
    checked = check_config(write(tmp_path, GOOD_FEED + 'token_file = "t.token"\n'))
    assert checked.ok
    [warning] = checked.problems
    assert warning.severity == "warning" and "chmod 600" in warning.message
