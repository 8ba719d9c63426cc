"""Start-up of any long-running command: the rotated log and crash reports for one config.

    stop = start_runtime(config)     # after load_config, before the engine
    ...
    stop()                           # at exit (tests; the process may simply end)
"""

from __future__ import annotations

from collections.abc import Callable

from console.config.crash import install_crash_reports
from console.config.logsetup import configure_logging
from console.config.model import ConsoleConfig


def start_runtime(config: ConsoleConfig, *, native_crashes: bool = True) -> Callable[[], None]:
    """Log to `config.log_dir` (secrets redacted) and write crash reports to `crash_dir`."""
    setup = configure_logging(config.log_dir, config.secrets(), config.log_level)
    unhook = install_crash_reports(setup, config.crash_dir, native=native_crashes)

    def stop() -> None:
        unhook()
        setup.close()

    return stop
