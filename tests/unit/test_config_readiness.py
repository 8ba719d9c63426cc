"""A configuration that cannot pass half-done: every feed written, both roles demanded.

`config init` writes each `--feed` with the role its address names and a
commented placeholder for a missing one; `config check` and the doctor fail
when the clearance (or terminal) feed is missing or a role contradicts its
address; a token written into a file other users can read is flagged.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from console.config.loader import check_config, load_config
from console.doctor.run import check_configuration
from yard_console.cli import main

TERMINAL = "wss://gw.example:8443/terminal"
CLEARANCE = "wss://gw.example:8443/clearance"


def init(tmp_path: Path, *args: str) -> tuple[int, Path]:
    path = tmp_path / "config.toml"
    return main(["config", "init", "--force", "--config", str(path), *args]), path


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["config", "check", "--config", str(path)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_init_writes_every_feed_given_with_the_role_its_address_names(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    token = tmp_path / "c.token"
    token.write_text("t")
    code, path = init(tmp_path, "--feed", TERMINAL, "--feed", CLEARANCE,
                      "--token-file", str(tmp_path / "t.token"), "--token-file", str(token))
    assert code == 0
    feeds = tomllib.loads(path.read_text(encoding="utf-8"))["feed"]
    assert [(f["url"], f["role"]) for f in feeds] == [(TERMINAL, "terminal"),
                                                      (CLEARANCE, "clearance")]
    assert feeds[1]["token_file"] == str(token.resolve())


def test_init_with_one_feed_leaves_a_placeholder_and_check_fails_until_it_is_filled(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, path = init(tmp_path, "--feed", TERMINAL, "--station", "WS-3")
    assert code == 0 and "still to fill in: the clearance feed" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert '# url = "wss://GATEWAY:8443/clearance"' in text and "REQUIRED" in text
    code, said = check(path, capsys)
    assert code == 1 and "no clearance feed" in said and "not ready" in said
    assert load_config(path).feeds[0].role == "terminal"  # still loads for a developer's run
    path.write_text(text.replace('# [[feed]]\n# url = "wss://GATEWAY:8443/clearance"\n'
                                 '# role = "clearance"',
                                 f'[[feed]]\nurl = "{CLEARANCE}"\nrole = "clearance"'),
                    encoding="utf-8")
    code, said = check(path, capsys)
    assert code == 0 and "OK (2 feed(s), station WS-3" in said


@pytest.mark.parametrize(("feeds", "says"), [
    (["wss://gw.example:8443/feed"], "cannot tell whether"),
    ([f"terminal={CLEARANCE}"], "ends in /clearance but was given as the terminal feed"),
    ([TERMINAL, "terminal=wss://other.example/x"], "two terminal feeds"),
])
def test_init_refuses_feeds_whose_role_it_cannot_tell_or_that_repeat(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], feeds: list[str],
        says: str) -> None:
    code, path = init(tmp_path, *[a for f in feeds for a in ("--feed", f)])
    assert code == 2 and says in capsys.readouterr().err and not path.exists()


def test_init_takes_an_explicit_role_for_an_address_that_names_none(tmp_path: Path) -> None:
    code, path = init(tmp_path, "--feed", "terminal=wss://gw.example/t7",
                      "--feed", "clearance=wss://customs.example/decisions")
    assert code == 0
    roles = [f["role"] for f in tomllib.loads(path.read_text(encoding="utf-8"))["feed"]]
    assert roles == ["terminal", "clearance"]


def write(tmp_path: Path, body: str, mode: int = 0o600) -> Path:
    path = tmp_path / "ws.toml"
    path.write_text('station = "WS-1"\n' + body, encoding="utf-8")
    path.chmod(mode)
    return path


def test_a_role_that_contradicts_its_address_fails_check_and_doctor_with_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, f'[[feed]]\nurl = "{TERMINAL}"\n'
                           f'[[feed]]\nurl = "{CLEARANCE}"\nrole = "terminal"\n')
    code, said = check(path, capsys)
    assert code == 1
    assert f"{path}:4: feed[2].role: is \"terminal\" but the address ends in /clearance" in said
    assert "no clearance feed" in said
    _config, findings = check_configuration(path, {})
    failed = {f.check for f in findings if f.verdict == "failed"}
    assert failed == {"feed", "feed[2].role"}


def test_the_doctor_fails_a_workstation_without_the_clearance_feed(tmp_path: Path) -> None:
    path = write(tmp_path, f'[[feed]]\nurl = "{TERMINAL}"\n')
    config, findings = check_configuration(path, {})
    assert config is not None
    [finding] = [f for f in findings if f.verdict == "failed"]
    assert "no clearance feed" in finding.detail and finding.fix
    assert not any(f.verdict == "ok" for f in findings)


def test_a_token_in_a_config_file_others_can_read_is_flagged(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (f'[[feed]]\nurl = "{TERMINAL}"\ntoken = "s3cret-token"\n'
            f'[[feed]]\nurl = "{CLEARANCE}"\nrole = "clearance"\n')
    path = write(tmp_path, body, 0o644)
    code, said = check(path, capsys)
    assert code == 0  # a warning, as for a token file readable by others
    assert f"warning: feed[1].token: is written in {path}, which other users can read" in said
    assert f"chmod 600 {path}" in said and "s3cret-token" not in said
    _config, findings = check_configuration(path, {})
    assert [f.verdict for f in findings if f.check == "feed[1].token"] == ["warning"]
    path.chmod(0o600)
    code, said = check(path, capsys)
    assert code == 0 and "other users" not in said
    assert check_config(path).ok
