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

A filter on handlers only sees what reaches those handlers: a handler added
later, or one on a third-party logger that does not propagate, would still
print `websockets.client: > Authorization: Bearer …` at DEBUG.  So the same
redaction also runs where every record is born: `hide_in_logs(secrets)`
installs a log record factory (`logging.setLogRecordFactory`) that scrubs
each record as it is made, for every logger, every level and every handler,
present or future.  The feed client hides its token this way as soon as it
is given one, whichever command started it.
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

LOG_FILE = "yard-console.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "***"


class Redactor(logging.Filter):
    """Replaces known secret values in a record's final text (message and traceback)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets: list[str] = []
        self.use(secrets)

    def use(self, secrets: Iterable[str]) -> None:
        """Scrub these secrets from now on (longest first, so no part of one is left)."""
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


class SecretGuard:
    """The log record factory that scrubs every record at birth (see the module's docstring).

    Secrets are counted, so that two holders of one token (a feed and a log
    setup) can each let go without unhiding it for the other.
    """

    def __init__(self, make: Callable[..., logging.LogRecord]) -> None:
        self.make = make
        self.redactor = Redactor(())
        self.held: collections.Counter[str] = collections.Counter()

    def __call__(self, *args: object, **kwargs: object) -> logging.LogRecord:
        record = self.make(*args, **kwargs)
        if self.redactor.secrets:
            try:
                self.redactor.filter(record)
            except Exception:  # a logging call whose arguments do not fit its format
                record.msg = self.redactor.scrub(f"{record.msg} % {record.args!r}")
                record.args = None
        return record


_guard_lock = threading.Lock()


def hide_in_logs(secrets: Iterable[str]) -> Callable[[], None]:
    """Scrub `secrets` from every log record made from now on, by any logger; returns `release`."""
    wanted = [s for s in secrets if s]
    with _guard_lock:
        guard = logging.getLogRecordFactory()
        if not isinstance(guard, SecretGuard):
            guard = SecretGuard(guard)
            logging.setLogRecordFactory(guard)
        guard.held.update(wanted)
        guard.redactor.use(guard.held)
    released = False

    def release() -> None:
        nonlocal released
        with _guard_lock:
            if released:
                return
            released = True
            assert isinstance(guard, SecretGuard)
            guard.held.subtract(wanted)
            guard.held = +guard.held
            guard.redactor.use(guard.held)

    return release


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
    unhide: Callable[[], None] = lambda: None

    def close(self) -> None:
        self.unhide()
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
    unhide = hide_in_logs(redactor.secrets)
    return LogSetup(file, [to_file, recent], recent, redactor, previous_level, unhide)
