"""Writing configuration as TOML: the commented template of `config init` and `config show`.

Both are generated from `console.config.schema`, so every setting appears
with its description.  `render_effective` prints what the console will
actually use (defaults filled in, relative paths resolved) and never a
secret: a token is shown only as `(hidden)`, a password inside a camera or
feed address as `***`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.config.model import ConsoleConfig, FeedSettings, Secret
from console.config.readiness import ROLES
from console.config.schema import CAMERA_OVERRIDE, CAMERAS, FEED, RULES, TOP, Setting
from console.config.values import redact_url

HIDDEN = "(hidden)"


def toml_value(value: Any) -> str:
    """One TOML value (strings as basic strings, which JSON's escapes are valid in)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, Path):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple | frozenset | set):
        items = sorted(value) if isinstance(value, frozenset | set) else value
        return "[" + ", ".join(toml_value(v) for v in items) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}"
                               for k, v in value.items()) + "}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _lines(settings: Iterable[Setting], values: Mapping[str, Any], *, template: bool,
           ) -> list[str]:
    out: list[str] = []
    for s in settings:
        value = values.get(s.name, s.default)
        out.append(f"# {s.description}")
        if s.choices and s.kind == "choice":
            out[-1] += f" ({' | '.join(s.choices)})"
        if s.secret and value is not None:
            out.append(f"# {s.name} = {HIDDEN}")
        elif value is None:
            shown = s.example if s.example is not None else ""
            out.append(f"# {s.name} = {toml_value(shown)}")
        else:
            if s.kind == "url" and isinstance(value, str):
                value = redact_url(value)
            out.append(f"{s.name} = {toml_value(value)}")
    return out


@dataclass(frozen=True, slots=True)
class InitFeed:
    """One feed `config init` was given: its address, role and token file."""

    url: str
    role: str
    token_file: Path | None = None


PLACEHOLDER_URL = "wss://GATEWAY:8443/{role}"


def feed_tables(feeds: Sequence[InitFeed]) -> list[str]:
    """A [[feed]] table per given feed, and a commented placeholder for each role none has:
    the console needs both the terminal and the clearance feed, and `config check` fails
    until the placeholder is filled in and uncommented."""
    out = ["", "# One [[feed]] table per gateway feed: the console needs both the terminal "
           "feed and the clearance feed."]
    for feed in feeds:
        values = {"url": feed.url, "role": feed.role, "token_file": feed.token_file}
        out += ["", "[[feed]]", *_lines(FEED, values, template=True)]
    for role in ROLES:
        if any(f.role == role for f in feeds):
            continue
        out += ["", f"# REQUIRED: the {role} feed. Put the gateway's address and token file "
                "in these four lines, then remove their \"# \":",
                "# [[feed]]", f"# url = {toml_value(PLACEHOLDER_URL.format(role=role))}",
                f"# role = {toml_value(role)}",
                f"# token_file = {toml_value(f'/etc/yard-console/{role}.token')}"]
    return out


def render_template(feeds: Sequence[InitFeed] = (), station: str | None = None) -> str:
    """The commented file `yard-console config init` writes."""
    top = {"station": station} if station else {}
    out = ["# Yard Console (智慧櫃場監管台) workstation configuration.",
           "# Check it with: yard-console config check --config THIS_FILE", ""]
    out += _lines(TOP, top, template=True)
    out += feed_tables(feeds)
    out += ["", "[cameras]", *_lines(CAMERAS, {}, template=True)]
    out += ["", "# Per-camera overrides, one table per camera id:",
            "# [cameras.override.CAM-R17-03]"]
    out += [line if line.startswith("#") else "# " + line
            for line in _lines(CAMERA_OVERRIDE, {}, template=True)]
    out += ["", "# Rule thresholds (docs: supervision rules); the defaults are shown.", "[rules]"]
    out += ["# " + line if not line.startswith("#") else line
            for line in _lines(RULES, {}, template=True)]
    return "\n".join(out) + "\n"


def _feed_values(feed: FeedSettings) -> dict[str, Any]:
    return {"url": feed.url, "role": feed.role, "name": feed.name,
            "token": feed.token, "token_file": feed.token_file, "ca": feed.ca,
            "cert": feed.cert, "key": feed.key, "pin_sha256": feed.pin_sha256}


def render_effective(config: ConsoleConfig) -> str:
    """What the console will use, as TOML, with every secret hidden."""
    top = {"config_version": 1, "station": config.station, "language": config.language,
           "data_dir": config.data_dir, "log_dir": config.log_dir,
           "log_level": config.log_level}
    source = config.source if config.source is not None else "(no file: defaults)"
    out = [f"# read from {source}", f"# database: {config.db_path}", ""]
    out += _lines(TOP, top, template=False)
    for feed in config.feeds:
        values = _feed_values(feed)
        out += ["", "[[feed]]", *_lines(FEED, values, template=False)]
        if isinstance(values["token"], Secret):
            out.append("# token: set" + (" (from token_file)" if feed.token_file else ""))
    cameras = {"layout": config.camera_layout, "check_seconds": config.camera_check_seconds}
    out += ["", "[cameras]", *_lines(CAMERAS, cameras, template=False)]
    for cam_id, over in config.camera_overrides.items():
        out += ["", f"[cameras.override.{json.dumps(cam_id)}]"]
        out += _lines(CAMERA_OVERRIDE, {"stream": over.stream, "substream": over.substream,
                                        "disabled": over.disabled}, template=False)
    rules = {s.name: getattr(config.rules, s.name) for s in RULES}
    rules["severities"] = dict(config.rules.severities)
    rules["default_tare_kg"] = dict(config.rules.default_tare_kg)
    out += ["", "[rules]", *_lines(RULES, rules, template=False)]
    return "\n".join(out) + "\n"
