"""The parts of the packaged builds that can be checked without freezing (packaging/ci.sh
does the full build, installs the .deb into a scratch root and runs it)."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("yard_packaging_build", PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_icons_render_at_every_size_and_the_ico_holds_them(build: ModuleType,
                                                           tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    pngs = build.render_icons(tmp_path)
    for size, png in pngs.items():
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 8).alpha() == 255  # the icon is drawn
    ico = (tmp_path / "yard-console.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 4)
    for i in range(count):
        w, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * i: 22 + 16 * i])
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico) and w in (16, 32, 48, 0)


def test_translations_compile(build: ModuleType, tmp_path: Path) -> None:
    [qm] = build.compile_translations(tmp_path)
    assert qm.name == "yard_console_zh_TW.qm" and qm.stat().st_size > 1000


def fake_bundle(root: Path, *, qm: bool = True, second_qt: bool = False) -> Path:
    folder = root / "yard-console"
    internal = folder / "_internal"
    for rel in ("resources/layout/khh-t7.json", "resources/theme/control-room.qss",
                "PySide6/Qt/lib/libQt6Core.so.6", *(["resources/i18n/yard_console_zh_TW.qm"]
                                                    if qm else []),
                *(["cv2/qt/plugins/libQt5Core.so.5"] if second_qt else [])):
        (internal / rel).parent.mkdir(parents=True, exist_ok=True)
        (internal / rel).write_text("x")
    (internal / "libQt6Core.so.6").symlink_to("PySide6/Qt/lib/libQt6Core.so.6")
    (folder / "yard-console").write_text("#!/bin/sh\n")
    return folder


def test_bundle_check_accepts_a_complete_folder(build: ModuleType, tmp_path: Path) -> None:
    assert build.check_bundle(fake_bundle(tmp_path)) == []


def test_bundle_check_refuses_missing_catalogue_and_a_second_qt(build: ModuleType,
                                                                 tmp_path: Path) -> None:
    problems = build.check_bundle(fake_bundle(tmp_path, qm=False, second_qt=True))
    assert any("yard_console_zh_TW.qm" in p for p in problems)
    assert any("one Qt" in p for p in problems)
    assert any("OpenCV's own Qt" in p for p in problems)


def test_the_environment_has_no_opencv_with_its_own_qt() -> None:
    from importlib.metadata import PackageNotFoundError, version

    with pytest.raises(PackageNotFoundError):
        version("opencv-python")
    import cv2

    assert not (Path(cv2.__file__).parent / "qt").exists()


def test_desktop_entry_runs_the_installed_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "yard-console.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[0] == "yard-console" and section["Icon"] == "yard-console"
    assert section["Name[zh_TW]"] == "智慧櫃場監管台"
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = subprocess.run([validate, str(PACKAGING / "linux" / "yard-console.desktop")],
                                capture_output=True, text=True, timeout=30, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_nsis_script_compiles_against_a_stand_in_folder(tmp_path: Path) -> None:
    makensis = require_tool("makensis")
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "_internal" / "resources" / "x.txt").write_text("x")
    for exe in ("yard-console.exe", "yard-console-window.exe"):
        (bundle / exe).write_text("stand-in")
    out = tmp_path / "yard-console-setup.exe"
    result = subprocess.run(
        [makensis, "-V2", "-DVERSION=0.1.0", f"-DBUNDLE={bundle}", f"-DOUTFILE={out}",
         str(PACKAGING / "windows" / "yard-console.nsi")],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_frozen_entry_point_is_the_cli_main() -> None:
    result = subprocess.run([sys.executable, str(PACKAGING / "entry.py"), "--version"],
                            capture_output=True, text=True, timeout=60, check=False, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("yard-console ")


def test_the_deb_installs_the_command_desktop_entry_and_icons(build: ModuleType,
                                                               tmp_path: Path) -> None:
    dpkg_deb = require_tool("dpkg-deb")
    dpkg = require_tool("dpkg")
    folder = fake_bundle(tmp_path / "dist")
    (folder / "yard-console").chmod(0o755)
    pngs = build.render_icons(tmp_path / "icons")
    deb = build.build_deb(folder, pngs, tmp_path / "out", tmp_path / "build", "gzip")
    info = subprocess.run([dpkg_deb, "--field", str(deb), "Package", "Depends", "Recommends"],
                          capture_output=True, text=True, check=True).stdout
    assert "Package: yard-console" in info and "libxcb-cursor0" in info
    assert f"libc6 (>= {build.glibc_version()})" in info and "fonts-noto-cjk" in info
    root = tmp_path / "root"
    (root / "var/lib/dpkg/info").mkdir(parents=True)
    (root / "var/lib/dpkg/updates").mkdir(parents=True)
    (root / "var/lib/dpkg/status").write_text("")
    subprocess.run([dpkg, f"--instdir={root}", f"--admindir={root}/var/lib/dpkg",
                    "--force-depends", "--force-not-root", "--force-script-chrootless", "-i",
                    str(deb)], capture_output=True, check=True, timeout=120)
    command = root / "usr/bin/yard-console"
    assert command.is_symlink() and command.resolve() == (root / "opt/yard-console/yard-console")
    assert (root / "opt/yard-console/_internal/resources/i18n/yard_console_zh_TW.qm").is_file()
    assert (root / "usr/share/applications/yard-console.desktop").is_file()
    for size in (48, 256):
        assert (root / f"usr/share/icons/hicolor/{size}x{size}/apps/yard-console.png").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps/yard-console.svg").is_file()
