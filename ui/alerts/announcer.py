"""Announcing a new critical or high alert: seen and heard, never grabbing focus.

`AlertAnnouncer` decides *whether* to announce (new, severity critical or
high, not muted for sound) and does the audible part.  Sound is a short
two-tone WAV written once into the cache and played by the first available
player (`paplay`, `aplay`, `pw-play`), only when the machine has a sound
device; otherwise `QApplication.beep()`, which is silent where there is no
bell.  No failure of sound ever reaches the officer.  The visual part is
`AlertBanner`; the announcer only emits.

Signals:
    announced(str, str) – an alert to show (alert id, severity)
    muted_changed(bool)
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import struct
import subprocess
import wave
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

ANNOUNCED_SEVERITIES = frozenset({"critical", "high"})
PLAYERS = ("paplay", "pw-play", "aplay")
log = logging.getLogger("ui.alerts.announcer")


def write_chime(path: Path, rate: int = 16000) -> Path:
    """A 0.5 s two-tone chime (880 Hz then 660 Hz), 16-bit mono."""
    frames = bytearray()
    for i in range(rate // 2):
        f = 880.0 if i < rate // 4 else 660.0
        env = min(1.0, i / 200, (rate // 2 - i) / 400)
        frames += struct.pack("<h", int(12000 * env * math.sin(2 * math.pi * f * i / rate)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return path


def has_sound_device() -> bool:
    return bool(os.environ.get("PULSE_SERVER")) or any(Path("/dev/snd").glob("pcm*p"))


class AlertAnnouncer(QObject):
    announced = Signal(str, str)
    muted_changed = Signal(bool)

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.muted = False
        self.sounds_played = 0
        self.sound_method = "none"
        self._cache_dir = cache_dir
        self._player: str | None = None
        self._procs: list[subprocess.Popen[bytes]] = []
        if has_sound_device():
            self._player = next((p for p in PLAYERS if shutil.which(p)), None)

    def set_muted(self, muted: bool) -> None:
        if muted != self.muted:
            self.muted = muted
            self.muted_changed.emit(muted)

    def alert_raised(self, alert_id: str, severity: str) -> None:
        if severity not in ANNOUNCED_SEVERITIES:
            return
        self.announced.emit(alert_id, severity)
        if not self.muted:
            self.play()

    def play(self) -> None:
        self.sounds_played += 1
        self._procs = [p for p in self._procs if p.poll() is None]
        if self._player is not None and len(self._procs) < 2:
            try:
                wav = self._cache_dir / "chime.wav"
                if not wav.exists():
                    write_chime(wav)
                self._procs.append(subprocess.Popen(
                    [self._player, str(wav)], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ))
                self.sound_method = self._player
                return
            except OSError as exc:
                log.info("sound player %s failed (%s); falling back to the bell", self._player, exc)
                self._player = None
        QApplication.beep()
        self.sound_method = "beep"

    def close(self) -> None:
        for p in self._procs:
            if p.poll() is None:
                p.terminate()
                p.wait(timeout=2)
        self._procs.clear()
