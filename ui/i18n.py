"""Traditional Chinese and English through Qt's own translation tools.

Sources are `resources/i18n/yard_console_<lang>.ts` (English is the source
language and needs none).  They are compiled to `.qm` by `pyside6-lrelease`:
at package build (`python -m ui.i18n --compile` writes the `.qm` beside the
`.ts`, which then ships as package data), or on first run into a cache
directory when no `.qm` newer than its `.ts` exists.  `Translations` switches
the language at run time: installing a translator sends `LanguageChange` to
every widget, which re-reads its texts.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

I18N_DIR = Path(__file__).resolve().parents[1] / "resources" / "i18n"
LANGUAGES: dict[str, str] = {"en": "English", "zh_TW": "繁體中文"}
log = logging.getLogger("ui.i18n")


def lrelease_command() -> list[str] | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name, path=str(here)) or shutil.which(name)
        if found:
            return [found]
    try:
        import PySide6

        binary = Path(PySide6.__file__).parent / "lrelease"
        if binary.exists():
            return [str(binary)]
    except ImportError:
        pass
    return None


def compile_ts(ts: Path, qm: Path) -> bool:
    cmd = lrelease_command()
    if cmd is None:
        log.warning("pyside6-lrelease not found; %s stays untranslated", ts.name)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([*cmd, "-silent", str(ts), "-qm", str(qm)], capture_output=True,
                            text=True, timeout=60, check=False)
    if result.returncode != 0 or not qm.exists():
        log.warning("lrelease failed on %s: %s", ts.name, result.stderr.strip())
        return False
    return True


def qm_file(lang: str, cache_dir: Path) -> Path | None:
    """The compiled catalogue for `lang`: shipped beside the .ts, else compiled into the cache."""
    ts = I18N_DIR / f"yard_console_{lang}.ts"
    shipped = ts.with_suffix(".qm")
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    cached = cache_dir / "i18n" / shipped.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for the catalogue under `context` (lupdate reads this name), typed as str."""
    return text


class Translations(QObject):
    """The application's current language; `language_changed(str)` after a switch."""

    language_changed = Signal(str)

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.language = "en"
        self._installed: list[QTranslator] = []

    def set_language(self, lang: str) -> bool:
        """Switch to `lang` (`en` or `zh_TW`); False when its catalogue is unavailable."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        app = QCoreApplication.instance()
        assert app is not None
        for tr in self._installed:
            app.removeTranslator(tr)
        self._installed.clear()
        ok = True
        if lang != "en":
            qm = qm_file(lang, self.cache_dir)
            ours = QTranslator(self)
            ok = qm is not None and ours.load(str(qm))
            if ok:
                self._installed.append(ours)
            qt = QTranslator(self)
            if qt.load(QLocale(lang), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._installed.append(qt)
        for tr in self._installed:
            app.installTranslator(tr)
        self.language = lang
        QLocale.setDefault(QLocale(lang))
        self.language_changed.emit(lang)
        return ok


def main(argv: list[str] | None = None) -> int:
    """`python -m ui.i18n --compile`: compile every .ts beside itself (package build)."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["--compile"]:
        print("usage: python -m ui.i18n --compile", file=sys.stderr)
        return 2
    ok = all(compile_ts(ts, ts.with_suffix(".qm")) for ts in sorted(I18N_DIR.glob("*.ts")))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
