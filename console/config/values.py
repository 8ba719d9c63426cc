"""Checking one value against its declaration: the type rules of every `Kind`.

`check_value` returns the value converted (paths resolved against the
configuration file's folder, numbers as float) or raises `ValueError` with a
message that names what was expected.  A secret's message never repeats the
value it was given.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from console.config.schema import Setting
from console.rules.catalogue import RULE_IDS

FEED_SCHEMES = ("ws", "wss")
STREAM_SCHEMES = ("rtsp", "rtsps", "http", "https")


def _shown(setting: Setting, value: Any) -> str:
    return "a hidden value" if setting.secret else repr(value)


def _number(setting: Setting, value: Any, what: str = "a number") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"must be {what}, not {_shown(setting, value)}")
    if setting.minimum is not None and value < setting.minimum:
        raise ValueError(f"must be at least {setting.minimum:g}, not {value}")
    return float(value)


def check_value(setting: Setting, value: Any, base: Path, *, section: str = "") -> Any:
    """The checked, converted value of `setting` (None for an empty optional text)."""
    kind = setting.kind
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {_shown(setting, value)}")
        _number(setting, value)
        return value
    if kind == "number":
        return _number(setting, value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {_shown(setting, value)}")
        return value
    if not isinstance(value, str) and kind in ("text", "path", "url", "choice"):
        kind_words = {"text": "text", "path": "a file or folder path",
                      "url": "an address", "choice": "one of " + ", ".join(setting.choices)}
        raise ValueError(f"must be {kind_words[kind]} in quotes, not {_shown(setting, value)}")
    if kind == "text":
        return value
    if kind == "path":
        return _path(value, base)
    if kind == "url":
        return _url(value, FEED_SCHEMES if section == "feed" else STREAM_SCHEMES)
    if kind == "choice":
        if value not in setting.choices:
            raise ValueError(f"must be one of {', '.join(setting.choices)}, not {value!r}")
        return value
    if kind == "texts":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"must be a list of texts, like [\"a\", \"b\"], not {value!r}")
        if setting.name == "disabled":
            unknown = [v for v in value if v not in RULE_IDS]
            if unknown:
                raise ValueError(f"names no rule: {', '.join(unknown)}")
        return frozenset(value)
    if kind == "numbers":
        if not isinstance(value, dict):
            raise ValueError(f"must be a table of numbers, not {value!r}")
        return {str(k): _number(setting, v, f"a number (at {k!r})") for k, v in value.items()}
    if kind == "severities":
        if not isinstance(value, dict):
            raise ValueError(f"must be a table of rule = severity, not {value!r}")
        for rule, severity in value.items():
            if rule not in RULE_IDS:
                raise ValueError(f"{rule!r} is not a rule id")
            if severity not in setting.choices:
                raise ValueError(f"{rule}: severity must be one of "
                                 f"{', '.join(setting.choices)}, not {severity!r}")
        return dict(value)
    raise AssertionError(f"undeclared kind {kind}")


def _path(value: str, base: Path) -> Path | None:
    if not value.strip():
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path)


def redact_url(url: str) -> str:
    """The address with any password replaced: camera URLs often carry one."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{netloc[1]}").geturl()




def _url(value: str, schemes: tuple[str, ...]) -> str | None:
    if not value.strip():
        return None
    parts = urlsplit(value)
    shown = repr(redact_url(value))
    if parts.scheme not in schemes:
        raise ValueError(f"must start with {' or '.join(s + '://' for s in schemes)}, "
                         f"not {shown}")
    try:
        host, _port = parts.hostname, parts.port
    except ValueError:
        raise ValueError(f"has a port that is not a number: {shown}") from None
    if not host:
        raise ValueError(f"has no host: {shown}")
    return value
