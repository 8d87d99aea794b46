#!/usr/bin/env bash
# Proves that the Debian package installs and runs on a clean Debian 12 that never built Kansoku:
# debootstraps bookworm (minbase) into a temporary folder, installs the package there with
# `apt install ./kansoku_*.deb` (its own dependencies only, no recommends), and runs, from the
# package, as an unprivileged user:
#   1. kansoku --version, and every shared library of the executable, of the xcb platform plugin
#      and of the SVG icon engine resolves;
#   2. a headless session that receives a training scenario's OTLP requests and stores them;
#      kansoku query reads them back from the session file;
#   3. the window under Xvfb: it must be mapped, painted (a screenshot with many colours, copied
#      next to the package as clean-debian-window.png), have loaded the xcb and SVG icon plugins,
#      stay alive, and quit with status 0 on SIGTERM.
# Only after steps 1-2 are the X test tools (xvfb, xauth, xdotool, imagemagick) installed, so they
# cannot hide a missing dependency of the package. The programs run in a network namespace of
# their own (default ports, nothing reachable from outside). Everything is removed at the end.
#
# Usage, as root:  bash installers/check-deb-in-clean-debian.sh [PACKAGE.deb]
#   (default: the newest build/deb/kansoku_*.deb). Takes minutes: debootstrap downloads about
#   40 MB, the package's dependencies about 60 MB. Environment: KANSOKU_DEBIAN_MIRROR (default
#   http://deb.debian.org/debian); KANSOKU_DEBOOTSTRAP_CACHE, a folder that keeps debootstrap's
#   downloads between runs (default: none, download every time).
# Exit status: 0 every check passed, 1 a check failed, 2 the check could not run.
set -euo pipefail

check_user=kansoku-check
# Inside the chroot this script runs again with --inside STAGE (see the end of the file).
if [ "${1:-}" = "--inside" ]; then
    inside=1
else
    inside=0
fi

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
# Inside the chroot.

stage_install() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    cd /tmp
    # The package's own dependencies only: what apt install pulls without recommends.
    apt install -y -q --no-install-recommends ./kansoku_*.deb
    useradd --create-home "$check_user"
    echo "installed: $(dpkg-query -W -f='${Package} ${Version}' kansoku)," \
         "$(dpkg-query -W -f='${db:Status-Abbrev}\n' | grep -c '^ii') packages in the system"
}

# Runs a command as the unprivileged user with a clean environment. setpriv execs (no child
# process), so `(exec_as_user kansoku ...) &` leaves $! the process id of kansoku itself.
exec_as_user() {
    exec setpriv --reuid="$check_user" --regid="$check_user" --init-groups \
        env -i HOME="/home/$check_user" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
}
as_user() {
    (exec_as_user "$@")
}

check_libraries() {
    local file=$1
    [ -e "$file" ] || fail "$file is missing"
    local missing
    missing=$(ldd "$file" | grep 'not found' || true)
    [ -z "$missing" ] || fail "$file: shared libraries not found: $missing"
    echo "ok: every shared library of $file resolves"
}

