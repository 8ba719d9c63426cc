#!/usr/bin/env bash
# CI step for packaging: build the one-folder program and the .deb, install the .deb
# into a scratch root, run the installed `yard-console --version` and `self-test`
# offscreen, and check that the Windows installer script compiles.
#
#   packaging/ci.sh [PYTHON]        (default: .venv/bin/python)
#
# Needs: the project installed with the packaging extra (pip install -e .[packaging]),
# dpkg-deb (dpkg), and makensis (Debian package nsis) for the last step.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${1:-$ROOT/.venv/bin/python}"
cd "$ROOT"
WORK="$(mktemp -d)"
SIM=""
trap 'if [ -n "$SIM" ]; then kill "$SIM" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
start=$SECONDS

"$PY" packaging/build.py --build "$WORK/build" --dist "$WORK/dist"
DEB="$(ls "$WORK"/dist/yard-console_*.deb)"
dpkg-deb --info "$DEB" | sed -n '1,/Description/p'
dpkg-deb --contents "$DEB" | grep -E ' \./(usr/bin/yard-console|usr/share/applications/yard-console\.desktop|usr/share/icons/hicolor/256x256/apps/yard-console\.png|opt/yard-console/_internal/resources/i18n/yard_console_zh_TW\.qm)' \
    | wc -l | grep -qx 4 || { echo "the .deb lacks the command, desktop entry, icon or catalogue"; exit 1; }

echo "==> installing the .deb into a scratch root"
ROOTFS="$WORK/root"
mkdir -p "$ROOTFS/var/lib/dpkg/info" "$ROOTFS/var/lib/dpkg/updates"
touch "$ROOTFS/var/lib/dpkg/status"
dpkg --instdir="$ROOTFS" --admindir="$ROOTFS/var/lib/dpkg" --force-depends \
    --force-not-root --force-script-chrootless -i "$DEB"
dpkg --admindir="$ROOTFS/var/lib/dpkg" -s yard-console | grep -q '^Status: install ok installed'
INSTALLED="$ROOTFS/usr/bin/yard-console"

echo "==> the installed program, with no Python environment around it"
# Every run of the installed program has a time limit: a hang fails the step instead of CI.
CLEAN_ENV=(timeout -k 10 240 env -i "PATH=/usr/bin:/bin" "HOME=$WORK/home" "LANG=C.UTF-8"
           "QT_QPA_PLATFORM=offscreen")
VERSION_LINE="$("${CLEAN_ENV[@]}" "$INSTALLED" --version)"
echo "$VERSION_LINE"
[[ "$VERSION_LINE" == "yard-console "* ]] || { echo "unexpected --version: $VERSION_LINE"; exit 1; }
"${CLEAN_ENV[@]}" "$INSTALLED" self-test --seconds 3
"${CLEAN_ENV[@]}" "$INSTALLED" config init --config "$WORK/home/config.toml" \
    --feed ws://127.0.0.1:9/terminal --station WS-CI
"${CLEAN_ENV[@]}" "$INSTALLED" config check --config "$WORK/home/config.toml"

echo "==> the installed doctor against the installed simulator"
"${CLEAN_ENV[@]}" "$INSTALLED" simulate --port 0 --media-port 0 --heartbeat 1 --start now \
    > "$WORK/sim.out" 2> "$WORK/sim.err" &
SIM=$!
for _ in $(seq 100); do grep -q '^clearance feed' "$WORK/sim.out" && break; sleep 0.2; done
TERMINAL_URL="$(awk '/^terminal feed/ {print $3}' "$WORK/sim.out")"
CLEARANCE_URL="$(awk '/^clearance feed/ {print $3}' "$WORK/sim.out")"
[ -n "$CLEARANCE_URL" ] || { echo "the installed simulator did not start:"; cat "$WORK/sim.err"; exit 1; }
"${CLEAN_ENV[@]}" "$INSTALLED" config init --force --config "$WORK/home/config.toml" \
    --feed "$TERMINAL_URL" --station WS-CI
printf '[[feed]]\nurl = "%s"\nrole = "clearance"\n' "$CLEARANCE_URL" >> "$WORK/home/config.toml"
"${CLEAN_ENV[@]}" "$INSTALLED" doctor --config "$WORK/home/config.toml" --no-cameras
kill "$SIM"; wait "$SIM" || true; SIM=""

echo "==> the installed window, offscreen, on the embedded simulator"
"${CLEAN_ENV[@]}" "$INSTALLED" demo --exit-after 5 --lang zh_TW \
    --state-json "$WORK/state.json" --settings "$WORK/home/window.ini"
"$PY" -c 'import json, sys; s = json.load(open(sys.argv[1])); \
assert s["language"] == "zh_TW" and s["internal_errors"] == 0, s; print("window state:", \
{k: s[k] for k in ("language", "internal_errors", "events_seen")})' "$WORK/state.json"

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
