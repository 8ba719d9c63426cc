"""A secret (token, password in an address) never appears in `config show`, logs or crashes."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from console.config import load_config
from console.config.crash import install_crash_reports, masked_argv, write_crash_report
from console.config.logsetup import configure_logging
from console.config.runtime import start_runtime
from yard_console.cli import main

TOKEN_IN_FILE = "file-token-7f3a9c2e"
TOKEN_INLINE = "inline-token-b81d44"
PASSWORD = "cam-pa55-91x"
SECRETS = (TOKEN_IN_FILE, TOKEN_INLINE, PASSWORD)


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    token = tmp_path / "terminal.token"
    token.write_text(TOKEN_IN_FILE + "\n")
    token.chmod(0o600)
    path = tmp_path / "config.toml"
    path.write_text(
        f'station = "WS-07"\nlog_dir = "logs"\ndata_dir = "data"\n'
        f'[[feed]]\nurl = "ws://127.0.0.1:9/terminal"\ntoken_file = "terminal.token"\n'
        f'[[feed]]\nurl = "ws://127.0.0.1:9/clearance"\nrole = "clearance"\n'
        f'token = "{TOKEN_INLINE}"\n'
        f'[cameras.override.CAM-1]\nstream = "rtsp://admin:{PASSWORD}@10.0.0.5/main"\n',
        encoding="utf-8")
    return path


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def test_config_show_hides_every_secret(config_file: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "show", "--config", str(config_file)]) == 0
    out = capsys.readouterr().out
    assert_clean(out)
    assert "rtsp://admin:***@10.0.0.5/main" in out
    assert out.count("# token: set") == 2


def test_repr_of_the_config_hides_tokens(config_file: Path) -> None:
    config = load_config(config_file)
    assert_clean(repr(config))
    assert sorted(config.secrets()) == sorted(SECRETS)


def test_a_secret_of_the_wrong_type_is_not_echoed(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[[feed]]\nurl = "ws://127.0.0.1:9/t"\ntoken = 86427531\n')
    assert main(["config", "check", "--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert "c.toml:3: feed[1].token: must be text" in err and "86427531" not in err


def test_logs_never_hold_a_secret_however_it_was_logged(config_file: Path) -> None:
    config = load_config(config_file)
    setup = configure_logging(config.log_dir, config.secrets(), "DEBUG")
    log = logging.getLogger("console.test.secrets")
    try:
        feed = config.feed_configs()[0]  # its repr leaves the token out; log it on purpose
        log.info("connecting with %s, token %s", feed, feed.token)
        log.warning(f"token {TOKEN_INLINE} refused")
        try:
            raise ConnectionError(f"refused rtsp://admin:{PASSWORD}@10.0.0.5/main")
        except ConnectionError:
            log.exception("camera failed")
        log.debug("stack", stack_info=True, extra={"t": TOKEN_IN_FILE})
    finally:
        setup.close()
    text = setup.file.read_text(encoding="utf-8")
    assert_clean(text)
    assert text.count("***") >= 3 and "ConnectionError" in text
    assert len(setup.recent.lines) == 4
    assert_clean("\n".join(setup.recent.lines))


def test_logs_rotate(tmp_path: Path) -> None:
    setup = configure_logging(tmp_path, (), "INFO", max_bytes=2000, backups=2)
    try:
        for i in range(200):
            logging.getLogger("console.test.rotate").info("line %d %s", i, "x" * 40)
    finally:
        setup.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["yard-console.log", "yard-console.log.1", "yard-console.log.2"]
    assert all(p.stat().st_size <= 2100 for p in tmp_path.iterdir())


def test_crash_report_holds_the_recent_log_and_no_secret(config_file: Path) -> None:
    config = load_config(config_file)
    setup = configure_logging(config.log_dir, config.secrets(), "INFO")
    unhook = install_crash_reports(setup, config.crash_dir, native=False)
    try:
        logging.getLogger("console.test.crash").info("feed up, token %s", TOKEN_INLINE)
        try:
            raise RuntimeError(f"bug while holding {TOKEN_IN_FILE}")
        except RuntimeError as exc:
            report = write_crash_report(config.crash_dir, exc, list(setup.recent.lines),
                                        setup.redactor,
                                        argv=["yard-console", "run", "--token", TOKEN_INLINE])
    finally:
        unhook()
        setup.close()
    text = report.read_text(encoding="utf-8")
    assert_clean(text)
    assert "RuntimeError: bug while holding ***" in text
    assert "feed up, token ***" in text and "--token ***" in text


def test_masked_argv() -> None:
    assert masked_argv(["x", "--token=abc", "--token", "def", "--feed", "u"]) == [
        "x", "--token=***", "--token", "***", "--feed", "u"]


def test_an_uncaught_exception_in_a_real_process_leaves_a_report(config_file: Path) -> None:
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from console.config import load_config\n"
        "from console.config.runtime import start_runtime\n"
        "config = load_config(Path(sys.argv[1]))\n"
        "start_runtime(config)\n"
        "logging.getLogger('console.feed').warning('gateway said no to %s', "
        "config.feed_configs()[1].token)\n"
        "raise SystemError('engine broke; token was ' + config.feed_configs()[0].token)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(config_file), "--token",
                             TOKEN_INLINE], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 1
    assert "report written to" in result.stderr
    crash_dir = config_file.parent / "logs" / "crashes"
    [report] = crash_dir.glob("crash-*.txt")
    text = report.read_text(encoding="utf-8")
    assert_clean(text)
    assert "SystemError: engine broke; token was ***" in text
    assert "gateway said no to ***" in text
    assert_clean((config_file.parent / "logs" / "yard-console.log").read_text())


def test_start_runtime_can_be_stopped(config_file: Path) -> None:
    config = load_config(config_file)
    before = list(logging.getLogger().handlers)
    level = logging.getLogger().level
    hook = sys.excepthook
    stop = start_runtime(config, native_crashes=False)
    assert sys.excepthook is not hook
    stop()
    assert sys.excepthook is hook
    assert logging.getLogger().handlers == before
    assert logging.getLogger().level == level
