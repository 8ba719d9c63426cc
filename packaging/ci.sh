#!/usr/bin/env bash
# CI step for packaging: build the one-folder program and the .deb, check the .deb's
# contents, run the clean-room proof (packaging/clean_room.sh: a fresh Debian root, the
# .deb installed with apt-get and its Depends, the installed program, the README's
# commands), and compile the Windows installer script with makensis.
#
#   packaging/ci.sh [PYTHON]        (default: .venv/bin/python)
#
# Needs: the project installed with the packaging extra (pip install -e .[packaging]),
# dpkg-deb (dpkg), root and mmdebstrap for the clean room, and makensis (Debian package
# nsis) for the last step.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${1:-$ROOT/.venv/bin/python}"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
start=$SECONDS

"$PY" packaging/build.py --build "$WORK/build" --dist "$WORK/dist"
DEB="$(ls "$WORK"/dist/yard-console_*.deb)"
dpkg-deb --info "$DEB" | sed -n '1,/Description/p'
# Listings read whole first: `grep -q` on a pipe would end dpkg-deb with SIGPIPE (pipefail).
CONTENTS="$(dpkg-deb --contents "$DEB")"
CONTROL="$(dpkg-deb --ctrl-tarfile "$DEB" | tar -t)"
grep -E ' \./(usr/bin/yard-console|usr/share/applications/yard-console\.desktop|usr/share/icons/hicolor/256x256/apps/yard-console\.png|opt/yard-console/_internal/resources/i18n/yard_console_zh_TW\.qm)' \
    <<< "$CONTENTS" | wc -l | grep -qx 4 \
    || { echo "the .deb lacks the command, desktop entry, icon or catalogue"; exit 1; }
grep -qE ' \./usr/lib/systemd/system/yard-console-headless\.service$' <<< "$CONTENTS" \
    || { echo "the .deb lacks the headless service's unit"; exit 1; }
[ "$(grep -cE '^\./(postinst|prerm|postrm)$' <<< "$CONTROL")" = 3 ] \
    || { echo "the .deb lacks its maintainer scripts"; exit 1; }

echo "==> the clean-room proof (a fresh Debian root, apt-get install without --force, the README)"
# Every run of the installed program has a time limit inside the script: a hang fails the step.
if [ "$(id -u)" = 0 ] && { command -v mmdebstrap || command -v debootstrap; } >/dev/null; then
    bash packaging/clean_room.sh "$DEB" "$ROOT"
else
    echo "clean room not run: needs root and mmdebstrap (apt-get install mmdebstrap)"
    [ -z "${CI:-}" ] || exit 1
fi
VERSION_LINE="yard-console $("$PY" -c 'import console; print(console.__version__)')"

echo "==> the Windows installer script compiles (against a stand-in folder)"
if command -v makensis >/dev/null; then
    STANDIN="$WORK/win"
    mkdir -p "$STANDIN/_internal"
    cp -r "$WORK/dist/yard-console/_internal/resources" "$STANDIN/_internal/"
    echo stand-in > "$STANDIN/yard-console.exe"
    echo stand-in > "$STANDIN/yard-console-window.exe"
    makensis -V2 -DVERSION="${VERSION_LINE#yard-console }" -DBUNDLE="$STANDIN" \
        -DICON="$WORK/build/icons/yard-console.ico" -DOUTFILE="$WORK/yard-console-setup.exe" \
        packaging/windows/yard-console.nsi
    test -s "$WORK/yard-console-setup.exe"
else
    echo "makensis not installed (apt-get install nsis): Windows script not checked"
    [ -z "${CI:-}" ] || exit 1
fi
echo "==> packaging CI passed in $((SECONDS - start)) s"