stage_command_line() {
    local version
    version=$(as_user kansoku --version) || fail "kansoku --version exited with $?"
    echo "ok: kansoku --version: $version"
    local qt_plugins
    qt_plugins=$(echo /usr/lib/*/qt6/plugins)
    check_libraries /usr/bin/kansoku
    check_libraries "$qt_plugins/platforms/libqxcb.so"
    check_libraries "$qt_plugins/iconengines/libqsvgicon.so"

    local home=/home/$check_user
    : >"$home/headless.log" # exists before the loop below reads it
    (exec_as_user kansoku --headless --db "$home/s.kansoku") >"$home/headless.log" 2>&1 &
    local headless=$!
    local waited=0
    until grep -q '^kansoku ready:' "$home/headless.log"; do
        kill -0 "$headless" 2>/dev/null || { cat "$home/headless.log"; fail "headless exited"; }
        [ "$waited" -lt 60 ] || { cat "$home/headless.log"; fail "headless not ready in 30 s"; }
        sleep 0.5
        waited=$((waited + 1))
    done
    echo "ok: $(grep '^kansoku ready:' "$home/headless.log")"
    as_user kansoku scenario run healthy --history 10 --duration 0 \
        --endpoint http://127.0.0.1:4318 || fail "kansoku scenario run exited with $?"
    kill -TERM "$headless"
    local status=0
    wait "$headless" || status=$?
    [ "$status" = 0 ] || { cat "$home/headless.log"; fail "headless exited with $status on SIGTERM"; }
    echo "ok: the headless session stopped with status 0 on SIGTERM"

    local traces
    traces=$(as_user kansoku query traces --db "$home/s.kansoku" --csv --limit 1000) \
        || fail "kansoku query traces exited with $?"
    local count=$(($(wc -l <<<"$traces") - 1))
    [ "$count" -gt 0 ] || { echo "$traces"; fail "the session holds no traces"; }
    echo "ok: kansoku query traces reads $count traces from the session; the first:"
    head -n 2 <<<"$traces"
    as_user kansoku query services --db "$home/s.kansoku" || fail "kansoku query services failed"
}

stage_install_x_tools() {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends xvfb xauth xdotool imagemagick >/dev/null
    # Xvfb, run by the unprivileged user, expects its socket folder made by root.
    install -d -m 1777 /tmp/.X11-unix
    echo "installed the X test tools (xvfb, xauth, xdotool, imagemagick)"
}

stage_window() {
    local home=/home/$check_user
    cat >"$home/window.sh" <<'WINDOW'
set -u
QT_DEBUG_PLUGINS=1 kansoku --db "$HOME/w.kansoku" >"$HOME/window.log" 2>&1 &
app=$!
if ! window=$(timeout 60 xdotool search --sync --onlyvisible --class '^kansoku$' | head -n 1) \
        || [ -z "$window" ]; then
    echo "no visible Kansoku window within 60 s"
    kill "$app" 2>/dev/null
    exit 1
fi
echo "ok: window $window is mapped: $(xdotool getwindowname "$window")," \
     "$(xdotool getwindowgeometry "$window" | tr -s '\n ' ' ')"
sleep 5  # let it paint, and give a crash at start the time to happen
kill -0 "$app" 2>/dev/null || { echo "kansoku died after mapping its window"; exit 1; }
import -window root "$HOME/window.png"
colours=$(identify -format '%k' "$HOME/window.png")
echo "ok: the screenshot has $colours colours"
[ "$colours" -ge 50 ] || { echo "the window is not painted"; exit 1; }
kill -TERM "$app"
wait "$app"
status=$?
[ "$status" = 0 ] || { echo "kansoku exited with $status on SIGTERM"; exit 1; }
echo "ok: the window quit with status 0 on SIGTERM"
WINDOW
    chown "$check_user:" "$home/window.sh"
    local status=0
    as_user xvfb-run --auto-servernum --server-args='-screen 0 1600x1000x24' \
        bash "$home/window.sh" || status=$?
    if [ "$status" != 0 ]; then
        tail -n 40 "$home/window.log"
        fail "the window check failed"
    fi
    local plugin
    for plugin in platforms/libqxcb.so iconengines/libqsvgicon.so; do
        # QT_DEBUG_PLUGINS: qt.core.library: "/usr/lib/.../platforms/libqxcb.so" loaded library
        grep -q "/$plugin\" loaded library" "$home/window.log" \
            || { grep -i 'loaded\|cannot' "$home/window.log"; fail "Qt did not load $plugin"; }
        echo "ok: Qt loaded $plugin"
    done
    local crashes
    crashes=$(grep -iE 'segmentation|abort|fatal' "$home/window.log" || true)
    [ -z "$crashes" ] || fail "the window's log reports: $crashes"
}

if [ "$inside" = 1 ]; then
    case "${2:-}" in
    install) stage_install ;;
    command-line) stage_command_line ;;
    install-x-tools) stage_install_x_tools ;;
    window) stage_window ;;
    *) echo "unknown stage ${2:-}" >&2; exit 2 ;;
    esac
    exit 0
fi

# ---------------------------------------------------------------------------------------------
# Outside: prepare the clean system, run the stages, clean up.

script=$(realpath "$0")
package=${1:+$(realpath "$1")}
cd "$(dirname "$script")/.."
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and chroot need it)" >&2; exit 2; }
for tool in debootstrap chroot unshare ip mount; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install debootstrap iproute2)" >&2; exit 2; }
done
# shellcheck disable=SC2012 # package names have no odd characters; ls -t sorts by time
package=${package:-$(ls -t "$PWD"/build/deb/kansoku_*.deb 2>/dev/null | head -n 1)}
if [ -z "$package" ] || [ ! -f "$package" ]; then
    echo "no package: run bash installers/build-deb.sh first, or name one" >&2
    exit 2
fi
mirror=${KANSOKU_DEBIAN_MIRROR:-http://deb.debian.org/debian}
started=$SECONDS

root=$(mktemp -d /var/tmp/kansoku-clean-debian.XXXXXX)
chmod 755 "$root" # the system's root folder: mktemp makes it private, and users inside need it
mounts=()
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    local status=$?
    set +e
    # Processes still running in the chroot (a check that failed half-way) would keep it busy.
    local process
    for process in /proc/[0-9]*; do
        if [ "$(readlink "$process/root" 2>/dev/null)" = "$root" ]; then
            kill -KILL "${process#/proc/}" 2>/dev/null
        fi
    done
    local index
    for ((index = ${#mounts[@]} - 1; index >= 0; index--)); do
        umount "${mounts[index]}" 2>/dev/null || umount --lazy "${mounts[index]}"
    done
    rm -rf --one-file-system "$root"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

echo "== debootstrap bookworm (minbase) into $root"
cache=()
if [ -n "${KANSOKU_DEBOOTSTRAP_CACHE:-}" ]; then
    mkdir -p "$KANSOKU_DEBOOTSTRAP_CACHE"
    cache=(--cache-dir="$(realpath "$KANSOKU_DEBOOTSTRAP_CACHE")")
fi
debootstrap --variant=minbase "${cache[@]}" bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -n 20 "$root.debootstrap.log"; rm -f "$root.debootstrap.log"; exit 2; }
rm -f "$root.debootstrap.log"
echo "   done after $((SECONDS - started)) s"

mount_in_root() { # TYPE SOURCE TARGET [OPTIONS]
    mkdir -p "$root/$3"
    mount -t "$1" ${4:+-o "$4"} "$2" "$root/$3"
    mounts+=("$root/$3")
}
mount_in_root proc proc proc
mount_in_root sysfs sysfs sys
mount_in_root devpts devpts dev/pts newinstance,ptmxmode=0666
mount_in_root tmpfs tmpfs dev/shm mode=1777
cp /etc/resolv.conf "$root/etc/resolv.conf"
install -m 644 "$package" "$root/tmp/"
install -m 755 "$script" "$root/root/check-deb-in-clean-debian.sh"

# run_stage NAME [offline]: offline stages get a network namespace with only loopback.
run_stage() {
    echo "== $1"
    if [ "${2:-}" = offline ]; then
        # shellcheck disable=SC2016 # expanded by the inner sh, from its arguments
        unshare --net sh -c 'ip link set lo up && exec chroot "$1" /bin/bash "$2" --inside "$3"' \
            sh "$root" /root/check-deb-in-clean-debian.sh "$1"
    else
        chroot "$root" /bin/bash /root/check-deb-in-clean-debian.sh --inside "$1"
    fi
}
status=0
{
    run_stage install &&
    run_stage command-line offline &&
    run_stage install-x-tools &&
    run_stage window offline &&
    cp "$root/home/$check_user/window.png" "$(dirname "$package")/clean-debian-window.png"
} || status=$?
if [ "$status" = 0 ]; then
    echo "PASSED: $(basename "$package") installs and runs on a clean Debian 12" \
         "($((SECONDS - started)) s; screenshot: $(dirname "$package")/clean-debian-window.png)"
else
    echo "FAILED: $(basename "$package") on a clean Debian 12 (after $((SECONDS - started)) s)"
    status=1
fi
exit "$status"
