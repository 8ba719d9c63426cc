"""The OCR frame of an alert's event as a picture in the case, not as an address.

A gate or crane OCR reading links the camera frame it read (`ocr.images[].url`,
served by the terminal's camera system).  `OcrFrames` fetches such a frame
once, off the UI thread (one short-lived daemon thread per frame: widgets
never touch the network), keeps it in a folder of its own for the session,
and announces it with `fetched(url, path)`; `failed(url, reason)` says in
words why not.  Only http(s) addresses, at most 8 MB, 5 s.

Signals: `fetched(str, str)`, `failed(str, str)`.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QObject, Signal, SignalInstance

MAX_BYTES = 8 * 2**20
TIMEOUT_S = 5.0


class OcrFrames(QObject):
    fetched = Signal(str, str)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = tempfile.TemporaryDirectory(prefix="yard-ocr-frames-")
        self._asked: set[str] = set()
        self.problems: dict[str, str] = {}

    def path_for(self, url: str) -> Path:
        return Path(self._dir.name) / (hashlib.sha256(url.encode()).hexdigest()[:24] + ".jpg")

    def cached(self, url: str) -> str | None:
        path = self.path_for(url)
        return str(path) if path.is_file() else None

    def request(self, url: str) -> None:
        """Fetch `url` once (later calls for it do nothing)."""
        if url in self._asked:
            return
        self._asked.add(url)
        if not url.startswith(("http://", "https://")):
            self._fail(url, Q.translate("OcrFrames", "the frame's address is not a web address"))
            return
        threading.Thread(target=self._fetch, args=(url,), name="ocr-frame", daemon=True).start()

    def _fetch(self, url: str) -> None:
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT_S) as reply:
                data = reply.read(MAX_BYTES + 1)
        except (OSError, urllib.error.URLError, ValueError) as exc:
            text = Q.translate("OcrFrames", "the camera system did not give the frame (%1)")
            self._fail(url, text.replace("%1", str(exc)))
            return
        if len(data) > MAX_BYTES or not data:
            self._fail(url, Q.translate("OcrFrames", "the camera system sent no usable frame"))
            return
        path = self.path_for(url)
        partial = path.with_suffix(".part")
        try:
            partial.write_bytes(data)
            partial.replace(path)
        except OSError as exc:  # the session ended meanwhile, or the disk is full
            self._fail(url, Q.translate("OcrFrames", "the frame could not be kept (%1)")
                       .replace("%1", str(exc.strerror)))
            return
        self._emit(self.fetched, url, str(path))

    def _fail(self, url: str, reason: str) -> None:
        self.problems[url] = reason
        self._emit(self.failed, url, reason)

    @staticmethod
    def _emit(signal: SignalInstance, url: str, text: str) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed while fetching
            signal.emit(url, text)

    def close(self) -> None:
        self._dir.cleanup()
