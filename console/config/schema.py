"""Every setting of the configuration file, declared once: type, default, description.

The template `config init` writes, the checks `config check` runs, the
listing `config show` prints and the values `load_config` returns are all
derived from these declarations, so a setting cannot be documented in one
place and read differently in another.  Sections: the top level, `[[feed]]`
(one table per gateway feed), `[cameras]` with `[cameras.override.<ID>]`
tables, `[rules]` (every threshold of `console.rules.config.RuleConfig`).

`CONFIG_VERSION` is the file format's version: a file written for a newer
program is refused by name.  There is no older format yet; when a setting is
renamed, version 2 brings the migration of version-1 files with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from console.rules.catalogue import SEVERITIES
from console.rules.config import RuleConfig

CONFIG_VERSION = 1

Kind = Literal["text", "integer", "number", "boolean", "path", "url", "choice",
               "texts", "numbers", "severities"]


@dataclass(frozen=True, slots=True)
class Setting:
    """One key: `secret` values are never printed, logged or echoed in an error."""

    name: str
    kind: Kind
    default: Any
    description: str
    secret: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    example: Any = None


TOP: tuple[Setting, ...] = (
    Setting("config_version", "integer", CONFIG_VERSION,
            "format of this file; leave as written by `yard-console config init`", minimum=1),
    Setting("station", "text", "WS-01",
            "this workstation's station id, as the gateways know it", example="WS-07"),
    Setting("language", "choice", "zh_TW", "language of the window", choices=("zh_TW", "en")),
    Setting("data_dir", "path", None,
            "folder of the database and evidence (empty: the platform's user data folder)"),
    Setting("log_dir", "path", None, "folder of the rotated logs and crash reports "
            "(empty: the platform's user log folder)"),
    Setting("log_level", "choice", "INFO", "how much the log file records",
            choices=("DEBUG", "INFO", "WARNING", "ERROR")),
)

FEED: tuple[Setting, ...] = (
    Setting("url", "url", None, "gateway feed address, wss:// (or ws:// on loopback only)",
            example="wss://gateway.khh-t7.example:8443/terminal"),
    Setting("role", "choice", "terminal", "what the feed carries: terminal operations or "
            "customs clearance decisions", choices=("terminal", "clearance")),
    Setting("name", "text", "",
            "name shown on screen and in the store (empty: the name the gateway announces)"),
    Setting("token", "text", None, "bearer token (prefer token_file: keep secrets out of "
            "this file)", secret=True),
    Setting("token_file", "path", None, "file holding the bearer token (readable by the "
            "console's user only)", example="/etc/yard-console/terminal.token"),
    Setting("ca", "path", None, "CA certificate (PEM) that signed the gateway's certificate"),
    Setting("cert", "path", None, "client certificate (PEM), when the gateway asks for one"),
    Setting("key", "path", None, "key of the client certificate (PEM)"),
    Setting("pin_sha256", "text", None,
            "SHA-256 fingerprint of the gateway certificate to require (64 hex digits)"),
    Setting("allow_plaintext", "boolean", False,
            "send the token over ws:// (unencrypted) to another machine; only on a network "
            "you trust: without it such a feed is refused"),
)

CAMERAS: tuple[Setting, ...] = (
    Setting("layout", "path", None, "layout file (JSON) to use until the terminal feed "
            "sends its own; the doctor checks its cameras"),
    Setting("check_seconds", "number", 3.0, "how long the doctor watches each stream",
            minimum=0.5),
)

CAMERA_OVERRIDE: tuple[Setting, ...] = (
    Setting("stream", "url", None, "main stream to use instead of the layout's "
            "(rtsp://, http://, https://)"),
    Setting("substream", "url", None, "sub stream to use instead of the layout's"),
    Setting("disabled", "boolean", False, "leave this camera off the wall and the checks"),
)

_RULE_TEXT: dict[str, str] = {
    "no_clearance_after_s": "NOT_ON_MANIFEST: seconds after discharge without clearance",
    "transfer_overdue_after_s": "TRANSFER_OVERDUE: seconds from discharge to yard, load or gate",
    "stop_after_s": "UNSCHEDULED_STOP: seconds a loaded vehicle may stand still",
    "stop_speed_mps": "UNSCHEDULED_STOP: speed (m/s) below which a vehicle stands still",
    "disconnected_after_s": "FEED_STALE: seconds a feed may be disconnected",
    "ocr_min_confidence": "OCR_LOW_CONFIDENCE: lowest acceptable OCR confidence (0-1)",
    "empty_excess_kg": "EMPTY_WEIGHT_MISMATCH: kg above tare an empty container may weigh",
    "laden_margin_kg": "EMPTY_WEIGHT_MISMATCH: kg above tare a laden container must weigh",
    "default_tare_kg": "tare (kg) by length when an event gives none: keys \"20\", \"40\", "
                       "\"45\"",
    "stop_allowed_zone_kinds": "UNSCHEDULED_STOP: zone kinds where standing still is normal",
    "severities": "severity per rule id, overriding the default (critical/high/medium/low)",
    "disabled": "rule ids that raise nothing",
}


def _rule_settings() -> tuple[Setting, ...]:
    defaults = RuleConfig()
    out = []
    for f in dataclasses.fields(RuleConfig):
        value = getattr(defaults, f.name)
        kind: Kind
        if f.name == "severities":
            kind = "severities"
            value = {}
        elif isinstance(value, float):
            kind = "number"
        elif isinstance(value, frozenset):
            kind, value = "texts", sorted(value)
        else:
            kind, value = "numbers", dict(value)
        out.append(Setting(f.name, kind, value, _RULE_TEXT[f.name], choices=SEVERITIES
                           if kind == "severities" else (), minimum=0.0
                           if kind == "number" else None))
    return tuple(out)


RULES: tuple[Setting, ...] = _rule_settings()

SECTIONS: dict[str, tuple[Setting, ...]] = {
    "": TOP, "feed": FEED, "cameras": CAMERAS, "cameras.override": CAMERA_OVERRIDE,
    "rules": RULES,
}


def setting(section: str, name: str) -> Setting | None:
    return next((s for s in SECTIONS[section] if s.name == name), None)
