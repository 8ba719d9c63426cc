"""The console's log: rotated files in the log folder, secrets redacted, the recent past kept.

`configure_logging(config)` installs, on the root logger:

- a `RotatingFileHandler` writing `yard-console.log` in `config.log_dir`
  (5 files of 5 MiB: a week of a busy night shift at INFO fits);
- a `RecentLog` ring of the last 500 formatted lines, which a crash report
  copies (`console.config.crash`);
- on these and on every handler already installed (stderr), a `Redactor`
  filter that replaces every secret of the configuration (tokens,
  passwords inside addresses) by `***` in the message, its arguments and
  any exception text, so that nothing written to disk ever holds a
  secret, whoever logged it and however.
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LOG_FILE = "yard-console.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "***"


class Redactor(logging.Filter):
    """Replaces known secret values in a record's final text (message and traceback)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        record.msg = self.scrub(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.scrub(
                logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


class RecentLog(logging.Handler):
    """The last `capacity` formatted log lines, for a crash report."""

    def __init__(self, capacity: int = 500) -> None:
        super().__init__()
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:
            self.handleError(record)


@dataclass(slots=True)
class LogSetup:
    """What `configure_logging` installed, so it can be removed again (tests, self-test)."""

    file: Path
    handlers: list[logging.Handler]
    recent: RecentLog
    redactor: Redactor
    previous_level: int = logging.WARNING

    def close(self) -> None:
        root = logging.getLogger()
        root.setLevel(self.previous_level)
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        for handler in root.handlers:
            handler.removeFilter(self.redactor)


def configure_logging(log_dir: Path, secrets: Iterable[str] = (), level: str = "INFO",
                      *, max_bytes: int = 5 * 1024 * 1024, backups: int = 4) -> LogSetup:
    """Install the rotated file log and the recent-lines ring on the root logger."""
    log_dir.mkdir(parents=True, exist_ok=True)
    redactor = Redactor(secrets)
    formatter = logging.Formatter(FORMAT)
    file = log_dir / LOG_FILE
    to_file = logging.handlers.RotatingFileHandler(
        file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    recent = RecentLog()
    for handler in (to_file, recent):
        handler.addFilter(redactor)
        handler.setFormatter(formatter)
        handler.setLevel(level.upper())
    root = logging.getLogger()
    previous_level = root.level
    for existing in root.handlers:
        existing.addFilter(redactor)
    root.addHandler(to_file)
    root.addHandler(recent)
    if root.level > logging.getLevelName(level.upper()) or root.level == logging.NOTSET:
        root.setLevel(level.upper())
    return LogSetup(file, [to_file, recent], recent, redactor, previous_level)
