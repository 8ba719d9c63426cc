"""From a parsed TOML document to a `ConsoleConfig`, collecting every problem at once.

An installer fixing a file wants all its mistakes in one run, each with the
line and the setting it concerns: `validate` never stops at the first one.
Problems are `error` (the console cannot run with this file) or `warning`
(it runs, but probably not as meant).
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from console.config.model import CameraOverride, ConsoleConfig, FeedSettings, Secret
from console.config.schema import CONFIG_VERSION, SECTIONS, Setting
from console.config.toml_lines import KeyPath, line_of
from console.config.values import check_value
from console.feed.plaintext import is_loopback_host, plaintext_refusal
from console.rules.config import RuleConfig


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about the file: `key` is the setting as written (`feed[2].token_file`)."""

    line: int | None
    key: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def describe(self, source: Path | str | None = None) -> str:
        where = f"{source}:" if source is not None else ""
        where += f"{self.line}:" if self.line is not None else ""
        label = "" if self.severity == "error" else "warning: "
        key = f"{self.key}: " if self.key else ""
        return f"{where} {label}{key}{self.message}".lstrip()


def display_key(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class _Check:
    lines: Mapping[KeyPath, int]
    base: Path
    problems: list[Problem] = field(default_factory=list)

    def report(self, path: KeyPath, message: str, severity: Literal["error", "warning"] = "error",
               ) -> None:
        self.problems.append(Problem(line_of(self.lines, path), display_key(path), message,
                                     severity))

    def table(self, section: str, data: Mapping[str, Any], path: KeyPath,
              allowed_tables: tuple[str, ...] = ()) -> dict[str, Any]:
        """Every declared key of `data`, checked (defaults for the missing ones)."""
        declared: dict[str, Setting] = {s.name: s for s in SECTIONS[section]}
        values = {name: s.default for name, s in declared.items()}
        for key, raw in data.items():
            if key in allowed_tables:
                continue
            s = declared.get(key)
            if s is None:
                near = difflib.get_close_matches(key, [*declared, *allowed_tables], n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                self.report((*path, key), f"unknown setting{hint}")
                continue
            try:
                values[key] = check_value(s, raw, self.base, section=section)
            except ValueError as exc:
                self.report((*path, key), str(exc))
        return values


def validate(data: Mapping[str, Any], lines: Mapping[KeyPath, int], base: Path,
             defaults: Mapping[str, Path]) -> tuple[ConsoleConfig | None, list[Problem]]:
    """Check a whole document; the config is None when any problem is an error.

    `base` is the folder relative paths are read from (the file's folder);
    `defaults` gives `data_dir` and `log_dir` when the file leaves them empty.
    """
    c = _Check(lines, base)
    top = c.table("", data, (), allowed_tables=("feed", "cameras", "rules"))
    if isinstance(top["config_version"], int) and top["config_version"] > CONFIG_VERSION:
        c.report(("config_version",), f"this file was written for a newer Yard Console "
                 f"(format {top['config_version']}; this program reads up to {CONFIG_VERSION})")
    if isinstance(top["station"], str) and not top["station"].strip():
        c.report(("station",), "is empty: the gateways need this workstation's station id")
    feeds = _feeds(c, data.get("feed", []))
    cams = data.get("cameras", {})
    overrides: dict[str, CameraOverride] = {}
    camera_values: dict[str, Any] = {"layout": None, "check_seconds": 3.0}
    if not isinstance(cams, dict):
        c.report(("cameras",), "must be a table: [cameras]")
    else:
        camera_values = c.table("cameras", cams, ("cameras",), allowed_tables=("override",))
        over = cams.get("override", {})
        if not isinstance(over, dict) or not all(isinstance(v, dict) for v in over.values()):
            c.report(("cameras", "override"), "must hold tables: [cameras.override.CAM-ID]")
        else:
            for cam_id, raw in over.items():
                v = c.table("cameras.override", raw, ("cameras", "override", cam_id))
                overrides[cam_id] = CameraOverride(v["stream"], v["substream"], v["disabled"])
    rules = _rules(c, data.get("rules", {}))
    c.problems.sort(key=lambda p: (p.line is None, p.line or 0))
    if any(p.severity == "error" for p in c.problems):
        return None, c.problems
    config = ConsoleConfig(
        station=top["station"], language=top["language"],
        data_dir=top["data_dir"] or defaults["data_dir"],
        log_dir=top["log_dir"] or defaults["log_dir"], log_level=top["log_level"],
        feeds=tuple(feeds), camera_layout=camera_values["layout"],
        camera_check_seconds=camera_values["check_seconds"], camera_overrides=overrides,
        rules=rules,
    )
    return config, c.problems


def _feeds(c: _Check, raw: Any) -> list[FeedSettings]:
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        c.report(("feed",), "feeds are tables written [[feed]], one per gateway feed")
        return []
    feeds: list[FeedSettings] = []
    seen: dict[str, int] = {}
    for i, table in enumerate(raw):
        path: KeyPath = ("feed", i)
        before = len(c.problems)
        v = c.table("feed", table, path)
        if v["url"] is None and "url" not in table:
            c.report(path, "a feed needs a url")
        elif v["url"] is None and len(c.problems) == before:
            c.report((*path, "url"), "is empty: a feed needs an address")
        elif v["url"] in seen:
            c.report((*path, "url"), f"the same address as feed[{seen[v['url']] + 1}]")
        elif v["url"] is not None:
            seen[v["url"]] = i
        token = _token(c, path, v)
        _tls(c, path, v, token)
        if len(c.problems) == before or all(p.severity == "warning"
                                            for p in c.problems[before:]):
            feeds.append(FeedSettings(
                url=v["url"], role=v["role"], name=v["name"], token=token,
                token_file=v["token_file"], ca=v["ca"], cert=v["cert"], key=v["key"],
                pin_sha256=v["pin_sha256"], allow_plaintext=v["allow_plaintext"],
                line=line_of(c.lines, path)))
    return feeds


def _token(c: _Check, path: KeyPath, v: dict[str, Any]) -> Secret | None:
    if v["token"] is not None and v["token_file"] is not None:
        c.report((*path, "token"), "give token or token_file, not both")
        return None
    if v["token"] is not None:
        if not v["token"].strip():
            c.report((*path, "token"), "is empty")
        return Secret(v["token"].strip())
    file: Path | None = v["token_file"]
    if file is None:
        return None
    try:
        text = file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        c.report((*path, "token_file"), f"cannot be read: {exc.strerror or exc} ({file})")
        return None
    if not text:
        c.report((*path, "token_file"), f"{file} is empty")
    if os.name == "posix" and file.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        c.report((*path, "token_file"), f"{file} is readable by other users; "
                 f"run: chmod 600 {file}", "warning")
    return Secret(text)


def _tls(c: _Check, path: KeyPath, v: dict[str, Any], token: Secret | None) -> None:
    for name in ("ca", "cert", "key"):
        file: Path | None = v[name]
        if file is not None and not file.is_file():
            c.report((*path, name), f"{file} does not exist or is not a file")
    if (v["cert"] is None) != (v["key"] is None):
        missing = "key" if v["key"] is None else "cert"
        c.report((*path, missing), "a client certificate needs both cert and key")
    pin = v["pin_sha256"]
    if pin is not None:
        digits = pin.replace(":", "").lower()
        if len(digits) != 64 or any(ch not in "0123456789abcdef" for ch in digits):
            c.report((*path, "pin_sha256"), "must be 64 hexadecimal digits (SHA-256)")
        else:
            v["pin_sha256"] = digits
    url = v["url"] or ""
    refusal = plaintext_refusal(url, token.reveal() if token else None, v["allow_plaintext"])
    if refusal is not None:
        c.report((*path, "url"), refusal)
    elif url.startswith("ws://") and not is_loopback_host(urlsplit(url).hostname):
        what = "the token and every event travel" if token else "every event travels"
        c.report((*path, "url"), f"is ws:// to another machine: {what} unencrypted; use wss://",
                 "warning")
    if url.startswith("ws://") and any(v[n] for n in ("ca", "cert", "key", "pin_sha256")):
        c.report((*path, "url"), "is ws:// (no TLS): ca, cert, key and pin_sha256 are "
                 "ignored; use wss://", "warning")


def _rules(c: _Check, raw: Any) -> RuleConfig:
    if not isinstance(raw, dict):
        c.report(("rules",), "must be a table: [rules]")
        return RuleConfig()
    before = len(c.problems)
    values = c.table("rules", raw, ("rules",))
    if len(c.problems) > before:
        return RuleConfig()
    given = {k: values[k] for k in raw}
    try:
        return RuleConfig.from_mapping(given)
    except (ValueError, TypeError) as exc:
        c.report(("rules",), str(exc))
        return RuleConfig()
