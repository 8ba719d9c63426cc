"""The workstation's configuration: one TOML file, declared once, checked with line numbers.

`load_config(path) -> ConsoleConfig` is what `run` and `headless` read;
`check_config` is what `yard-console config check` and the doctor report.
"""

from console.config.loader import ConfigCheck, ConfigError, check_config, load_config
from console.config.model import CameraOverride, ConsoleConfig, FeedSettings, Secret
from console.config.validate import Problem

__all__ = [
    "CameraOverride",
    "ConfigCheck",
    "ConfigError",
    "ConsoleConfig",
    "FeedSettings",
    "Problem",
    "Secret",
    "check_config",
    "load_config",
]
