"""Build Yard Console for control-room workstations: `python packaging/build.py`.

One command, run from any folder with the project's virtual environment's
Python (which has PyInstaller: `pip install -e .[packaging]`):

1. compile the translations (`resources/i18n/*.ts` → `build/i18n/*.qm`,
   with `pyside6-lrelease`);
2. render the icon (`packaging/icons/yard-console.svg` → PNG sizes, `.ico`);
3. freeze the one-folder program with PyInstaller (`packaging/yard-console.spec`)
   into `dist/yard-console/`;
4. on Linux, leave the system's own libraries out of the folder (OpenSSL,
   libstdc++, GTK, dbus, systemd, fontconfig, freetype, xcb …: they come
   from the distribution, with its security updates, through the `.deb`'s
   Depends; `packaging/system_libs.py`) and remove every build-machine path
   from the binaries' library search paths;
5. check the folder: the program, the compiled catalogue, the layout, the
   theme, exactly one Qt (PySide6's; no second copy from OpenCV), no system
   library and no build-machine path left;
6. on Linux, make `dist/yard-console_<version>_<arch>.deb` with `dpkg-deb`:
   the folder in `/opt/yard-console`, the `yard-console` command in
   `/usr/bin`, a desktop entry and icons, the headless service's systemd
   unit, and the maintainer scripts that create the service account, the
   shared data, log and configuration folders (`packaging/linux/debian/`).

`--no-deb` stops after step 5; `--deb-only` packs an existing folder.
Windows: see `packaging/windows/README.md` (the same script freezes the
folder on Windows; `makensis` then builds the installer).
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import system_libs  # packaging/ is not a package: imported from its folder

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
NAME = "yard-console"
# What the program needs from the system whatever the build machine bundled: the C library,
# what Qt's xcb plugin opens, OpenGL, the Chinese fonts, and useradd for the service account.
# The libraries left out of the bundle are added (SYSTEM_DEPENDS, written at freezing).
DEB_DEPENDS = (
    "libc6 (>= {glibc})", "libstdc++6", "libgl1", "libegl1", "libfontconfig1",
    "libfreetype6", "libdbus-1-3", "libglib2.0-0", "libxkbcommon0", "libxkbcommon-x11-0",
    "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0",
    "libxcb-xfixes0", "libxcb-xkb1", "libxcb-sync1", "libxcb-shm0", "libxcb-render0",
    "fonts-noto-cjk", "passwd",
)
SYSTEM_DEPENDS = Path("_internal") / "resources" / "system-depends.txt"
MAINTAINER_SCRIPTS = ("postinst", "prerm", "postrm")
SERVICE = f"{NAME}-headless.service"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from console import __version__

    return __version__


def glibc_version() -> str:
    """The build machine's C library: the frozen program needs at least this one, so build
    on the oldest distribution the workstations run."""
    found = os.confstr("CS_GNU_LIBC_VERSION") or "glibc 2.31"
    return found.split()[-1]


def step(text: str) -> float:
    print(f"==> {text}", flush=True)
    return time.monotonic()


def compile_translations(out: Path) -> list[Path]:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) \
        or shutil.which("pyside6-lrelease")
    if lrelease is None:
        raise SystemExit("pyside6-lrelease not found: install PySide6 in this environment")
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = out / ts.with_suffix(".qm").name
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True, timeout=120)
        made.append(qm)
    if not made:
        raise SystemExit("no translations in resources/i18n")
    return made


def render_icons(out: Path) -> dict[int, Path]:
    """PNGs of the SVG icon at the sizes desktops use, and a Windows .ico holding them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt up)
    renderer = QSvgRenderer(str(PACKAGING / "icons" / f"{NAME}.svg"))
    out.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, Path] = {}
    for size in (16, 32, 48, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        pngs[size] = out / f"{NAME}-{size}.png"
        image.save(str(pngs[size]))
    write_ico(out / f"{NAME}.ico", [pngs[s] for s in (16, 32, 48, 256)])
    return pngs


def write_ico(path: Path, pngs: list[Path]) -> None:
    """An .ico whose images are PNGs (valid since Windows Vista; no Pillow needed)."""
    blobs = [p.read_bytes() for p in pngs]
    offset = 6 + 16 * len(blobs)
    entries = b""
    for blob in blobs:
        width, height = struct.unpack(">II", blob[16:24])
        entries += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32,
                               len(blob), offset)
        offset += len(blob)
    path.write_bytes(struct.pack("<HHH", 0, 1, len(blobs)) + entries + b"".join(blobs))


def freeze(build: Path, dist: Path, i18n: Path, icon: Path) -> Path:
    env = dict(os.environ, YARD_ROOT=str(ROOT), YARD_I18N=str(i18n), YARD_ICON=str(icon))
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(dist),
                    "--workpath", str(build / "pyinstaller"), str(PACKAGING / f"{NAME}.spec")],
                   check=True, env=env, cwd=ROOT)
    return dist / NAME


def check_bundle(folder: Path) -> list[str]:
    """What is wrong with a frozen folder (empty when it is fit to ship)."""
    problems = []
    exe = folder / (f"{NAME}.exe" if os.name == "nt" else NAME)
    if not exe.is_file():
        problems.append(f"no program {exe.name}")
    internal = folder / "_internal"
    for needed in ("resources/i18n/yard_console_zh_TW.qm", "resources/layout/khh-t7.json",
                   "resources/theme/control-room.qss"):
        if not (internal / needed).is_file():
            problems.append(f"missing {needed}")
    qt_cores = [p.relative_to(folder) for p in folder.rglob("*")
                if p.name.startswith(("libQt6Core.so", "Qt6Core.dll", "libQt5Core.so"))
                and not p.is_symlink()]
    foreign = [str(p) for p in qt_cores if "PySide6" not in p.parts]
    if foreign or not qt_cores:
        problems.append(f"expected one Qt (PySide6's), found: {[str(p) for p in qt_cores]}")
    if any(p.name == "qt" and p.parent.name == "cv2" for p in folder.rglob("qt")):
        problems.append("OpenCV's own Qt is bundled (use opencv-python-headless)")
    return problems


