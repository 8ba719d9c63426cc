"""Reading the configuration file: `load_config` for the console, `check_config` for installers.

    config = load_config(path)        # ConsoleConfig, or raises ConfigError
    config.feed_configs(), config.db_path, config.rules, config.language

`path=None` looks where `console.config.paths.find_config_file` says; when
no file exists anywhere the defaults apply (no feeds).  Syntax errors come
with tomllib's own line and column; every other problem with the line of the
key it concerns (`console.config.toml_lines`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from console.config.model import ConsoleConfig
from console.config.paths import default_data_dir, default_log_dir, find_config_file
from console.config.toml_lines import key_lines
from console.config.validate import Problem, validate


class ConfigError(ValueError):
    """The file cannot be used; `problems` lists every error (and warning) found."""

    def __init__(self, source: Path | None, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(p.describe(source) for p in errors))


@dataclass(frozen=True, slots=True)
class ConfigCheck:
    """What `check_config` found: the config (None if unusable) and every problem."""

    source: Path | None
    config: ConsoleConfig | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.config is not None


def _defaults() -> dict[str, Path]:
    return {"data_dir": default_data_dir(), "log_dir": default_log_dir()}


def check_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> ConfigCheck:
    """Read and check the file, collecting every problem; never raises for a bad file."""
    source = find_config_file(path, env)
    if source is None:
        return ConfigCheck(None, ConsoleConfig(data_dir=default_data_dir(),
                                               log_dir=default_log_dir()))
    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return ConfigCheck(source, None, [Problem(None, "", f"is not UTF-8 text: {exc.reason}")])
    except OSError as exc:
        return ConfigCheck(source, None,
                           [Problem(None, "", f"cannot be read: {exc.strerror or exc}")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return ConfigCheck(source, None, [_syntax(exc)])
    lines = key_lines(text)
    config, problems = validate(data, lines, source.resolve().parent, _defaults())
    if config is not None:
        config = replace(config, source=source)
    return ConfigCheck(source, config, problems)


def _syntax(exc: tomllib.TOMLDecodeError) -> Problem:
    """tomllib says `... (at line 3, column 7)`: keep the line, say the rest plainly."""
    text = str(exc)
    line = None
    if "(at line " in text:
        head, _, tail = text.rpartition(" (at line ")
        number = tail.split(",", 1)[0].rstrip(")")
        if number.isdigit():
            line, text = int(number), f"TOML syntax: {head} (column {tail.split('column ')[-1]}"
    elif "(at end of document)" in text:
        text = "TOML syntax: " + text
    return Problem(line, "", text)


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> ConsoleConfig:
    """The workstation's configuration; raises `ConfigError` naming every error's line."""
    checked = check_config(path, env)
    if checked.config is None:
        raise ConfigError(checked.source, checked.problems)
    return checked.config
