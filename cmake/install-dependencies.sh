#!/usr/bin/env bash
# Installs everything Kansoku needs to build, run and test on Debian 12 (as root, or via sudo).
# Used by both README set-up commands, by CI (--tests) and by installers/build-deb.sh (--packaging).
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    # lld links several times faster than GNU ld (cmake/KansokuCompilerSettings.cmake).
    lld
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libxkbcommon-dev libgl-dev
    libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
    libsqlite3-dev zlib1g-dev libzstd-dev libsimdjson-dev libmimalloc-dev
    libqcustomplot-dev libqcustomplot2.1-qt6
    sqlite3 libqt6svg6 qt6-svg-dev
    # lupdate/lrelease (qt6-l10n-tools) and the Qt6LinguistTools CMake package (only in
    # qt6-tools-dev on bookworm) compile the translations in resources/translations/; a CJK font
    # draws the Japanese user interface, whose Qt dialog buttons qt6-translations-l10n translates.
    qt6-l10n-tools qt6-tools-dev fonts-noto-cjk qt6-translations-l10n
)
case "${1:-}" in
--tests)
    # Interop tests run the official OpenTelemetry JS SDK; keep a newer Node when one is present.
    command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
    # groff renders and checks the man page (tests/man/lint_man_page.sh); desktop-file-validate
    # and appstreamcli check the desktop entry and the AppStream metadata (tests/packaging/).
    packages+=(groff-base desktop-file-utils appstream)
    # clang with its libFuzzer and sanitizer runtimes builds the fuzz targets (tests/fuzz).
    packages+=(clang libclang-rt-14-dev)
    # tst_instrumented_app_interop runs its own throwaway PostgreSQL cluster (initdb, postgres).
    packages+=(postgresql)
    ;;
--packaging)
    # installers/build-deb.sh: dpkg-shlibdeps and file compute the package's dependencies,
    # lintian checks the package.
    packages+=(dpkg-dev file lintian)
    ;;
esac

sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
