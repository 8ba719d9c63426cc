"""The Traditional Chinese catalogue: complete, compiled by Qt's own tool, found at run time."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from ui.i18n import I18N_DIR, Translations, lrelease_command, qm_file

ROOT = Path(__file__).resolve().parents[2]
TS = I18N_DIR / "yard_console_zh_TW.ts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    out: dict[tuple[str, str], ET.Element] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            translation = m.find("translation")
            assert translation is not None
            out[(name, m.findtext("source") or "")] = translation
    return out


# Areas whose owners add strings on their own schedule (the CCTV wall is bilingual
# inline; the history window's strings are translated in the same catalogue, but a
# string added there must not fail this area's tests): checked when present, not required.
OTHER_AREAS = ("cctv", "history")


def test_every_string_in_the_window_has_a_finished_translation(tmp_path: Path) -> None:
    """Re-extract with pyside6-lupdate: a new string without a translation fails here."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate is not None
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py")
                     if not set(OTHER_AREAS) & set(p.parts))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True,
                   timeout=120)
    wanted = set(messages(fresh))
    have = messages(TS)
    assert wanted - set(have) == set(), "run pyside6-lupdate and translate the new strings"
    unfinished = [k for k, t in have.items() if k in wanted
                  and (t.get("type") == "unfinished" or not (t.text or "").strip())]
    assert unfinished == []
    assert len(wanted) > 100


def test_lrelease_compiles_into_the_cache_once(qapp: object, tmp_path: Path) -> None:
    assert lrelease_command() is not None
    qm = qm_file("zh_TW", tmp_path)
    shipped = TS.with_suffix(".qm")
    assert qm is not None and qm.exists()
    if not shipped.exists():
        assert qm.parent == tmp_path / "i18n"
        first = qm.stat().st_mtime_ns
        assert qm_file("zh_TW", tmp_path) == qm and qm.stat().st_mtime_ns == first


def test_switching_language_translates_and_back(qapp: object, tmp_path: Path) -> None:
    tr = Translations(tmp_path)
    assert tr.set_language("zh_TW")
    assert QCoreApplication.translate("Severity", "CRITICAL") == "緊急"
    assert QCoreApplication.translate("YardLegend", "hold") == "扣留"
    assert tr.set_language("en")
    assert QCoreApplication.translate("Severity", "CRITICAL") == "CRITICAL"


def test_package_build_compiles_beside_the_sources(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m ui.i18n --compile` (what a package build runs) writes each .qm beside its .ts."""
    import ui.i18n

    copy = tmp_path / "i18n"
    shutil.copytree(I18N_DIR, copy, ignore=shutil.ignore_patterns("*.qm"))
    monkeypatch.setattr(ui.i18n, "I18N_DIR", copy)
    assert ui.i18n.main(["--compile"]) == 0
    assert (copy / "yard_console_zh_TW.qm").stat().st_size > 1000
    assert ui.i18n.main([]) == 2