def unbundle_system(folder: Path) -> list[str]:
    """Step 4: the system's libraries out, build-machine paths out; the packages to depend on
    (kept in the folder, so that `--deb-only` declares them too)."""
    before = folder_size(folder)
    packages = system_libs.leave_out(folder)
    changed = system_libs.strip_build_host_paths(folder)
    record = folder / SYSTEM_DEPENDS
    record.parent.mkdir(parents=True, exist_ok=True)
    known = set(record.read_text(encoding="utf-8").split()) if record.is_file() else set()
    record.write_text("\n".join(sorted(known | set(packages))) + "\n", encoding="utf-8")
    print(f"    left out {len(packages)} system packages' libraries "
          f"({(before - folder_size(folder)) / 2**20:.0f} MiB); build-machine paths removed "
          f"from {changed} binaries")
    return packages


def system_problems(folder: Path) -> list[str]:
    """System libraries or build-machine paths still in a frozen folder."""
    problems = [f"bundles the system's {lib.name} (package {pkg})"
                for lib, pkg in system_libs.system_libraries(folder).items()]
    problems += [f"{binary.relative_to(folder)} searches {':'.join(paths)} (a build-machine path)"
                 for binary, paths in system_libs.build_host_paths(folder).items()]
    return problems


def deb_depends(folder: Path) -> str:
    record = folder / SYSTEM_DEPENDS
    found = record.read_text(encoding="utf-8").split() if record.is_file() else []
    names = list(DEB_DEPENDS)
    names += [p for p in found if p not in {n.split()[0] for n in names}]
    return ", ".join(n.format(glibc=glibc_version()) for n in names)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build_deb(folder: Path, pngs: dict[int, Path], out_dir: Path, build: Path,
              compress: str) -> Path:
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    ver = version()
    stage = build / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(folder, stage / "opt" / NAME, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / NAME).symlink_to(f"../../opt/{NAME}/{NAME}")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / f"{NAME}.desktop", apps)
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    for size, png in pngs.items():
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(png, target / f"{NAME}.png")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(PACKAGING / "icons" / f"{NAME}.svg", icons / "scalable" / "apps")
    units = stage / "usr" / "lib" / "systemd" / "system"
    units.mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / SERVICE, units / SERVICE)
    doc = stage / "usr" / "share" / "doc" / NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text("Yard Console (智慧櫃場監管台). Proprietary.\n"
                                   "Bundles Qt for Python (LGPLv3) and its Qt libraries.\n",
                                   encoding="utf-8")
    (stage / "DEBIAN").mkdir()
    for script in MAINTAINER_SCRIPTS:
        shutil.copy2(PACKAGING / "linux" / "debian" / script, stage / "DEBIAN" / script)
        (stage / "DEBIAN" / script).chmod(0o755)
    installed_kib = folder_size(stage) // 1024
    (stage / "DEBIAN" / "control").write_text(
        f"Package: {NAME}\nVersion: {ver}\nArchitecture: {arch}\n"
        f"Maintainer: Yard Console team <yard-console@localhost>\n"
        f"Installed-Size: {installed_kib}\nSection: misc\nPriority: optional\n"
        f"Depends: {deb_depends(folder)}\n"
        f"Description: customs supervision console for an automated container terminal\n"
        f" Yard Console (智慧櫃場監管台) shows the terminal's feeds, cameras and\n"
        f" customs alerts to officers. Run `yard-console doctor` after installing.\n"
        f" Installed for the whole machine: data in /var/lib/{NAME}, logs in\n"
        f" /var/log/{NAME}, configuration in /etc/{NAME}; officers join the\n"
        f" group {NAME}.\n",
        encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{NAME}_{ver}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compress}", "--build", str(stage),
                    str(deb)], check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", type=Path, default=ROOT / "build", help="work folder")
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    p.add_argument("--no-deb", action="store_true", help="freeze the folder only")
    p.add_argument("--deb-only", action="store_true", help="pack an existing dist folder")
    p.add_argument("--compress", default="gzip", choices=("gzip", "xz", "zstd", "none"),
                   help="compression of the .deb (default gzip: fast; xz: smallest)")
    args = p.parse_args(argv)
    i18n, icons = args.build / "i18n", args.build / "icons"
    folder = args.dist / NAME
    t = step("compiling translations")
    compile_translations(i18n)
    pngs = render_icons(icons)
    if not args.deb_only:
        t = step("freezing the one-folder program (PyInstaller)")
        folder = freeze(args.build, args.dist, i18n, icons / f"{NAME}.ico")
        print(f"    {time.monotonic() - t:.0f} s")
    if sys.platform == "linux":
        step("leaving the system's libraries to the system")
        unbundle_system(folder)
    problems = check_bundle(folder)
    if sys.platform == "linux":
        problems += system_problems(folder)
    size_mib = folder_size(folder) / 2**20
    print(f"    {folder}: {size_mib:.0f} MiB")
    if problems:
        print("\n".join(f"BUNDLE PROBLEM: {x}" for x in problems), file=sys.stderr)
        return 1
    if args.no_deb or sys.platform != "linux":
        return 0
    t = step("making the .deb (dpkg-deb)")
    deb = build_deb(folder, pngs, args.dist, args.build, args.compress)
    print(f"    {deb}: {deb.stat().st_size / 2**20:.0f} MiB in {time.monotonic() - t:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
