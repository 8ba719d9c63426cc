#!/usr/bin/env bash
# Clean-room proof: the .deb and the README's first command on a Debian that has never seen
# the console. Builds a minimal Debian root from Debian's packages (mmdebstrap, else
# debootstrap), copies it twice, and inside:
#
#   1. the package: `apt-get install ./yard-console_….deb` (no --force: the Depends must be
#      right), then the installed --version, the service account and the shared folders with
#      their permissions, self-test, config init/check and doctor against the installed
#      simulator as an officer of the console's group, the window offscreen, and a purge that
#      keeps the customs record;
#   2. the README: its apt line for a fresh Debian, then its two commands exactly as written,
#      on Debian's plain Python: the first must open the window (seen on an X server), the
#      second must install the test tools and run pytest (PYTEST_ADDOPTS picks a short
#      subset; the whole suite runs in CI's own step).
#
#   packaging/clean_room.sh DEB [SOURCE_TREE]      (as root; SOURCE_TREE defaults to this one)
#
# Prints the install time, the package size and the installed size. Environment:
# CLEAN_ROOM_SUITE (bookworm), CLEAN_ROOM_MIRROR (http://deb.debian.org/debian),
# CLEAN_ROOM_PYTEST (the PYTEST_ADDOPTS of step 2; "" runs the whole suite), CLEAN_ROOM_BASE
# (a pristine root made earlier, copied instead of building one: for trying the script).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DEB="$(realpath "$1")"
SRC="$(realpath "${2:-$HERE/..}")"
SUITE="${CLEAN_ROOM_SUITE:-bookworm}"
MIRROR="${CLEAN_ROOM_MIRROR:-http://deb.debian.org/debian}"
PYTEST_SUBSET="${CLEAN_ROOM_PYTEST-tests/e2e/test_readme_commands.py tests/unit/test_config_readiness.py tests/unit/test_architecture.py -q -p no:cacheprovider}"
[ "$(id -u)" = 0 ] || { echo "clean_room.sh needs root (chroot)"; exit 2; }
WORK="$(mktemp -d /tmp/yard-clean-room.XXXXXX)"
MOUNTED=()
PIDFILES=()  # programs started in the background inside a root, stopped at the end
cleanup() {
    for f in "${PIDFILES[@]}"; do
        [ -s "$f" ] || continue
        kill -- "-$(cat "$f")" 2>/dev/null || kill "$(cat "$f")" 2>/dev/null || true
    done
    for m in "${MOUNTED[@]}"; do umount -R -l "$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT
start=$SECONDS

echo "==> clean room: a minimal Debian $SUITE from $MIRROR"
if [ -n "${CLEAN_ROOM_BASE:-}" ]; then  # a root built earlier by this script's command
    cp -a "$CLEAN_ROOM_BASE" "$WORK/base"
elif command -v mmdebstrap >/dev/null; then
    mmdebstrap --quiet --mode=root --variant=apt --include=ca-certificates "$SUITE" \
        "$WORK/base" "deb $MIRROR $SUITE main" \
        "deb http://deb.debian.org/debian-security $SUITE-security main"
else
    debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$WORK/base" "$MIRROR" \
        >/dev/null
fi
cp /etc/resolv.conf "$WORK/base/etc/resolv.conf"
# A site's own certificate authorities (a TLS-inspecting proxy, as in this CI) go with it,
# exactly as an installer adds them to a workstation; nothing else of the host does.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$WORK/base/usr/local/share/ca-certificates/"
    chroot "$WORK/base" update-ca-certificates >/dev/null 2>&1
fi
echo "    root built in $((SECONDS - start)) s"
cp -a "$WORK/base" "$WORK/pkg"
mv "$WORK/base" "$WORK/src"

enter() {  # enter ROOT: mount what programs inside need
    local root="$1"
    mount -t proc proc "$root/proc"; MOUNTED+=("$root/proc")
    mount --rbind /dev "$root/dev"; MOUNTED+=("$root/dev")
}
in_root() {  # in_root ROOT COMMAND...: a clean environment, a time limit
    local root="$1"; shift
    timeout -k 10 900 chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
expect() {  # expect WHAT ACTUAL WANTED
    [ "$2" = "$3" ] || { echo "FAILED: $1: got '$2', wanted '$3'"; exit 1; }
    echo "    ok: $1: $2"
}

# ---------------------------------------------------------------------- 1. the package
echo "==> 1. apt-get install ./$(basename "$DEB") (no --force)"
R="$WORK/pkg"
enter "$R"
cp "$DEB" "$R/tmp/"
in_root "$R" apt-get update -qq
t=$SECONDS
in_root "$R" apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$DEB")" \
    > "$WORK/install.log" 2>&1 || { tail -40 "$WORK/install.log"; exit 1; }
INSTALL_S=$((SECONDS - t))
echo "    installed with its Depends in $INSTALL_S s"
VERSION_LINE="$(in_root "$R" yard-console --version)"
echo "    $VERSION_LINE"
[[ "$VERSION_LINE" == "yard-console "* ]] || { echo "FAILED: --version: $VERSION_LINE"; exit 1; }
expect "service account" "$(in_root "$R" id -gn yard-console)" "yard-console"
expect "shared data folder" "$(in_root "$R" stat -c '%U:%G %a' /var/lib/yard-console)" "yard-console:yard-console 2770"
expect "log folder" "$(in_root "$R" stat -c '%U:%G %a' /var/log/yard-console)" "yard-console:yard-console 2770"
expect "configuration folder" "$(in_root "$R" stat -c '%U:%G %a' /etc/yard-console)" "root:yard-console 2750"
test -f "$R/usr/lib/systemd/system/yard-console-headless.service"
in_root "$R" useradd --create-home --groups yard-console officer
AS_OFFICER=(setpriv --reuid=officer --regid=officer --init-groups env HOME=/home/officer
            QT_QPA_PLATFORM=offscreen)
in_root "$R" "${AS_OFFICER[@]}" yard-console self-test --seconds 3

echo "==> 1. doctor, as an officer, against the installed simulator"
in_root "$R" sh -c 'yard-console simulate --port 0 --media-port 0 --heartbeat 1 --start now \
    > /tmp/sim.out 2>/tmp/sim.err & echo $! > /tmp/sim.pid'
PIDFILES+=("$R/tmp/sim.pid")
for _ in $(seq 150); do grep -q '^clearance feed' "$R/tmp/sim.out" && break; sleep 0.2; done
TERMINAL_URL="$(awk '/^terminal feed/ {print $3}' "$R/tmp/sim.out")"
CLEARANCE_URL="$(awk '/^clearance feed/ {print $3}' "$R/tmp/sim.out")"
[ -n "$CLEARANCE_URL" ] || { echo "FAILED: the installed simulator did not start"; cat "$R/tmp/sim.err"; exit 1; }
in_root "$R" yard-console config init --config /etc/yard-console/config.toml \
    --feed "$TERMINAL_URL" --feed "$CLEARANCE_URL" --station WS-CR
in_root "$R" yard-console config check --config /etc/yard-console/config.toml
in_root "$R" "${AS_OFFICER[@]}" yard-console doctor --no-cameras --json > "$WORK/doctor.json" \
    || { cat "$WORK/doctor.json"; echo "FAILED: doctor"; exit 1; }
kill "$(cat "$R/tmp/sim.pid")" 2>/dev/null || true
grep -q '"detail": "/var/lib/yard-console is writable"' "$WORK/doctor.json" \
    || { cat "$WORK/doctor.json"; echo "FAILED: the officer's console does not use the shared folder"; exit 1; }
echo "    ok: doctor READY; the officer's data folder is /var/lib/yard-console"

echo "==> 1. the installed window, offscreen"
in_root "$R" "${AS_OFFICER[@]}" yard-console demo --exit-after 5 --lang zh_TW \
    --state-json /tmp/state.json --settings /home/officer/window.ini
grep -q '"internal_errors": 0' "$R/tmp/state.json" || { cat "$R/tmp/state.json"; exit 1; }
echo "    ok: window state: $(grep -oE '"(language|internal_errors|events_seen)": [^,]*' "$R/tmp/state.json" | tr '\n' ' ')"
in_root "$R" apt-get purge -y -qq yard-console > /dev/null 2>&1
test -d "$R/var/lib/yard-console" && test ! -e "$R/etc/yard-console" \
    || { echo "FAILED: purge must keep /var/lib/yard-console and remove /etc/yard-console"; exit 1; }
echo "    ok: purge removed /etc/yard-console and kept the customs record in /var/lib/yard-console"

# ---------------------------------------------------------------------- 2. the README
echo "==> 2. the README's commands on Debian's plain Python"
R="$WORK/src"
enter "$R"
mkdir -p "$R/src"
tar -C "$SRC" --exclude=./.venv --exclude=./.git --exclude=./dist --exclude=./build \
    --exclude='*.egg-info' --exclude=__pycache__ -cf - . | tar -C "$R/src" -xf -
readme_block() {  # the N-th ```sh block of the README (1-based), as one line
    awk -v n="$1" '/^```sh$/ {i++; inside = (i == n); next} /^```$/ {inside = 0} inside' \
        "$SRC/README.md" | sed -e ':a' -e '/\\$/N; s/\\\n\s*/ /; ta'
}
APT_LINE="$(grep -m1 '^sudo apt install python3-venv' "$SRC/README.md")"
FIRST="$(readme_block 1)"
SECOND="$(readme_block 2)"
echo "    $APT_LINE"
in_root "$R" apt-get update -qq
in_root "$R" sh -c "${APT_LINE#sudo } -y -qq --no-install-recommends xvfb xauth x11-utils" \
    > "$WORK/apt-line.log" 2>&1 || { tail -30 "$WORK/apt-line.log"; echo "FAILED: the README's apt line"; exit 1; }
echo "    \$ $FIRST"
in_root "$R" sh -c 'Xvfb :25 -screen 0 1920x1080x24 -nolisten tcp >/tmp/xvfb.log 2>&1 & echo $! > /tmp/xvfb.pid'
in_root "$R" sh -c "cd /src && DISPLAY=:25 setsid sh -c \"$FIRST\" > /tmp/first.log 2>&1 & echo \$! > /tmp/first.pid"
PIDFILES+=("$R/tmp/xvfb.pid" "$R/tmp/first.pid")
t=$SECONDS
seen=""
while [ $((SECONDS - t)) -lt 800 ]; do
    if ! kill -0 "$(cat "$R/tmp/first.pid")" 2>/dev/null; then
        tail -30 "$R/tmp/first.log"; echo "FAILED: the README's first command ended"; exit 1
    fi
    if in_root "$R" env DISPLAY=:25 xwininfo -root -tree 2>/dev/null | grep -qi 'yard.console\|智慧櫃場'; then
        seen=yes; break
    fi
    sleep 2
done
FIRST_S=$((SECONDS - t))
kill -- "-$(cat "$R/tmp/first.pid")" 2>/dev/null || true
kill "$(cat "$R/tmp/xvfb.pid")" 2>/dev/null || true
[ -n "$seen" ] || { tail -30 "$R/tmp/first.log"; echo "FAILED: no console window within 800 s"; exit 1; }
if grep -q 'Traceback' "$R/tmp/first.log"; then
    tail -30 "$R/tmp/first.log"; echo "FAILED: a traceback"; exit 1
fi
echo "    ok: the console window is open on the X server after $FIRST_S s (pip install included)"
echo "    \$ $SECOND      (PYTEST_ADDOPTS='$PYTEST_SUBSET')"
t=$SECONDS
in_root "$R" sh -c "cd /src && export PYTEST_ADDOPTS='$PYTEST_SUBSET' && $SECOND" \
    > "$WORK/second.log" 2>&1 || { tail -40 "$WORK/second.log"; echo "FAILED: the README's second command"; exit 1; }
tail -1 "$WORK/second.log"
SECOND_S=$((SECONDS - t))

PKG_MIB=$(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$DEB") / 1048576}")
INSTALLED_MIB=$(awk "BEGIN {printf \"%.1f\", $(dpkg-deb --field "$DEB" Installed-Size) / 1024}")
echo "==> clean room passed in $((SECONDS - start)) s: package $PKG_MIB MiB, installed" \
     "$INSTALLED_MIB MiB, apt-get install ${INSTALL_S} s (with its Depends)," \
     "README first command ${FIRST_S} s, second ${SECOND_S} s"
