"""The checked configuration: what `load_config` returns and every front end reads.

Secrets travel as `Secret`, whose `repr` and `str` never show the value, so
that a configuration object printed by a debugger, a log line or a crash
report does not leak a token.  `reveal()` is the one way to the value and is
called only where the token goes on the wire (`FeedSettings.feed_config`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from console.config.values import redact_url
from console.feed.config import FeedConfig
from console.rules.config import RuleConfig

DB_FILE = "events.sqlite"


class Secret:
    """A value that is never printed: `repr` says only whether it is set."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """One `[[feed]]` table, checked; `token` already read from `token_file` when given."""

    url: str
    role: str = "terminal"
    name: str = ""
    token: Secret | None = None
    token_file: Path | None = None
    ca: Path | None = None
    cert: Path | None = None
    key: Path | None = None
    pin_sha256: str | None = None
    allow_plaintext: bool = False
    line: int | None = None

    def __repr__(self) -> str:
        return (f"FeedSettings(url={redact_url(self.url)!r}, role={self.role!r}, "
                f"name={self.name!r}, token={self.token!r}, token_file={self.token_file!r})")

    def feed_config(self, station: str) -> FeedConfig:
        """The connection settings the feed client takes."""
        return FeedConfig(
            url=self.url, key=self.name, token=self.token.reveal() if self.token else None,
            ca_file=self.ca, cert_file=self.cert, key_file=self.key,
            pin_sha256=self.pin_sha256, station=station, allow_plaintext=self.allow_plaintext,
        )


@dataclass(frozen=True, slots=True)
class CameraOverride:
    """Replacement streams for one camera of the layout, or `disabled` to leave it out."""

    stream: str | None = None
    substream: str | None = None
    disabled: bool = False

    def __repr__(self) -> str:
        shown = [redact_url(u) if u else None for u in (self.stream, self.substream)]
        return f"CameraOverride(stream={shown[0]!r}, substream={shown[1]!r}, " \
               f"disabled={self.disabled})"


@dataclass(frozen=True, slots=True)
class ConsoleConfig:
    """Everything a workstation is configured with (see `console.config.schema`)."""

    station: str = "WS-01"
    language: str = "zh_TW"
    data_dir: Path = Path(".")
    log_dir: Path = Path(".")
    log_level: str = "INFO"
    feeds: tuple[FeedSettings, ...] = ()
    camera_layout: Path | None = None
    camera_check_seconds: float = 3.0
    camera_overrides: Mapping[str, CameraOverride] = field(default_factory=dict)
    rules: RuleConfig = field(default_factory=RuleConfig)
    source: Path | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def crash_dir(self) -> Path:
        return self.log_dir / "crashes"

    def feed_configs(self) -> list[FeedConfig]:
        """The feeds as `console.composition.build_console` takes them."""
        return [f.feed_config(self.station) for f in self.feeds]

    def secrets(self) -> list[str]:
        """Every secret value (tokens, passwords inside addresses), for redaction."""
        found = [f.token.reveal() for f in self.feeds if f.token is not None]
        urls = [f.url for f in self.feeds]
        urls += [u for o in self.camera_overrides.values() for u in (o.stream, o.substream) if u]
        for url in urls:
            try:
                password = urlsplit(url).password
            except ValueError:
                password = None
            if password:
                found.append(password)
        return found

    def apply_camera_overrides(self, layout: Mapping[str, Any]) -> dict[str, Any]:
        """The layout with this workstation's camera overrides applied (a new dict).

        A disabled camera is removed; `stream`/`substream` replace the
        layout's.  Overrides for ids the layout does not know are ignored
        here (the doctor reports them).
        """
        out = dict(layout)
        cameras = []
        for cam in layout.get("cameras") or []:
            cam_id = cam.get("id") if isinstance(cam, Mapping) else None
            over = self.camera_overrides.get(cam_id) if isinstance(cam_id, str) else None
            if over is None:
                cameras.append(cam)
                continue
            if over.disabled:
                continue
            cam = dict(cam)
            if over.stream:
                cam["stream"] = over.stream
            if over.substream:
                cam["substream"] = over.substream
            cameras.append(cam)
        if "cameras" in layout:
            out["cameras"] = cameras
        return out
